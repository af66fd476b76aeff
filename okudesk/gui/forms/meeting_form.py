"""The meeting / visit form (rapat, kunjungan, sambang, koordinasi)."""

from __future__ import annotations

from datetime import datetime, timedelta

from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from okudesk.gui import screen
from okudesk.gui.dates import DateTimeBox
from okudesk.gui.forms.common import (
    FieldForm,
    FollowUpRows,
    FormDialog,
    OfficerChecklist,
    PhotoStrip,
    PlacePicker,
    StakeholderPicker,
    input_value,
    officer_on_duty,
    set_input_value,
    tr,
)
from okudesk.gui.operations import hub
from okudesk.gui.operations import meetings as meeting_ops
from okudesk.gui.operations.photos import photo_inputs
from okudesk.gui.pages.base import Combo

# the heights of the paragraphs (a field the table adds gets the usual 70)
HEIGHTS = {
    "purpose": 60,
    "discussion": 110,
    "potential_problems": 70,
    "outcomes": 70,
    "obstacles": 50,
}


class MeetingDialog(FormDialog):
    def __init__(self, parent=None, meeting_id: str | None = None):
        super().__init__(parent)
        self.meeting_id = meeting_id
        self.setWindowTitle(
            tr("Rapat / kunjungan baru") if meeting_id is None else tr("Ubah rapat / kunjungan")
        )
        screen.fit(self, 900, 720)
        self.tabs = QTabWidget()
        # tabs 1 and 2 from the meeting's field table: the activity, then what happened
        from okudesk.core.records import fields

        self.form1, self.form2 = FieldForm(), FieldForm()
        own = {
            "activity_type_id": Combo(tr("(pilih jenis kegiatan)")),
            "starts_at": DateTimeBox(),
            "ends_at": DateTimeBox(optional=True),
            "desa_id": PlacePicker(),
            "stakeholder_ids": StakeholderPicker(),
            "officer_ids": OfficerChecklist(),
            "reported_by_id": Combo(tr("(pilih petugas)")),
        }
        for f in fields.record("meeting"):
            if not f.entered or f.name == "kecamatan_id":  # the place picker holds both
                continue
            form = self.form2 if f.kind is fields.Kind.LONG_TEXT else self.form1
            label = tr("Kecamatan / desa") if f.name == "desa_id" else None
            form.add_field(
                "meeting",
                f.name,
                own.get(f.name),
                label=label,
                height=HEIGHTS.get(f.name, 70),
                required=True if f.name == "purpose" else None,  # unless a discussion is typed
            )
        self.activity_type, self.starts_at, self.ends_at = (
            own["activity_type_id"],
            own["starts_at"],
            own["ends_at"],
        )
        self.place_picker, self.stakeholders = own["desa_id"], own["stakeholder_ids"]
        self.officers, self.reported_by = own["officer_ids"], own["reported_by_id"]
        self.inputs = {**self.form1.inputs, **self.form2.inputs}  # the plain fields, by name
        self.place, self.other_attendees = self.inputs["place"], self.inputs["other_attendees"]
        self.place.setPlaceholderText(tr("mis. Balai Desa Sukaraya"))
        self.purpose, self.discussion = self.inputs["purpose"], self.inputs["discussion"]
        self.potential_problems, self.outcomes = (
            self.inputs["potential_problems"],
            self.inputs["outcomes"],
        )
        self.obstacles = self.inputs["obstacles"]
        # tab 3: follow-ups and photos
        self.form3 = FieldForm()
        self.follow_ups = self.form3.add(tr("Tindak lanjut"), FollowUpRows(), "what")
        self.photos = self.form3.add(tr("Foto"), PhotoStrip(), "photo")
        self.forms = [self.form1, self.form2, self.form3]
        for title, form in (
            (tr("Kegiatan"), self.form1),
            (tr("Hasil kegiatan"), self.form2),
            (tr("Tindak lanjut dan foto"), self.form3),
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
        self.watch(*own.values(), *self.inputs.values(), self.follow_ups, self.photos)
        self.save_button.setEnabled(False)
        self._load()

    def reveal(self, widget) -> None:
        for i, form in enumerate(self.forms):
            if widget in form.widgets.values():
                self.tabs.setCurrentIndex(i)

    def _load(self) -> None:
        meeting_ops.load_form(parent=self, meeting_id=self.meeting_id).success(self._fill).failure(
            self._load_failed
        ).run()

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
            self.stakeholders.set_value(m.stakeholders)
            self.officers.set_value([o.id for o in m.officers])
            self.reported_by.set_current_id(m.reported_by_id)
            for name, widget in self.inputs.items():
                set_input_value(widget, getattr(m, name))
            self.follow_ups.set_value(m.follow_ups)
            self.photos.set_value(ref["photos"], hub().store.photo_dir)
        self._loading = False
        self.mark_clean()
        self.save_button.setEnabled(True)

    def value(self):
        from okudesk.core.records import meetings

        kecamatan_id, desa_id = self.place_picker.value()
        return meetings.MeetingInput(
            **{name: input_value(widget) for name, widget in self.inputs.items()},
            starts_at=self.starts_at.value(),
            ends_at=self.ends_at.value(),
            activity_type_id=self.activity_type.current_id(),
            kecamatan_id=kecamatan_id,
            desa_id=desa_id,
            reported_by_id=self.reported_by.current_id(),
            officer_ids=self.officers.ids(),
            stakeholder_ids=self.stakeholders.ids(),
            follow_ups=self.follow_ups.value(),
        )

    def save_op(self):
        return meeting_ops.save_meeting(
            parent=self,
            meeting_id=self.meeting_id,
            data=self.value(),
            photos=photo_inputs(self.photos.entries()),
            removed_photos=list(self.photos.removed),
            photo_dir=hub().store.photo_dir,
            amendment_reason=self.amendment_reason,
        )
