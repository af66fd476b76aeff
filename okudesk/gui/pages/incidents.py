"""Kejadian: the incidents list, its filters, the selected incident and its status history."""

from __future__ import annotations

from html import escape

from PySide6.QtWidgets import QPushButton, QTextBrowser, QVBoxLayout, QWidget

from okudesk.gui import labels, messages
from okudesk.gui.i18n import tr
from okudesk.gui.operations import FOLLOW_UP, INCIDENT, PHOTO, REFERENCE
from okudesk.gui.operations import incidents as incident_ops
from okudesk.gui.pages.base import FilterBar, ListPage
from okudesk.gui.pages.meetings import section
from okudesk.gui.table_model import conflict_banner, field_columns


class IncidentsPage(ListPage):
    listing_name = "incident"
    record_view = "incident"
    settings_group = "incidents"
    areas = frozenset({INCIDENT, FOLLOW_UP, PHOTO, REFERENCE})

    def __init__(self, window):
        columns = field_columns(
            "incident",
            severity={"text": labels.severity, "color": labels.severity_color},
            status={"text": labels.incident_status},
        )
        status_items = [(code, labels.incident_status(code)) for code in labels.INCIDENT_STATUS]
        super().__init__(
            window, columns, FilterBar(kind_label=tr("Semua kategori"), status_items=status_items)
        )
        self.title.setText(tr("Kejadian"))
        self.new_button = QPushButton(tr("Kejadian baru"))
        self.new_button.setToolTip(
            "Ctrl+N"
        )  # the shortcut: the label stays short on a 1024 px screen
        self.status_button = QPushButton(tr("Ubah status…"))
        self.edit_button = QPushButton(tr("Ubah"))
        self.delete_button = QPushButton(tr("Hapus"))
        self.report_button = QPushButton(tr("Cetak laporan"))
        self.report_button.setToolTip(
            "Ctrl+P"
        )  # the shortcut: the label stays short on a 1024 px screen
        for b in (
            self.new_button,
            self.status_button,
            self.edit_button,
            self.delete_button,
            self.report_button,
        ):
            self.buttons.addWidget(b)
        self.view_button = QPushButton(tr("Lihat"))
        self.view_button.setToolTip(tr("Baca seluruh data, foto, laporan dan jejak auditnya"))
        self.view_button.clicked.connect(self.view_selected)
        self.buttons.insertWidget(0, self.view_button)
        self.new_button.clicked.connect(self.new_record)
        self.status_button.clicked.connect(self.change_status)
        self.edit_button.clicked.connect(self.open_selected)
        self.delete_button.clicked.connect(self.delete_selected)
        self.report_button.clicked.connect(self.print_current)
        self.guard(
            "incident.write",
            self.new_button,
            self.edit_button,
            self.delete_button,
            actions=("new_record", "open_selected", "delete_selected"),
        )
        self.guard("incident.status", self.status_button, actions=("change_status",))
        self.detail_data = None

    def make_detail(self):
        box = QWidget()
        v = QVBoxLayout(box)
        v.setContentsMargins(0, 0, 0, 0)
        self.browser = QTextBrowser()
        self.browser.setMinimumWidth(280)
        v.addWidget(self.browser)
        return box

    def load_choices(self) -> None:
        def done(result) -> None:
            from okudesk.core.records.listing import GROUP_PREFIX

            kec, cats = result
            self.filter_bar.kecamatan.set_items(kec)
            items = [
                (GROUP_PREFIX + g, "— " + labels.translate(text) + " —")
                for g, text in labels.CATEGORY_GROUP.items()
            ]
            items += [(c.id, c.name) for c in cats]
            self.filter_bar.kind.set_items(items)

        incident_ops.filter_choices(parent=self).success(done).run()

    def show_detail(self, record_id: str | None) -> None:
        if record_id is None:
            self.detail_data = None
            empty = tr("Tidak ada kejadian yang cocok.")
            self.browser.setHtml(f"<p style='color:#5b6b7b'>{escape(empty)}</p>")
            return

        incident_ops.get_incident(parent=self, incident_id=record_id).success(self._render).failure(
            lambda _e: self.browser.clear()
        ).run()

    def _render(self, i) -> None:
        self.detail_data = i
        color = labels.SEVERITY_COLOR.get(i.severity, "#333")
        where = ", ".join(x for x in (i.place, i.desa, i.kecamatan) if x)
        heading = i.title or i.category or tr("Kejadian")
        html = [
            conflict_banner(self.model, i.id),
            f"<h3 style='margin:0;color:#1f3b57'>{escape(heading)}</h3>",
            f"<div style='color:#5b6b7b'>{escape(i.number)} · "
            f"{escape(labels.when(i.occurred_at))}</div>",
            f"<div><b style='color:{color}'>{escape(labels.severity(i.severity))}</b> · "
            f"<b>{escape(labels.incident_status(i.status))}</b> · {escape(i.category)}</div>",
            f"<div>{escape(where)}</div>",
            *(
                section(labels.field("incident", name), getattr(i, name))
                for name in ("description", "people_involved", "actions_taken")
            ),
            section(
                labels.field("incident", "escalated_to"),
                " · ".join(x for x in (i.escalated_to, i.legal_axis) if x),
            ),
            section(labels.field("incident", "police_report_number"), i.police_report_number),
        ]
        steps = []
        for h in i.history:
            step = f"<b>{escape(labels.when(h.changed_at))}</b> &nbsp; "
            step += f"{escape(labels.incident_status(h.from_status))} → " if h.from_status else ""
            step += f"<b>{escape(labels.incident_status(h.to_status))}</b>"
            if h.officer_name:
                step += f" <span style='color:#5b6b7b'>({escape(h.officer_name)})</span>"
            if h.note:
                step += f"<br><i>{escape(h.note)}</i>"
            steps.append(f"<li style='margin-bottom:4px'>{step}</li>")
        if i.follow_ups:
            from datetime import date

            today = date.today()
            items = []
            for f in i.follow_ups:
                late = f.is_overdue(today)
                line = escape(f.what)
                extra = [x for x in (f.who, labels.when(f.due_date)) if x]
                extra.append(labels.follow_up_status(f.status))
                line += f" <span style='color:#5b6b7b'>({escape(' · '.join(extra))})</span>"
                if late:
                    line += f" <b style='color:#b71c1c'>{escape(tr('terlambat'))}</b>"
                items.append(f"<li style='margin-bottom:4px'>{line}</li>")
            follow_title = tr("Tindak lanjut")
            html.append(
                f"<h4 style='margin:10px 0 2px 0;color:#1f3b57'>{escape(follow_title)}</h4>"
                f"<ul style='margin-left:-20px'>{''.join(items)}</ul>"
            )
        history_title = tr("Riwayat status")
        html.append(
            f"<h4 style='margin:10px 0 2px 0;color:#1f3b57'>{escape(history_title)}</h4>"
            f"<ul style='margin-left:-20px'>{''.join(steps)}</ul>"
        )
        self.browser.setHtml("".join(html))
        from okudesk.core.records.incidents import allowed_next

        self.status_button.setEnabled(bool(allowed_next(i.status)))

    def new_record(self) -> None:
        self.open_form(None)

    def open_selected(self) -> None:
        record_id = self.current_id()
        if record_id:
            self.open_form(record_id)

    def open_form(self, record_id: str | None):
        from okudesk.gui.forms.incident_form import IncidentDialog

        dialog = IncidentDialog(self, record_id)
        dialog.saved.connect(lambda detail: self.select_record(detail.id))
        dialog.open()
        return dialog

    def open_record(self, record_id: str) -> None:
        self.filter_bar.clear()
        self.select_record(record_id)

    def change_status(self):
        if self.detail_data is None or self.detail_data.id != self.current_id():
            return None
        from okudesk.gui.forms.incident_form import StatusDialog

        dialog = StatusDialog(self, self.detail_data)
        dialog.open()
        return dialog

    def delete_selected(self) -> None:
        record_id = self.current_id()
        if not record_id:
            return
        number = self.model.index(self.current_row(), 0).data()
        if not messages.confirm(
            self,
            tr(
                "Hapus kejadian {number}? Data ditandai terhapus dan tetap tercatat untuk Polres."
            ).format(number=number),
            ok_text=tr("Hapus"),
        ):
            return

        incident_ops.delete_incident(parent=self, incident_id=record_id).run()

    def print_current(self):
        """Cetak laporan: make, sign, preview and print the selected record's report."""
        from okudesk.gui.dialogs.report_print import open_print_dialog

        if not self.current_id():
            self.say(tr("Pilih satu kejadian di daftar untuk dicetak"))
            return None
        return open_print_dialog(self, "incident", self.current_id())
