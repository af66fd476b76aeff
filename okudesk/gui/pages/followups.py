"""Tindak Lanjut: every follow-up, with quick filters (overdue, mine, done) and a one-click
"selesai" in the list itself."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QButtonGroup, QHBoxLayout, QPushButton

from okudesk.gui import labels, messages
from okudesk.gui.i18n import tr
from okudesk.gui.operations import FOLLOW_UP, INCIDENT, MEETING, hub
from okudesk.gui.operations import followups as followup_ops
from okudesk.gui.pages.base import FilterBar, ListPage
from okudesk.gui.table_model import RAW_ROLE, ColumnSpec, field_columns


def done_column() -> int:
    """The column of the one-click "selesai" (the last: after the field table's columns)."""
    from okudesk.core.records import fields

    return len(fields.record("follow_up").listed)


def _due_color(value):
    if isinstance(value, date) and value < date.today():
        return QColor("#b71c1c")
    return None


class FollowUpsPage(ListPage):
    listing_name = "follow_up"
    settings_group = "follow_ups"
    areas = frozenset({FOLLOW_UP, MEETING, INCIDENT})

    def __init__(self, window):
        columns = field_columns(
            "follow_up", due_date={"color": _due_color}, status={"text": labels.follow_up_status}
        )
        columns.append(
            ColumnSpec(
                "status",
                lambda: tr("Aksi"),
                lambda s: tr("✔ Tandai selesai") if s == "terbuka" else "",
                lambda _s: QColor("#1565c0"),
                width=130,
            )
        )
        self.quick = QButtonGroup()
        self.quick.setExclusive(True)
        buttons = []
        for key, text in (
            ("open", tr("Terbuka")),
            ("overdue", tr("Terlambat")),
            ("mine", tr("Milik saya")),
            ("done", tr("Selesai")),
            ("all", tr("Semua")),
        ):
            b = QPushButton(text)
            b.setCheckable(True)
            b.setProperty("quick", key)
            self.quick.addButton(b)
            buttons.append(b)
        buttons[0].setChecked(True)
        self.mine_button = buttons[2]
        super().__init__(window, columns, FilterBar(kind_label=None, status_items=None))
        self.title.setText(tr("Tindak Lanjut"))
        quick_row = QHBoxLayout()  # under the title: with the actions they overflow 1024 px
        for b in buttons:
            quick_row.addWidget(b)
        quick_row.addStretch(1)
        self.layout().insertLayout(1, quick_row)
        self.quick.buttonClicked.connect(lambda _b: self.apply_filter())
        self.done_button = QPushButton(tr("Tandai selesai"))
        self.reopen_button = QPushButton(tr("Buka kembali"))
        self.buttons.addWidget(self.done_button)
        self.buttons.addWidget(self.reopen_button)
        self.done_button.clicked.connect(lambda: self.set_status(self.current_id(), "selesai"))
        self.reopen_button.clicked.connect(lambda: self.set_status(self.current_id(), "terbuka"))
        self.guard("followup.write", self.done_button, self.reopen_button)
        self.guard(
            "meeting.write", actions=("new_record",)
        )  # a follow-up is written in its meeting
        self.table.clicked.connect(self._clicked)

    def at_hq_known(self, hq: bool) -> None:
        # HQ has no duty officer of its own among a post's follow-ups: "mine" means nothing there
        self.mine_button.setVisible(not hq)
        if hq and self.mine_button.isChecked():
            self.set_quick_filter("open")

    def quick_filter(self) -> str:
        b = self.quick.checkedButton()
        return b.property("quick") if b is not None else "all"

    def set_quick_filter(self, key: str) -> None:
        for b in self.quick.buttons():
            if b.property("quick") == key:
                b.setChecked(True)
        self.apply_filter()

    def make_filter(self):
        from okudesk.core.records.listing import ListFilter

        values = self.filter_bar.values()
        quick = self.quick_filter()
        if quick == "open":
            values["status"] = "terbuka"
        elif quick == "overdue":
            values["overdue_on"] = date.today()
        elif quick == "mine":
            values["officer_id"] = hub().officer_on_duty or "-"
            values["status"] = "terbuka"
        elif quick == "done":
            values["status"] = "selesai"
        return ListFilter(**values)

    def _clicked(self, index) -> None:
        if (
            index.column() == done_column()
            and index.data(RAW_ROLE) == "terbuka"
            and self.allowed("followup.write")
        ):
            self.set_status(index.data(Qt.ItemDataRole.UserRole + 1), "selesai")

    def set_status(self, follow_up_id: str | None, status: str) -> None:
        if not follow_up_id:
            return
        note = None
        if status == "selesai":
            note = self.ask_done_note()
            if note is None:
                return  # cancelled: the follow-up stays open

        def failed(exc: BaseException) -> None:
            from okudesk.core.errors import OkudeskError

            if isinstance(exc, OkudeskError):
                messages.warning(self, str(exc))
            else:
                from okudesk.gui import errors

                errors.show_exception(exc, parent=self)

        followup_ops.set_status(
            parent=self, follow_up_id=follow_up_id, status=status, note=note
        ).failure(failed).run()

    def ask_done_note(self) -> str | None:
        """What was done, in a few words, before a follow-up is marked done; None when the
        user cancels."""
        text = ""
        while True:
            answer = messages.text_input(
                self,
                tr("Tandai selesai"),
                tr("Apa yang sudah dilakukan? Tulis singkat, misalnya siapa ditemui dan hasilnya."),
                text,
            )
            if answer is None:
                return None
            if answer.strip():
                return answer.strip()
            messages.warning(
                self, tr("Tulis singkat apa yang sudah dilakukan sebelum menandai selesai.")
            )

    def new_record(self) -> None:
        self.window_.go_to("meetings").new_record()
