"""The daily backup: its own process, killed at random points, its rotation and photo store."""

import hashlib
import io
import json
import os
import random
import subprocess
import sys
import time
import zipfile
from datetime import datetime, timedelta
from pathlib import Path

import pytest
import rawdb
from PIL import Image

from okudesk.core import backups
from okudesk.core.backups import BackupError
from okudesk.core.records import meetings, photos


def _jpeg(color) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (64, 48), color).save(out, "JPEG")
    return out.getvalue()


def _photo(store, when, color) -> str:
    with store.write() as s:
        m = meetings.create_meeting(s, meetings.MeetingInput(starts_at=when, purpose=f"{color}"))
        return photos.add_photo(s, store.photo_dir, _jpeg(color), meeting_id=m.id).sha256


def _store_photos(backup_dir: Path) -> dict[str, int]:
    """The photo store beside the backups: name -> modification time (ns)."""
    folder = backup_dir / backups.PHOTO_STORE
    return {p.name: p.stat().st_mtime_ns for p in folder.glob("*/*.jpg")}


def _sound(path: Path) -> dict:
    """Check a backup as a restore would: zip checksums, photos, the database's hash (here
    recomputed by the test), and SQLite's own check of the database beside the zip."""
    manifest = backups.verify_backup(path)
    db = path.with_suffix(".sqlite3")
    assert manifest["database_file"] == db.name
    data = db.read_bytes()
    piece = manifest["database"]["piece"]
    digests = b"".join(
        hashlib.sha256(data[i : i + piece]).digest() for i in range(0, len(data), piece)
    )
    assert hashlib.sha256(digests).hexdigest() == manifest["database"]["sha256_tree"], path
    con = rawdb.connect(db)
    try:
        assert con.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    finally:
        con.close()
    return manifest


def _daily_process(data_dir: Path, *extra: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "okudesk", "--data-dir", str(data_dir), "backup", "--daily", *extra],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


# --- rotation --------------------------------------------------------------------------------


def test_rotation_keeps_7_daily_4_weekly_and_12_monthly():
    day = datetime(2026, 1, 1, 8, 0)
    times = {}
    while day <= datetime(2026, 12, 6, 8, 0):  # Sunday 6 December
        times[Path(f"b-{day:%Y%m%d}-08.zip")] = day
        day += timedelta(days=1)
    times[Path("b-20261206-19.zip")] = datetime(2026, 12, 6, 19, 0)  # a second one that day
    kept = backups.retained(times, daily=7, weekly=4, monthly=12)
    expected = {
        "b-20261206-19.zip",  # the newest of today, week and month
        *(f"b-202612{d:02d}-08.zip" for d in range(1, 6)),
        "b-20261130-08.zip",  # 7th day; also November's newest
        "b-20261129-08.zip",  # the newest of the three weeks before
        "b-20261122-08.zip",
        "b-20261115-08.zip",
        *(
            f"b-2026{m:02d}{d}-08.zip"  # the newest of each month back to January
            for m, d in ((10, 31), (9, 30), (8, 31), (7, 31), (6, 30), (5, 31), (4, 30))
        ),
        *(f"b-2026{m:02d}{d}-08.zip" for m, d in ((3, 31), (2, 28), (1, 31))),
    }
    assert {p.name for p in kept} == expected
    assert len(kept) == 20


def test_daily_backups_rotate_on_disk(store):
    now = datetime.now()
    ages = [31 * k for k in range(14, 0, -1)] + [13, 9, 8, 6, 5, 4, 3, 2, 1]  # one a month
    for age in ages:
        info = backups.daily_if_due(store, force=True, keep=100, weekly=0, monthly=0)
        assert info is not None
        past = (now - timedelta(days=age)).timestamp()
        os.utime(info.path, (past, past))
    assert len(backups.list_backups(store.backup_dir)) == len(ages)  # nothing rotated yet
    assert backups.daily_if_due(store) is not None  # today's; the rotation runs after it
    left = backups.list_backups(store.backup_dir)
    ages_left = {max(0, (now - datetime.fromtimestamp(p.stat().st_mtime)).days) for p in left}
    assert {0, 1, 2, 3, 4, 5, 6} <= ages_left  # the last 7 days
    assert 13 * 31 not in ages_left and 14 * 31 not in ages_left  # beyond 12 months
    assert 31 in ages_left and 62 in ages_left  # last months' newest
    assert len(left) < len(ages) + 1
    for path in left:
        _sound(path)


