"""Attacks on restore: another post's or HQ's backup, a crafted zip with its manifest hash
recomputed, and an old backup whose trail no longer holds what HQ acknowledged.

docs/security.md, "Backups are authenticated by the installation that made them".
"""

from __future__ import annotations

import hashlib
import json
import zipfile
from pathlib import Path

import pytest
import rawdb
from sync_world import add_incident, enroll, export_to, make_hq, open_store

from okudesk.core import backups, permissions
from okudesk.core.history import audit
from okudesk.core.sync import importer, receipt

CONSOLE = permissions.system_actor("pytest")


@pytest.fixture
def world(tmp_path):
    usb = tmp_path / "usb"
    usb.mkdir()
    hq = make_hq(tmp_path / "hq")
    post = enroll(hq, tmp_path / "post", "BTT", usb)
    other = enroll(hq, tmp_path / "other", "PGR", usb)
    add_incident(post, "Kejadian di BTT")
    add_incident(other, "Kejadian di PGR")
    yield {"root": tmp_path, "usb": usb, "hq": hq, "post": post, "other": other}
    for s in (hq, post, other):
        s.close()


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _titles(folder: Path) -> list[str]:
    with rawdb.connect(folder / "okudesk.sqlite3") as db:
        return [r[0] for r in db.execute("SELECT title FROM incident ORDER BY title")]


def test_another_posts_backup_is_refused_unless_an_admin_confirms_the_reenrolment(world):
    foreign = backups.write_backup(world["other"], world["usb"]).path
    post = world["post"]
    post.close()
    before = _digest(post.db_path)
    with pytest.raises(backups.ForeignBackup, match="pos PGR, bukan pos BTT"):
        backups.restore(post.data_dir, foreign, actor=CONSOLE)
    assert _digest(post.db_path) == before and _titles(post.data_dir) == ["Kejadian di BTT"]
    kapolsek = permissions.Actor("k", "Kapolsek", "kapolsek")
    with pytest.raises(backups.ForeignBackup, match="Hanya admin"):
        backups.restore(post.data_dir, foreign, actor=kapolsek, reenrol=True)
    assert _digest(post.db_path) == before
    admin = permissions.Actor("a", "Admin BTT", "admin")
    info = backups.restore(post.data_dir, foreign, actor=admin, reenrol=True)
    assert "Pendaftaran ulang dikonfirmasi oleh Admin BTT" in info.statement
    assert not info.authenticated and _titles(post.data_dir) == ["Kejadian di PGR"]


def test_hqs_backup_is_refused_at_a_post(world):
    hq_backup = backups.write_backup(world["hq"], world["usb"]).path
    post = world["post"]
    post.close()
    with pytest.raises(backups.ForeignBackup, match="Polres OKU"):
        backups.restore(post.data_dir, hq_backup, actor=CONSOLE)


def _crafted(original: Path, out: Path, tmp: Path) -> Path:
    """Edit the database inside a backup (incident text, a planted passphrase), recompute
    the manifest's hash and zip it again: internally consistent, not made by anyone here."""
    with zipfile.ZipFile(original) as z:
        members = {n: z.read(n) for n in z.namelist()}
    db_path = tmp / "inside.sqlite3"
    db_path.write_bytes(members["okudesk.sqlite3"])
    with rawdb.connect(db_path) as db:
        db.execute("UPDATE incident SET title='Tidak pernah terjadi'")
        db.execute("UPDATE officer_account SET passphrase_hash='planted'")
    db = db_path.read_bytes()
    manifest = json.loads(members["manifest.json"])
    manifest["database_sha256"] = hashlib.sha256(db).hexdigest()
    members["okudesk.sqlite3"], members["manifest.json"] = db, json.dumps(manifest).encode()
    with zipfile.ZipFile(out, "w") as z:
        for name, data in members.items():
            z.writestr(name, data)
    return out


def test_a_crafted_backup_with_its_hash_recomputed_is_refused(world, tmp_path):
    post = world["post"]
    genuine = backups.write_backup(post, world["usb"]).path
    crafted = _crafted(genuine, world["usb"] / "cadangan-diubah.zip", tmp_path)
    backups.check_backup(crafted)  # internally consistent: the zip and its manifest agree
    post.close()
    before = _digest(post.db_path)
    with pytest.raises(backups.ForeignBackup, match="autentikasi gagal"):
        backups.restore(post.data_dir, crafted, actor=CONSOLE)
    assert _digest(post.db_path) == before and _titles(post.data_dir) == ["Kejadian di BTT"]
    info = backups.restore(post.data_dir, genuine, actor=CONSOLE)  # the genuine one goes in
    assert info.authenticated and "dibuat oleh instalasi ini" in info.statement


def test_the_installation_key_never_travels_in_a_backup(world):
    post = world["post"]
    path = backups.write_backup(post, world["usb"]).path
    key = (post.data_dir / backups.KEY_NAME).read_text().strip()
    with zipfile.ZipFile(path) as z:
        assert all(key.encode() not in z.read(n) for n in z.namelist())
        manifest = json.loads(z.read("manifest.json"))
    assert manifest["installation"]["post_code"] == "BTT" and manifest["installation"]["key_id"]
    assert manifest["authentication"]["alg"] == "HMAC-SHA256"


def test_own_backup_into_an_empty_folder_on_a_new_laptop(world, tmp_path):
    """Reinstalled on a new laptop: the keys are only in the backup. Restoring into an empty
    data folder is allowed, and the result says that nothing vouched for it here."""
    post = world["post"]
    path = backups.write_backup(post, world["usb"]).path
    info = backups.restore(tmp_path / "new-laptop", path, actor=CONSOLE)
    assert not info.authenticated and "folder data kosong" in info.statement
    with open_store(tmp_path / "new-laptop") as store, store.read() as s:
        assert audit.verify(s).ok
        from okudesk.core.sync import trust

        assert trust.role(s).code == "BTT"  # the installation's identity came with it
    # and the restored laptop syncs on as BTT
    with open_store(tmp_path / "new-laptop") as store:
        add_incident(store, "Sesudah pemulihan")
        bundle = export_to(store, world["usb"])
    assert importer.import_bundle(world["hq"], bundle, write_receipt=False).ok


def test_an_old_backup_whose_trail_misses_what_hq_acknowledged_is_reported(world):
    post, hq, usb = world["post"], world["hq"], world["usb"]
    old = backups.write_backup(post, usb).path
    add_incident(post, "Kejadian sesudah cadangan")
    outcome = importer.import_bundle(hq, export_to(post, usb), receipt_dir=usb)
    assert outcome.ok and not outcome.trail, outcome.trail
    assert receipt.import_receipt(post, outcome.receipt).ok
    post.close()
    info = backups.restore(post.data_dir, old, actor=CONSOLE)
    assert info.authenticated
    assert "sudah diakui Polres" in info.trail_problem, info.trail_problem
    with open_store(post.data_dir) as store, store.read() as s:
        last = audit.entries(s, action="restore", limit=1)[0]
        assert "sudah diakui Polres" in last.changes["audit_trail"][1]
    # HQ sees it too: the post's next checkpoint does not extend the one HQ holds
    with open_store(post.data_dir) as store:
        add_incident(store, "Sesudah pemulihan")
        again = importer.import_bundle(hq, export_to(store, usb), write_receipt=False)
    assert again.ok and any("tidak melanjutkan" in p for p in again.trail), again.trail
