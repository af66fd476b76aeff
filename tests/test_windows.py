"""Windows behaviour, simulated: sharing violations on renames, a data folder
held by another okudesk process, leftovers after a failure."""

from __future__ import annotations

import errno
import os
import subprocess
import sys
import zipfile
from datetime import datetime, timedelta

import pytest
from cli_login import first_admin
from sqlalchemy import select
from windows_sim import ROOT, Holder, sharing_violation

from okudesk.core import backups, files, folderlock, permissions
from okudesk.core.backups import BackupError
from okudesk.core.errors import StoreError
from okudesk.core.models import Meeting
from okudesk.core.records import meetings, photos
from okudesk.core.store import DB_NAME, Store

CONSOLE = permissions.system_actor("pytest")


@pytest.fixture
def quick_retries(monkeypatch):
    monkeypatch.setattr(files, "RETRY_SECONDS", 0.2)
    monkeypatch.setattr(files, "_FIRST_WAIT", 0.01)


def _meeting(store, purpose: str) -> str:
    with store.write() as s:
        return meetings.create_meeting(
            s,
            meetings.MeetingInput(starts_at=datetime.now() - timedelta(days=1), purpose=purpose),
        ).id


def _purposes(data_dir) -> set[str]:
    with Store.open(data_dir) as store, store.read(actor=CONSOLE) as s:
        return set(s.scalars(select(Meeting.purpose)))


# --- renames and deletes that Windows refuses for a moment ------------------------------


def test_a_rename_waits_out_a_brief_sharing_violation(tmp_path, monkeypatch, quick_retries):
    src, dst = tmp_path / "a", tmp_path / "b"
    src.write_bytes(b"x")
    real, calls = os.replace, []

    def flaky(a, b):
        calls.append(a)
        if len(calls) < 3:  # an antivirus scan holds the file for two tries
            raise sharing_violation(a)
        real(a, b)

    monkeypatch.setattr(os, "replace", flaky)
    files.replace(src, dst)
    assert len(calls) == 3 and dst.read_bytes() == b"x" and not src.exists()


def test_a_lasting_sharing_violation_fails_and_other_errors_fail_at_once(
    tmp_path, monkeypatch, quick_retries
):
    calls = []

    def held(a, *rest):
        calls.append(a)
        raise sharing_violation(a)

    monkeypatch.setattr(os, "replace", held)
    with pytest.raises(PermissionError):
        files.replace(tmp_path / "a", tmp_path / "b")
    assert 2 < len(calls) < 20  # retried, for a short while only

    calls.clear()

    def denied(a, *rest):  # a plain permission error (no winerror): not worth waiting for
        calls.append(a)
        raise PermissionError(errno.EACCES, "denied", str(a))

    monkeypatch.setattr(os, "unlink", denied)
    with pytest.raises(PermissionError):
        files.unlink(tmp_path / "a")
    assert len(calls) == 1


def test_a_leftover_windows_will_not_let_go_of_does_not_fail_a_written_backup(
    store, tmp_path, monkeypatch, quick_retries
):
    """An antivirus scanning the finished database snapshot keeps it open past the retries:
    the backup itself is written and checked, so it succeeds; the leftover goes next time."""
    _meeting(store, "sebelum cadangan")
    real_unlink = os.unlink

    def held_snapshot(path, *args, **kwargs):
        if str(path).endswith(".sqlite3" + backups.PARTIAL):
            raise sharing_violation(path)
        return real_unlink(path, *args, **kwargs)

    monkeypatch.setattr(os, "unlink", held_snapshot)
    written = backups.write_backup(store, tmp_path / "usb").path
    monkeypatch.setattr(os, "unlink", real_unlink)
    assert written.is_file() and written.suffix == ".zip"
    backups.check_backup(written)
    left = [p.name for p in (tmp_path / "usb").iterdir() if p.name.endswith(backups.PARTIAL)]
    assert left == [written.stem + ".sqlite3" + backups.PARTIAL]  # the snapshot, nothing else


def test_a_failed_photo_write_leaves_no_partial_file(store, monkeypatch):
    def full_disk(fd):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full_disk)
    with pytest.raises(OSError):
        photos.store_bytes(store.photo_dir, "ab" + "0" * 62, b"jpeg bytes")
    assert not list(store.photo_dir.rglob("*.partial"))
    assert not list(store.photo_dir.rglob("*.jpg"))


