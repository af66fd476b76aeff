"""Faults and bad input get plain answers: a bad file among several, a receipt that could
not be written, a full disk, a damaged or emptied database, a backup killed half-way, and
input fuzzing found to escape as "kesalahan tak terduga"."""

from __future__ import annotations

import re
import struct
from pathlib import Path

import rawdb
from cli_login import DEMO_PASSPHRASE, as_officer, first_admin, officer_with_role, open_folder
from sync_world import add_meeting, enroll, export_to, make_hq

from okudesk.cli import main
from okudesk.core.sync import receipt


def _patched_data_flag(bundle: Path, out: Path) -> Path:
    """The bundle with "compressed patched data" (flag bit 5) set in every central directory
    entry: zipfile raises NotImplementedError on reading such a member."""
    data = bytearray(bundle.read_bytes())
    at = data.find(b"PK\x01\x02")
    while at != -1:
        (flags,) = struct.unpack_from("<H", data, at + 8)
        struct.pack_into("<H", data, at + 8, flags | 0x20)
        at = data.find(b"PK\x01\x02", at + 4)
    out.write_bytes(bytes(data))
    return out


def _hq_with_two_bundles(tmp_path, monkeypatch):
    hq = make_hq(tmp_path / "hq")
    post = enroll(hq, tmp_path / "post", "BTT", tmp_path / "usb")
    add_meeting(post, "Sambang")
    bundle = export_to(post, tmp_path / "usb")
    me = first_admin(hq, monkeypatch)
    hq.close()
    return post, bundle, ["--data-dir", str(tmp_path / "hq"), *me]


def test_one_bad_file_does_not_stop_the_others(tmp_path, capsys, monkeypatch):
    post, bundle, at_hq = _hq_with_two_bundles(tmp_path, monkeypatch)
    post.close()
    bad = _patched_data_flag(bundle, tmp_path / "bad.okb")
    missing = tmp_path / "nowhere.okb"
    code = main([*at_hq, "import", str(bad), str(missing), str(bundle)])
    captured = capsys.readouterr()
    assert code == 1
    assert "kesalahan tak terduga" not in captured.err
    assert "bad.okb: DITOLAK" in captured.err and "rusak" in captured.err
    assert "nowhere.okb: DITOLAK" in captured.err
    assert f"{bundle.name}: pos BTT: " in captured.out  # the good one went in


def test_an_unexpected_fault_in_one_file_is_said_and_the_next_is_imported(
    tmp_path, capsys, monkeypatch
):
    from okudesk.core.sync import importer

    post, bundle, at_hq = _hq_with_two_bundles(tmp_path, monkeypatch)
    odd = tmp_path / "odd.okb"
    odd.write_bytes(bundle.read_bytes() + b"x")  # another file, so not refused by its hash
    real = importer.import_bundle

    def import_bundle(store, path, **kw):
        if Path(path).name == "odd.okb":
            raise KeyError("sizes")
        return real(store, path, **kw)

    monkeypatch.setattr(importer, "import_bundle", import_bundle)
    code = main([*at_hq, "import", str(odd), str(bundle)])
    captured = capsys.readouterr()
    assert code == 1
    assert "odd.okb: DITOLAK: berkas tidak dapat dibaca (KeyError)" in captured.err
    assert f"{bundle.name}: pos BTT: " in captured.out
    post.close()


def test_a_receipt_not_written_fails_the_command_and_can_be_written_again(
    tmp_path, capsys, monkeypatch
):
    post, bundle, at_hq = _hq_with_two_bundles(tmp_path, monkeypatch)
    not_a_folder = tmp_path / "stick-pulled-out"
    not_a_folder.write_text("a file where the folder should be")
    code = main([*at_hq, "import", str(bundle), "--receipt-out", str(not_a_folder)])
    captured = capsys.readouterr()
    assert code == 1
    assert "pos BTT: " in captured.out  # the bundle itself is in
    assert "tanda terima tidak ditulis" in captured.err
    assert "okudesk receipt --post BTT --out" in captured.err
    # importing again is refused as a duplicate: the receipt has its own command
    assert main([*at_hq, "import", str(bundle)]) == 1
    capsys.readouterr()
    # it needs a login like the other commands
    assert main(["--data-dir", at_hq[1], "receipt", "--post", "BTT", "--out", str(tmp_path)]) == 1
    assert "--officer" in capsys.readouterr().err
    out = tmp_path / "usb2"
    out.mkdir()
    assert main([*at_hq, "receipt", "--post", "BTT", "--out", str(out)]) == 0
    written = Path(capsys.readouterr().out.strip())
    assert written.parent == out and written.suffix == ".okr"
    applied = receipt.import_receipt(post, written)
    assert applied.ok, applied.reason
    assert main([*at_hq, "receipt", "--post", "NOPE", "--out", str(out)]) == 1
    assert "NOPE" in capsys.readouterr().err
    post.close()


