"""Tokoh & Pemangku Kepentingan: the directory and each person's meeting history."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from okudesk.gui import labels, messages
from okudesk.gui.i18n import tr
from okudesk.gui.operations import MEETING, REFERENCE, STAKEHOLDER
from okudesk.gui.operations import stakeholders as stakeholder_ops
from okudesk.gui.pages.base import FilterBar, ListPage
from okudesk.gui.table_model import conflict_banner, field_columns


class StakeholdersPage(ListPage):
    listing_name = "stakeholder"
    settings_group = "stakeholders"
    areas = frozenset({STAKEHOLDER, MEETING, REFERENCE})

    def __init__(self, window):
        from okudesk.gui import labels

        columns = field_columns(
            "stakeholder", meetings={"align_right": True}, last_met={"text": labels.when}
        )
        super().__init__(
            window,
            columns,
            FilterBar(kind_label=tr("Semua jenis tokoh"), status_items=None, dates=False),
        )
        self.title.setText(tr("Tokoh & Pemangku Kepentingan"))
        self.new_button = QPushButton(tr("Tokoh baru"))
        self.new_button.setToolTip(
            "Ctrl+N"
        )  # the shortcut: the label stays short on a 1024 px screen
        self.edit_button = QPushButton(tr("Ubah"))
        self.delete_button = QPushButton(tr("Hapus"))
        for b in (self.new_button, self.edit_button, self.delete_button):
            self.buttons.addWidget(b)
        self.new_button.clicked.connect(self.new_record)
        self.edit_button.clicked.connect(self.open_selected)
        self.delete_button.clicked.connect(self.delete_selected)
        self.guard(
            "stakeholder.write",
            self.new_button,
            self.edit_button,
            self.delete_button,
            actions=("new_record", "open_selected", "delete_selected"),
        )

    def make_detail(self):
        box = QWidget()
        v = QVBoxLayout(box)
        v.setContentsMargins(0, 0, 0, 0)
        self.info = QLabel()
        self.info.setWordWrap(True)
        self.info.setTextFormat(Qt.TextFormat.RichText)
        self.info.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        v.addWidget(self.info)
        head = QLabel(tr("Riwayat pertemuan"))
        head.setStyleSheet("font-weight: 600; color: #1f3b57;")
        v.addWidget(head)
        self.history = QTableWidget(0, 3)
        self.history.setHorizontalHeaderLabels([tr("Waktu"), tr("Nomor"), tr("Kegiatan")])
        self.history.verticalHeader().setVisible(False)
        self.history.horizontalHeader().setStretchLastSection(True)
        self.history.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.history.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.history.cellDoubleClicked.connect(self._open_meeting)
        self.history.setMinimumWidth(300)
        v.addWidget(self.history, 1)
        return box

    def load_choices(self) -> None:
        def done(result) -> None:
            kec, types = result
            self.filter_bar.kecamatan.set_items(kec)
            self.filter_bar.kind.set_items(types)

        stakeholder_ops.filter_choices(parent=self).success(done).run()

    def show_detail(self, record_id: str | None) -> None:
        if record_id is None:
            self.info.setText("")
            self.history.setRowCount(0)
            return

        stakeholder_ops.get_detail(parent=self, stakeholder_id=record_id).success(
            self._render
        ).run()

    def _render(self, result) -> None:
        s, history = result
        parts = [
            conflict_banner(self.model, s.id),
            f"<h3 style='margin:0;color:#1f3b57'>{escape(s.name)}</h3>",
        ]
        values = {
            "type_id": s.type_name,
            "party_id": s.party_name,
            "organisation": s.organisation,
            "desa_id": s.desa_name,
            "phone": s.phone,
            "notes": s.notes,
        }
        for label, value in ((labels.field_short("stakeholder", k), v) for k, v in values.items()):
            if value:
                parts.append(
                    f"<div><span style='color:#5b6b7b'>{escape(label)}:</span> "
                    f"{escape(value)}</div>"
                )
        self.info.setText("".join(parts))
        self.history.setRowCount(len(history))
        for row, m in enumerate(history):
            when = QTableWidgetItem(labels.when(m.starts_at))
            when.setData(Qt.ItemDataRole.UserRole, m.id)
            self.history.setItem(row, 0, when)
            self.history.setItem(row, 1, QTableWidgetItem(m.number))
            self.history.setItem(
                row, 2, QTableWidgetItem(" - ".join(x for x in (m.activity_type, m.place) if x))
            )
        self.history.resizeColumnsToContents()
        self.history.horizontalHeader().setStretchLastSection(True)

    def _open_meeting(self, row: int, _col: int) -> None:
        item = self.history.item(row, 0)
        if item is not None:
            page = self.window_.go_to("meetings")
            page.filter_bar.clear()
            page.select_record(item.data(Qt.ItemDataRole.UserRole))

    def new_record(self) -> None:
        self.open_form(None)

    def open_selected(self) -> None:
        record_id = self.current_id()
        if record_id:
            self.open_form(record_id)

    def open_form(self, record_id: str | None):
        from okudesk.gui.forms.stakeholder_form import StakeholderDialog

        dialog = StakeholderDialog(self, stakeholder_id=record_id)
        dialog.saved.connect(lambda info: self.select_record(info.id))
        dialog.open()
        return dialog

    def delete_selected(self) -> None:
        record_id = self.current_id()
        if not record_id:
            return
        name = self.model.index(self.current_row(), 0).data()
        if not messages.confirm(
            self,
            tr("Hapus {name} dari direktori? Riwayat pertemuannya tetap tersimpan.").format(
                name=name
            ),
            ok_text=tr("Hapus"),
        ):
            return

        stakeholder_ops.delete_stakeholder(parent=self, stakeholder_id=record_id).run()