# --- the restore that failed and was applied later (data loss) ---------------------------


def test_a_restore_whose_put_aside_fails_changes_nothing_now_or_later(
    store, tmp_path, monkeypatch, quick_retries
):
    _meeting(store, "Sebelum cadangan")
    archive = backups.write_backup(store, tmp_path / "usb").path
    _meeting(store, "Sesudah cadangan")
    data = store.data_dir
    # another program holds the database: Windows refuses to rename it (WinError 32),
    # after the WAL was already moved aside
    real = os.replace

    def held(a, b):
        if os.path.basename(a) == DB_NAME and "replaced" in str(b):
            raise sharing_violation(a)
        real(a, b)

    monkeypatch.setattr(os, "replace", held)
    with pytest.raises(BackupError) as caught:
        backups.restore(data, archive, actor=CONSOLE)
    assert "tidak diubah" in str(caught.value)
    monkeypatch.setattr(os, "replace", real)
    assert not (data / backups.STAGING_NAME).exists()  # nothing waits to be applied later
    assert (data / DB_NAME).exists()
    assert not list((data / "replaced").glob("*/*"))  # the WAL came back beside its database
    # the user was told it failed and goes on working
    _meeting(store, "Sesudah pemulihan gagal")
    store.close()
    assert {"Sebelum cadangan", "Sesudah cadangan", "Sesudah pemulihan gagal"} <= _purposes(data)
    assert "Sesudah pemulihan gagal" in _purposes(data)  # a second start does not restore either


def test_a_restore_whose_final_rename_fails_puts_the_database_back(
    store, tmp_path, monkeypatch, quick_retries
):
    _meeting(store, "Sebelum cadangan")
    archive = backups.write_backup(store, tmp_path / "usb").path
    _meeting(store, "Sesudah cadangan")
    store.close()
    data = store.data_dir
    real = os.replace

    def held(a, b):
        if os.path.basename(a) == backups.STAGING_NAME:
            raise sharing_violation(a)
        real(a, b)

    monkeypatch.setattr(os, "replace", held)
    with pytest.raises(BackupError):
        backups.restore(data, archive, actor=CONSOLE)
    monkeypatch.setattr(os, "replace", real)
    assert not (data / backups.STAGING_NAME).exists()
    assert "Sesudah cadangan" in _purposes(data)


def test_a_restore_survives_a_brief_sharing_violation(store, tmp_path, monkeypatch, quick_retries):
    _meeting(store, "Sebelum cadangan")
    archive = backups.write_backup(store, tmp_path / "usb").path
    _meeting(store, "Sesudah cadangan")
    store.close()
    real, refused = os.replace, []

    def scanned_once(a, b):
        if os.path.basename(a) == DB_NAME and not refused:
            refused.append(a)
            raise sharing_violation(a)
        real(a, b)

    monkeypatch.setattr(os, "replace", scanned_once)
    backups.restore(store.data_dir, archive, actor=CONSOLE)
    monkeypatch.setattr(os, "replace", real)
    assert refused and _purposes(store.data_dir) == {"Sebelum cadangan"}


# --- one lock per data folder ---------------------------------------------------------------


def test_restore_refuses_while_another_okudesk_has_the_folder(store, tmp_path):
    _meeting(store, "Sebelum cadangan")
    archive = backups.write_backup(store, tmp_path / "usb").path
    _meeting(store, "Sesudah cadangan")
    store.close()
    data = store.data_dir
    with Holder("store", data) as other:  # e.g. okudesk-cli, or the daily backup's process
        with pytest.raises(folderlock.FolderBusy) as caught:
            backups.restore(data, archive, actor=CONSOLE)
        assert "tutup dulu" in str(caught.value)
        assert not (data / backups.STAGING_NAME).exists()
        assert not (data / "replaced").exists()
        other.stop()
    backups.restore(data, archive, actor=CONSOLE)  # once it has closed
    assert _purposes(data) == {"Sebelum cadangan"}


