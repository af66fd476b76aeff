"""Building blocks shared by the forms: field error labels, the kecamatan -> desa picker,
the stakeholder picker, officer checklist, follow-up rows and the photo strip."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from PySide6.QtCore import (
    QSize,
    QStringListModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QIcon, QImage, QKeySequence, QPixmap, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from okudesk.gui import messages
from okudesk.gui.dates import DateBox
from okudesk.gui.i18n import tr
from okudesk.gui.messages import ErrorLabel
from okudesk.gui.operations import WriteOp, hub
from okudesk.gui.operations import photos as photo_ops
from okudesk.gui.operations import reference as reference_ops
from okudesk.gui.pages.base import Combo


class FieldForm(QFormLayout):
    """A form layout whose rows can show the core's validation message under the field."""

    def __init__(self):
        super().__init__()
        self.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        self.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.errors: dict[str, ErrorLabel] = {}
        self.widgets: dict[str, QWidget] = {}
        self.inputs: dict[str, QWidget] = {}  # the widgets add_field made for plain fields

    def add_field(
        self,
        record: str,
        name: str,
        widget: QWidget | None = None,
        *,
        label: str | None = None,
        height: int = 70,
        required: bool | None = None,
    ) -> QWidget:
        """A row for one field of a record's field table: its label from the table (unless
        ``label``), and ``widget`` or one made for the field's kind (kept in ``inputs``:
        read and filled by :func:`input_value` and :func:`set_input_value`)."""
        from okudesk.core.records import fields
        from okudesk.gui import labels

        spec = fields.record(record)[name]
        if widget is None:
            kind = spec.kind
            if kind is fields.Kind.LONG_TEXT:
                widget = text_edit(height)
            elif kind is fields.Kind.NUMBER:
                widget = QSpinBox()
                widget.setRange(0, 100000)
            elif kind is fields.Kind.TEXT:
                widget = QLineEdit()
            else:
                raise TypeError(f"{record}.{name}: a {kind.value} field needs its own widget")
            self.inputs[name] = widget
        text = label if label is not None else labels.field(record, name)
        if spec.required if required is None else required:
            text += " *"  # the form's note says what the star means
        return self.add(text, widget, name)

    def add(self, label: str, widget: QWidget, field: str | None = None) -> QWidget:
        if field is None:
            self.addRow(label, widget)
            return widget
        box = QWidget()
        v = QVBoxLayout(box)
        v.setContentsMargins(0, 0, 0, 0)
        v.setSpacing(2)
        v.addWidget(widget)
        error = ErrorLabel()
        v.addWidget(error)
        self.errors[field] = error
        self.widgets[field] = widget
        self.addRow(label, box)
        signal = change_signal(widget)
        if signal is not None:  # the message is about what was there: it goes once that changes
            signal.connect(lambda *_a, error=error: error.show_text(""))
        return widget


CHANGE_SIGNALS = (
    "textChanged",
    "currentIndexChanged",
    "dateTimeChanged",
    "dateChanged",
    "valueChanged",
    "changed",
)


def change_signal(widget: QWidget):
    """The signal a field's widget sends when the person changes it (None if none)."""
    for name in CHANGE_SIGNALS:
        if hasattr(widget, name):
            return getattr(widget, name)
    return None


def input_value(widget: QWidget) -> object:
    """The value of a widget :meth:`FieldForm.add_field` made."""
    if isinstance(widget, QPlainTextEdit):
        return widget.toPlainText()
    if isinstance(widget, QSpinBox):
        return widget.value()
    if isinstance(widget, QLineEdit):
        return widget.text()
    raise TypeError(widget)


def set_input_value(widget: QWidget, value: object) -> None:
    if isinstance(widget, QPlainTextEdit):
        widget.setPlainText(str(value or ""))
    elif isinstance(widget, QSpinBox):
        widget.setValue(int(value or 0))
    elif isinstance(widget, QLineEdit):
        widget.setText(str(value or ""))
    else:
        raise TypeError(widget)


def text_edit(height: int = 70) -> QPlainTextEdit:
    w = QPlainTextEdit()
    w.setTabChangesFocus(True)
    w.setMinimumHeight(height)
    return w


