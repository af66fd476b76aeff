"""A conflict reviewed and decided in the core: the comparison, the rule, the decision and
its audit entry, and an incident's status kept in line with its history."""

from __future__ import annotations

import pytest
from conflict_world import make_conflict
from sqlalchemy import select

from okudesk.core.history import audit
from okudesk.core.models import Incident
from okudesk.core.records import incidents
from okudesk.core.sync import conflicts, consistency, merge, status


@pytest.fixture
def world(tmp_path):
    w = make_conflict(tmp_path)
    yield w
    w["hq"].close()
    w["post"].close()


def _kept_instance(hq, incident):
    with hq.read() as s:
        (c,) = status.conflicts(s)
    assert c.record_id == incident
    return c.instance


def test_review_shows_both_versions_the_differing_fields_and_why(world):
    hq, incident = world["hq"], world["incident"]
    kept = _kept_instance(hq, incident)
    with hq.read() as s:
        r = conflicts.review(s, "incident", incident, kept)
        number = s.get(Incident, incident).number
        assert conflicts.open_ids(s, "incident") == {incident}
    assert r.number == number and r.number.strip()
    differing = {f.name: (f.current, f.kept) for f in r.differing}
    winner_title = "Asli" if world["first_wins"] else "Versi sesudah pemulihan"
    loser_title = "Versi sesudah pemulihan" if world["first_wins"] else "Asli"
    assert differing["title"] == (winner_title, loser_title)
    assert set(differing["status"]) == {"diverifikasi", "tidak_valid"}
    labels = {f.name: f.label for f in r.fields}
    assert labels["title"] == "Judul singkat" and labels["status"] == "Status"
    assert r.current.post_code == r.kept.post_code == "BTT"
    assert r.current.changed_at is not None and r.kept.changed_at is not None
    assert "urutan tetap" in r.reason and r.reason.startswith("versi ini menang karena")
    # the winner's status and the loser's last history line disagree: said, not silent
    assert r.problems and "riwayat" in r.problems[0]


@pytest.mark.parametrize("adopt", [True, False])
def test_decision_is_audited_and_status_agrees_with_history(world, adopt):
    hq, incident = world["hq"], world["incident"]
    kept = _kept_instance(hq, incident)
    with hq.read() as s:
        before = conflicts.review(s, "incident", incident, kept)
    with hq.write() as s:
        conflicts.decide(s, "incident", incident, kept, adopt=adopt)
    with hq.read() as s:
        i = s.get(Incident, incident)
        expected = {f.name: (f.kept if adopt else f.current) for f in before.differing}
        assert i.title == expected["title"] and i.status == expected["status"]
        assert incidents.history(s, incident)[-1].to_status == i.status
        assert consistency.inconsistencies(s, "incident", incident) == []
        assert status.conflicts(s) == [] and conflicts.open_ids(s, "incident") == set()
        (entry,) = [
            e for e in audit.entries(s, record_id=incident) if "Konflik sinkronisasi" in e.summary
        ]
        assert ("dipakai" if adopt else "ditolak") in entry.summary
        if adopt:  # the entry names what changed, from what to what
            loser = {f.name: f.kept for f in before.differing}
            winner = {f.name: f.current for f in before.differing}
            assert entry.changes["title"] == [winner["title"], loser["title"]]
            assert entry.changes["status"] == [winner["status"], loser["status"]]
        else:
            assert entry.changes == {}
        assert audit.verify(s).ok
    with hq.write() as s, pytest.raises(Exception, match="tidak ditemukan"):
        conflicts.decide(s, "incident", incident, kept, adopt=True)


def test_the_record_is_not_in_conflict_before_the_restore(tmp_path):
    from sync_world import add_incident, make_hq

    hq = make_hq(tmp_path / "hq")
    incident = add_incident(hq, "Di Polres")
    with hq.read() as s:
        assert conflicts.open_ids(s, "incident") == set()
        assert consistency.inconsistencies(s, "incident", incident) == []
        assert s.scalar(select(Incident.status).where(Incident.id == incident)) == "dilaporkan"
    hq.close()


def test_every_way_of_deciding_leaves_status_and_history_agreeing(world):
    """The command line decides through merge.resolve_conflict, without the review."""
    hq, incident = world["hq"], world["incident"]
    kept = _kept_instance(hq, incident)
    with hq.read() as s:
        assert consistency.inconsistencies(s, "incident", incident)  # before: they disagree
        status_before = s.get(Incident, incident).status
    with hq.write() as s:
        merge.resolve_conflict(s, "incident", incident, kept, adopt=False)
    with hq.read() as s:
        assert consistency.inconsistencies(s, "incident", incident) == []
        steps = incidents.history(s, incident)
        assert steps[-1].to_status == status_before == s.get(Incident, incident).status
        assert "konflik sinkronisasi" in steps[-1].note
