"""Attacks on the audit trail: the database file edited with sqlite3 at a post, and bundles
signed with a post's real key that rewrite an entry HQ holds or forge another post's chain.

docs/security.md, "The audit trail: append-only at HQ, anchored by checkpoints".
"""

from __future__ import annotations

import json
import shutil
import uuid
from datetime import datetime
from pathlib import Path

import pytest
import rawdb
from sync_world import add_incident, add_meeting, enroll, export_to, make_hq, open_store

from okudesk.cli import main
from okudesk.core.history import audit
from okudesk.core.store import cipher
from okudesk.core.sync import importer, receipt, trail


@pytest.fixture(scope="module")
def synced(tmp_path_factory):
    """A post whose trail HQ has received and acknowledged (receipt applied), then closed."""
    root = tmp_path_factory.mktemp("trail")
    usb = root / "usb"
    usb.mkdir()
    hq = make_hq(root / "hq")
    post = enroll(hq, root / "post", "BTT", usb)
    other = enroll(hq, root / "other", "PGR", usb)
    meeting = add_meeting(post, "Rapat koordinasi")
    for n in range(4):
        add_incident(post, f"Kejadian {n}", meeting_id=meeting)
    first = export_to(post, usb)
    add_meeting(other, "Rapat di PGR")
    other_bundle = export_to(other, usb)
    outcome = importer.import_bundle(hq, first, receipt_dir=usb)
    assert outcome.ok and not outcome.trail, (outcome.reason, outcome.trail)
    assert importer.import_bundle(hq, other_bundle, receipt_dir=usb).ok
    assert receipt.import_receipt(post, outcome.receipt).ok
    for s in (hq, post, other):
        s.close()
    return root


def _copy(synced: Path, tmp_path: Path) -> Path:
    for name in ("hq", "post", "other"):
        shutil.copytree(synced / name, tmp_path / name)
    (tmp_path / "usb").mkdir()
    return tmp_path


def _verify(folder: Path) -> audit.Verification:
    with open_store(folder) as store, store.read() as s:
        return audit.verify(s)


def _db(folder: Path) -> cipher.Connection:
    return rawdb.connect(folder / "okudesk.sqlite3")


_COLS = (
    "id, chain, seq, prev_hash, at, origin_post, actor_id, actor_name, actor_role, action, "
    "record_type, record_id, summary, changes"
)


def _rechain(db: cipher.Connection, chain: str) -> None:
    """What an attacker with the file and the source does: recompute the unkeyed chain from
    its first entry and write the tip back."""
    rows = db.execute(
        f"SELECT {_COLS} FROM audit_entry WHERE chain=? ORDER BY seq", (chain,)
    ).fetchall()
    prev = rows[0][3] if rows else audit.GENESIS
    for r in rows:
        fields = dict(zip(_COLS.split(", "), r, strict=True))
        fields["prev_hash"] = prev
        fields["at"] = datetime.fromisoformat(fields["at"])
        digest = audit.entry_hash(**fields)
        db.execute(
            "UPDATE audit_entry SET prev_hash=?, entry_hash=? WHERE id=?", (prev, digest, r[0])
        )
        prev = digest
    seq = rows[-1][2] if rows else 0
    db.execute(
        "UPDATE store_meta SET value=?, number=? WHERE key='audit_tip'", (f"{chain} {prev}", seq)
    )


def _own_chain(db: cipher.Connection) -> str:
    return db.execute("SELECT value FROM store_meta WHERE key='audit_tip'").fetchone()[0].split()[0]


def _acked_seq(db: cipher.Connection) -> int:
    return json.loads(
        db.execute("SELECT value FROM store_meta WHERE key='audit_ack'").fetchone()[0]
    )["seq"]


def test_the_genuine_trail_verifies_against_hqs_checkpoint(synced, tmp_path):
    world = _copy(synced, tmp_path)
    with _db(world / "post") as db:
        assert _acked_seq(db) > 5  # the receipt brought back HQ's signed checkpoint
    assert _verify(world / "post").ok
    with open_store(world / "hq") as hq, hq.read() as s:
        assert audit.verify(s, origin_post="BTT").ok
        assert trail.verify_post(s, "BTT") == []


