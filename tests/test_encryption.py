"""Encryption at rest, attacked as someone holding the laptop's files, a backup on a stick,
or a copy of the key file would attack it (docs/security.md, "A stolen laptop or a lost
stick reveals nothing")."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from cli_login import DEMO_PASSPHRASE, officer_with_role
from sqlalchemy import select
from sync_world import enroll, make_hq

from okudesk.cli import main
from okudesk.core import permissions
from okudesk.core.errors import LoginFailed, StoreError, StoreLocked
from okudesk.core.models import Meeting
from okudesk.core.security import accounts, pki, unlocking
from okudesk.core.store import DB_NAME, Store, cipher, keyring
from okudesk.core.store.encrypting import ENCRYPTING_NAME
from okudesk.core.store.keyring import Keyring

ADMIN_NRP, ADMIN_PASS = "80010001", "sandi-admin-pos"


def _plain_folder_with_officers(folder: Path) -> dict[str, str]:
    """A store as an older okudesk left it: plain, two officers with passphrases, a meeting."""
    from datetime import datetime

    from okudesk.core.records import meetings, officers, posts, reference

    store = Store.open(folder)
    store.actor = permissions.system_actor("pytest")
    with store.write() as s:
        kec = {k.name: k.id for k in reference.kecamatan(s)}
        posts.set_up_this_post(
            s,
            code="BTT",
            name="Polsek Baturaja Timur",
            letterhead=["KEPOLISIAN DAERAH SUMATERA SELATAN"],
            place_name="Baturaja",
            kecamatan_ids=[kec["Baturaja Timur"]],
        )
        accounts.create_first_admin(s, name="Admin Pos", nrp=ADMIN_NRP, passphrase=ADMIN_PASS)
        other = officers.add_officer(s, name="Budi Santoso", nrp="85071234").id
        accounts.set_account(s, other, role="petugas", passphrase="sandi-budi-1", must_change=False)
        meetings.create_meeting(
            s, meetings.MeetingInput(starts_at=datetime(2026, 3, 1, 9), purpose="Rapat KPU rahasia")
        )
    store.close()
    return {"admin": ADMIN_NRP, "budi": "85071234"}


def _everything_in(folder: Path) -> bytes:
    return b"".join(p.read_bytes() for p in folder.rglob("*") if p.is_file())


@pytest.mark.real_kdf
def test_a_plain_store_is_encrypted_at_its_first_login_and_nothing_reads_it_without(tmp_path):
    folder = tmp_path / "pos"
    _plain_folder_with_officers(folder)
    assert b"Rapat KPU rahasia" in (folder / DB_NAME).read_bytes()  # what a thief read before
    with unlocking.open_as(folder, ADMIN_PASS, nrp=ADMIN_NRP) as store:
        assert store.data_key is not None
    db = folder / DB_NAME
    assert not cipher.is_plain(db)
    everything = _everything_in(folder)
    assert b"Rapat KPU rahasia" not in everything and b"PRIVATE KEY" not in everything
    # the standard sqlite3 and SQLCipher without the key read nothing
    with pytest.raises(sqlite3.DatabaseError):
        sqlite3.connect(db).execute("SELECT count(*) FROM meeting").fetchone()
    with pytest.raises(cipher.DatabaseError):
        cipher.check(cipher.connect(db, None))
    with pytest.raises(StoreLocked):
        Store.open(folder)
    # another officer's passphrase opens it too (their wrap came from their login hash), and
    # their first login rewraps it at the full key derivation
    keys = Keyring.load(folder)
    assert keys is not None and keys.needs_rewrap(keys.entry(nrp="85071234")["officer_id"])
    with unlocking.open_as(folder, "sandi-budi-1", nrp="85071234") as store:
        actor = accounts.login(store, "sandi-budi-1", nrp="85071234")
        unlocking.after_login(store, actor.officer_id, "sandi-budi-1")
        with store.read(actor=actor) as s:
            assert s.scalar(select(Meeting.purpose)) == "Rapat KPU rahasia"
    keys = Keyring.load(folder)
    assert keys is not None and not keys.needs_rewrap(keys.entry(nrp="85071234")["officer_id"])


def test_a_wrong_passphrase_opens_nothing_and_counts_toward_the_lock(tmp_path):
    folder = tmp_path / "pos"
    _plain_folder_with_officers(folder)
    unlocking.open_as(folder, ADMIN_PASS, nrp=ADMIN_NRP).close()
    for _attempt in range(3):
        with pytest.raises(LoginFailed):
            unlocking.open_as(folder, "tebakan", nrp="85071234")
    with pytest.raises(LoginFailed) as waiting:  # the wait is enforced before any derivation
        unlocking.open_as(folder, "sandi-budi-1", nrp="85071234")
    assert waiting.value.retry_after > 0
    with pytest.raises(LoginFailed, match="Tidak ada akun"):
        unlocking.open_as(folder, ADMIN_PASS, nrp="00000000")


def test_a_changed_passphrase_rewraps_and_the_old_one_opens_nothing(tmp_path):
    folder = tmp_path / "pos"
    _plain_folder_with_officers(folder)
    before = (folder / DB_NAME).read_bytes()
    with unlocking.open_as(folder, ADMIN_PASS, nrp=ADMIN_NRP) as store:
        actor = accounts.login(store, ADMIN_PASS, nrp=ADMIN_NRP)
        accounts.change_passphrase(store, actor.officer_id, ADMIN_PASS, "sandi-admin-baru")
        after_store = store.data_key
    assert after_store is not None
    with pytest.raises(LoginFailed):
        unlocking.open_as(folder, ADMIN_PASS, nrp=ADMIN_NRP)
    with unlocking.open_as(folder, "sandi-admin-baru", nrp=ADMIN_NRP) as store:
        assert store.data_key == after_store  # rewrapped: the data was never re-encrypted
    keys = Keyring.load(folder)
    assert keys is not None and len(keys.entries(nrp=ADMIN_NRP)) == 1
    assert before != (folder / DB_NAME).read_bytes()


@pytest.mark.real_kdf
def test_a_copied_key_file_costs_a_memory_hard_derivation_per_guess(tmp_path):
    folder = tmp_path / "pos"
    _plain_folder_with_officers(folder)
    unlocking.open_as(folder, ADMIN_PASS, nrp=ADMIN_NRP).close()
    doc = json.loads((folder / keyring.KEYRING_NAME).read_text())
    admin = next(e for e in doc["officers"] if e["nrp"] == ADMIN_NRP)
    assert (admin["kdf"]["name"], admin["kdf"]["n"], admin["kdf"]["r"]) == ("scrypt", 2**17, 8)
    keyring.forget_derived()
    started = time.perf_counter()
    with pytest.raises(LoginFailed):
        Keyring.load(folder).unlock("tebakan", nrp=ADMIN_NRP)  # type: ignore[union-attr]
    assert time.perf_counter() - started > 0.05  # no fast path for a guess
    # a key file that asks for an absurd derivation (to exhaust memory at login) is refused
    admin["kdf"]["n"] = 2**30
    (folder / keyring.KEYRING_NAME).write_text(json.dumps(doc))
    with pytest.raises(StoreError, match="rusak"):
        Keyring.load(folder).unlock(ADMIN_PASS, nrp=ADMIN_NRP)  # type: ignore[union-attr]


def test_a_key_file_swapped_for_another_opens_nothing(tmp_path):
    """Someone puts their own key file (their passphrase, their key) beside the database."""
    ours, theirs = tmp_path / "pos", tmp_path / "lain"
    _plain_folder_with_officers(ours)
    _plain_folder_with_officers(theirs)
    unlocking.open_as(ours, ADMIN_PASS, nrp=ADMIN_NRP).close()
    unlocking.open_as(theirs, ADMIN_PASS, nrp=ADMIN_NRP).close()
    shutil.copy(theirs / keyring.KEYRING_NAME, ours / keyring.KEYRING_NAME)
    with pytest.raises(StoreError):
        unlocking.open_as(ours, ADMIN_PASS, nrp=ADMIN_NRP)


def test_hq_recovers_a_post_whose_officers_are_gone_and_nobody_else_can(tmp_path):
    hq = make_hq(tmp_path / "hq")
    usb = tmp_path / "usb"
    usb.mkdir()
    post = enroll(hq, tmp_path / "post", "BTT", usb)  # knows HQ's exchange key now
    post.close()
    _admin_then_encrypt(tmp_path / "post")
    keys = Keyring.load(tmp_path / "post")
    assert keys is not None and keys.recovery is not None
    # HQ's admin logs in to HQ and gives the post's admin a one-time passphrase
    with hq.write() as s:
        accounts.create_first_admin(
            s, name="Admin Polres", nrp="70000001", passphrase="sandi-polres-1"
        )
    hq.close()
    with unlocking.open_as(tmp_path / "hq", "sandi-polres-1", nrp="70000001") as hq:
        hq.actor = accounts.login(hq, "sandi-polres-1", nrp="70000001")
        unlocking.recover_post(tmp_path / "post", hq, nrp=ADMIN_NRP, one_time="sekali-pakai-7")
    with unlocking.open_as(tmp_path / "post", "sekali-pakai-7", nrp=ADMIN_NRP) as post:
        with pytest.raises(accounts.PassphraseChangeRequired):
            accounts.login(post, "sekali-pakai-7", nrp=ADMIN_NRP, own_passphrase_only=True)
    # another HQ (another exchange key) cannot
    other = make_hq(tmp_path / "hq2", code="LAIN")
    with other.write() as s:
        accounts.create_first_admin(s, name="Admin Lain", nrp="70000002", passphrase="sandi-lain-1")
    other.close()
    with unlocking.open_as(tmp_path / "hq2", "sandi-lain-1", nrp="70000002") as other:
        other.actor = accounts.login(other, "sandi-lain-1", nrp="70000002")
        with pytest.raises(StoreError, match="Polres lain"):
            unlocking.recover_post(tmp_path / "post", other, nrp=ADMIN_NRP, one_time="x-123456")


def _admin_then_encrypt(folder: Path) -> None:
    store = Store.open(folder)
    store.actor = permissions.system_actor("pytest")
    with store.write() as s:
        info = accounts.create_first_admin(
            s, name="Admin Pos", nrp=ADMIN_NRP, passphrase=ADMIN_PASS
        )
    unlocking.encrypt_now(store, ADMIN_PASS, officer_id=info.officer_id).close()


@pytest.mark.real_kdf
def test_signing_keys_are_wrapped_under_the_memory_hard_derivation(tmp_path, monkeypatch):
    data = tmp_path / "d"
    assert main(["--data-dir", str(data), "demo", "--meetings", "2", "--incidents", "2"]) == 0
    from cli_login import open_folder

    from okudesk.core.models import OfficerCredential

    with open_folder(data) as store, store.read(actor=None) as s:
        blobs = s.scalars(select(OfficerCredential.key_pem)).all()
    assert blobs and all(pki.is_current_wrap(b) for b in blobs)
    assert all(json.loads(b[len(pki.WRAPPED_KEY) :])["kdf"]["n"] == 2**17 for b in blobs)


@pytest.mark.real_kdf  # the wraps made at encryption are lighter only at the real parameters
def test_a_signature_after_a_login_costs_no_second_key_derivation(tmp_path, monkeypatch):
    """The officer's signing key is wrapped under the derivation of their wrap in the key
    file, so the login's derivation opens it: an officer whose signing key was made before
    the store was encrypted (every demo officer but the first) has it rewrapped at a login,
    and from then on a signed report derives once, in the login."""
    from okudesk.core.models import Officer, OfficerCredential

    data = tmp_path / "d"
    assert main(["--data-dir", str(data), "demo", "--meetings", "6", "--incidents", "2"]) == 0
    monkeypatch.setenv("OKUDESK_PASSPHRASE", DEMO_PASSPHRASE)
    from cli_login import open_folder

    with open_folder(data) as store, store.read(actor=None) as s:
        first = Keyring.load(data).holders()[0].officer_id  # the wrap made at encryption
        rows = s.execute(
            select(Meeting.id, Officer.nrp, Officer.id)
            .join(Officer, Meeting.reported_by_id == Officer.id)
            .where(Officer.id != first)
        ).all()
    nrp, officer_id = rows[0][1], rows[0][2]
    meetings = [m for m, n, _o in rows if n == nrp]
    assert len(meetings) >= 2
    derived = []
    real = keyring._derive
    monkeypatch.setattr(keyring, "_derive", lambda p, k: derived.append(k["salt"]) or real(p, k))
    me = ["--data-dir", str(data), "--officer", nrp]
    for n, meeting in enumerate(meetings[:2]):
        keyring.forget_derived()  # each command is a process of its own
        derived.clear()
        assert main([*me, "report", "meeting", meeting, "--out", str(tmp_path / f"{n}.pdf")]) == 0
        if n:  # the second report derives in its login only
            assert len(derived) == 1, derived
        else:  # the first login: the wrap made at encryption (lighter), then one full one
            # (the officer's new wrap under the signing key's own derivation: both open)
            assert len(derived) == 2 and len(set(derived)) == 2, derived
    entry = Keyring.load(data).entry(officer_id=officer_id)
    with open_folder(data) as store, store.read(actor=None) as s:
        blob = s.get(OfficerCredential, officer_id).key_pem
    assert pki.wrap_kdf(blob) == entry["kdf"]


def test_a_backup_on_a_stick_is_ciphertext_and_restores_only_with_a_passphrase(
    tmp_path, monkeypatch, capsys
):
    data, usb = tmp_path / "d", tmp_path / "usb"
    assert main(["--data-dir", str(data), "demo", "--meetings", "3", "--incidents", "2"]) == 0
    monkeypatch.setenv("OKUDESK_PASSPHRASE", DEMO_PASSPHRASE)
    me = ["--officer", officer_with_role(data, "admin")]
    assert main(["--data-dir", str(data), *me, "backup", "--out", str(usb)]) == 0
    archive = next(usb.glob("*.zip"))
    import zipfile

    with zipfile.ZipFile(archive) as z:
        database = z.read("okudesk.sqlite3")
    assert not database.startswith(b"SQLite format 3") and b"PRIVATE KEY" not in database
    assert b"PRIVATE KEY" not in archive.read_bytes()
    # into an empty folder on another laptop: refused without a passphrase of its key file
    elsewhere = tmp_path / "lain"
    capsys.readouterr()
    assert main(["--data-dir", str(elsewhere), "restore", str(archive)]) == 1
    assert "kunci" in capsys.readouterr().err
    assert not (elsewhere / DB_NAME).exists()


def test_a_kill_at_any_point_of_the_first_encryption_loses_nothing(tmp_path):
    """The crash harness: the process encrypting an older store is killed at random points;
    every time the next login finds the meeting, and the store ends encrypted."""
    seed_folder = tmp_path / "seed"
    _plain_folder_with_officers(seed_folder)
    script = (
        "import sys; from okudesk.core.security import unlocking; "
        f"unlocking.open_as(sys.argv[1], {ADMIN_PASS!r}, nrp={ADMIN_NRP!r}).close()"
    )
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1])}
    killed_midway = 0
    for attempt, delay in enumerate((0.3, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0, 1.2)):
        folder = tmp_path / f"run{attempt}"
        shutil.copytree(seed_folder, folder)
        child = subprocess.Popen([sys.executable, "-c", script, str(folder)], env=env)
        time.sleep(delay)
        if child.poll() is None:
            child.kill()
            killed_midway += 1
        child.wait(timeout=60)
        # whatever happened, the next login opens it, with everything in it
        with unlocking.open_as(folder, ADMIN_PASS, nrp=ADMIN_NRP) as store:
            assert store.data_key is not None
            with store.read(actor=None) as s:
                assert s.scalar(select(Meeting.purpose)) == "Rapat KPU rahasia"
        assert not cipher.is_plain(folder / DB_NAME)
        assert not (folder / ENCRYPTING_NAME).exists()
    assert killed_midway, "no kill landed while the process ran"


def test_photos_and_kept_reports_are_sealed_and_still_print(tmp_path, monkeypatch, capsys):
    from cli_login import reporter_of_latest

    data = tmp_path / "d"
    assert main(["--data-dir", str(data), "demo", "--meetings", "4", "--incidents", "2"]) == 0
    stored = [p for p in (data / "photos").glob("*/*.jpg")]
    assert stored and all(p.read_bytes().startswith(b"okudesk-sealed/1\n") for p in stored)
    assert not any(b"\xff\xd8\xff" in p.read_bytes()[:64] for p in stored)  # no JPEG header
    monkeypatch.setenv("OKUDESK_PASSPHRASE", DEMO_PASSPHRASE)
    out = tmp_path / "laporan.pdf"
    me = ["--officer", reporter_of_latest(data, "meeting")]
    argv = ["--data-dir", str(data), *me, "report", "meeting", "latest", "--out", str(out)]
    assert main(argv) == 0, capsys.readouterr().err
    assert out.read_bytes().startswith(b"%PDF") and b"/Subtype /Image" in out.read_bytes()
    kept = list((data / "reports").glob("*.pdf"))
    assert kept and all(p.read_bytes().startswith(b"okudesk-sealed/1\n") for p in kept)
    # asked again, the kept copy is given back (it opens with the key)
    assert main(argv) == 0
    assert "sudah ditandatangani" in capsys.readouterr().out or out.exists()
    # a sealed photo moved under another photo's name does not open
    from cli_login import open_folder

    from okudesk.core import sealed
    from okudesk.core.records import photos as photo_records

    a, b = stored[0], stored[1]
    b.write_bytes(a.read_bytes())
    with open_folder(data) as store:
        with pytest.raises(sealed.Unsealable):
            photo_records.read_photo(store.photo_dir, b.stem)


def test_the_daily_backup_of_an_encrypted_store_keeps_its_sealed_photos(tmp_path):
    """Sealed photos are checked against their name by their content, not their sealed bytes:
    every photo of an encrypted store is in its daily backup, still sealed, and a restore
    elsewhere (with a passphrase of the backup's key file) gets them back."""
    from cli_login import open_folder

    from okudesk.core import backups

    data = tmp_path / "d"
    assert main(["--data-dir", str(data), "demo", "--meetings", "4", "--incidents", "2"]) == 0
    stored = sorted(
        p.relative_to(data / "photos").as_posix() for p in (data / "photos").glob("*/*.jpg")
    )
    assert stored
    with open_folder(data) as store:
        store.actor = permissions.system_actor("cadangan harian")
        made = backups.daily_if_due(store, force=True)
    assert made is not None and made.photos == len(stored)
    kept = data / "backups" / backups.PHOTO_STORE
    copies = sorted(p.relative_to(kept).as_posix() for p in kept.glob("*/*.jpg"))
    assert copies == stored
    assert all(p.read_bytes().startswith(b"okudesk-sealed/1\n") for p in kept.glob("*/*.jpg"))
    nrp = officer_with_role(data, "admin")  # an officer of the backup's key file restores it
    entry = Keyring.load(data).entry(nrp=nrp)
    admin = permissions.Actor(entry["officer_id"], entry["name"], "admin", nrp)
    restored = backups.restore(
        tmp_path / "elsewhere", made.path, actor=admin, passphrase=DEMO_PASSPHRASE
    )
    assert restored.photos_added == len(stored)
    back = tmp_path / "elsewhere" / "photos"
    assert sorted(p.relative_to(back).as_posix() for p in back.glob("*/*.jpg")) == stored


def test_an_encrypted_database_is_checked_whole_by_one_daily_backup_a_week(tmp_path):
    """SQLCipher authenticates every page the copy reads, so an encrypted database is read a
    second time (quick_check) once a week, whatever its size; a damaged page fails the copy."""
    import zipfile

    from cli_login import open_folder

    from okudesk.core import backups

    data = tmp_path / "d"
    assert main(["--data-dir", str(data), "demo", "--meetings", "2", "--incidents", "2"]) == 0

    def checked(info) -> bool:
        with zipfile.ZipFile(info.path) as archive:
            return json.loads(archive.read("manifest.json"))["quick_check"]

    with open_folder(data) as store:
        store.actor = permissions.system_actor("cadangan harian")
        assert checked(backups.daily_if_due(store, force=True))  # none checked this week
        assert not checked(backups.daily_if_due(store, force=True))  # small, still weekly
        key = store.data_key
    # a page damaged on the disk: the copy itself refuses it
    db = data / DB_NAME
    con = cipher.connect(db, key)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()
    blob = bytearray(db.read_bytes())
    blob[cipher.PAGE_SIZE * 3 + 100] ^= 0xFF
    db.write_bytes(bytes(blob))
    with pytest.raises(cipher.DatabaseError):
        backups.backup_database(db, tmp_path / "copy.sqlite3", key)