# killed at once, no finally or cleanup run (os._exit: Windows has no SIGKILL)
KILL_AT_CHECK = (
    "import os, sys; from okudesk.core import backups; "
    "backups.check_backup = lambda *_a, **_k: os._exit(9); "
    "from okudesk.cli import main; sys.exit(main(sys.argv[1:]))"
)


def test_a_backup_killed_part_way_is_cleaned_up_by_the_next(store, tmp_path, monkeypatch):
    import os
    import subprocess
    import sys
    import time

    admin = first_admin(store, monkeypatch)
    store.close()
    usb = tmp_path / "usb"
    argv = ["--data-dir", str(store.data_dir), *admin, "backup", "--out", str(usb)]
    killed = subprocess.run(
        [sys.executable, "-c", KILL_AT_CHECK, *argv],
        capture_output=True,
        timeout=120,
        env={**os.environ},
    )
    assert killed.returncode != 0  # killed, no finally ran
    left = sorted(p.name for p in usb.iterdir())
    assert any(n.endswith(".zip.partial") for n in left), left
    # someone else's file that happens to end the same way is not ours to delete
    (usb / "holiday.zip.partial").write_bytes(b"x")
    # as if killed an hour ago (its names carry the time it started)
    an_hour_ago = time.time() - 3600
    for p in usb.iterdir():
        os.utime(p, (an_hour_ago, an_hour_ago))
        if p.name.startswith("okudesk-"):
            p.rename(p.with_name(re.sub(r"\d{8}-\d{6}", "20260101-080000", p.name)))
    # a backup running right now elsewhere on the same stick: its files are fresh
    running = usb / "okudesk-cadangan-OKU-20990101-000000.zip.partial"
    running.write_bytes(b"being written")
    assert main(argv) == 0
    after = sorted(p.name for p in usb.iterdir())
    assert [n for n in after if n.endswith(".zip")] and "holiday.zip.partial" in after
    assert running.name in after
    assert [n for n in after if ".partial" in n] == sorted([running.name, "holiday.zip.partial"])


def _disk_fills_up(monkeypatch, pages: int = 0) -> None:
    """SQLite's own "database or disk is full" (SQLITE_FULL): every connection of the store
    may not grow the file past its size now (``pages`` more), as on a disk with no room."""
    from sqlalchemy import event

    from okudesk.core.store import pragmas

    real = pragmas.install

    def install(engine) -> None:
        real(engine)

        @event.listens_for(engine, "connect")
        def _full(dbapi_connection, _record) -> None:
            (count,) = dbapi_connection.execute("PRAGMA page_count").fetchone()
            dbapi_connection.execute(f"PRAGMA max_page_count = {count + pages}")

    monkeypatch.setattr(pragmas, "install", install)


def test_a_full_disk_while_working_says_so_and_how_much_to_free(tmp_path, capsys, monkeypatch):

    open_folder(tmp_path / "data").close()
    _disk_fills_up(monkeypatch)
    argv = ["--data-dir", str(tmp_path / "data"), "demo", "--meetings", "40", "--incidents", "40"]
    assert main(argv) == 1
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1
    assert "kesalahan tak terduga" not in err and "rusak" not in err
    assert "Disk penuh" in err and str(tmp_path / "data") in err
    assert "Kosongkan paling sedikit 50,0 MB" in err
    from okudesk.core.i18n import set_language

    try:
        assert main(["--lang", "en", *argv]) == 1
        assert "The disk is full" in capsys.readouterr().err
    finally:
        set_language("id")


def test_a_full_disk_at_start_is_not_called_damage(tmp_path, capsys, monkeypatch):
    import shutil

    from okudesk.core.errors import DiskFull
    from okudesk.core.store import cipher, migrate

    data = tmp_path / "data"
    data.mkdir()
    # an older schema: the start copies it to backups/ and migrates it
    shutil.copy(
        Path(__file__).parent / "fixtures" / "schema-0005.sqlite3", data / "okudesk.sqlite3"
    )
    size = (data / "okudesk.sqlite3").stat().st_size

    def no_room(*_a, **_k):
        raise cipher.OperationalError("database or disk is full")

    from okudesk.core.store import backup

    monkeypatch.setattr(backup, "backup_database", no_room)
    try:
        open_folder(data)
    except DiskFull as exc:
        message = str(exc)
    else:
        raise AssertionError("opened on a full disk")
    assert "rusak" not in message and "Disk penuh" in message
    from okudesk.core.volumes import human_size

    assert human_size(50_000_000 + 2 * size) in message  # the copy and the migration
    assert main(["--data-dir", str(data), "stats"]) == 1
    err = capsys.readouterr().err
    assert "Disk penuh" in err and "rusak" not in err
    # reading the database itself on a full disk (a WAL file cannot be made)
    monkeypatch.setattr(migrate, "read_revision", no_room)
    assert main(["--data-dir", str(data), "stats"]) == 1
    err = capsys.readouterr().err
    assert "Disk penuh" in err and "rusak" not in err