def test_deleting_the_last_entries_and_rewriting_the_tip_is_detected(synced, tmp_path):
    world = _copy(synced, tmp_path)
    with _db(world / "post") as db:
        chain = _own_chain(db)
        cut = _acked_seq(db) - 2
        db.execute("DELETE FROM audit_entry WHERE chain=? AND seq>?", (chain, cut))
        last = db.execute(
            "SELECT entry_hash FROM audit_entry WHERE chain=? AND seq=?", (chain, cut)
        ).fetchone()[0]
        db.execute(
            "UPDATE store_meta SET value=?, number=? WHERE key='audit_tip'",
            (f"{chain} {last}", cut),
        )
    result = _verify(world / "post")
    assert not result.ok
    assert "sudah diakui Polres" in result.problem and "dipotong atau dihapus" in result.problem


def test_deleting_the_whole_trail_is_detected(synced, tmp_path):
    world = _copy(synced, tmp_path)
    with _db(world / "post") as db:
        db.execute("DELETE FROM audit_entry")
        db.execute("DELETE FROM store_meta WHERE key='audit_tip'")
    result = _verify(world / "post")
    assert not result.ok and "sudah diakui Polres" in result.problem


def test_editing_an_entry_and_recomputing_the_chain_is_detected(synced, tmp_path):
    world = _copy(synced, tmp_path)
    with _db(world / "post") as db:
        chain = _own_chain(db)
        db.execute(
            "UPDATE audit_entry SET summary='Kejadian yang tidak pernah ada' "
            "WHERE chain=? AND seq=3",
            (chain,),
        )
        _rechain(db, chain)
    result = _verify(world / "post")
    assert not result.ok and "ditulis ulang" in result.problem, result.problem


def test_removing_an_entry_from_the_middle_and_renumbering_is_detected(synced, tmp_path):
    world = _copy(synced, tmp_path)
    with _db(world / "post") as db:
        chain = _own_chain(db)
        db.execute("DELETE FROM audit_entry WHERE chain=? AND seq=3", (chain,))
        db.execute("UPDATE audit_entry SET seq=seq-1 WHERE chain=? AND seq>3", (chain,))
        _rechain(db, chain)
    result = _verify(world / "post")
    assert not result.ok, "a renumbered chain still verified"


def _bump(db: cipher.Connection, where: str, params: tuple) -> None:
    """Give the chosen audit rows new change versions, so the next export sends them again."""
    counter = db.execute("SELECT number FROM store_meta WHERE key='change_counter'").fetchone()[0]
    ids = [r[0] for r in db.execute(f"SELECT id FROM audit_entry WHERE {where}", params)]
    for n, rid in enumerate(ids, start=1):
        db.execute("UPDATE audit_entry SET change_counter=? WHERE id=?", (counter + n, rid))
    db.execute("UPDATE store_meta SET number=? WHERE key='change_counter'", (counter + len(ids),))


def _hq_entry(world: Path, chain: str, seq: int) -> tuple[str, str]:
    with _db(world / "hq") as db:
        return db.execute(
            "SELECT summary, entry_hash FROM audit_entry WHERE chain=? AND seq=?", (chain, seq)
        ).fetchone()


def test_a_signed_bundle_rewriting_an_entry_hq_holds_is_flagged_and_never_applied(
    synced, tmp_path, capsys
):
    world = _copy(synced, tmp_path)
    with _db(world / "post") as db:
        chain = _own_chain(db)
        db.execute(
            "UPDATE audit_entry SET summary='diubah oleh pos' WHERE chain=? AND seq=3", (chain,)
        )
        _rechain(db, chain)
        _bump(db, "chain=?", (chain,))
    before = _hq_entry(world, chain, 3)
    with open_store(world / "post") as post:
        path = export_to(post, world / "usb")  # signed with the post's real key
    with open_store(world / "hq") as hq:
        outcome = importer.import_bundle(hq, path, write_receipt=False)
    assert outcome.ok  # the post's other data still arrives
    assert any("dikirim lagi dengan isi lain" in p for p in outcome.trail), outcome.trail
    assert any("ditulis ulang" in p for p in outcome.trail), outcome.trail
    assert _hq_entry(world, chain, 3) == before  # HQ's copy is the reference
    capsys.readouterr()
    code = main(["--data-dir", str(world / "hq"), "audit", "verify", "--post", "BTT"])
    err = capsys.readouterr().err
    assert code != 0 and "dikirim lagi dengan isi lain" in err, err


