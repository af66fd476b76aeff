"""Authority, not just signatures: a post signing with its own real key may send only rows it
owns, with values its forms would accept (docs/security.md, "Records at HQ: ownership").

Each attack is made the way a post running a modified okudesk would: rows written into the
attacker post's own database (through the ORM or sqlite3, past the services), then exported
and signed by the post's real key as any bundle.
"""

from __future__ import annotations

import shutil
import tempfile
import uuid
from datetime import datetime
from pathlib import Path

import pytest
import rawdb
from sqlalchemy import select
from sync_world import (
    WHEN,
    add_incident,
    add_meeting,
    enroll,
    export_to,
    make_hq,
    open_store,
)

from okudesk.core.history import versioning
from okudesk.core.models import (
    AuditEntry,
    FollowUp,
    Incident,
    IncidentCategory,
    Kecamatan,
    Meeting,
    Post,
    SyncBase,
    SyncConflict,
)
from okudesk.core.records import dashboard, listing, reference, tabular
from okudesk.core.store import Store
from okudesk.core.sync import SyncRefused, importer, merge, receipt, trust


@pytest.fixture(scope="module")
def world():
    """HQ OKU with a meeting of its own; post AAA's meeting and incident at HQ; post BBB (the
    attacker) enrolled with one honest bundle. Each test works on copies."""
    root = Path(tempfile.mkdtemp(prefix="okudesk-sync-authority-"))
    usb = root / "usb"
    usb.mkdir()
    hq = make_hq(root / "hq")
    aaa = enroll(hq, root / "aaa", "AAA", usb)
    bbb = enroll(hq, root / "bbb", "BBB", usb)
    ids = {"hq_meeting": add_meeting(hq, "Rapat Polres")}
    ids["meeting"] = add_meeting(aaa, "Rapat pos AAA")
    ids["incident"] = add_incident(aaa, "Kejadian pos AAA", meeting_id=ids["meeting"])
    ids["bbb_meeting"] = add_meeting(bbb, "Rapat pos BBB")
    for post in (aaa, bbb):
        assert importer.import_bundle(hq, export_to(post, usb), write_receipt=False).ok
    with hq.read() as s:
        ids["hq_post"] = s.scalar(select(Post.id).where(Post.code == "OKU"))
    for store in (hq, aaa, bbb):
        store.close()
    yield root, ids
    shutil.rmtree(root, ignore_errors=True)


class Attack:
    """Fresh copies of HQ and the attacker post BBB for one test."""

    def __init__(self, world):
        root, self.ids = world
        self.dir = Path(tempfile.mkdtemp(dir=root))
        for name in ("hq", "aaa", "bbb"):
            shutil.copytree(root / name, self.dir / name)
        self.usb = self.dir / "usb"
        self.usb.mkdir()

    def post(self, code: str = "bbb") -> Store:
        return open_store(self.dir / code)

    def hq(self) -> Store:
        return open_store(self.dir / "hq")

    def sql(self, which: str, statement: str, *args) -> None:
        """Past the services and past SQLite's foreign key check, as a modified okudesk can."""
        con = rawdb.connect(self.dir / which / "okudesk.sqlite3")
        con.execute("PRAGMA foreign_keys = OFF")
        with con:
            con.execute(statement, args)
        con.close()

    def send(self) -> importer.BundleOutcome:
        with self.post() as post:
            path = export_to(post, self.usb)
        with self.hq() as hq:
            return importer.import_bundle(hq, path, write_receipt=False)

    def refused(self, *needles: str) -> str:
        outcome = self.send()
        assert not outcome.ok, "the forged bundle was accepted"
        assert outcome.post == "BBB"
        assert any(n in outcome.reason for n in needles), outcome.reason
        with self.hq() as hq, hq.read() as s:
            trail = s.scalars(
                select(AuditEntry.summary).where(AuditEntry.action == "import_refused")
            ).all()
        assert len(trail) == 1 and outcome.reason in trail[0]
        return outcome.reason


@pytest.fixture
def attack(world):
    a = Attack(world)
    yield a
    shutil.rmtree(a.dir, ignore_errors=True)


def _hq_meeting(attack: Attack, meeting_id: str) -> tuple[str, bool, str]:
    with attack.hq() as hq, hq.read() as s:
        m = s.get(Meeting, meeting_id)
        return m.purpose, m.deleted_at is not None, m.origin_post


def _forge_meeting(store: Store, meeting_id: str, origin: str, **values) -> None:
    with store.write() as s:
        s.add(
            Meeting(
                id=meeting_id,
                origin_post=origin,
                number="MTG-FORGED",
                starts_at=WHEN,
                purpose=values.pop("purpose", "Ditimpa pos BBB"),
                **values,
            )
        )


# --- finding 1: ownership ---------------------------------------------------------------------