class PlacePicker(QWidget):
    """Kecamatan, then the desa of that kecamatan, with "add desa" inline."""

    changed = Signal()

    def __init__(self):
        super().__init__()
        h = QHBoxLayout(self)
        h.setContentsMargins(0, 0, 0, 0)
        self.kecamatan = Combo(tr("(pilih kecamatan)"))
        self.desa = Combo(tr("(pilih desa)"))
        self.add_desa = QPushButton(tr("+ Desa"))
        self.add_desa.setToolTip(tr("Tambah desa/kelurahan baru di kecamatan ini"))
        self.add_desa.setEnabled(False)
        from okudesk.gui.pages.base import current_actor

        actor = current_actor()  # a new desa is reference data: not offered to who may not add it
        self.add_desa.setVisible(actor is not None and actor.may("reference.write"))
        h.addWidget(self.kecamatan, 1)
        h.addWidget(self.desa, 1)
        h.addWidget(self.add_desa)
        self._all_desa: list = []
        self._want_desa: str | None = None
        self.kecamatan.currentIndexChanged.connect(self._kecamatan_changed)
        self.desa.currentIndexChanged.connect(self.changed)
        self.add_desa.clicked.connect(self.ask_new_desa)

    def load(self, kecamatan: list, desa: list) -> None:
        self._all_desa = desa
        self.kecamatan.set_items([(k.id, k.name) for k in kecamatan])
        self._kecamatan_changed()

    def _kecamatan_changed(self) -> None:
        kid = self.kecamatan.current_id()
        self.desa.set_items(
            [(d.id, d.name) for d in self._all_desa if d.parent_id == kid], keep=False
        )
        if self._want_desa:
            self.desa.set_current_id(self._want_desa)
            self._want_desa = None
        self.add_desa.setEnabled(kid is not None)
        self.changed.emit()

    def set_value(self, kecamatan_id: str | None, desa_id: str | None) -> None:
        self._want_desa = desa_id
        self.kecamatan.blockSignals(True)
        self.kecamatan.set_current_id(kecamatan_id)
        self.kecamatan.blockSignals(False)
        self._kecamatan_changed()

    def value(self) -> tuple[str | None, str | None]:
        return self.kecamatan.current_id(), self.desa.current_id()

    def ask_new_desa(self) -> None:
        kid = self.kecamatan.current_id()
        if kid is None:
            return
        name = messages.text_input(
            self,
            tr("Desa baru"),
            tr("Nama desa/kelurahan di kecamatan {k}:").format(k=self.kecamatan.currentText()),
        )
        if not name or not name.strip():
            return

        def done(result) -> None:
            new_id, desa = result
            self._all_desa = desa
            self.set_value(kid, new_id)

        reference_ops.add_desa(parent=self, kecamatan_id=kid, name=name).success(done).run()


@dataclass
class Choice:
    id: str
    text: str