def test_a_killed_holder_leaves_no_stale_lock(store, tmp_path):
    archive = backups.write_backup(store, tmp_path / "usb").path
    store.close()
    with Holder("store", store.data_dir) as other:
        other.kill()  # a crash, a power button: the system drops the lock
    backups.restore(store.data_dir, archive, actor=CONSOLE)


def test_nobody_opens_the_folder_while_a_restore_runs(tmp_path):
    data = tmp_path / "data"
    with Holder("exclusive", data):
        with pytest.raises(folderlock.FolderBusy) as caught:
            Store.open(data)
        assert "memulihkan cadangan" in str(caught.value)
        assert not folderlock.held_here(data)  # the refused open let go of everything
    Store.open(data).close()


def test_many_okudesk_processes_share_a_folder(tmp_path):
    data = tmp_path / "data"
    with Holder("store", data), Holder("shared", data):
        with Store.open(data) as store, store.read(actor=CONSOLE):
            pass
        assert folderlock.claim_window(data)  # nobody else has a window on it
        folderlock.release_window(data)
    assert not folderlock.held_here(data)


def test_one_window_per_folder(tmp_path):
    data = tmp_path / "data"
    with Holder("window", data) as first:
        assert not folderlock.claim_window(data)
        assert not folderlock.held_here(data)
        other = tmp_path / "other"  # another data folder is another matter
        assert folderlock.claim_window(other)
        folderlock.release_window(other)
        first.stop()
    assert folderlock.claim_window(data)
    folderlock.release_window(data)
    assert not folderlock.held_here(data)


def test_the_store_claims_its_folder_and_lets_go_when_closed(tmp_path):
    data = tmp_path / "data"
    a = Store.open(data)
    b = Store.open(data)  # one process, two stores: one claim, counted
    a.close()
    assert folderlock.held_here(data)
    b.close()
    b.close()  # closing twice does not release someone else's claim
    assert not folderlock.held_here(data)


# --- the command line on Windows -------------------------------------------------------------


def test_cli_output_redirected_in_the_ansi_code_page_does_not_fail(store, tmp_path, monkeypatch):
    from okudesk.core.history import audit

    with store.write() as s:  # what printing a report writes to the trail
        audit.record(s, "print", summary="BTT-RPT-2026-0001 → EPSON L3110 (1x)")
    admin = first_admin(store, monkeypatch)
    store.close()
    out = tmp_path / "f.txt"
    env = dict(os.environ, PYTHONIOENCODING="cp1252", PYTHONPATH=str(ROOT))
    with open(out, "wb") as fh:  # okudesk-cli audit list > f.txt
        done = subprocess.run(
            [sys.executable, "-m", "okudesk", "--data-dir", str(store.data_dir), *admin, "audit"]
            + ["list"],
            stdout=fh,
            stderr=subprocess.PIPE,
            env=env,
        )
    assert done.returncode == 0, done.stderr.decode("utf-8", "replace")
    assert "BTT-RPT-2026-0001 → EPSON" in out.read_bytes().decode("utf-8")


def test_a_passphrase_file_saved_by_notepad_logs_in(store, tmp_path, capsys):
    from okudesk.cli import main
    from okudesk.core.records import officers
    from okudesk.core.security import accounts

    with store.write() as s:
        officer = officers.add_officer(s, name="Petugas Notepad", nrp="85071234")
        accounts.set_account(
            s, officer.id, role="petugas", passphrase="rahasia-pos-btt", must_change=False
        )
    store.close()
    file = tmp_path / "sandi.txt"
    file.write_bytes("\ufeffrahasia-pos-btt\r\n".encode())  # Notepad: BOM and CRLF
    args = ["--data-dir", str(store.data_dir), "--officer", "85071234"]
    assert main([*args, "--passphrase-file", str(file), "stats", "--json"]) == 0, (
        capsys.readouterr().err
    )


# --- the laptop's clock -----------------------------------------------------------------------


def test_a_laptop_not_in_the_posts_zone_is_noticed():
    from datetime import timezone

    from okudesk.core import clock

    def at(hours: float) -> datetime:
        return datetime(2026, 3, 1, 9, 0, tzinfo=timezone(timedelta(hours=hours)))

    assert clock.zone_problem(at(7)) is None
    assert "UTC+00:00, bukan WIB (UTC+07:00)" in clock.zone_problem(at(0))
    assert "UTC-08:00" in clock.zone_problem(at(-8))
    assert "UTC+08:00" in clock.zone_problem(at(8))  # WITA: a neighbour's laptop


