import json

import pytest
import rawdb
from cli_login import open_folder
from sqlalchemy import select

from okudesk.cli import main
from okudesk.core import permissions
from okudesk.core.errors import OkudeskError, PermissionDenied
from okudesk.core.history import audit, versioning
from okudesk.core.models import AuditEntry, Meeting, OfficerAccount
from okudesk.core.records import incidents, meetings, officers
from okudesk.core.security import accounts


def _rows(store, **where):
    with store.read() as s:
        stmt = select(AuditEntry).order_by(AuditEntry.chain, AuditEntry.seq)
        for key, value in where.items():
            stmt = stmt.where(getattr(AuditEntry, key) == value)
        return [
            (e.action, e.record_type, e.actor_name, json.loads(e.changes or "{}"), e.summary)
            for e in s.scalars(stmt)
        ]


def _sql(store, *statements):
    con = rawdb.connect(store.db_path)
    for statement in statements:
        con.execute(statement)
    con.commit()
    con.close()


def test_every_change_is_recorded_with_who_and_before_after(store, yesterday):
    with store.write() as s:
        officer = officers.add_officer(s, name="Rahmat", nrp="90010001")
        accounts.set_account(
            s, officer.id, role="petugas", passphrase="rahasia-sekali", must_change=False
        )
    actor = accounts.login(store, "rahasia-sekali", officer_id=officer.id)
    with store.write(actor=actor) as s:
        m = meetings.create_meeting(
            s,
            meetings.MeetingInput(starts_at=yesterday, purpose="Sambang", officer_ids=[officer.id]),
        )
    with store.write(actor=actor) as s:
        meetings.update_meeting(
            s,
            m.id,
            meetings.MeetingInput(
                starts_at=yesterday, purpose="Sambang ke Kades", place="Balai desa"
            ),
        )
    with store.write(actor=actor) as s:
        meetings.delete_meeting(s, m.id)
    rows = _rows(store, record_id=m.id)
    assert [r[0] for r in rows] == ["create", "update", "delete"]
    assert {r[2] for r in rows} == {"Rahmat"}
    created, updated, deleted = (r[3] for r in rows)
    assert created["purpose"] == [None, "Sambang"] and created["officers"] == [[], [officer.id]]
    assert updated["purpose"] == ["Sambang", "Sambang ke Kades"] and updated["place"] == [
        "",
        "Balai desa",
    ]
    assert updated["officers"] == [[officer.id], []]
    assert deleted["deleted_at"][0] is None and deleted["deleted_at"][1]
    account = _rows(store, record_type="officer_account", action="create")
    assert account[0][3]["passphrase_hash"] == [None, "(disembunyikan)"]
    assert "scrypt" not in json.dumps(_rows(store))


def test_status_changes_and_explicit_events(store, yesterday):
    with store.write() as s:
        i = incidents.create_incident(
            s, incidents.IncidentInput(occurred_at=yesterday, description="Amplop")
        )
        audit.record(s, "print", record_type="incident", record_id=i.id, summary=i.number)
        incidents.update_incident(
            s,
            i.id,
            incidents.IncidentInput(occurred_at=yesterday, description="Amplop berisi uang"),
        )
    with store.write() as s:
        incidents.change_status(s, i.id, "diverifikasi", note="Dua saksi")
        incidents.change_status(s, i.id, "dieskalasi", note="Gakkumdu")
    actions = [r[0] for r in _rows(store, record_id=i.id)]
    assert actions == ["create", "print", "update", "status"]
    assert _rows(store, record_id=i.id, action="update")[0][3]["description"] == [
        "Amplop",
        "Amplop berisi uang",
    ]
    status = _rows(store, record_id=i.id, action="status")[0][3]
    assert status["status"] == [
        "dilaporkan",
        "dieskalasi",
    ]  # one save, one entry: first before, last after
    assert len(_rows(store, record_type="incident_status_change")) == 3