def test_tombstone_for_another_posts_meeting_is_refused(attack):
    m = attack.ids["meeting"]
    with attack.post() as post:
        _forge_meeting(post, m, "AAA", deleted_at=datetime(2026, 3, 11))
    with attack.post() as post:
        path = export_to(post, attack.usb)
    with attack.hq() as hq, pytest.raises(SyncRefused, match="milik AAA"):
        importer.verify_bundle(hq, path)  # `verify` says so before anyone imports it
    reason = attack.refused("milik AAA")
    assert reason.startswith(f"Berkas ditolak: meeting {m} tidak boleh dikirim pos ini"), reason
    assert _hq_meeting(attack, m) == ("Rapat pos AAA", False, "AAA")


def test_row_based_on_another_posts_current_version_is_refused(attack):
    """base = AAA's version at HQ: on main the row counted as a knowing change and replaced
    AAA's meeting without any conflict."""
    m = attack.ids["meeting"]
    with attack.hq() as hq, hq.read() as s:
        version = s.execute(
            select(Meeting.change_instance, Meeting.change_counter).where(Meeting.id == m)
        ).one()
    with attack.post() as post:
        _forge_meeting(post, m, "AAA")
        with post.write() as s:
            s.add(
                SyncBase(table_name="meeting", record_id=m, instance=version[0], counter=version[1])
            )
    attack.refused("versi dasarnya bukan versi dari Polres")
    assert _hq_meeting(attack, m)[0] == "Rapat pos AAA"
    with attack.hq() as hq, hq.read() as s:
        assert not s.scalars(select(SyncConflict)).all()


def test_made_up_instance_claiming_its_own_origin_cannot_take_a_record_over(attack):
    """A fresh instance ID (larger than any real one, so it would win the fixed order) with
    origin_post set to the attacker itself."""
    m = attack.ids["meeting"]
    with attack.post() as post, post.write() as s:
        s.info[versioning.KEEP_VERSIONS] = True
        s.add(
            Meeting(
                id=m,
                origin_post="BBB",
                number="MTG-FORGED",
                starts_at=WHEN,
                purpose="Diambil alih pos BBB",
                change_instance="ffffffff-" + uuid.uuid4().hex[:4] + "-4000-8000-000000000000",
                change_counter=1,
            )
        )
    attack.refused("asal data diubah dari AAA")
    assert _hq_meeting(attack, m) == ("Rapat pos AAA", False, "AAA")


def test_new_record_claiming_another_posts_origin_is_refused(attack):
    forged = str(uuid.uuid4())
    with attack.post() as post:
        _forge_meeting(post, forged, "AAA", purpose="Atas nama pos AAA")
    attack.refused("data baru atas nama AAA")
    with attack.hq() as hq, hq.read() as s:
        assert s.get(Meeting, forged) is None


def test_hq_own_record_cannot_be_changed_by_a_post(attack):
    m = attack.ids["hq_meeting"]
    with attack.post() as post:
        _forge_meeting(post, m, "OKU", deleted_at=datetime(2026, 3, 11))
    attack.refused("milik OKU")
    assert _hq_meeting(attack, m) == ("Rapat Polres", False, "OKU")


@pytest.mark.parametrize("whose", ["AAA", "OKU"])
def test_tombstone_or_edit_of_another_post_row_is_refused(attack, whose):
    """Post rows of posts are public (UUID5 of the code); HQ's own row too, once known."""
    post_id = trust.post_record_id("AAA") if whose == "AAA" else attack.ids["hq_post"]
    with attack.post() as post, post.write() as s:
        s.add(
            Post(
                id=post_id,
                code=whose,
                name="Dihapus pos BBB",
                origin_post=whose,
                is_hq=whose == "OKU",
                deleted_at=datetime(2026, 3, 11),
            )
        )
    attack.refused("data pos lain atau Polres")
    with attack.hq() as hq, hq.read() as s:
        row = s.get(Post, post_id)
        assert row.deleted_at is None and row.name != "Dihapus pos BBB"


@pytest.mark.parametrize("model", [Kecamatan, IncidentCategory])
def test_rename_of_seeded_reference_data_is_set_aside_not_applied(attack, model):
    """A post's okudesk lets an admin rename a list entry; at HQ the list is HQ's: the rename
    is kept for a person at HQ (like a conflict's loser) and the rest of the bundle applies."""
    with attack.hq() as hq, hq.read() as s:
        ref = s.scalars(select(model).order_by(model.id)).first()
        ref_id, name = ref.id, ref.name
    with attack.post() as post, post.write() as s:
        reference.rename(s, model, ref_id, "Nama menurut BBB")
    with attack.post() as post:
        honest = add_meeting(post, "Rapat jujur BBB")
    outcome = attack.send()
    assert outcome.ok, outcome.reason
    with attack.hq() as hq, hq.read() as s:
        assert s.get(model, ref_id).name == name
        assert outcome.counts["set_aside"] == 1
        assert s.get(Meeting, honest) is not None  # the honest rows applied
        kept = s.scalars(select(SyncConflict)).one()
        assert (kept.table_name, kept.record_id, kept.post_code) == (
            model.__tablename__,
            ref_id,
            "BBB",
        )
        assert (
            "1 disisihkan untuk ditinjau"
            in s.scalars(select(AuditEntry.summary).where(AuditEntry.action == "import")).all()[-1]
        )


