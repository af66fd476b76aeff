"""Rapat & Kunjungan: the meetings list, its filter bar and the selected meeting."""

from __future__ import annotations

from html import escape

from PySide6.QtWidgets import QPushButton, QTextBrowser

from okudesk.gui import labels, messages
from okudesk.gui.i18n import tr
from okudesk.gui.operations import (
    FOLLOW_UP,
    MEETING,
    PHOTO,
    REFERENCE,
    STAKEHOLDER,
)
from okudesk.gui.operations import meetings as meeting_ops
from okudesk.gui.pages.base import FilterBar, ListPage
from okudesk.gui.table_model import conflict_banner, field_columns


def section(title: str, body: str) -> str:
    if not body:
        return ""
    return (
        f"<h4 style='margin:10px 0 2px 0;color:#1f3b57'>{escape(title)}</h4>"
        f"<div>{escape(body).replace(chr(10), '<br>')}</div>"
    )


class MeetingsPage(ListPage):
    listing_name = "meeting"
    record_view = "meeting"
    settings_group = "meetings"
    areas = frozenset({MEETING, FOLLOW_UP, PHOTO, REFERENCE, STAKEHOLDER})

    def __init__(self, window):
        columns = field_columns("meeting")
        super().__init__(
            window, columns, FilterBar(kind_label=tr("Semua jenis kegiatan"), status_items=None)
        )
        self.title.setText(tr("Rapat & Kunjungan"))
        self.new_button = QPushButton(tr("Rapat baru"))
        self.new_button.setToolTip(
            "Ctrl+N"
        )  # the shortcut: the label stays short on a 1024 px screen
        self.edit_button = QPushButton(tr("Ubah"))
        self.delete_button = QPushButton(tr("Hapus"))
        self.report_button = QPushButton(tr("Cetak laporan"))
        self.report_button.setToolTip(
            "Ctrl+P"
        )  # the shortcut: the label stays short on a 1024 px screen
        for b in (self.new_button, self.edit_button, self.delete_button, self.report_button):
            self.buttons.addWidget(b)
        self.view_button = QPushButton(tr("Lihat"))
        self.view_button.setToolTip(tr("Baca seluruh data, foto, laporan dan jejak auditnya"))
        self.view_button.clicked.connect(self.view_selected)
        self.buttons.insertWidget(0, self.view_button)
        self.new_button.clicked.connect(self.new_record)
        self.edit_button.clicked.connect(self.open_selected)
        self.delete_button.clicked.connect(self.delete_selected)
        self.report_button.clicked.connect(self.print_current)
        self.guard(
            "meeting.write",
            self.new_button,
            self.edit_button,
            self.delete_button,
            actions=("new_record", "open_selected", "delete_selected"),
        )

    def make_detail(self):
        self.browser = QTextBrowser()
        self.browser.setOpenLinks(False)
        self.browser.setMinimumWidth(280)
        return self.browser

    def load_choices(self) -> None:
        def done(result) -> None:
            kec, types = result
            self.filter_bar.kecamatan.set_items(kec)
            self.filter_bar.kind.set_items(types)

        meeting_ops.filter_choices(parent=self).success(done).run()

    def show_detail(self, record_id: str | None) -> None:
        if record_id is None:
            empty = tr("Tidak ada rapat yang cocok.")
            self.browser.setHtml(f"<p style='color:#5b6b7b'>{escape(empty)}</p>")
            return

        meeting_ops.get_detail(parent=self, meeting_id=record_id).success(self._render).failure(
            lambda _e: self.browser.clear()
        ).run()

    def _render(self, result) -> None:
        m, n_photos = result
        when = labels.when(m.starts_at) + (f" – {m.ends_at.strftime('%H:%M')}" if m.ends_at else "")
        where = ", ".join(x for x in (m.place, m.desa, m.kecamatan) if x)
        heading = m.activity_type or tr("Kegiatan")
        html = [
            conflict_banner(self.model, m.id),
            f"<h3 style='margin:0;color:#1f3b57'>{escape(heading)}</h3>",
            f"<div style='color:#5b6b7b'>{escape(m.number)} · {escape(when)}</div>",
            f"<div>{escape(where)}</div>",
        ]
        if m.stakeholders:
            html.append(
                section(
                    labels.field("meeting", "stakeholder_ids"),
                    "\n".join(
                        f"{s.name} ({s.detail})" if s.detail else s.name for s in m.stakeholders
                    ),
                )
            )
        if m.officers:
            html.append(
                section(
                    tr("Petugas"), "\n".join(f"{o.detail} {o.name}".strip() for o in m.officers)
                )
            )
        from okudesk.core.records import fields

        for f in fields.record("meeting"):  # the paragraphs, in the table's order
            if f.kind is fields.Kind.LONG_TEXT:
                html.append(section(labels.field("meeting", f.name), getattr(m, f.name)))
        if m.follow_ups:
            html.append(
                section(
                    tr("Tindak lanjut"),
                    "\n".join(
                        f"{f.what} ({labels.follow_up_status(f.status)}"
                        f"{', ' + labels.when(f.due_date) if f.due_date else ''})"
                        for f in m.follow_ups
                    ),
                )
            )
        if n_photos:
            html.append(section(tr("Foto"), tr("{n} foto terlampir").format(n=n_photos)))
        self.browser.setHtml("".join(html))

    def new_record(self) -> None:
        self.open_form(None)

    def open_selected(self) -> None:
        record_id = self.current_id()
        if record_id:
            self.open_form(record_id)

    def open_form(self, record_id: str | None):
        from okudesk.gui.forms.meeting_form import MeetingDialog

        dialog = MeetingDialog(self, record_id)
        dialog.saved.connect(lambda detail: self.select_record(detail.id))
        dialog.open()
        return dialog

    def open_record(self, record_id: str) -> None:
        self.select_record(record_id)

    def delete_selected(self) -> None:
        record_id = self.current_id()
        if not record_id:
            return
        row = self.current_row()
        number = self.model.index(row, 0).data()
        if not messages.confirm(
            self,
            tr(
                "Hapus rapat {number}? Data ditandai terhapus dan tetap tercatat untuk Polres."
            ).format(number=number),
            ok_text=tr("Hapus"),
        ):
            return

        meeting_ops.delete_meeting(parent=self, meeting_id=record_id).run()

    def print_current(self):
        """Cetak laporan: make, sign, preview and print the selected record's report."""
        from okudesk.gui.dialogs.report_print import open_print_dialog

        if not self.current_id():
            self.say(tr("Pilih satu rapat di daftar untuk dicetak"))
            return None
        return open_print_dialog(self, "meeting", self.current_id())
