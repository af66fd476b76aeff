"""A record read whole by the core (the read-only view), and records found by number."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from sqlalchemy import select

from okudesk.core import permissions
from okudesk.core.errors import NotFound
from okudesk.core.models import FollowUp
from okudesk.core.records import followups, meetings, numbers, officers, reference, view


def test_a_meeting_read_whole_names_its_people_and_references(store):
    when = datetime.now().replace(microsecond=0) - timedelta(days=2)
    with store.write() as s:
        rank = reference.ranks(s)[0].id
        officer = officers.add_officer(s, name="Rahmat Hidayat", nrp="85010123", rank_id=rank).id
        kec = reference.kecamatan(s)[0]
        m = meetings.create_meeting(
            s,
            meetings.MeetingInput(
                starts_at=when,
                kecamatan_id=kec.id,
                purpose="Koordinasi TPS",
                discussion="Baris satu\nBaris dua",
                officer_ids=[officer],
                reported_by_id=officer,
                follow_ups=[followups.FollowUpInput(what="Cek TPS")],
            ),
        )
    with store.read() as s:
        r = view.read(s, "meeting", m.id)
        by_name = {f.name: f for f in r.fields}
        assert r.number == m.number and r.title == "Koordinasi TPS"
        assert by_name["kecamatan_id"].text == kec.name  # a reference by its name
        assert by_name["reported_by_id"].text == "Rahmat Hidayat"
        assert by_name["officer_ids"].text == "Rahmat Hidayat"
        assert by_name["discussion"].text == "Baris satu\nBaris dua"
        assert by_name["starts_at"].value == when
        assert r.audit and r.audit_allowed and r.history == ()
        # found by its number, whole or in part, in any case
        assert numbers.find(s, m.number.lower())[0] == ("meeting", m.id, m.number)
        assert numbers.find(s, m.number[-4:])
        assert numbers.find(s, "%") == [] and numbers.find(s, "   ") == []
        assert numbers.of(s, [m.id, "nothing"]) == {m.id: m.number}
        follow_up = s.scalars(select(FollowUp.id).where(FollowUp.meeting_id == m.id)).one()
        assert numbers.of(s, [follow_up]) == {follow_up: m.number}  # under the meeting
    # a role without the trail still reads the record, without its audit entries
    petugas = permissions.Actor(None, "Petugas", "petugas")
    with store.read(actor=petugas) as s:
        r = view.read(s, "meeting", m.id)
        assert not r.audit_allowed and r.audit == ()
    with store.write() as s:
        meetings.delete_meeting(s, m.id)
    with store.read() as s, pytest.raises(NotFound):
        view.read(s, "meeting", m.id)
    with store.read() as s, pytest.raises(NotFound):
        view.read(s, "stakeholder", m.id)