# --- the photo store -------------------------------------------------------------------------


def test_photos_already_backed_up_are_not_copied_again_and_a_restore_finds_them(
    store, yesterday, tmp_path
):
    sha1 = _photo(store, yesterday, (200, 10, 10))
    sha2 = _photo(store, yesterday, (10, 200, 10))
    first = backups.daily_if_due(store)
    assert first is not None and first.photos == 2
    with zipfile.ZipFile(first.path) as archive:
        assert not [n for n in archive.namelist() if n.startswith("photos/")]
    stored = _store_photos(store.backup_dir)
    assert set(stored) == {f"{sha1}.jpg", f"{sha2}.jpg"}
    sha3 = _photo(store, yesterday, (10, 10, 200))
    second = backups.daily_if_due(store, force=True)
    assert second is not None and second.photos == 3
    again = _store_photos(store.backup_dir)
    assert set(again) == set(stored) | {f"{sha3}.jpg"}
    assert {k: again[k] for k in stored} == stored  # the first two were not written again
    assert _sound(second.path)["photo_store"] == backups.PHOTO_STORE

    restored = backups.restore(tmp_path / "elsewhere", second.path, actor=store.actor)
    assert restored.photos_added == 3
    for sha in (sha1, sha2, sha3):
        assert (tmp_path / "elsewhere" / "photos" / sha[:2] / f"{sha}.jpg").read_bytes() == (
            store.photo_dir / sha[:2] / f"{sha}.jpg"
        ).read_bytes()


def test_a_damaged_or_missing_stored_photo_is_refused(store, yesterday, tmp_path):
    sha = _photo(store, yesterday, (200, 10, 10))
    info = backups.daily_if_due(store)
    kept = store.backup_dir / backups.PHOTO_STORE / sha[:2] / f"{sha}.jpg"
    kept.write_bytes(_jpeg((0, 0, 0)))  # another picture under its name
    with pytest.raises(BackupError, match="Foto dalam cadangan rusak"):
        backups.restore(tmp_path / "a", info.path, actor=store.actor)
    kept.unlink()
    with pytest.raises(BackupError, match="tidak lengkap"):
        backups.check_backup(info.path)
    # a copy of the zip alone, away from its photo store, is not passed off as complete
    alone = tmp_path / "usb" / info.path.name
    alone.parent.mkdir()
    alone.write_bytes(info.path.read_bytes())
    with pytest.raises(BackupError, match="tidak lengkap"):
        backups.check_backup(alone)


def test_the_rotation_drops_stored_photos_no_kept_backup_names(store, yesterday):
    sha1 = _photo(store, yesterday, (200, 10, 10))
    sha2 = _photo(store, yesterday, (10, 200, 10))
    assert backups.daily_if_due(store) is not None
    (store.photo_dir / sha1[:2] / f"{sha1}.jpg").unlink()  # gone from the data folder
    assert backups.daily_if_due(store, force=True, keep=1, weekly=0, monthly=0) is not None
    assert set(_store_photos(store.backup_dir)) == {f"{sha2}.jpg"}
    assert len(backups.list_backups(store.backup_dir)) == 1


def test_a_database_that_does_not_deflate_is_stored_as_it_is(store, tmp_path):
    noise = tmp_path / "noise.bin"
    noise.write_bytes(os.urandom(1 << 20))
    assert backups._compression_for(noise) == zipfile.ZIP_STORED
    assert backups._compression_for(store.db_path) == zipfile.ZIP_DEFLATED
    info = backups.write_backup(store, tmp_path / "usb")  # one zip for a stick
    with zipfile.ZipFile(info.path) as archive:
        member = archive.getinfo("okudesk.sqlite3")
    assert member.compress_type == zipfile.ZIP_DEFLATED
    assert member.compress_size < member.file_size


def test_the_daily_backup_keeps_the_database_as_a_file_of_its_own(store, yesterday):
    _photo(store, yesterday, (200, 10, 10))
    info = backups.daily_if_due(store)
    db = info.path.with_suffix(".sqlite3")
    with zipfile.ZipFile(info.path) as archive:
        assert archive.namelist() == ["manifest.json"]  # nothing recompressed
    manifest = _sound(info.path)
    assert manifest["format_version"] == 3
    assert manifest["database"]["size"] == db.stat().st_size == info.size - info.path.stat().st_size
    # a plain SQLite file in rollback-journal mode: opens without okudesk or a WAL file
    assert db.read_bytes()[:16] == b"SQLite format 3\x00" and db.read_bytes()[18:20] == b"\x01\x01"
    assert not list(store.backup_dir.glob("*.sqlite3-*"))