class StakeholderPicker(QWidget):
    """Search the directory by typing (name, organisation, type); Enter or a click on a
    suggestion adds the person; "+ Tokoh baru" adds someone new to the directory inline."""

    changed = Signal()

    def __init__(self):
        super().__init__()
        v = QVBoxLayout(self)
        v.setContentsMargins(0, 0, 0, 0)
        h = QHBoxLayout()
        self.search = QLineEdit()
        self.search.setPlaceholderText(tr("Ketik nama, organisasi atau jenis tokoh…"))
        self.new_button = QPushButton(tr("+ Tokoh baru"))
        h.addWidget(self.search, 1)
        h.addWidget(self.new_button)
        v.addLayout(h)
        self.chosen = QListWidget()
        self.chosen.setMaximumHeight(110)
        self.chosen.setToolTip(tr("Tekan Delete untuk menghapus dari daftar"))
        v.addWidget(self.chosen)
        self._choices: dict[str, Choice] = {}  # text -> choice
        self._model = QStringListModel()
        self.completer = QCompleter(self._model, self)
        self.completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.completer.setMaxVisibleItems(12)
        self.search.setCompleter(self.completer)
        self.completer.activated[str].connect(self._add_text)
        self.search.returnPressed.connect(self._enter)
        self.new_button.clicked.connect(self.add_new)
        QShortcut(QKeySequence(Qt.Key.Key_Delete), self.chosen, activated=self.remove_current)
        self.types: list = []
        self.desa: list = []

    def load(self, stakeholders: list, types: list, desa: list) -> None:
        self.types, self.desa = types, desa
        self._choices = {}
        for s in stakeholders:
            detail = " / ".join(x for x in (s.type_name, s.organisation) if x)
            text = f"{s.name} ({detail})" if detail else s.name
            self._choices[text] = Choice(s.id, text)
        self._model.setStringList(sorted(self._choices))

    def _enter(self) -> None:
        typed = self.search.text().strip().lower()
        if not typed:
            return
        matches = [t for t in self._choices if typed in t.lower()]
        exact = [t for t in matches if t.lower() == typed or t.lower().startswith(typed + " (")]
        if len(exact) == 1:
            self._add_text(exact[0])
        elif len(matches) == 1:
            self._add_text(matches[0])

    def _add_text(self, text: str) -> None:
        choice = self._choices.get(text)
        if choice is None:
            return
        self.add(choice.id, choice.text)
        self.search.clear()

    def add(self, stakeholder_id: str, text: str) -> None:
        if stakeholder_id in self.ids():
            return
        item = QListWidgetItem(text)
        item.setData(Qt.ItemDataRole.UserRole, stakeholder_id)
        self.chosen.addItem(item)
        self.changed.emit()

    def remove_current(self) -> None:
        row = self.chosen.currentRow()
        if row >= 0:
            self.chosen.takeItem(row)
            self.changed.emit()

    def ids(self) -> list[str]:
        return [
            self.chosen.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.chosen.count())
        ]

    def set_value(self, attendees) -> None:
        self.chosen.clear()
        for a in attendees:
            text = f"{a.name} ({a.detail})" if a.detail else a.name
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, a.id)
            self.chosen.addItem(item)

    def add_new(self) -> None:
        from okudesk.gui.forms.stakeholder_form import StakeholderDialog

        dialog = StakeholderDialog(
            self, types=self.types, desa=self.desa, name=self.search.text().strip()
        )
        dialog.saved.connect(self._created)
        dialog.open()

    def _created(self, info) -> None:
        detail = " / ".join(x for x in (info.type_name, info.organisation) if x)
        text = f"{info.name} ({detail})" if detail else info.name
        self._choices[text] = Choice(info.id, text)
        self._model.setStringList(sorted(self._choices))
        self.add(info.id, text)
        self.search.clear()