@pytest.mark.parametrize(("tz", "warned"), [("UTC0", True), ("WIB-7", False)])
def test_selftest_warns_about_the_zone_without_failing(tz, warned):
    env = dict(os.environ, TZ=tz, PYTHONPATH=str(ROOT), OKUDESK_LANG="id")
    done = subprocess.run(
        [sys.executable, "-m", "okudesk", "selftest", "--no-gui", "--only", "database"],
        capture_output=True,
        text=True,
        env=env,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert ("PERINGATAN Zona waktu komputer ini UTC+00:00" in done.stdout) is warned


# --- the repository on Windows ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "attribute", "value"),
    [
        ("scripts/dev", "eol", "lf"),
        (".ci/run", "eol", "lf"),
        ("okudesk/cli/__init__.py", "eol", "lf"),
        ("resources/translations/okudesk_en.ts", "eol", "lf"),
        ("tests/fixtures/schema-0001.sqlite3", "text", "unset"),
        ("resources/fonts/LiberationSans-Regular.ttf", "text", "unset"),
    ],
)
def test_a_windows_checkout_keeps_scripts_and_fixtures_as_they_are(path, attribute, value):
    """Git for Windows converts to CRLF unless .gitattributes says otherwise."""
    import shutil

    if shutil.which("git") is None or not (ROOT / ".git").exists():
        pytest.skip("not a git checkout (no .gitattributes to apply)")
    done = subprocess.run(
        ["git", "check-attr", attribute, "--", path], cwd=ROOT, capture_output=True, text=True
    )
    assert done.stdout.strip() == f"{path}: {attribute}: {value}", done.stdout + done.stderr
    assert b"\r\n" not in (ROOT / path).read_bytes() or value == "unset"


def test_a_restore_cut_short_is_finished_only_when_nobody_else_has_the_database(store, tmp_path):
    _meeting(store, "Di cadangan")
    archive = backups.write_backup(store, tmp_path / "usb").path
    _meeting(store, "Sesudah cadangan")
    store.close()
    data = store.data_dir
    with zipfile.ZipFile(archive) as z:  # what a crash in the middle of a restore leaves
        (data / backups.STAGING_NAME).write_bytes(z.read("okudesk.sqlite3"))
    with Holder("shared", data):  # okudesk-cli still has the database open
        with pytest.raises(folderlock.FolderBusy):
            Store.open(data)
        assert (data / backups.STAGING_NAME).exists()  # still waiting, nothing half-done
        assert not list((data / "replaced").glob("*/*"))
    assert _purposes(data) == {"Di cadangan"}  # finished once it is alone


# --- the folder lock with Windows' locking rules ----------------------------------------------


def test_the_folder_lock_works_with_windows_byte_range_locks(tmp_path):
    """Two okudesk processes on Windows, simulated: msvcrt's locks are exclusive and per
    handle, so the shared claim is a slot and a restore's claim is every other slot."""
    from windows_sim import FakeMsvcrt, windows_process

    fake = FakeMsvcrt()
    gui, cli = windows_process(fake), windows_process(fake)
    data = tmp_path / "data"
    assert gui.claim_window(data)
    cli.hold(data)  # the command line beside the window
    assert not cli.claim_window(data)  # but no second window
    with pytest.raises(StoreError):
        with gui.exclusive(data):  # a restore in the window while the command line works
            pass
    cli.release(data)
    with gui.exclusive(data):  # alone now
        with pytest.raises(StoreError) as caught:
            cli.hold(data)  # nobody opens it meanwhile
        assert "memulihkan cadangan" in str(caught.value)
        with gui.exclusive(data):  # nested: the restore reopens the store in itself
            pass
    cli.hold(data)  # after the restore
    cli.release(data)
    gui.release_window(data)
    assert not gui.held_here(data) and not cli.held_here(data)
    assert fake.held == []  # every lock was given back