def test_entries_are_synced_records_stamped_like_any_other(store, yesterday):
    with store.write() as s:
        meetings.create_meeting(s, meetings.MeetingInput(starts_at=yesterday, purpose="Sambang"))
    with store.read() as s:
        instance, counter = versioning.current(s.connection())
        e = s.scalars(select(AuditEntry).where(AuditEntry.record_type == "meeting")).one()
        assert (
            e.origin_post == "BTT"
            and e.change_instance == instance
            and 0 < e.change_counter <= counter
        )
        assert e.chain == instance and e.entry_hash == audit._hash_of(e)


def test_audit_entries_are_append_only(store, yesterday):
    with store.write() as s:
        meetings.create_meeting(s, meetings.MeetingInput(starts_at=yesterday, purpose="Sambang"))
    with pytest.raises(OkudeskError, match="append-only"):
        with store.write() as s:
            s.scalars(select(AuditEntry)).first().summary = "rewritten"
            s.flush()
    with pytest.raises(OkudeskError, match="soft deletion"):
        with store.write() as s:
            s.delete(s.scalars(select(AuditEntry)).first())
            s.flush()


def _filled(store, yesterday, n=6):
    for k in range(n):
        with store.write() as s:
            meetings.create_meeting(
                s, meetings.MeetingInput(starts_at=yesterday, purpose=f"Sambang {k}")
            )
    with store.read() as s:
        return [(e.seq, e.id) for e in s.scalars(select(AuditEntry).order_by(AuditEntry.seq))]


def _verify(store):
    with store.read() as s:
        return audit.verify(s)


def test_verify_names_an_edited_entry(store, yesterday):
    entries = _filled(store, yesterday)
    assert _verify(store).ok and _verify(store).entries == len(entries)
    _sql(store, "UPDATE audit_entry SET summary = 'BTT-RPT-palsu' WHERE seq = 3")
    result = _verify(store)
    assert not result.ok and result.bad_entry_id == entries[2][1]
    assert "#3" in result.problem and "diubah" in result.problem


def test_verify_notices_a_removed_entry_in_the_middle_and_at_the_end(store, yesterday):
    entries = _filled(store, yesterday)
    _sql(store, "DELETE FROM audit_entry WHERE seq = 4")
    result = _verify(store)
    assert not result.ok and result.bad_entry_id == entries[4][1] and "hilang" in result.problem
    _sql(store, "DELETE FROM audit_entry WHERE seq >= 4")
    result = _verify(store)
    assert not result.ok and f"#{len(entries)}" in result.problem and "hilang" in result.problem


def test_verify_notices_reordered_entries(store, yesterday):
    entries = _filled(store, yesterday)
    _sql(
        store,
        "UPDATE audit_entry SET seq = -1 WHERE seq = 2",
        "UPDATE audit_entry SET seq = 2 WHERE seq = 3",
        "UPDATE audit_entry SET seq = 3 WHERE seq = -1",
    )
    result = _verify(store)
    assert not result.ok and result.bad_entry_id == entries[2][1]


def test_verify_notices_a_rehashed_edit(store, yesterday):
    """Recomputing the edited entry's own hash is not enough: the next link breaks."""
    entries = _filled(store, yesterday)
    with store.read() as s:
        e = s.scalars(select(AuditEntry).where(AuditEntry.seq == 2)).one()
        e.summary = "palsu"
        forged = audit._hash_of(e)
    _sql(store, f"UPDATE audit_entry SET summary = 'palsu', entry_hash = '{forged}' WHERE seq = 2")
    result = _verify(store)
    assert not result.ok and result.bad_entry_id == entries[2][1] and "tersambung" in result.problem