class OfficerChecklist(QListWidget):
    changed = Signal()

    def __init__(self):
        super().__init__()
        self.setMaximumHeight(120)
        self.itemChanged.connect(lambda _i: self.changed.emit())

    def load(self, officers: list) -> None:
        self.blockSignals(True)
        self.clear()
        for o in officers:
            item = QListWidgetItem(f"{o.display} - {o.position}" if o.position else o.display)
            item.setData(Qt.ItemDataRole.UserRole, o.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.addItem(item)
        self.blockSignals(False)

    def set_value(self, ids: list[str]) -> None:
        self.blockSignals(True)
        for i in range(self.count()):
            item = self.item(i)
            item.setCheckState(
                Qt.CheckState.Checked
                if item.data(Qt.ItemDataRole.UserRole) in ids
                else Qt.CheckState.Unchecked
            )
        self.blockSignals(False)

    def ids(self) -> list[str]:
        return [
            self.item(i).data(Qt.ItemDataRole.UserRole)
            for i in range(self.count())
            if self.item(i).checkState() == Qt.CheckState.Checked
        ]


class FollowUpRows(QWidget):
    """Follow-up rows: what / who (officer or free text) / due date."""

    changed = Signal()

    def __init__(self):
        super().__init__()
        v = QVBoxLayout(self)
        v.setContentsMargins(0, 0, 0, 0)
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels(
            [tr("Tindak lanjut"), tr("Petugas"), tr("Penanggung jawab lain"), tr("Batas waktu")]
        )
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for col, width in ((1, 190), (2, 170), (3, 120)):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.Interactive)
            self.table.setColumnWidth(col, width)
        self.table.verticalHeader().setVisible(False)
        self.table.setMinimumHeight(140)
        v.addWidget(self.table)
        h = QHBoxLayout()
        self.add_button = QPushButton(tr("+ Tambah tindak lanjut"))
        self.remove_button = QPushButton(tr("Hapus baris"))
        h.addWidget(self.add_button)
        h.addWidget(self.remove_button)
        h.addStretch(1)
        v.addLayout(h)
        self.error = ErrorLabel()
        v.addWidget(self.error)
        self.officers: list = []
        self._ids: list[str | None] = []
        self.add_button.clicked.connect(lambda: self.add_row())
        self.remove_button.clicked.connect(self.remove_row)
        self.table.itemChanged.connect(lambda _i: self.changed.emit())

    def add_row(
        self,
        what: str = "",
        officer_id: str | None = None,
        responsible: str = "",
        due: date | None = None,
        fid: str | None = None,
    ) -> int:
        row = self.table.rowCount()
        self.table.insertRow(row)
        self.table.setItem(row, 0, QTableWidgetItem(what))
        officer = Combo(tr("(tidak ada)"))
        officer.set_items([(o.id, o.display) for o in self.officers])
        officer.set_current_id(officer_id)
        officer.currentIndexChanged.connect(self.changed)
        self.table.setCellWidget(row, 1, officer)
        self.table.setItem(row, 2, QTableWidgetItem(responsible))
        due_box = DateBox()
        due_box.set_value(due)
        due_box.dateChanged.connect(self.changed)
        self.table.setCellWidget(row, 3, due_box)
        wide = due_box.sizeHint().width() + 4  # the whole date and its calendar button
        if self.table.columnWidth(3) < wide:
            self.table.setColumnWidth(3, wide)
        self._ids.append(fid)
        self.changed.emit()
        return row

    def remove_row(self) -> None:
        row = self.table.currentRow()
        if row >= 0:
            self.table.removeRow(row)
            self._ids.pop(row)
            self.changed.emit()

    def set_value(self, follow_ups) -> None:
        self.table.setRowCount(0)
        self._ids = []
        for f in follow_ups:
            self.add_row(f.what, f.officer_id, f.responsible, f.due_date, f.id)

    def value(self) -> list:
        from okudesk.core.records.followups import FollowUpInput

        items = []
        for row in range(self.table.rowCount()):
            what = (self.table.item(row, 0).text() if self.table.item(row, 0) else "").strip()
            responsible = (
                self.table.item(row, 2).text() if self.table.item(row, 2) else ""
            ).strip()
            officer_id = self.table.cellWidget(row, 1).current_id()
            due = self.table.cellWidget(row, 3).value()
            if not what and not responsible and officer_id is None and due is None:
                continue  # an empty row is not a follow-up
            items.append(
                FollowUpInput(
                    what=what,
                    responsible=responsible,
                    officer_id=officer_id,
                    due_date=due,
                    id=self._ids[row],
                )
            )
        return items


THUMB = 128