def test_many_windows_processes_each_get_a_slot(tmp_path):
    from windows_sim import FakeMsvcrt, windows_process

    fake = FakeMsvcrt()
    data = tmp_path / "data"
    processes = [windows_process(fake) for _ in range(5)]
    for p in processes:
        p.hold(data)
    assert sorted(start for _f, _h, start, _n in fake.held) == [0, 1, 2, 3, 4]
    with pytest.raises(StoreError):
        processes[0].exclusive(data).__enter__()
    assert len(fake.held) == 5  # the refused restore left no lock behind
    for p in processes:
        p.release(data)
    assert fake.held == []


# --- USB drives (a fake volume enumerator) -----------------------------------------------------


def _vol(root="E:\\", **kw):
    from okudesk.core.volumes import Volume

    values = dict(
        label="",
        filesystem="FAT32",
        free=8 * 10**9,
        total=16 * 10**9,
        ready=True,
        usb=True,
        removable=True,
        system=False,
    )
    values.update(kw)
    return Volume(root=root, **values)


def test_only_ready_non_system_usb_drives_are_offered():
    from okudesk.core import volumes

    laptop = [
        _vol("C:\\", filesystem="NTFS", usb=False, removable=False, system=True),
        _vol("D:\\", filesystem="", ready=False),  # an empty SD-card slot: "removable"
        _vol("E:\\", label="POLSEK", removable=False),  # a USB stick reporting FIXED
        _vol("F:\\", filesystem="NTFS", usb=False, removable=False),  # the second disk
        _vol("G:\\", usb=False),  # a built-in card reader with a card in it
        _vol("H:\\", usb=True, system=True),  # Windows itself on a USB disk
    ]
    assert [v.root for v in volumes.targets(laptop)] == ["E:\\", "G:\\"]


def test_a_target_folder_is_matched_to_its_drive(tmp_path):
    from okudesk.core import volumes

    outer, inner = _vol(str(tmp_path) + os.sep), _vol(str(tmp_path / "mnt") + os.sep)
    assert volumes.volume_of(tmp_path / "mnt" / "kirim", [outer, inner]) is inner
    assert volumes.volume_of(tmp_path / "mnt", [outer, inner]) is inner
    assert volumes.volume_of(tmp_path / "mntx", [outer, inner]) is outer
    assert volumes.volume_of(tmp_path.parent, [outer, inner]) is None


def test_what_a_drive_cannot_take_is_said_before_writing():
    from okudesk.core import volumes

    big = 5 * 1024**3
    assert "exFAT atau NTFS" in volumes.problem(_vol(filesystem="FAT32"), big)
    assert volumes.problem(_vol(filesystem="exFAT", free=10 * 1024**3), big) is None
    assert "tidak cukup" in volumes.problem(_vol(free=10**6), 5 * 10**6)
    assert "tidak siap" in volumes.problem(_vol(ready=False), 1)
    assert volumes.problem(None, big) is None  # a folder: nothing known about it
    assert volumes.problem(_vol(free=10**9), 10**6) is None
    assert _vol(label="POLSEK", free=3_200_000_000).describe() == (
        "E:\\ POLSEK (FAT32, 3,2 GB kosong)"
    )


def test_a_bundle_reaches_the_stick_with_a_write_through_rename(tmp_path, monkeypatch):
    """On Windows the rename is MoveFileExW(..., MOVEFILE_WRITE_THROUGH), simulated."""
    import ctypes
    import types

    from okudesk.core.sync import bundle

    calls = []

    def move_file_ex(src, dst, flags):
        calls.append((os.path.basename(src), os.path.basename(dst), flags))
        os.replace(src, dst)
        return 1

    fake = types.SimpleNamespace(kernel32=types.SimpleNamespace(MoveFileExW=move_file_ex))
    monkeypatch.setattr(ctypes, "windll", fake, raising=False)
    target = tmp_path / "E" / "BTT-0001.okb"
    target.parent.mkdir()
    bundle._write_atomically(target, [("manifest.json", b"{}")])
    assert calls == [
        ("BTT-0001.okb.partial", "BTT-0001.okb", files.MOVEFILE_REPLACE_EXISTING | 0x8)
    ]
    assert target.is_file() and not list(target.parent.glob("*.partial"))