def test_a_post_that_deleted_its_trail_and_starts_again_is_reported_at_hq(synced, tmp_path):
    world = _copy(synced, tmp_path)
    with _db(world / "post") as db:
        db.execute("DELETE FROM audit_entry")
        db.execute("DELETE FROM store_meta WHERE key IN ('audit_tip', 'audit_ack')")
    with open_store(world / "post") as post:
        add_incident(post, "Kejadian sesudah penghapusan")
        path = export_to(post, world / "usb")
    with open_store(world / "hq") as hq:
        outcome = importer.import_bundle(hq, path, write_receipt=False)
        assert outcome.ok
        assert outcome.trail, "a restarted chain went unnoticed"
        with hq.read() as s:
            assert trail.verify_post(s, "BTT")
            assert not audit.verify(s, origin_post="BTT").ok or trail.verify_post(s, "BTT")


def test_a_post_cannot_send_a_made_up_chain_for_another_post(synced, tmp_path):
    world = _copy(synced, tmp_path)
    with _db(world / "post") as db:
        instance, counter = db.execute(
            "SELECT value, number FROM store_meta WHERE key='change_counter'"
        ).fetchone()
        forged_chain = str(uuid.uuid4())
        fields = {
            "id": str(uuid.uuid4()),
            "chain": forged_chain,
            "seq": 1,
            "prev_hash": audit.GENESIS,
            "at": datetime(2026, 3, 1, 8, 0),
            "origin_post": "PGR",
            "actor_id": None,
            "actor_name": "Kapolsek PGR",
            "actor_role": "commander",
            "action": "delete",
            "record_type": "incident",
            "record_id": str(uuid.uuid4()),
            "summary": "Laporan dihapus",
            "changes": "",
        }
        digest = audit.entry_hash(**fields)
        db.execute(
            "INSERT INTO audit_entry (id, chain, seq, prev_hash, entry_hash, at, origin_post, "
            "actor_id, actor_name, actor_role, action, record_type, record_id, summary, changes, "
            "created_at, updated_at, change_instance, change_counter) VALUES "
            "(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (
                fields["id"],
                forged_chain,
                1,
                audit.GENESIS,
                digest,
                "2026-03-01 08:00:00.000000",
                "PGR",
                None,
                fields["actor_name"],
                "commander",
                "delete",
                "incident",
                fields["record_id"],
                fields["summary"],
                "",
                "2026-03-01 08:00:00.000000",
                "2026-03-01 08:00:00.000000",
                instance,
                counter + 1,
            ),
        )
        db.execute("UPDATE store_meta SET number=? WHERE key='change_counter'", (counter + 1,))
    with open_store(world / "post") as post:
        path = export_to(post, world / "usb")
    with open_store(world / "hq") as hq:
        outcome = importer.import_bundle(hq, path, write_receipt=False)
    # the ownership check (sync/authority.py) or the trail's own refuses it, naming why
    assert not outcome.ok, outcome
    assert "bukan dari rantai pos BTT" in outcome.reason or "atas nama PGR" in outcome.reason
    with _db(world / "hq") as db:
        assert db.execute(
            "SELECT count(*) FROM audit_entry WHERE chain=?", (forged_chain,)
        ).fetchone() == (0,)


def test_a_checkpoint_not_signed_by_the_bundles_signer_is_refused(synced, tmp_path):
    """The checkpoint is signed apart from the manifest, so HQ can keep it as evidence."""
    world = _copy(synced, tmp_path)
    with open_store(world / "post") as post, post.read() as s:
        from okudesk.core.security import pki

        forged = trail.checkpoint(s, "BTT", pki.generate_key())
    with open_store(world / "hq") as hq, hq.write() as s:
        from okudesk.core.sync import SyncRefused

        signer = pki.make_root(pki.generate_key(), common_name="x", unit="BTT")
        with pytest.raises(SyncRefused, match="titik periksa"):
            trail.receive(s, "BTT", [], {"checkpoint": forged, "id": "x"}, signer)