def test_rename_of_a_seeded_row_hq_lacks_is_set_aside(attack):
    """Seeds differ between okudesk versions: a post's edit of a seeded row HQ never had is
    kept for review too, not applied and not a reason to refuse the post's work."""
    with attack.hq() as hq, hq.read() as s:
        kec = s.scalars(select(Kecamatan).order_by(Kecamatan.id)).first().id
    attack.sql("hq", "DELETE FROM kecamatan WHERE id = ?", kec)
    with attack.post() as post, post.write() as s:
        reference.rename(s, Kecamatan, kec, "Nama menurut BBB")
    outcome = attack.send()
    assert outcome.ok, outcome.reason
    with attack.hq() as hq, hq.read() as s:
        assert s.get(Kecamatan, kec) is None
        assert outcome.counts["set_aside"] == 1


def test_deleting_seeded_reference_data_is_refused(attack):
    with attack.hq() as hq, hq.read() as s:
        kec = s.scalars(select(Kecamatan).order_by(Kecamatan.id)).first().id
    with attack.post() as post, post.write() as s:
        s.get(Kecamatan, kec).deleted_at = datetime(2026, 3, 11)
    attack.refused("menghapus data referensi milik Polres")
    with attack.hq() as hq, hq.read() as s:
        assert s.get(Kecamatan, kec).deleted_at is None


def test_child_under_another_posts_record_is_refused(attack):
    """A follow-up hung under AAA's incident: a child belongs to its parent's post."""
    with attack.post() as post, post.write() as s:
        s.add(FollowUp(what="Tindak lanjut palsu", incident_id=None))
        s.flush()
        forged = s.scalars(select(FollowUp)).one().id
    # the incident is AAA's: the attacker never had it
    attack.sql(
        "bbb", "UPDATE follow_up SET incident_id = ? WHERE id = ?", attack.ids["incident"], forged
    )
    attack.refused(f"menunjuk incident {attack.ids['incident']} milik AAA")
    with attack.hq() as hq, hq.read() as s:
        assert s.get(FollowUp, forged) is None


def test_held_child_is_set_aside_when_its_parent_turns_out_to_be_another_posts(attack):
    """A follow-up sent for an incident HQ does not have yet is held, as a late parent's
    child is; when the parent arrives from AAA, BBB's row is set aside, not hung under it."""
    with attack.post("aaa") as aaa:
        later = add_incident(aaa, "Kejadian AAA berikutnya")
    with attack.post() as post, post.write() as s:
        s.add(FollowUp(what="Menunggu induknya", incident_id=None))
        s.flush()
        forged = s.scalars(select(FollowUp)).one().id
    attack.sql("bbb", "UPDATE follow_up SET incident_id = ? WHERE id = ?", later, forged)
    outcome = attack.send()
    assert outcome.ok and outcome.counts["held"] == 1, outcome
    with attack.post("aaa") as aaa:
        path = export_to(aaa, attack.usb)
    with attack.hq() as hq:
        outcome = importer.import_bundle(hq, path, write_receipt=False)
        assert outcome.ok, outcome.reason
        with hq.read() as s:
            assert s.get(Incident, later) is not None
            assert s.get(FollowUp, forged) is None
            kept = s.scalars(select(SyncConflict)).one()
            assert (kept.record_id, kept.post_code) == (forged, "BBB")
            instance = kept.instance
        assert outcome.counts["set_aside"] == 1 and outcome.counts["released"] == 0
        with hq.write() as s, pytest.raises(SyncRefused, match="hanya dapat ditolak"):
            merge.resolve_conflict(s, "follow_up", forged, instance, adopt=True)
        with hq.write() as s:  # dismissing it closes it
            merge.resolve_conflict(s, "follow_up", forged, instance, adopt=False)
            assert s.get(FollowUp, forged) is None


def test_audit_entry_claiming_another_posts_origin_is_refused(attack):
    attack.sql(
        "bbb",
        "UPDATE audit_entry SET origin_post = 'AAA' WHERE rowid = (SELECT max(rowid) FROM "
        "audit_entry)",
    )
    attack.refused("milik AAA", "atas nama AAA")