def test_audit_verify_command(store, yesterday, capsys):
    _filled(store, yesterday, n=2)
    store.close()
    data = str(store.data_dir)
    assert main(["--data-dir", data, "audit", "verify"]) == 0
    out = capsys.readouterr().out.strip().splitlines()
    assert len(out) == 1 and out[0].startswith("Rantai audit utuh:")
    _sql(store, "UPDATE audit_entry SET actor_name = 'orang lain' WHERE seq = 1")
    assert main(["--data-dir", data, "audit", "verify"]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "#1" in err[0] and "RUSAK" in err[0]


def test_reading_the_trail_needs_audit_read(store, yesterday):
    _filled(store, yesterday, n=1)
    petugas = permissions.Actor("x", "Petugas", "petugas")
    with pytest.raises(PermissionDenied):
        with store.read(actor=petugas) as s:
            audit.entries(s)
    with store.read(actor=permissions.Actor("y", "Kapolsek", "kapolsek")) as s:
        rows = audit.entries(s, record_type="meeting")
    assert len(rows) == 1 and rows[0].action == "create"


def test_a_copied_database_starts_a_new_chain_linked_to_the_old_one(store, yesterday):
    _filled(store, yesterday, n=2)
    with store.write() as s:
        versioning.renew_instance(s.connection())
    _filled(store, yesterday, n=2)
    result = _verify(store)
    assert result.ok and result.chains == 2
    with store.read() as s:
        chains = audit.chains_by_post(s)["BTT"]
        first = s.scalars(
            select(AuditEntry).where(AuditEntry.chain == chains[1][0], AuditEntry.seq == 1)
        ).one()
        last_old = s.scalars(
            select(AuditEntry)
            .where(AuditEntry.chain == chains[0][0])
            .order_by(AuditEntry.seq.desc())
        ).first()
        assert first.prev_hash == last_old.entry_hash


def test_hq_keeps_each_posts_chain_as_it_came(tmp_path, store, yesterday):
    """Entries imported with their versions (as sync does) keep their hashes and verify per post."""
    _filled(store, yesterday, n=3)
    with store.read() as s:
        columns = [c.key for c in AuditEntry.__table__.columns]
        exported = [{k: getattr(e, k) for k in columns} for e in s.scalars(select(AuditEntry))]
    with open_folder(tmp_path / "hq") as hq:
        hq.actor = permissions.system_actor("hq")
        with hq.write() as s:
            s.info[versioning.KEEP_VERSIONS] = True
            s.add_all(AuditEntry(**row) for row in exported)
        with hq.read() as s:
            assert audit.verify(s, origin_post="BTT").ok
            assert audit.chains_by_post(s)["BTT"][0][1] == len(exported)
            assert s.scalar(select(Meeting.id)) is None
            assert not s.scalars(select(OfficerAccount)).all()


def test_removing_a_local_row_is_recorded_too(store):
    from okudesk.core.models import Setting
    from okudesk.core.records import settings

    with store.write() as s:
        settings.put(s, "gui.export_warning_days", "7")
    with store.write() as s:
        s.delete(s.get(Setting, "gui.export_warning_days"))
    rows = _rows(store, record_id="gui.export_warning_days")
    assert [r[0] for r in rows] == ["settings", "delete"]
    assert rows[1][3]["value"] == ["7", None]


def test_hq_receives_each_posts_chain_and_records_exports_and_imports(tmp_path):
    from sync_world import add_meeting, enroll, export_to, import_all, make_hq

    usb = tmp_path / "usb"
    usb.mkdir()
    hq = make_hq(tmp_path / "hq")
    post = enroll(hq, tmp_path / "btt", "BTT", usb)
    add_meeting(post, "Koordinasi pengamanan TPS")
    (outcome,) = import_all(hq, [export_to(post, usb)])
    assert outcome.ok and outcome.counts["audit"] > 0
    with hq.read() as s:
        assert audit.verify(s, origin_post="BTT").ok and audit.verify(s).ok
        chains = audit.chains_by_post(s)
        assert "BTT" in chains and "OKU" in chains  # the post's chain, and HQ's own
        assert [e.action for e in audit.entries(s, action="import")] == ["import"]
        assert [
            e.action for e in audit.entries(s, origin_post="BTT", action="export")
        ] == []  # recorded after export
    with post.read() as s:
        assert [e.action for e in audit.entries(s, action="export")] == ["export"]
    for store in (hq, post):
        store.close()