def _one_line(err: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1, lines
    assert "tak terduga" not in lines[0] and "Traceback" not in err
    return lines[0]


def test_numbers_too_large_are_refused_before_anything_runs(tmp_path, capsys, monkeypatch):

    store = open_folder(tmp_path / "data")
    me = first_admin(store, monkeypatch)
    store.close()
    at = ["--data-dir", str(tmp_path / "data"), *me]
    assert main([*at, "audit", "list", "--limit", str(10**20)]) == 2  # SQLite holds 64 bits
    assert "--limit" in _one_line(capsys.readouterr().err.splitlines()[-1])
    assert main([*at, "audit", "list", "--limit", "3"]) == 0
    capsys.readouterr()
    empty = tmp_path / "empty"
    assert main(["--data-dir", str(empty), "demo", "--meetings", str(10**20)]) == 2
    assert "--meetings" in capsys.readouterr().err
    assert main(["--data-dir", str(empty), "demo", "--incidents", "1000001"]) == 2
    assert "1.000.000" in capsys.readouterr().err
    assert not empty.exists()  # refused before the store was made


def test_an_empty_data_folder_name_is_not_the_current_folder(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert main(["--data-dir", "", "stats"]) == 2
    assert "folder kosong" in capsys.readouterr().err
    assert main(["--data-dir", " ", "stats"]) == 2
    assert list(tmp_path.iterdir()) == []  # no database made here


def test_a_binary_passphrase_file_is_said_plainly(tmp_path, capsys, monkeypatch):

    store = open_folder(tmp_path / "data")
    me = first_admin(store, monkeypatch)
    store.close()
    binary = tmp_path / "key.bin"
    binary.write_bytes(b"\xff\xfe\x00\x81\x00garbage")
    argv = ["--data-dir", str(tmp_path / "data"), *me, "--passphrase-file", str(binary)]
    assert main([*argv, "audit", "list"]) == 1
    line = _one_line(capsys.readouterr().err)
    assert "bukan berkas teks" in line and "key.bin" in line


def test_a_post_name_a_certificate_cannot_carry_is_refused_at_hq_and_at_the_post(
    tmp_path, capsys, monkeypatch
):
    from okudesk.core.records import posts

    hq = make_hq(tmp_path / "hq")
    me = first_admin(hq, monkeypatch)
    hq.close()
    at_hq = ["--data-dir", str(tmp_path / "hq"), *me]
    usb = tmp_path / "usb"
    long_name = "Polsek " + "Baturaja Timur " * 5  # 82 characters
    add = [*at_hq, "post", "add", "--code", "BTT", "--out", str(usb)]
    assert main([*add, "--name", long_name]) == 1
    line = _one_line(capsys.readouterr().err)
    assert "terlalu panjang" in line and "64" in line
    assert not usb.exists() or not list(usb.iterdir())
    # a kit made by an okudesk that let the name through: the post says what is wrong
    monkeypatch.setattr(posts, "validate_name", lambda name, code, **_k: name)
    assert main([*add, "--name", long_name]) == 0
    kit = capsys.readouterr().out.strip().splitlines()[-1]
    monkeypatch.undo()
    monkeypatch.setenv("OKUDESK_PASSPHRASE", "unused")  # the first run has nobody to log in
    assert main(["--data-dir", str(tmp_path / "post"), "setup", "post", "--kit", kit]) == 1
    line = _one_line(capsys.readouterr().err)
    assert "terlalu panjang" in line
    # HQ's own name goes into its exchange certificate with a suffix: 40 at most
    hq2 = ["--data-dir", str(tmp_path / "hq2"), "setup", "hq", "--code", "OKU2"]
    assert main([*hq2, "--name", "P" * 41]) == 1
    assert "maksimal 40" in _one_line(capsys.readouterr().err)


def _used_store_with_backup(tmp_path, monkeypatch):
    """A post's data folder with records and last night's backup; returns (folder, backup,
    the login options)."""
    from okudesk.core import backups

    assert main(["--data-dir", str(tmp_path / "data"), "demo", "--meetings", "30"]) == 0
    monkeypatch.setenv("OKUDESK_PASSPHRASE", DEMO_PASSPHRASE)
    me = as_officer(officer_with_role(tmp_path / "data", "admin"))
    store = open_folder(tmp_path / "data")
    info = backups.daily_if_due(store, force=True)
    store.close()
    return tmp_path / "data", info.path, me


def test_an_emptied_database_is_never_replaced_and_its_backup_is_offered(
    tmp_path, capsys, monkeypatch
):
    from okudesk.core.errors import DatabaseDamaged

    data, backup, me = _used_store_with_backup(tmp_path, monkeypatch)
    capsys.readouterr()
    db = data / "okudesk.sqlite3"
    db.write_bytes(b"")  # a crash on a bad file system, a failed copy
    for leftover in data.glob("okudesk.sqlite3-*"):
        leftover.unlink()
    try:
        open_folder(data)
    except DatabaseDamaged as exc:
        assert exc.backup == backup
        message = str(exc)
    else:
        raise AssertionError("an emptied database was opened as a new one")
    assert db.stat().st_size == 0  # left as it was
    assert "kosong" in message and str(backup) in message and "okudesk restore" in message
    assert main(["--data-dir", str(data), *me, "stats"]) == 1
    assert str(backup) in _one_line(capsys.readouterr().err)
    # nobody can log in to it, but the officer's passphrase still unwraps the key from the
    # key file: the folder's own backup is put back, the empty file kept aside
    assert main(["--data-dir", str(data), "restore", str(backup)]) == 1
    assert "--officer" in _one_line(capsys.readouterr().err)
    assert main(["--data-dir", str(data), *me, "restore", str(backup)]) == 0
    capsys.readouterr()
    assert main(["--data-dir", str(data), *me, "stats", "--json"]) == 0
    assert '"meetings": 30' in capsys.readouterr().out
    # a backup from elsewhere still needs a login
    elsewhere = tmp_path / "usb" / backup.name
    elsewhere.parent.mkdir()
    elsewhere.write_bytes(backup.read_bytes())
    db.write_bytes(b"")
    assert main(["--data-dir", str(data), "restore", str(elsewhere)]) == 1
    capsys.readouterr()


def test_an_empty_file_in_a_new_folder_is_a_new_database(tmp_path):

    (tmp_path / "new").mkdir()
    (tmp_path / "new" / "okudesk.sqlite3").write_bytes(b"")  # the first start cut short
    open_folder(tmp_path / "new").close()
    assert (tmp_path / "new" / "okudesk.sqlite3").stat().st_size > 0


def test_a_cut_short_or_damaged_database_is_found_at_start(tmp_path, capsys, monkeypatch):
    import shutil

    data, backup, me = _used_store_with_backup(tmp_path, monkeypatch)
    capsys.readouterr()
    db = data / "okudesk.sqlite3"
    con = rawdb.connect(db)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    page_size = int(con.execute("PRAGMA page_size").fetchone()[0])  # SQLCipher says "4096"
    (root,) = con.execute("SELECT rootpage FROM sqlite_master WHERE name = 'meeting'").fetchone()
    con.close()
    good = tmp_path / "good.sqlite3"
    shutil.copy(db, good)
    # cut short: half of it
    db.write_bytes(good.read_bytes()[: good.stat().st_size // 2])
    assert main(["--data-dir", str(data), *me, "stats"]) == 1
    line = _one_line(capsys.readouterr().err)
    assert "terpotong" in line and str(backup) in line
    assert db.stat().st_size == good.stat().st_size // 2  # untouched
    # one page of the meetings' table overwritten (a bad sector): the size is right
    damaged = bytearray(good.read_bytes())
    at = (root - 1) * page_size
    damaged[at + 8 : at + page_size] = b"\x5a" * (page_size - 8)
    db.write_bytes(bytes(damaged))
    assert main(["--data-dir", str(data), *me, "stats"]) == 1
    line = _one_line(capsys.readouterr().err)
    assert "rusak" in line and str(backup) in line
    assert "--debug" not in line  # not an unexpected error


def test_a_checkpoint_cut_short_is_not_called_damage(tmp_path):
    """A crash during a WAL checkpoint can leave the file shorter than its header says; the
    WAL still holds the pages and SQLite replays it, so only a file without one is cut."""
    from okudesk.core.store import soundness

    open_folder(tmp_path / "data").close()
    db = tmp_path / "data" / "okudesk.sqlite3"
    whole = db.read_bytes()
    db.write_bytes(whole[: len(whole) // 2])
    assert "terpotong" in (soundness.header_problem(db, db.stat().st_size) or "")
    (tmp_path / "data" / "okudesk.sqlite3-wal").write_bytes(b"\x37\x7f\x06\x82" + bytes(28))
    assert soundness.header_problem(db, db.stat().st_size) is None