def _altered(db: Path, how: str) -> None:
    data = bytearray(db.read_bytes())
    if how == "flipped":  # same length, same header: only the hash can tell
        data[len(data) // 2] ^= 0xFF
    elif how == "cut":
        del data[-4096:]
    db.write_bytes(bytes(data))


@pytest.mark.parametrize(
    "how, cheap, message",
    [
        ("flipped", None, "tidak cocok"),
        ("cut", "rusak", "rusak"),
        ("missing", "tidak lengkap", "tidak lengkap"),
    ],
)
def test_a_daily_backup_whose_database_was_altered_is_refused(
    store, yesterday, tmp_path, how, cheap, message
):
    with store.write() as s:
        for n in range(50):
            meetings.create_meeting(s, meetings.MeetingInput(starts_at=yesterday, purpose=f"R{n}"))
    info = backups.daily_if_due(store)
    db = info.path.with_suffix(".sqlite3")
    if how == "missing":
        db.unlink()
    else:
        _altered(db, how)
    if cheap:
        with pytest.raises(BackupError, match=cheap):
            backups.check_backup(info.path)
    else:
        backups.check_backup(info.path)  # the cheap check cannot see it; the hash does
    with pytest.raises(BackupError, match=message):
        backups.verify_backup(info.path)
    with pytest.raises(BackupError, match=message):
        backups.restore(tmp_path / "elsewhere", info.path, actor=store.actor)
    assert not (tmp_path / "elsewhere" / "okudesk.sqlite3").exists()


def test_a_manifest_cannot_name_a_database_elsewhere(store, tmp_path):
    info = backups.daily_if_due(store)
    elsewhere = tmp_path / "okudesk-lain.sqlite3"
    elsewhere.write_bytes(info.path.with_suffix(".sqlite3").read_bytes())
    with zipfile.ZipFile(info.path) as archive:
        manifest = json.loads(archive.read("manifest.json"))
    manifest["database_file"] = f"../../{tmp_path.name}/{elsewhere.name}"
    forged = store.backup_dir / "okudesk-harian-BTT-palsu.zip"
    with zipfile.ZipFile(forged, "w") as archive:
        archive.writestr("manifest.json", json.dumps(manifest))
    with pytest.raises(BackupError, match="bukan cadangan okudesk"):
        backups.check_backup(forged)


def test_a_database_left_without_its_zip_is_swept_and_rotation_takes_both(store):
    first = backups.daily_if_due(store)
    orphan = store.backup_dir / "okudesk-harian-BTT-20260101-000000.sqlite3"
    orphan.write_bytes(first.path.with_suffix(".sqlite3").read_bytes())  # its zip never came
    second = backups.daily_if_due(store, force=True, keep=1, weekly=0, monthly=0)
    assert not orphan.exists()
    assert backups.list_backups(store.backup_dir) == [second.path]
    assert sorted(p.name for p in store.backup_dir.glob("okudesk-harian-*")) == sorted(
        [second.path.name, second.path.with_suffix(".sqlite3").name]
    )


def test_a_copy_is_proven_by_its_header_length_and_hash(store, tmp_path):
    from okudesk.core.store import backup as copies

    copy = tmp_path / "copy.sqlite3"
    copies.backup_database(store.db_path, copy)
    proof = copies.prove_copy(copy)
    assert proof.size == proof.pages * proof.page_size == copy.stat().st_size
    _altered(copy, "cut")
    with pytest.raises(copies.CopyDamaged):
        copies.prove_copy(copy)
    copy.write_bytes(b"not a database" * 100)
    with pytest.raises(copies.CopyDamaged):
        copies.prove_copy(copy)


def test_a_second_process_leaves_a_running_backup_alone(store):
    lock = backups._Lock(store.backup_dir / backups.LOCK_NAME)
    assert lock.acquire()
    try:
        assert backups.daily_if_due(store) is None  # another holds it: nothing written
        assert backups.list_backups(store.backup_dir) == []
    finally:
        lock.release()
    assert backups.daily_if_due(store) is not None


# --- its own process, killed at random points ------------------------------------------------


def _wait_for(check, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while not check():
        if time.monotonic() > deadline:
            raise AssertionError("timed out")
        time.sleep(0.05)


def test_killed_at_random_points_the_next_start_redoes_it_and_nothing_bad_is_kept(store, yesterday):
    for color in range(12):
        _photo(store, yesterday, (color * 20, 80, 120))
    con = rawdb.connect(store.db_path)  # bulk, so that writing the zip takes a while
    rng = random.Random(7)
    words = ["kejadian", "rapat", "desa", "pos", "laporan", "tindak", "lanjut", "warga"]
    with con:
        con.execute("CREATE TABLE ballast (text TEXT)")
        con.executemany(
            "INSERT INTO ballast VALUES (?)",
            ((" ".join(rng.choices(words, k=400)),) for _ in range(8000)),
        )
    con.close()
    started = time.monotonic()
    full = _daily_process(store.data_dir, "--now")
    _wait_for(lambda: full.poll() is not None or _snapshots(store.backup_dir), 60)
    snapshot_at = time.monotonic()
    out, err = full.communicate(timeout=120)
    assert full.returncode == 0, err
    duration = time.monotonic() - started
    zip_phase = time.monotonic() - snapshot_at  # from the copy to the finished set
    good = backups.list_backups(store.backup_dir)
    assert len(good) == 1

    seed = int(os.environ.get("OKUDESK_KILL_SEED", random.randrange(1 << 30)))
    rng = random.Random(seed)
    late = 0
    for attempt in range(6):
        for old in backups.list_backups(store.backup_dir):  # start from nothing each time
            old.unlink()
        child = _daily_process(store.data_dir)
        if attempt % 3 == 0:  # at any point of the process, start-up included
            time.sleep(rng.uniform(0.05, duration))
        elif attempt % 3 == 1:  # once it has begun copying, at a random point after
            _wait_for(lambda c=child: c.poll() is not None or _partials(store.backup_dir), 60)
            time.sleep(rng.uniform(0, 0.3))
        else:  # while the copy is proven and the set completed
            _wait_for(lambda c=child: c.poll() is not None or _snapshots(store.backup_dir), 60)
            time.sleep(rng.uniform(0, zip_phase * 0.8))
        # killed while it ran, with its copy, proof or set under way (the exact point between
        # the database's rename and its zip's: test_killed_between_its_database_and_its_zip)
        late += child.poll() is None and bool(_partials(store.backup_dir))
        child.kill()  # SIGKILL; TerminateProcess on Windows, which has no SIGKILL
        child.wait(timeout=30)
        note = f"seed {seed}, attempt {attempt}"
        for path in backups.list_backups(store.backup_dir):  # whatever looks finished is sound
            _sound(path)
        # the next start finishes the job: a sound backup and no leftovers
        again = _daily_process(store.data_dir)
        _, err = again.communicate(timeout=120)
        assert again.returncode == 0, (note, err)
        done = backups.list_backups(store.backup_dir)
        assert len(done) == 1, note
        manifest = _sound(done[0])
        assert len(manifest["photos"]) == 12, note
        assert not _partials(store.backup_dir), note
        assert len(_store_photos(store.backup_dir)) == 12, note
    assert late, f"no kill hit a backup under way (seed {seed})"


KILL_AT_CHECK = (
    "import os, sys; from okudesk.core import backups; "
    # no clean-up: as a kill (Windows too)
    "backups.check_backup = lambda *_a, **_k: os._exit(137); "
    "from okudesk.cli import main; sys.exit(main(sys.argv[1:]))"
)


def test_killed_between_its_database_and_its_zip_the_next_start_redoes_it(store):
    """The database is in place under its final name, its zip not yet: not a backup."""
    argv = ["--data-dir", str(store.data_dir), "backup", "--daily"]
    killed = subprocess.run([sys.executable, "-c", KILL_AT_CHECK, *argv], capture_output=True)
    assert killed.returncode != 0
    assert backups.list_backups(store.backup_dir) == []
    orphans = list(store.backup_dir.glob("okudesk-harian-*.sqlite3"))
    assert orphans and _zip_partials(store.backup_dir)
    again = _daily_process(store.data_dir)
    _, err = again.communicate(timeout=120)
    assert again.returncode == 0, err
    done = backups.list_backups(store.backup_dir)
    assert len(done) == 1
    _sound(done[0])
    assert not any(p.exists() for p in orphans if p != done[0].with_suffix(".sqlite3"))
    assert not _partials(store.backup_dir)


def _partials(backup_dir: Path) -> list[Path]:
    return list(backup_dir.rglob("*.partial*"))


def _snapshots(backup_dir: Path) -> list[Path]:
    return list(backup_dir.glob("*.sqlite3.partial"))


def _zip_partials(backup_dir: Path) -> list[Path]:
    return list(backup_dir.glob("*.zip.partial"))


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX sessions")
def test_the_backup_process_outlives_the_program_that_started_it(store, yesterday):
    """The workstation starts it and is gone at once (closed, or killed): it still finishes."""
    _photo(store, yesterday, (200, 10, 10))
    script = (
        "import os, sys; from pathlib import Path; from okudesk.gui import daily_backup; "
        "child = daily_backup.start(Path(sys.argv[1])); print(child.pid, flush=True); "
        "os._exit(0 if child else 1)"
    )
    parent = subprocess.run(
        [sys.executable, "-c", script, str(store.data_dir)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert parent.returncode == 0, parent.stderr
    _wait_for(lambda: len(backups.list_backups(store.backup_dir)) == 1)
    _sound(backups.list_backups(store.backup_dir)[0])


def test_daily_backup_command(store, capsys):
    from okudesk.cli import main

    assert main(["--data-dir", str(store.data_dir), "backup", "--daily"]) == 0
    assert "Cadangan harian dibuat" in capsys.readouterr().out
    assert main(["--data-dir", str(store.data_dir), "backup", "--daily"]) == 0
    assert "tidak dibuat sekarang" in capsys.readouterr().out  # not due yet
    first = backups.list_backups(store.backup_dir)
    assert main(["--data-dir", str(store.data_dir), "backup", "--daily", "--now"]) == 0
    # a new one now; the rotation keeps one a day, the newest
    assert backups.list_backups(store.backup_dir) != first
    assert len(backups.list_backups(store.backup_dir)) == 1
    manifest = json.loads(
        zipfile.ZipFile(backups.list_backups(store.backup_dir)[-1]).read("manifest.json")
    )
    assert manifest["format_version"] == backups.FORMAT_VERSION


def test_a_manifest_cannot_point_the_restore_at_other_files(store, yesterday, tmp_path):
    sha = _photo(store, yesterday, (200, 10, 10))
    info = backups.daily_if_due(store)
    outside = tmp_path / "rahasia"
    outside.mkdir()
    (outside / f"{sha}.jpg").write_bytes((store.photo_dir / sha[:2] / f"{sha}.jpg").read_bytes())
    with zipfile.ZipFile(info.path) as archive:
        members = {n: archive.read(n) for n in archive.namelist()}
    manifest = json.loads(members["manifest.json"])
    manifest["photo_store"] = "../../rahasia"
    manifest["photos"] = [f"{sha}.jpg"]
    members["manifest.json"] = json.dumps(manifest).encode()
    forged = store.backup_dir / "okudesk-cadangan-BTT-palsu.zip"
    with zipfile.ZipFile(forged, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    with pytest.raises(BackupError, match="tidak lengkap"):
        backups.check_backup(forged)


def test_a_damaged_database_is_not_backed_up_as_a_good_one(store, yesterday):
    with store.write() as s:
        for n in range(200):
            meetings.create_meeting(
                s, meetings.MeetingInput(starts_at=yesterday, purpose=f"Rapat {n} " + "x" * 300)
            )
    con = rawdb.connect(store.db_path)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    page_size = con.execute("PRAGMA page_size").fetchone()[0]
    root = con.execute("SELECT rootpage FROM sqlite_master WHERE name = 'meeting'").fetchone()[0]
    con.close()
    with open(store.db_path, "r+b") as fh:  # a torn write in the middle of the meetings' tree
        fh.seek((root - 1) * page_size)
        fh.write(b"\xff" * 64)
    with pytest.raises(BackupError, match="Basis data rusak"):
        backups.daily_if_due(store)
    assert backups.list_backups(store.backup_dir) == []
    assert not list(store.backup_dir.rglob("*.partial*"))


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="POSIX permissions")
def test_a_backup_folder_that_cannot_be_written_is_reported(store):
    store.backup_dir.mkdir(exist_ok=True)
    store.backup_dir.chmod(0o500)
    try:
        with pytest.raises(BackupError, match="tidak dapat ditulis"):
            backups.daily_if_due(store)
    finally:
        store.backup_dir.chmod(0o700)


def test_a_backup_folder_that_is_a_file_is_reported(store):
    if store.backup_dir.exists():
        store.backup_dir.rmdir()
    store.backup_dir.write_bytes(b"")  # something took its name
    with pytest.raises(BackupError, match="tidak dapat ditulis"):
        backups.daily_if_due(store)


def test_a_damaged_photo_does_not_stop_the_backup_and_a_good_copy_is_kept(store, yesterday):
    sha1 = _photo(store, yesterday, (200, 10, 10))
    assert backups.daily_if_due(store) is not None  # sha1 is in the photo store now
    sha2 = _photo(store, yesterday, (10, 200, 10))
    for sha in (sha1, sha2):  # both rot in the data folder
        (store.photo_dir / sha[:2] / f"{sha}.jpg").write_bytes(b"rusak")
    info = backups.daily_if_due(store, force=True, keep=1, weekly=0, monthly=0)
    manifest = _sound(info.path)
    assert manifest["photos"] == [f"{sha1[:2]}/{sha1}.jpg"]  # the good copy kept, still named
    assert set(_store_photos(store.backup_dir)) == {f"{sha1}.jpg"}
    assert info.photos == 1


def _manifest(path: Path) -> dict:
    with zipfile.ZipFile(path) as archive:
        return json.loads(archive.read("manifest.json"))


def test_a_large_database_is_checked_by_one_daily_backup_a_week(store, monkeypatch):
    monkeypatch.setattr(backups, "CHEAP_CHECK_BYTES", 0)  # as if the database were large
    first = backups.daily_if_due(store)
    assert _manifest(first.path)["quick_check"] is True  # none checked yet
    second = backups.daily_if_due(store, force=True)
    assert _manifest(second.path)["quick_check"] is False  # one checked this week is kept
    week_ago = time.time() - 8 * 86400
    for path in backups.list_backups(store.backup_dir):
        os.utime(path, (week_ago, week_ago))
    third = backups.daily_if_due(store, force=True)
    assert _manifest(third.path)["quick_check"] is True
    monkeypatch.setattr(backups, "CHEAP_CHECK_BYTES", 1 << 40)  # small: checked every time
    assert _manifest(backups.daily_if_due(store, force=True).path)["quick_check"] is True


def test_the_copy_started_before_the_store_opened_makes_the_backup(store, tmp_path):
    early = backups.EarlyDaily(store.data_dir, force=True)
    info = backups.daily_if_due(store, force=True, early=early)
    _lock, draft = early.result()
    assert draft is not None and info.path == draft.target
    _sound(info.path)
    # not due now: it takes nothing, and the daily backup makes nothing
    later = backups.EarlyDaily(store.data_dir)
    assert later.result()[1] is None
    assert backups.daily_if_due(store, early=later) is None
    assert backups.list_backups(store.backup_dir) == [info.path]
    # another process writing one: it leaves it alone
    lock = backups._Lock(store.backup_dir / backups.LOCK_NAME)
    assert lock.acquire()
    try:
        busy = backups.EarlyDaily(store.data_dir, force=True)
        assert backups.daily_if_due(store, force=True, early=busy) is None
    finally:
        lock.release()
    # nothing to copy yet (a new folder): it steps aside for the usual way
    assert backups.EarlyDaily(tmp_path / "baru", force=True).result() is None


def test_the_early_copy_steps_aside_for_a_migration(store, monkeypatch):
    from okudesk.core.store import migrate

    monkeypatch.setattr(migrate, "SCHEMA_HEAD", "a-newer-one")
    early = backups.EarlyDaily(store.data_dir, force=True)
    assert early.result() is None
    assert not list(store.backup_dir.glob("*.partial*"))
    info = backups.daily_if_due(store, force=True, early=early)  # the usual way
    _sound(info.path)


def test_the_last_good_backup_named_at_a_damaged_start_has_its_database(store):
    from okudesk.core.store import soundness

    first = backups.daily_if_due(store)
    old = time.time() - 86400
    os.utime(first.path, (old, old))  # yesterday's, so the rotation keeps both
    second = backups.daily_if_due(store, force=True)
    assert soundness.last_good_backup(store.backup_dir) == second.path
    second.path.with_suffix(".sqlite3").unlink()  # its database gone: not offered
    assert soundness.last_good_backup(store.backup_dir) == first.path