class PhotoStrip(QWidget):
    """Photos of a record: thumbnails with editable captions, "add" by file picker or by
    dragging files onto the strip. New photos are only stored when the form is saved."""

    changed = Signal()

    def __init__(self):
        super().__init__()
        self.setAcceptDrops(True)
        v = QVBoxLayout(self)
        v.setContentsMargins(0, 0, 0, 0)
        self.list = QListWidget()
        self.list.setViewMode(QListWidget.ViewMode.IconMode)
        self.list.setIconSize(QSize(THUMB, THUMB))
        self.list.setGridSize(QSize(THUMB + 40, THUMB + 44))
        self.list.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.list.setMovement(QListWidget.Movement.Static)
        self.list.setWordWrap(True)
        self.list.setMinimumHeight(THUMB + 60)
        self.list.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.SelectedClicked
        )
        self.list.setAcceptDrops(False)
        v.addWidget(self.list)
        hint = QLabel(
            tr(
                'Seret berkas foto ke sini, atau klik "Tambah foto". Klik dua kali pada foto '
                "untuk mengubah keterangannya."
            )
        )
        hint.setWordWrap(True)
        hint.setStyleSheet("color: #5b6b7b;")
        v.addWidget(hint)
        h = QHBoxLayout()
        self.add_button = QPushButton(tr("Tambah foto…"))
        self.remove_button = QPushButton(tr("Hapus foto"))
        h.addWidget(self.add_button)
        h.addWidget(self.remove_button)
        h.addStretch(1)
        v.addLayout(h)
        self.error = ErrorLabel()
        v.addWidget(self.error)
        self.removed: list[str] = []
        self.add_button.clicked.connect(self.pick)
        self.remove_button.clicked.connect(self.remove_current)
        self.list.itemChanged.connect(lambda _i: self.changed.emit())

    # roles: UserRole = attachment id (existing) or None; UserRole+1 = source path (new)
    def set_value(self, attachments, photo_dir: Path) -> None:
        from okudesk.core.records.photos import photo_path

        self.list.clear()
        self.removed = []
        for a in attachments:
            self._add_item(a.caption, attachment_id=a.id, file=photo_path(photo_dir, a.sha256))

    def pick(self) -> None:
        for f in messages.open_images(self):
            self.add_file(Path(f))

    def add_file(self, path: Path) -> None:
        self._add_item("", source=path, file=path)
        self.changed.emit()

    def _add_item(
        self,
        caption: str,
        *,
        attachment_id: str | None = None,
        source: Path | None = None,
        file: Path,
    ) -> None:
        item = QListWidgetItem(caption)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsEditable)
        item.setData(Qt.ItemDataRole.UserRole, attachment_id)
        item.setData(Qt.ItemDataRole.UserRole + 1, str(source) if source else None)
        item.setToolTip(file.name)
        item.setSizeHint(QSize(THUMB + 36, THUMB + 40))
        self.list.addItem(item)

        def done(png: bytes) -> None:
            image = QImage.fromData(png)
            if not image.isNull():
                item.setIcon(QIcon(QPixmap.fromImage(image)))

        def failed(exc: BaseException) -> None:
            item.setText(tr("(bukan foto)") + " " + file.name)

        photo_ops.thumbnail(parent=self, path=file, size=THUMB * 2).success(done).failure(
            failed
        ).run()

    def remove_current(self) -> None:
        row = self.list.currentRow()
        if row < 0:
            return
        item = self.list.takeItem(row)
        if item.data(Qt.ItemDataRole.UserRole):
            self.removed.append(item.data(Qt.ItemDataRole.UserRole))
        self.changed.emit()

    def entries(self) -> list[tuple[str | None, str | None, str]]:
        """(attachment id or None, new file path or None, caption) for each photo."""
        out = []
        for i in range(self.list.count()):
            item = self.list.item(i)
            out.append(
                (
                    item.data(Qt.ItemDataRole.UserRole),
                    item.data(Qt.ItemDataRole.UserRole + 1),
                    item.text().strip(),
                )
            )
        return out

    # drag and drop of files
    def dragEnterEvent(self, event) -> None:
        if event.mimeData().hasUrls() and any(u.isLocalFile() for u in event.mimeData().urls()):
            event.acceptProposedAction()

    def dragMoveEvent(self, event) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:
        for url in event.mimeData().urls():
            if url.isLocalFile():
                self.add_file(Path(url.toLocalFile()))
        event.acceptProposedAction()


