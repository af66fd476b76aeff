import hashlib
import io
import os
import shutil
import zipfile
from datetime import datetime, timedelta

import pytest
import rawdb
from cli_login import first_admin, open_folder
from PIL import Image
from sqlalchemy import select

from okudesk.cli import main
from okudesk.core import backups, permissions
from okudesk.core.backups import BackupError
from okudesk.core.errors import PermissionDenied
from okudesk.core.history import audit, versioning
from okudesk.core.models import Attachment, Meeting
from okudesk.core.records import meetings, photos


def _jpeg(color) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (64, 48), color).save(out, "JPEG")
    return out.getvalue()


def _meeting_with_photo(store, yesterday, purpose, color):
    with store.write() as s:
        m = meetings.create_meeting(s, meetings.MeetingInput(starts_at=yesterday, purpose=purpose))
        a = photos.add_photo(s, store.photo_dir, _jpeg(color), meeting_id=m.id, caption=purpose)
    return m.id, a.sha256


def test_backup_holds_database_and_photos_and_restores_with_a_new_instance(
    store, yesterday, tmp_path
):
    first, sha1 = _meeting_with_photo(store, yesterday, "Sebelum cadangan", (200, 10, 10))
    info = backups.write_backup(store, tmp_path / "usb")
    assert info.path.parent == tmp_path / "usb" and info.photos == 1 and info.schema
    assert not list((tmp_path / "usb").glob("*.partial"))
    with zipfile.ZipFile(info.path) as z:
        assert f"photos/{sha1[:2]}/{sha1}.jpg" in z.namelist()
    second, sha2 = _meeting_with_photo(store, yesterday, "Sesudah cadangan", (10, 200, 10))
    with store.read() as s:
        old_instance, old_counter = versioning.current(s.connection())
    shutil.rmtree(store.photo_dir)  # the laptop lost its photos too
    store.close()
    result = backups.restore(store.data_dir, info.path, actor=permissions.system_actor("test"))
    assert result.photos_added == 1 and result.replaced.exists()
    assert (store.data_dir / "replaced").is_dir()
    with (
        open_folder(store.data_dir) as restored,
        restored.read(actor=permissions.system_actor("test")) as s,
    ):
        ids = set(s.scalars(select(Meeting.id)))
        instance, counter = versioning.current(s.connection())
        assert first in ids and second not in ids
        assert instance == result.instance_id != old_instance and counter < old_counter
        assert photos.photo_path(restored.photo_dir, sha1).read_bytes()
        assert audit.verify(s).ok
        assert [e.action for e in audit.entries(s, action="restore")] == ["restore"]
    # the database that was replaced is kept whole: the later meeting is still in it
    con = rawdb.connect(result.replaced)
    assert con.execute("SELECT count(*) FROM meeting WHERE id = ?", (second,)).fetchone()[0] == 1
    con.close()
    assert sha2  # its photo file is not deleted either way


