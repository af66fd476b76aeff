"""Date fields people can type into the way they write dates: "08122026", "8/12/2026",
"8-12-26" and "8.12.2026" all mean 8 December 2026. An empty field's calendar opens at
today, and every date is shown in the one form the lists, the audit trail and the status
bar use (labels.when): 08/12/2026 09:15.

Qt's QDateEdit is not used: it types into sections (in an empty field digits land after the
"—" of the empty value, in a filled one the day and year sections ignore what is typed)."""

from __future__ import annotations

import re
from datetime import date, datetime, time

from PySide6.QtCore import QDate, QRegularExpression, Qt, QTime, Signal
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import (
    QCalendarWidget,
    QFrame,
    QHBoxLayout,
    QLineEdit,
    QTimeEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from okudesk.gui.i18n import tr

_SEPARATORS = re.compile(r"\s*[/.\-\s]\s*")


def parse_date(text: str, today: date | None = None) -> date | None:
    """The date a person typed (day first); None for nothing typed, ValueError for text that
    is not a date (31/02/2026, 8/13/2026, letters)."""
    t = (text or "").strip()
    if not t:
        return None
    today = today or date.today()
    if t.isdigit():
        if len(t) in (6, 8):  # ddmmyy, ddmmyyyy
            d, m, y = t[:2], t[2:4], t[4:]
        elif len(t) == 4:  # ddmm: this year
            d, m, y = t[:2], t[2:], str(today.year)
        else:
            raise ValueError(t)
    else:
        parts = _SEPARATORS.split(t)
        if len(parts) == 2:
            parts.append(str(today.year))
        if len(parts) != 3 or not all(p.isdigit() for p in parts):
            raise ValueError(t)
        d, m, y = parts
    if len(y) == 2:
        year = 2000 + int(y)
    elif len(y) == 4:
        year = int(y)
    else:
        raise ValueError(t)
    return date(year, int(m), int(d))


def date_text(value: date | None) -> str:
    return value.strftime("%d/%m/%Y") if value else ""


class _CalendarPopup(QFrame):
    def __init__(self, owner: DateBox):
        super().__init__(owner, Qt.WindowType.Popup)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        v = QVBoxLayout(self)
        v.setContentsMargins(2, 2, 2, 2)
        self.calendar = QCalendarWidget()
        self.calendar.setGridVisible(True)
        v.addWidget(self.calendar)
        self.calendar.clicked.connect(lambda d: owner.picked(d.toPython()))
        self.calendar.activated.connect(lambda d: owner.picked(d.toPython()))


class DateBox(QWidget):
    """A date that may be empty; typed or picked from a calendar. ``dateChanged`` carries
    the new date (or None) whenever the value changes."""

    dateChanged = Signal(object)

    def __init__(self, parent=None):
        super().__init__(parent)
        h = QHBoxLayout(self)
        h.setContentsMargins(0, 0, 0, 0)
        h.setSpacing(2)
        self.edit = QLineEdit()
        self.edit.setPlaceholderText(tr("hh/bb/tttt"))
        self.edit.setValidator(
            QRegularExpressionValidator(QRegularExpression(r"[0-9/.\- ]{0,14}"), self.edit)
        )
        width = self.edit.fontMetrics().horizontalAdvance("00/00/00000") + 40  # + clear button
        self.edit.setMinimumWidth(width)
        self.edit.setMaximumWidth(width + 40)
        self.edit.setClearButtonEnabled(True)
        self.button = QToolButton()
        self.button.setText("▾")
        self.button.setToolTip(tr("Pilih dari kalender"))
        self.button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        h.addWidget(self.edit, 1)
        h.addWidget(self.button)
        self.setFocusProxy(self.edit)
        self._value: date | None = None
        self.popup: _CalendarPopup | None = None
        self.edit.textChanged.connect(self._typed)
        self.edit.editingFinished.connect(self._tidy)
        self.button.clicked.connect(self.open_calendar)

    # --- value ----------------------------------------------------------------------------------

    def value(self) -> date | None:
        return self._value

    def set_value(self, value: date | None) -> None:
        if isinstance(value, datetime):
            value = value.date()
        self.edit.setText(date_text(value))  # _typed sets the value and says so

    def problem(self) -> str:
        """What is wrong with the typed text ("" when it is a date or empty)."""
        try:
            parse_date(self.edit.text())
        except ValueError:
            return tr("Tanggal {text} tidak dikenali; tulis seperti 08/12/2026").format(
                text=self.edit.text().strip()
            )
        return ""

    def _typed(self, text: str) -> None:
        try:
            value = parse_date(text)
        except ValueError:
            value = None
            self.edit.setStyleSheet("QLineEdit { border: 1px solid #b71c1c; }")
            self.edit.setToolTip(self.problem())
        else:
            self.edit.setStyleSheet("")
            self.edit.setToolTip("")
        if value != self._value:
            self._value = value
            self.dateChanged.emit(value)

    def _tidy(self) -> None:
        """Once typing is done, a recognised date is shown in the one form (08/12/2026)."""
        if self._value is not None and self.edit.text() != date_text(self._value):
            self.edit.setText(date_text(self._value))

    # --- calendar -------------------------------------------------------------------------------

    def open_calendar(self) -> None:
        if self.popup is None:
            self.popup = _CalendarPopup(self)
        start = self._value or date.today()  # an empty field opens at today, not at 2000
        self.popup.calendar.setSelectedDate(QDate(start))
        self.popup.calendar.setCurrentPage(start.year, start.month)
        self.popup.adjustSize()
        below = self.mapToGlobal(self.rect().bottomLeft())
        screen = self.screen().availableGeometry() if self.screen() else None
        x, y = below.x(), below.y()
        if screen is not None:  # keep the calendar on the screen
            x = max(screen.left(), min(x, screen.right() - self.popup.width()))
            if y + self.popup.height() > screen.bottom():
                y = self.mapToGlobal(self.rect().topLeft()).y() - self.popup.height()
        self.popup.move(x, y)
        self.popup.show()
        self.popup.calendar.setFocus()

    def picked(self, value: date) -> None:
        if self.popup is not None:
            self.popup.hide()
        self.set_value(value)
        self.edit.setFocus()


class DateTimeBox(QWidget):
    """A date and a time of day; ``optional`` ones may be empty. ``dateTimeChanged`` carries
    the new value (or None)."""

    dateTimeChanged = Signal(object)

    def __init__(self, optional: bool = False, parent=None):
        super().__init__(parent)
        self.optional = optional
        h = QHBoxLayout(self)
        h.setContentsMargins(0, 0, 0, 0)
        h.setSpacing(4)
        self.date = DateBox()
        self.time = QTimeEdit()
        self.time.setDisplayFormat("HH:mm")
        h.addWidget(self.date)
        h.addWidget(self.time)
        h.addStretch(1)
        self.setFocusProxy(self.date)
        self.date.dateChanged.connect(lambda _d: self.dateTimeChanged.emit(self.value()))
        self.time.timeChanged.connect(lambda _t: self.dateTimeChanged.emit(self.value()))
        if not optional:
            self.set_value(None)

    def value(self) -> datetime | None:
        day = self.date.value()
        if day is None:
            return None
        t = self.time.time()
        return datetime.combine(day, time(t.hour(), t.minute()))

    def set_value(self, value: datetime | None) -> None:
        if value is None and not self.optional:
            value = datetime.now().replace(second=0, microsecond=0)
        self.time.blockSignals(True)
        self.time.setTime(QTime(value.hour, value.minute) if value else QTime(0, 0))
        self.time.blockSignals(False)
        self.date.set_value(value.date() if value else None)
        self.dateTimeChanged.emit(self.value())

    def problem(self) -> str:
        if not self.optional and not self.date.edit.text().strip():
            return ""  # the core says the field is required
        return self.date.problem()
