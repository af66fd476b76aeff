"""The meeting / visit form (rapat, kunjungan, sambang, koordinasi)."""

from __future__ import annotations

from datetime import datetime, timedelta

from PySide6.QtWidgets import QLineEdit, QSpinBox, QTabWidget, QVBoxLayout, QWidget

from okudesk.gui.forms.common import (
    DateTimeBox,
    FieldForm,
    FollowUpRows,
    FormDialog,
    OfficerChecklist,
    PhotoStrip,
    PlacePicker,
    StakeholderPicker,
    officer_on_duty,
    text_edit,
    tr,
)
from okudesk.gui.operations import hub
from okudesk.gui.operations import meetings as meeting_ops
from okudesk.gui.operations.photos import photo_inputs
from okudesk.gui.pages.base import Combo


class MeetingDialog(FormDialog):
    def __init__(self, parent=None, meeting_id: str | None = None):
        super().__init__(parent)
        self.meeting_id = meeting_id
        self.setWindowTitle(tr("Rapat / kunjungan baru") if meeting_id is None else tr("Ubah rapat / kunjungan"))
        self.resize(900, 720)
        self.tabs = QTabWidget()
        # tab 1: the activity
        self.form1 = FieldForm()
        self.activity_type = self.form1.add(tr("Jenis kegiatan"), Combo(tr("(pilih jenis kegiatan)")), "activity_type_id")
        self.starts_at = self.form1.add(tr("Waktu mulai"), DateTimeBox(), "starts_at")
        self.ends_at = self.form1.add(tr("Waktu selesai"), DateTimeBox(optional=True), "ends_at")
        self.place_picker = self.form1.add(tr("Kecamatan / desa"), PlacePicker(), "desa_id")
        self.place = self.form1.add(tr("Tempat"), QLineEdit(), "place")
        self.place.setPlaceholderText(tr("mis. Balai Desa Sukaraya"))
        self.stakeholders = self.form1.add(tr("Tokoh yang ditemui"), StakeholderPicker(), "stakeholder_ids")
        self.officers = self.form1.add(tr("Petugas yang hadir"), OfficerChecklist(), "officer_ids")
        self.reported_by = self.form1.add(tr("Pelapor"), Combo(tr("(pilih petugas)")), "reported_by_id")
        self.other_attendees = self.form1.add(tr("Peserta lain (orang)"), QSpinBox(), "other_attendees")
        self.other_attendees.setRange(0, 100000)
        # tab 2: what happened
        self.form2 = FieldForm()
        self.purpose = self.form2.add(tr("Maksud dan tujuan"), text_edit(60), "purpose")
        self.discussion = self.form2.add(tr("Ringkasan pembahasan"), text_edit(110), "discussion")
        self.potential_problems = self.form2.add(tr("Potensi kerawanan"), text_edit(70), "potential_problems")
        self.outcomes = self.form2.add(tr("Hasil"), text_edit(70), "outcomes")
        self.obstacles = self.form2.add(tr("Hambatan"), text_edit(50), "obstacles")
        # tab 3: follow-ups and photos
        self.form3 = FieldForm()
        self.follow_ups = self.form3.add(tr("Tindak lanjut"), FollowUpRows(), "what")
        self.photos = self.form3.add(tr("Foto"), PhotoStrip(), "photo")
        self.forms = [self.form1, self.form2, self.form3]
        for title, form in ((tr("Kegiatan"), self.form1), (tr("Hasil kegiatan"), self.form2), (tr("Tindak lanjut dan foto"), self.form3)):
            page = QWidget()
            column = QVBoxLayout(page)
            column.addLayout(form)
            column.addStretch(1)
            self.tabs.addTab(page, title)
        v = QVBoxLayout(self)
        v.addWidget(self.general_error)
        v.addWidget(self.tabs, 1)
        v.addWidget(self.buttons)
        self.watch(self.activity_type, self.starts_at, self.ends_at, self.place_picker, self.place, self.stakeholders,
                   self.officers, self.reported_by, self.other_attendees, self.purpose, self.discussion,
                   self.potential_problems, self.outcomes, self.obstacles, self.follow_ups, self.photos)
        self.save_button.setEnabled(False)
        self._load()

    def reveal(self, widget) -> None:
        for i, form in enumerate(self.forms):
            if widget in form.widgets.values():
                self.tabs.setCurrentIndex(i)

    def _load(self) -> None:
        meeting_ops.load_form(parent=self, meeting_id=self.meeting_id).success(self._fill).failure(self._load_failed).run()

    def _load_failed(self, exc: BaseException) -> None:
        from okudesk.gui import errors

        errors.show_exception(exc, parent=self)
        super().reject()

    def _fill(self, ref: dict) -> None:
        self._loading = True
        self.activity_type.set_items([(a.id, a.name) for a in ref["activity_types"]])
        self.place_picker.load(ref["kecamatan"], ref["desa"])
        self.stakeholders.load(ref["stakeholders"], ref["stakeholder_types"], ref["desa"])
        self.officers.load(ref["officers"])
        self.reported_by.set_items([(o.id, o.display) for o in ref["officers"]])
        self.follow_ups.officers = ref["officers"]
        m = ref.get("meeting")
        if m is None:
            now = datetime.now().replace(second=0, microsecond=0)
            self.starts_at.set_value(now - timedelta(hours=1))
            self.ends_at.set_value(None)
            duty = officer_on_duty()
            self.reported_by.set_current_id(duty)
            self.officers.set_value([duty] if duty else [])
        else:
            self.activity_type.set_current_id(m.activity_type_id)
            self.starts_at.set_value(m.starts_at)
            self.ends_at.set_value(m.ends_at)
            self.place_picker.set_value(m.kecamatan_id, m.desa_id)
            self.place.setText(m.place)
            self.stakeholders.set_value(m.stakeholders)
            self.officers.set_value([o.id for o in m.officers])
            self.reported_by.set_current_id(m.reported_by_id)
            self.other_attendees.setValue(m.other_attendees)
            self.purpose.setPlainText(m.purpose)
            self.discussion.setPlainText(m.discussion)
            self.potential_problems.setPlainText(m.potential_problems)
            self.outcomes.setPlainText(m.outcomes)
            self.obstacles.setPlainText(m.obstacles)
            self.follow_ups.set_value(m.follow_ups)
            self.photos.set_value(ref["photos"], hub().store.photo_dir)
        self._loading = False
        self.dirty = False
        self.save_button.setEnabled(True)

    def value(self):
        from okudesk.core.records.meetings import MeetingInput

        kecamatan_id, desa_id = self.place_picker.value()
        return MeetingInput(
            starts_at=self.starts_at.value(),
            ends_at=self.ends_at.value(),
            activity_type_id=self.activity_type.current_id(),
            kecamatan_id=kecamatan_id,
            desa_id=desa_id,
            place=self.place.text(),
            purpose=self.purpose.toPlainText(),
            discussion=self.discussion.toPlainText(),
            potential_problems=self.potential_problems.toPlainText(),
            outcomes=self.outcomes.toPlainText(),
            obstacles=self.obstacles.toPlainText(),
            other_attendees=self.other_attendees.value(),
            reported_by_id=self.reported_by.current_id(),
            officer_ids=self.officers.ids(),
            stakeholder_ids=self.stakeholders.ids(),
            follow_ups=self.follow_ups.value(),
        )

    def save_op(self):
        return meeting_ops.save_meeting(
            parent=self, meeting_id=self.meeting_id, data=self.value(), photos=photo_inputs(self.photos.entries()),
            removed_photos=list(self.photos.removed), photo_dir=hub().store.photo_dir,
            amendment_reason=self.amendment_reason)