def test_damaged_backups_are_refused_and_nothing_changes(store, yesterday, tmp_path):
    _meeting_with_photo(store, yesterday, "Data", (1, 2, 3))
    info = backups.write_backup(store, tmp_path / "usb")
    store.close()
    before = hashlib.sha256(store.db_path.read_bytes()).hexdigest()
    truncated = tmp_path / "truncated.zip"
    truncated.write_bytes(info.path.read_bytes()[: info.size // 2])
    flipped = tmp_path / "flipped.zip"
    data = bytearray(info.path.read_bytes())
    with zipfile.ZipFile(info.path) as z:
        member = z.getinfo("okudesk.sqlite3")
    data[member.header_offset + 200] ^= 0xFF  # inside the compressed database
    flipped.write_bytes(bytes(data))
    not_a_backup = tmp_path / "notes.sqlite3"
    not_a_backup.write_bytes(b"just text" * 500)
    system = permissions.system_actor("test")
    for bad in (truncated, flipped, not_a_backup, tmp_path / "missing.zip"):
        with pytest.raises(BackupError):
            backups.restore(store.data_dir, bad, actor=system)
    assert hashlib.sha256(store.db_path.read_bytes()).hexdigest() == before
    assert not (store.data_dir / "replaced").exists()
    assert not list(store.data_dir.glob("*.restoring*"))


def test_a_pre_migration_copy_can_be_restored_too(store, yesterday, tmp_path):
    mid, _sha = _meeting_with_photo(store, yesterday, "Data", (1, 2, 3))
    from okudesk.core.store.backup import backup_database

    # where okudesk makes them: a bare copy carries no authentication, so only this data
    # folder's own backups/ vouches for it (one from elsewhere needs a confirmed re-enrolment)
    store.backup_dir.mkdir(exist_ok=True)
    elsewhere = backup_database(store.db_path, tmp_path / "okudesk-before-x.sqlite3")
    copy = backup_database(store.db_path, store.backup_dir / "okudesk-before-x.sqlite3")
    store.close()
    with pytest.raises(backups.ForeignBackup):
        backups.restore(store.data_dir, elsewhere, actor=permissions.system_actor("test"))
    backups.restore(store.data_dir, copy, actor=permissions.system_actor("test"))
    with open_folder(store.data_dir) as restored, restored.read() as s:
        assert s.get(Meeting, mid) is not None and s.scalar(select(Attachment.id)) is not None


def test_roles_that_may_not_back_up_or_restore_are_refused(store, tmp_path):
    petugas = permissions.Actor("x", "Petugas", "petugas")
    with pytest.raises(PermissionDenied):
        backups.write_backup(store, tmp_path, actor=petugas)
    with pytest.raises(PermissionDenied):
        backups.restore(store.data_dir, tmp_path / "x.zip", actor=petugas)
    admin = permissions.Actor("y", "Admin", "admin")
    assert backups.write_backup(store, tmp_path, actor=admin).path.exists()


def test_daily_backup_once_a_day_keeping_the_last_n(store):
    assert backups.daily_if_due(store) is not None
    assert backups.daily_if_due(store) is None
    for day in range(1, 5):
        latest = backups.list_backups(store.backup_dir)[-1]
        past = (datetime.now() - timedelta(days=day + 1)).timestamp()
        os.utime(latest, (past, past))
        assert backups.daily_if_due(store, keep=3, weekly=0, monthly=0) is not None
    assert len(backups.list_backups(store.backup_dir)) == 3
    with store.read() as s:
        assert {e.actor_name.split(" (")[0] for e in audit.entries(s, action="backup")} == {
            "cadangan otomatis"
        }


def test_a_restore_cut_short_is_finished_at_the_next_start(store, yesterday, tmp_path):
    mid, _sha = _meeting_with_photo(store, yesterday, "Data", (1, 2, 3))
    info = backups.write_backup(store, tmp_path / "usb")
    with store.write() as s:
        meetings.delete_meeting(s, mid)
    store.close()
    # The state a crash leaves between "checked copy in place" and "current put aside":
    with zipfile.ZipFile(info.path) as z:
        (store.data_dir / backups.STAGING_NAME).write_bytes(z.read("okudesk.sqlite3"))
    with open_folder(store.data_dir) as reopened, reopened.read() as s:
        assert s.get(Meeting, mid).deleted_at is None
    assert not (store.data_dir / backups.STAGING_NAME).exists()
    assert list((store.data_dir / "replaced").glob("*/okudesk.sqlite3"))


def test_backup_and_restore_commands(store, yesterday, tmp_path, capsys, monkeypatch):
    mid, _sha = _meeting_with_photo(store, yesterday, "Data", (1, 2, 3))
    admin = first_admin(store, monkeypatch)
    store.close()
    data = str(store.data_dir)
    assert main(["--data-dir", data, "backup", "--out", str(tmp_path / "usb")]) == 1
    assert "--officer" in capsys.readouterr().err  # a copy of everything: a person's act
    assert main(["--data-dir", data, *admin, "backup", "--out", str(tmp_path / "usb")]) == 0
    out = capsys.readouterr().out
    archive = next((tmp_path / "usb").glob("*.zip"))
    assert str(archive) in out and "1 foto" in out
    assert main(["--data-dir", data, "restore", str(archive)]) == 1
    assert "--officer" in capsys.readouterr().err
    assert main(["--data-dir", data, "restore", str(archive), *admin]) == 0
    assert "dipulihkan" in capsys.readouterr().out
    broken = tmp_path / "broken.zip"
    broken.write_bytes(b"PK\x03\x04 nope")
    assert main(["--data-dir", data, *admin, "restore", str(broken)]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "rusak" in err[0]
    assert main(["--data-dir", data, *admin, "audit", "verify"]) == 0