def test_receipt_may_bring_only_reference_data_and_the_posts_own_records(attack, monkeypatch):
    """The reverse: HQ's receipt for BBB carrying AAA's meeting is refused at BBB."""

    real = receipt._hq_selections

    def everything(session, post_code):  # HQ's versions of every post's records
        out = []
        for info, where, base in real(session, post_code):
            clauses = getattr(where, "clauses", None)  # (made at HQ) and (origin = the post)
            out.append((info, clauses[0] if clauses is not None else where, base))
        return out

    with attack.hq() as hq, hq.write() as s:
        s.get(Meeting, attack.ids["meeting"]).purpose = "Dikoreksi Polres"
    monkeypatch.setattr(receipt, "_hq_selections", everything)
    with attack.hq() as hq:
        path = receipt.write_receipt(hq, "BBB", attack.usb)
    with attack.post() as post:
        outcome = receipt.import_receipt(post, path)
        assert not outcome.ok
        assert "bukan pos ini" in outcome.reason, outcome.reason
        with post.read() as s:
            assert s.get(Meeting, attack.ids["meeting"]) is None


# --- finding 5: every value checked --------------------------------------------------------


def test_incident_with_occurred_at_not_a_date_is_refused(attack):
    with attack.post() as post:
        bad = add_incident(post, "Tanggal rusak")
    attack.sql("bbb", "UPDATE incident SET occurred_at = 'not a date' WHERE id = ?", bad)
    reason = attack.refused("bukan tanggal dan waktu")
    assert reason.startswith(f"Berkas ditolak: incident {bad} tidak sah: "), reason
    assert "'not a date'" in reason
    with attack.hq() as hq, hq.read() as s:
        assert s.get(Incident, bad) is None


@pytest.mark.parametrize(
    ("column", "bad", "needle"),
    [
        ("name", "x" * 81, "name terlalu panjang (maksimal 80 karakter)"),
        ("is_kelurahan", 7, "is_kelurahan bukan ya/tidak: 7"),
        ("created_at", "2026-02-30 10:00:00", "created_at bukan tanggal dan waktu"),
        ("deleted_at", "kemarin", "deleted_at bukan tanggal dan waktu: 'kemarin'"),
    ],
)
def test_values_of_tables_without_a_field_table_are_checked(attack, column, bad, needle):
    """Reference rows, status steps, reports, audit entries...: every column's type, length
    and required value, as the model declares them (here a desa the post added itself)."""
    with attack.post() as post, post.write() as s:
        kec = reference.kecamatan(s)[0].id
        desa = reference.add_desa(s, kec, "Desa baru BBB")
    attack.sql("bbb", f"UPDATE desa SET {column} = ? WHERE id = ?", bad, desa)
    reason = attack.refused(needle)
    assert reason.startswith(f"Berkas ditolak: desa {desa} tidak sah: "), reason


def test_status_step_with_an_unknown_status_is_refused(attack):
    with attack.post() as post:
        incident = add_incident(post, "Kejadian BBB")
    attack.sql(
        "bbb",
        "UPDATE incident_status_change SET to_status = 'hilang' WHERE incident_id = ?",
        incident,
    )
    attack.refused("to_status tidak dikenal: hilang")


def test_lists_show_a_bad_stored_value_instead_of_failing(attack):
    """A value that is not a date already in HQ's database (written with sqlite3): the
    incident and meeting lists, Beranda and the Excel export still work, showing it as
    invalid."""
    attack.sql("hq", "UPDATE incident SET occurred_at = 'not a date'")
    attack.sql("hq", "UPDATE meeting SET starts_at = '2026-13-45 99:00:00'")
    with attack.hq() as hq, hq.read() as s:
        for which, column in ((listing.INCIDENTS, "occurred_at"), (listing.MEETINGS, "starts_at")):
            keys = listing.keys(s, which)
            rows = listing.rows(s, which, list(keys))
            assert rows
            at = which.column_keys.index(column) + 1
            for row in rows.values():
                assert isinstance(row[at], listing.InvalidValue), row
                assert "tidak sah" in row[at]
        (line,) = dashboard.summary(s, today=WHEN.date()).latest_incidents  # Beranda
        assert isinstance(line.occurred_at, listing.InvalidValue)
        table = tabular.export_rows(s, "incident")  # the Excel export a superior reads
        (row,) = list(table.rows)
        assert any(isinstance(v, listing.InvalidValue) for v in row), row


def test_every_travelling_column_has_a_type_the_checks_know():
    """A new column of a type values.py does not check would travel unchecked."""
    from sqlalchemy import Boolean, Date, DateTime, Integer, LargeBinary, String

    from okudesk.core.sync import records

    for info in records.travelling():
        for column in records.ordered_columns(info.table):
            assert isinstance(
                column.type, (Boolean, Integer, DateTime, Date, LargeBinary, String)
            ), f"{info.name}.{column.name}: {column.type!r}"
