"""The core says what a transaction changed (okudesk.core.history.changes): exactly the
tables and IDs a service touched, and nothing for a transaction that rolled back."""

import io
from datetime import date, timedelta

import pytest
from PIL import Image
from sqlalchemy import select

from okudesk.core import demo
from okudesk.core.errors import ValidationError
from okudesk.core.history import changes
from okudesk.core.records import meetings, officers, photos, reference, stakeholders
from okudesk.core.records.followups import FollowUpInput
from okudesk.core.records.photos import PhotoInput


def _jpeg() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (64, 48), (200, 80, 40)).save(out, "JPEG")
    return out.getvalue()


def _people(store):
    with store.write() as s:
        officer = officers.add_officer(s, name="Rahmat Hidayat", nrp="90010001")
        person = stakeholders.add_stakeholder(s, stakeholders.StakeholderInput(name="H. Abdullah"))
        kec = {k.name: k.id for k in reference.kecamatan(s)}["Baturaja Timur"]
    return officer.id, person.id, kec


def test_a_meeting_saved_with_its_photo_reports_exactly_its_rows(store, yesterday, tmp_path):
    officer_id, person_id, kec = _people(store)
    source = tmp_path / "IMG_1.jpg"
    source.write_bytes(_jpeg())
    data = meetings.MeetingInput(
        starts_at=yesterday,
        kecamatan_id=kec,
        purpose="Sambang",
        officer_ids=[officer_id],
        stakeholder_ids=[person_id],
        follow_ups=[
            FollowUpInput(
                what="Cek TPS 05",
                responsible="Bhabinkamtibmas",
                due_date=date.today() + timedelta(days=3),
            )
        ],
    )
    with changes.recording() as seen, store.write() as s:
        m = meetings.save_meeting(
            s,
            None,
            data,
            photos=[PhotoInput(source=source, caption="Suasana")],
            photo_dir=store.photo_dir,
        )
    with store.read() as s:
        (photo,) = photos.photos_of(s, meeting_id=m.id)
    touched = seen.touched
    rows = dict(touched.rows)
    assert rows.pop("audit_entry")  # the trail's entries of this save
    assert rows == {
        "meeting": {m.id},  # its attendee rows count for it
        "follow_up": {m.follow_ups[0].id},
        "attachment": {photo.id},
    }
    assert not touched.everything
    assert photo.caption == "Suasana" and photo.original_name == "IMG_1.jpg"

    # Only the attendees change: the meeting is what changed, nothing else.
    (f,) = m.follow_ups
    same_follow_up = FollowUpInput(
        what=f.what, responsible=f.responsible, due_date=f.due_date, id=f.id
    )
    fewer = meetings.MeetingInput(
        starts_at=yesterday,
        kecamatan_id=kec,
        purpose="Sambang",
        officer_ids=[officer_id],
        stakeholder_ids=[],
        follow_ups=[same_follow_up],
    )
    with changes.recording() as seen, store.write() as s:
        meetings.save_meeting(
            s,
            m.id,
            fewer,
            photos=[PhotoInput(attachment_id=photo.id, caption="Suasana")],
            photo_dir=store.photo_dir,
        )
    rows = dict(seen.touched.rows)
    assert rows.pop("audit_entry") and rows == {"meeting": {m.id}}

    # A soft delete is a change too: the tombstones of the meeting and its follow-ups.
    with changes.recording() as seen, store.write() as s:
        meetings.delete_meeting(s, m.id)
    rows = dict(seen.touched.rows)
    assert rows.pop("audit_entry") and rows == {"meeting": {m.id}, "follow_up": {f.id}}


def test_a_rolled_back_transaction_reports_nothing(store, yesterday):
    with changes.recording() as seen:
        with pytest.raises(ValidationError), store.write() as s:
            meetings.save_meeting(
                s, None, meetings.MeetingInput(starts_at=yesterday, purpose="Sambang")
            )
            officers.add_officer(s, name="X", nrp="12")  # refused: the meeting goes too
        with pytest.raises(RuntimeError), store.write() as s:
            meetings.save_meeting(
                s, None, meetings.MeetingInput(starts_at=yesterday, purpose="Sambang")
            )
            raise RuntimeError("power cut")
    assert not seen.touched and seen.touched.rows == {}
    with store.read() as s:
        assert meetings.latest_meeting_id(s) is None


def test_an_event_without_a_record_reports_its_audit_entry_only(store):
    from okudesk.core.history import audit
    from okudesk.core.models import AuditEntry

    with changes.recording() as seen, store.write() as s:
        audit.record(s, "print", record_type="meeting", record_id="m1", summary="dicetak")
    with store.read() as s:
        (entry_id,) = s.scalars(select(AuditEntry.id).where(AuditEntry.action == "print")).all()
    assert dict(seen.touched.rows) == {"audit_entry": {entry_id}}


def test_nothing_is_reported_outside_a_recording_and_reads_report_nothing(store, yesterday):
    with store.write() as s:  # nobody records: nothing is kept for later
        meetings.save_meeting(
            s, None, meetings.MeetingInput(starts_at=yesterday, purpose="Sambang")
        )
    with changes.recording() as seen, store.read() as s:
        meetings.latest_meeting_id(s)
    assert not seen.touched


def test_bulk_writers_declare_what_they_wrote(store):
    with changes.recording() as seen:
        summary = demo.fill(store, meetings=3, incidents=4, seed=7)
    rows = seen.touched.rows
    with store.read() as s:
        from okudesk.core.models import Incident, Meeting

        assert rows["meeting"] == set(s.scalars(select(Meeting.id)))
        assert rows["incident"] == set(s.scalars(select(Incident.id)))
    assert len(rows["meeting"]) == summary.meetings and "incident_status_change" in rows
    assert "attachment" in rows and "audit_entry" in rows and "number_sequence" not in rows