def test_okudesk_cli_restore_refuses_while_the_window_is_open(store, tmp_path, capsys, monkeypatch):
    from okudesk.cli import main

    archive = backups.write_backup(store, tmp_path / "usb").path
    admin = first_admin(store, monkeypatch)
    store.close()
    with Holder("window", store.data_dir):
        code = main(["--data-dir", str(store.data_dir), *admin, "restore", str(archive)])
    assert code == 1
    err = capsys.readouterr().err
    assert err.startswith("okudesk: okudesk masih terbuka") and "tutup dulu" in err
    assert not (store.data_dir / backups.STAGING_NAME).exists()


def test_a_put_aside_that_cannot_be_undone_finishes_the_restore_at_the_next_start(
    store, tmp_path, monkeypatch, quick_retries
):
    """The worst case: the WAL went aside, the database would not, and the WAL would not
    come back either. Only the restore leaves a whole database: it is finished next time."""
    _meeting(store, "Di cadangan")
    archive = backups.write_backup(store, tmp_path / "usb").path
    _meeting(store, "Sesudah cadangan")
    store.close()
    data = store.data_dir
    (data / f"{DB_NAME}-wal").write_bytes(b"")  # a WAL to move aside first
    real = os.replace

    def stuck(a, b):
        if os.path.basename(a) == DB_NAME or "replaced" in str(a):
            raise sharing_violation(a)
        real(a, b)

    monkeypatch.setattr(os, "replace", stuck)
    with pytest.raises(BackupError) as caught:
        backups.restore(data, archive, actor=CONSOLE)
    monkeypatch.setattr(os, "replace", real)
    assert "buka okudesk lagi" in str(caught.value)
    assert (data / backups.STAGING_NAME).exists()  # kept: it is what will be whole
    assert _purposes(data) == {"Di cadangan"}


def _stick(root, *, filesystem="FAT32", free=2 * 1024**3):
    from okudesk.core.volumes import Volume

    return Volume(
        root=str(root),
        label="FLASHDISK",
        filesystem=filesystem,
        free=free,
        total=free * 2,
        ready=True,
        usb=True,
        removable=True,
        system=False,
    )


def test_a_fat32_stick_takes_no_file_of_4_gib_and_a_full_one_nothing(tmp_path, monkeypatch):
    from okudesk.core import volumes

    monkeypatch.setattr(volumes, "enumerator", lambda: lambda: [_stick(tmp_path)])
    assert "FAT32" in volumes.room_problem(tmp_path / "bundles", 5 * 1024**3)
    assert volumes.room_problem(tmp_path, 1024**2) is None
    monkeypatch.setattr(volumes, "enumerator", lambda: lambda: [_stick(tmp_path, free=10)])
    assert "tidak cukup" in volumes.room_problem(tmp_path, 1024**2)


def test_an_export_to_a_stick_without_room_writes_nothing(tmp_path, monkeypatch):
    """The bundle's size is checked once it is encrypted, before its first byte is written:
    no half bundle and no partial file stay on the stick."""
    from sync_world import add_meeting, enroll, export_to, make_hq

    from okudesk.core import volumes
    from okudesk.core.sync import SyncRefused

    usb = tmp_path / "usb"
    usb.mkdir()
    hq = make_hq(tmp_path / "hq")
    post = enroll(hq, tmp_path / "post", "BTT", usb)
    add_meeting(post, "Koordinasi pengamanan TPS")
    stick = tmp_path / "stick"
    stick.mkdir()
    monkeypatch.setattr(volumes, "enumerator", lambda: lambda: [_stick(stick, free=1000)])
    with pytest.raises(SyncRefused, match="tidak cukup"):
        export_to(post, stick)
    assert list(stick.iterdir()) == []
    monkeypatch.setattr(volumes, "enumerator", lambda: lambda: [_stick(stick)])
    assert export_to(post, stick).parent == stick
    post.close()
    hq.close()


def test_a_report_number_becomes_a_file_name_windows_accepts():
    from okudesk.core.files import file_name

    assert file_name("B/    /XII/LI/2026/OKU") == "B-XII-LI-2026-OKU"  # a draft: no number yet
    assert file_name("B/12/XII/LHK/2026/BTT") == "B-12-XII-LHK-2026-BTT"
    assert file_name('R/3/XII/LI/2026/BTT: "salinan"?') == "R-3-XII-LI-2026-BTT-salinan"
    assert file_name("   ", fallback="draf") == "draf"
