"""The incident form (kejadian) and the status change dialog."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from okudesk.gui import labels, messages, screen
from okudesk.gui.dates import DateTimeBox
from okudesk.gui.forms.common import (
    FieldForm,
    FollowUpRows,
    FormDialog,
    PhotoStrip,
    PlacePicker,
    officer_on_duty,
    text_edit,
    tr,
)
from okudesk.gui.operations import hub
from okudesk.gui.operations import incidents as incident_ops
from okudesk.gui.operations.photos import photo_inputs
from okudesk.gui.pages.base import Combo

ESCALATION_TARGETS = (
    "Polres OKU",
    "Sentra Gakkumdu",
    "Bawaslu Kabupaten OKU",
    "Panwaslu Kecamatan",
    "KPU Kabupaten OKU",
    "Kodim 0403/OKU",
    "Pemkab OKU",
)
LEGAL_AXES = (
    "Pelanggaran administratif",
    "Tindak pidana pemilu",
    "Pelanggaran kode etik penyelenggara",
    "Pelanggaran administratif TSM",
)


class IncidentDialog(FormDialog):
    def __init__(self, parent=None, incident_id: str | None = None):
        super().__init__(parent)
        self.incident_id = incident_id
        self.setWindowTitle(tr("Kejadian baru") if incident_id is None else tr("Ubah kejadian"))
        screen.fit(self, 880, 700)
        self.tabs = QTabWidget()
        f1 = self.form1 = FieldForm()
        self.occurred_at = f1.add_field("incident", "occurred_at", DateTimeBox())
        self.category = f1.add_field("incident", "category_id", Combo(tr("(pilih kategori)")))
        self.severity = f1.add_field("incident", "severity", Combo(None))
        self.severity.set_items([(code, labels.severity(code)) for code in labels.SEVERITY])
        self.place_picker = f1.add(tr("Kecamatan / desa"), PlacePicker(), "desa_id")
        self.place = f1.add_field("incident", "place", QLineEdit())
        self.title_edit = f1.add_field("incident", "title", QLineEdit())
        self.description = f1.add_field("incident", "description", text_edit(110))
        self.people = f1.add_field("incident", "people_involved", text_edit(60))
        self.reported_by = f1.add_field("incident", "reported_by_id", Combo(tr("(pilih petugas)")))
        f2 = self.form2 = FieldForm()
        self.actions = f2.add_field("incident", "actions_taken", text_edit(80))
        self.escalated_to = f2.add_field("incident", "escalated_to", QComboBox())
        self.escalated_to.setEditable(True)
        self.escalated_to.addItems(["", *ESCALATION_TARGETS])
        self.legal_axis = f2.add_field("incident", "legal_axis", QComboBox())
        self.legal_axis.setEditable(True)
        self.legal_axis.addItems(["", *LEGAL_AXES])
        self.police_report = f2.add_field("incident", "police_report_number", QLineEdit())
        self.meeting = f2.add_field("incident", "meeting_id", Combo(tr("(tidak ada)")))
        self.source = f2.add_field("incident", "source", QLineEdit())
        self.source_grade = f2.add_field("incident", "source_grade", Combo(tr("(belum dinilai)")))
        from okudesk.core.records import fields

        self.source_grade.set_items([(c, c) for c in fields.SOURCE_GRADES])
        self.info_grade = f2.add_field("incident", "info_grade", Combo(tr("(belum dinilai)")))
        self.info_grade.set_items([(c, c) for c in fields.INFO_GRADES])
        f3 = self.form3 = FieldForm()
        self.follow_ups = f3.add(tr("Tindak lanjut"), FollowUpRows(), "what")
        self.photos = f3.add(tr("Foto"), PhotoStrip(), "photo")
        self.forms = [f1, f2, f3]
        for title, form in (
            (tr("Kejadian"), f1),
            (tr("Penanganan"), f2),
            (tr("Tindak lanjut dan foto"), f3),
        ):
            page = QWidget()
            column = QVBoxLayout(page)
            column.addLayout(form)
            column.addStretch(1)
            self.tabs.addTab(screen.scrolling(page), title)  # long tabs scroll
        v = QVBoxLayout(self)
        v.addWidget(self.general_error)
        v.addWidget(self.tabs, 1)
        v.addWidget(self.buttons)
        self.watch(
            self.occurred_at,
            self.category,
            self.severity,
            self.place_picker,
            self.place,
            self.title_edit,
            self.description,
            self.people,
            self.reported_by,
            self.actions,
            self.escalated_to,
            self.legal_axis,
            self.police_report,
            self.meeting,
            self.source,
            self.source_grade,
            self.info_grade,
            self.follow_ups,
            self.photos,
        )
        self.save_button.setEnabled(False)
        incident_ops.load_form(parent=self, incident_id=incident_id).success(self._fill).run()

    def reveal(self, widget) -> None:
        for i, form in enumerate(self.forms):
            if widget in form.widgets.values():
                self.tabs.setCurrentIndex(i)

    def _fill(self, ref: dict) -> None:
        self._loading = True
        group = {
            "pemilu": labels.translate(labels.CATEGORY_GROUP["pemilu"]),
            "kamtibmas": labels.translate(labels.CATEGORY_GROUP["kamtibmas"]),
        }
        self.category.set_items(
            [(c.id, f"{group.get(c.group, c.group)}: {c.name}") for c in ref["categories"]]
        )
        self.place_picker.load(ref["kecamatan"], ref["desa"])
        self.reported_by.set_items([(o.id, o.display) for o in ref["officers"]])
        self.follow_ups.officers = ref["officers"]
        self.meeting.set_items(
            [(m[0], f"{m[1]} - {labels.when(m[3])} {m[2]}") for m in ref["meetings"]]
        )
        i = ref.get("incident")
        if i is None:
            self.occurred_at.set_value(datetime.now().replace(second=0, microsecond=0))
            self.severity.set_current_id("sedang")
            self.reported_by.set_current_id(officer_on_duty())
        else:
            self.occurred_at.set_value(i.occurred_at)
            self.category.set_current_id(i.category_id)
            self.severity.set_current_id(i.severity)
            self.place_picker.set_value(i.kecamatan_id, i.desa_id)
            self.place.setText(i.place)
            self.title_edit.setText(i.title)
            self.description.setPlainText(i.description)
            self.people.setPlainText(i.people_involved)
            self.reported_by.set_current_id(i.reported_by_id)
            self.actions.setPlainText(i.actions_taken)
            self.escalated_to.setCurrentText(i.escalated_to)
            self.legal_axis.setCurrentText(i.legal_axis)
            self.police_report.setText(i.police_report_number)
            if i.meeting_id and self.meeting.findData(i.meeting_id) < 0:
                self.meeting.addItem(i.meeting_id, i.meeting_id)
            self.meeting.set_current_id(i.meeting_id)
            self.source.setText(i.source)
            self.source_grade.set_current_id(i.source_grade or None)
            self.info_grade.set_current_id(i.info_grade or None)
            self.follow_ups.set_value(i.follow_ups)
            self.photos.set_value(ref["photos"], hub().store.photo_dir)
            self._detail = i
        self._loading = False
        self.mark_clean()
        self.save_button.setEnabled(True)

    def value(self):
        from okudesk.core.records.incidents import IncidentInput

        kecamatan_id, desa_id = self.place_picker.value()
        old = getattr(self, "_detail", None)
        return IncidentInput(
            occurred_at=self.occurred_at.value(),
            category_id=self.category.current_id(),
            severity=self.severity.current_id() or "sedang",
            reported_at=old.reported_at if old else None,
            kecamatan_id=kecamatan_id,
            desa_id=desa_id,
            place=self.place.text(),
            title=self.title_edit.text(),
            description=self.description.toPlainText(),
            people_involved=self.people.toPlainText(),
            actions_taken=self.actions.toPlainText(),
            escalated_to=self.escalated_to.currentText(),
            legal_axis=self.legal_axis.currentText(),
            police_report_number=self.police_report.text(),
            meeting_id=self.meeting.current_id(),
            reported_by_id=self.reported_by.current_id(),
            source=self.source.text(),
            source_grade=self.source_grade.current_id() or "",
            info_grade=self.info_grade.current_id() or "",
            assessment=old.assessment if old else "",
            recommendation=old.recommendation if old else "",
            follow_ups=self.follow_ups.value(),
        )

    def save_op(self):
        return incident_ops.save_incident(
            parent=self,
            incident_id=self.incident_id,
            data=self.value(),
            officer_id=officer_on_duty(),
            photos=photo_inputs(self.photos.entries()),
            removed_photos=list(self.photos.removed),
            photo_dir=hub().store.photo_dir,
            amendment_reason=self.amendment_reason,
        )


class StatusDialog(QDialog):
    """Move an incident to one of the statuses its life cycle allows, with a note."""

    def __init__(self, parent, incident):
        super().__init__(parent)
        from okudesk.core.records.incidents import allowed_next

        self.setWindowTitle(tr("Ubah status kejadian {number}").format(number=incident.number))
        self.incident = incident
        form = QFormLayout()
        form.addRow(tr("Status sekarang"), QLabel(labels.incident_status(incident.status)))
        self.status = Combo(None)
        self.status.set_items(
            [(s, labels.incident_status(s)) for s in allowed_next(incident.status)]
        )
        form.addRow(tr("Status baru"), self.status)
        self.note = text_edit(70)
        form.addRow(tr("Catatan"), self.note)
        self.error = QLabel()
        self.error.setStyleSheet("color: #b71c1c;")
        self.error.setWordWrap(True)
        buttons = QDialogButtonBox()
        self.ok = buttons.addButton(tr("Simpan status"), QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(tr("Batal"), QDialogButtonBox.ButtonRole.RejectRole)
        self.ok.clicked.connect(self.save)
        buttons.rejected.connect(self.reject)
        v = QVBoxLayout(self)
        v.addLayout(form)
        v.addWidget(self.error)
        v.addWidget(buttons)

    def open_follow_ups(self) -> list:
        """Follow-ups of the incident still open (closing it leaves them hanging)."""
        return [f for f in getattr(self.incident, "follow_ups", ()) if f.status == "terbuka"]

    def save(self) -> None:
        status = self.status.current_id()
        if status is None:
            return
        still_open = self.open_follow_ups()
        if status == "selesai" and still_open:
            from datetime import date

            late = sum(1 for f in still_open if f.is_overdue(date.today()))
            text = tr(
                "Kejadian ini masih punya {n} tindak lanjut terbuka ({late} terlambat). Tutup "
                "kejadian ini tetap?"
            ).format(n=len(still_open), late=late)
            if not messages.confirm(self, text, tr("Tindak lanjut terbuka"), tr("Tutup kejadian")):
                return

        def failed(exc):
            from okudesk.core.errors import ValidationError

            if isinstance(exc, ValidationError):
                self.error.setText(str(exc))
                self.ok.setEnabled(True)
            else:
                from okudesk.gui import errors

                errors.show_exception(exc, parent=self)

        self.ok.setEnabled(False)
        incident_ops.change_status(
            parent=self,
            incident_id=self.incident.id,
            status=status,
            officer_id=officer_on_duty(),
            note=self.note.toPlainText(),
        ).success(lambda _d: self.accept()).failure(failed).run()