class FormDialog(QDialog):
    """A record form: Simpan (Ctrl+S) / Batal (Esc), unsaved-changes prompt, field errors."""

    saved = Signal(object)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setWindowFlag(Qt.WindowType.WindowMaximizeButtonHint, True)
        self.dirty = False
        self._loading = True
        self.general_error = ErrorLabel()
        self.amendment_reason: str | None = None  # set when a signed report locks the record
        self.buttons = QDialogButtonBox()
        self.save_button = self.buttons.addButton(
            tr("Simpan"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.cancel_button = self.buttons.addButton(
            tr("Batal"), QDialogButtonBox.ButtonRole.RejectRole
        )
        self.required_note = QLabel(tr("* wajib diisi"))
        self.required_note.setStyleSheet("color: #5b6b7b;")
        self.buttons.layout().insertWidget(0, self.required_note)
        self.save_button.setDefault(False)
        self.save_button.setAutoDefault(False)
        self.save_button.clicked.connect(self.save)
        self.cancel_button.clicked.connect(self.reject)
        QShortcut(QKeySequence.StandardKey.Save, self, activated=self.save)
        self.forms: list[FieldForm] = []
        self.saving = False

    def mark_dirty(self, *_args) -> None:
        if not self._loading:
            self.dirty = True

    def watch(self, *widgets) -> None:
        for w in widgets:
            signal = change_signal(w)
            if signal is not None:
                signal.connect(self.mark_dirty)

    def form_state(self) -> tuple:
        """What the form holds, to compare with what it was loaded with."""
        parts: list = []
        value = getattr(self, "value", None)
        if callable(value):
            try:
                parts.append(repr(value()))
            except Exception:  # a half-typed value: count it as changed
                parts.append(object())
        photos = getattr(self, "photos", None)
        if photos is not None and hasattr(photos, "entries"):
            parts.append(repr((photos.entries(), photos.removed)))
        return tuple(parts)

    def mark_clean(self) -> None:
        """The form now shows what is saved (called once it is filled)."""
        self.dirty = False
        self._clean_state = self.form_state()

    def has_changes(self) -> bool:
        """Whether closing would lose something: a widget was touched and the form no longer
        holds what it was loaded with (Ubah then Batal with nothing changed asks nothing)."""
        if not self.dirty:
            return False
        clean = getattr(self, "_clean_state", None)
        return not clean or self.form_state() != clean

    def clear_errors(self) -> None:
        self.general_error.show_text("")
        for form in self.forms:
            for label in form.errors.values():
                label.show_text("")

    def show_error(self, exc: BaseException) -> None:
        from okudesk.core.errors import ValidationError
        from okudesk.core.records.register import RecordLocked

        self.saving = False
        self.save_button.setEnabled(True)
        if isinstance(exc, RecordLocked) and self.amendment_reason is None:
            # A signed report shows this record: the change becomes an amendment, with a reason.
            reason = messages.text_input(
                self, tr("Perubahan laporan"), f"{exc}\n\n" + tr("Alasan perubahan:")
            )
            if reason and reason.strip():
                self.amendment_reason = reason.strip()
                self.save()
                return
        if not isinstance(exc, ValidationError):
            from okudesk.gui import errors

            errors.show_exception(exc, parent=self)
            return
        field = getattr(exc, "field", None)
        for form in self.forms:
            if field in form.errors:
                form.errors[field].show_text(str(exc))
                self.reveal(form.widgets[field])
                form.widgets[field].setFocus()
                return
        self.general_error.show_text(str(exc))

    def _date_problem(self) -> bool:
        """A typed date that is not one: said next to its field, nothing saved or lost."""
        for box in self.findChildren(DateBox):
            problem = box.problem()
            if not problem:
                continue
            for form in self.forms:
                for field, widget in form.widgets.items():
                    if widget is box or widget.isAncestorOf(box):
                        form.errors[field].show_text(problem)
                        self.reveal(widget)
                        box.setFocus()
                        return True
            self.general_error.show_text(problem)
            box.setFocus()
            return True
        return False

    def reveal(self, widget: QWidget) -> None:
        """Make a field visible (e.g. switch to its tab)."""

    def save(self) -> None:
        """Gather the form on the UI thread, write it on the worker, then close or show errors."""
        if self.saving or not self.save_button.isEnabled():
            return
        self.clear_errors()
        if self._date_problem():
            return
        op = self.save_op()
        self.saving = True
        self.save_button.setEnabled(False)
        op.success(self.done_saving).failure(self.show_error).run()

    def save_op(self) -> WriteOp:
        """The operation that saves the form (gathered here, on the UI thread)."""
        raise NotImplementedError

    def done_saving(self, result) -> None:
        self.saving = False
        self.dirty = False
        self.saved.emit(result)
        self.accept()

    def reject(self) -> None:
        if not self.saving and self.has_changes():
            answer = messages.unsaved_changes(self)
            if answer == messages.CANCEL:
                return
            if answer == messages.SAVE:
                self.save()
                return
        super().reject()

    def closeEvent(self, event) -> None:
        if not self.saving and self.has_changes():
            answer = messages.unsaved_changes(self)
            if answer == messages.CANCEL:
                event.ignore()
                return
            if answer == messages.SAVE:
                event.ignore()
                self.save()
                return
        super().closeEvent(event)


def officer_on_duty() -> str | None:
    return hub().officer_on_duty
