"""Is the database file sound enough to open? Checked at every start, before anything writes.

Two checks, both read-only: the file's header against its size (microseconds: a file cut
short by a crash, a failed copy or a dying stick), and SQLite's ``PRAGMA quick_check`` over
every page when the file is small enough for it to be quick (:data:`QUICK_CHECK_BYTES`;
benchmarks/README.md has the timings). A larger database is checked whole by a daily
backup at least once a week (docs/backups.md), which refuses to back up a damaged one. A
zero-length file where okudesk was used before (a backup, a photo, its key) is a database
lost, not a new one: it is never replaced without a person deciding. When a check fails
the message names the newest backup that reads back whole.
"""

from __future__ import annotations

import struct
from pathlib import Path

from okudesk.core.errors import DatabaseDamaged
from okudesk.core.i18n import _
from okudesk.core.store import cipher

# quick_check reads every page: ~2 ms a MB here (benchmarks/README.md), ~30 ms at this size;
# above it the start would wait noticeably, and a daily backup checks the whole file each week
QUICK_CHECK_BYTES = 16 * 1024 * 1024


def check(db_path: Path, backup_dir: Path, key: bytes | None = None) -> bool:
    """Whether the database is missing or empty-and-new (then the start makes it). Raises
    DatabaseDamaged, naming the last good backup, when the file is not sound."""
    try:
        size = db_path.stat().st_size
    except FileNotFoundError:
        return True
    if size == 0:
        if not used_before(db_path.parent, backup_dir):
            return True
        raise damaged(db_path, backup_dir, _("berkasnya kosong (0 byte)"))
    problem = header_problem(db_path, size)
    if problem is None and size <= QUICK_CHECK_BYTES:
        from okudesk.core.store.backup import integrity_problems

        problems = integrity_problems(db_path, quick=True, key=key)
        problem = problems[0] if problems else None
    if problem is not None:
        raise damaged(db_path, backup_dir, problem)
    return False


def used_before(data_dir: Path, backup_dir: Path) -> bool:
    """Signs that this folder held an okudesk database: backups, photos, the backup key."""
    return (
        any(backup_dir.glob("okudesk-*"))
        or any((data_dir / "photos").glob("*/*"))
        or (data_dir / "installation.key").exists()
    )


def header_problem(db_path: Path, size: int) -> str | None:
    """What the first 100 bytes say is wrong with the file's length (None: nothing)."""
    try:
        with open(db_path, "rb") as fh:
            header = fh.read(100)
    except OSError as exc:
        return str(exc.strerror or exc)
    if len(header) < 100 or not header.startswith(cipher.HEADER):
        # encrypted (its header is encrypted too: SQLCipher writes whole 4 KiB pages), or not
        # SQLite at all: reading its schema says so (migrate.prepare)
        if len(header) == 100 and size % cipher.PAGE_SIZE and not _wal_pending(db_path):
            return _("berkasnya terpotong ({size} byte, bukan kelipatan halaman)", size=size)
        return None
    (page_size,) = struct.unpack_from(">H", header, 16)
    page_size = 65536 if page_size == 1 else page_size
    change_counter, pages = struct.unpack_from(">II", header, 24)
    (valid_for,) = struct.unpack_from(">I", header, 92)
    if _wal_pending(db_path):
        return None  # a checkpoint cut short: the WAL holds the rest, SQLite replays it
    if pages and change_counter == valid_for and size < pages * page_size:
        return _(
            "berkasnya terpotong ({size} dari {expected} byte)",
            size=size,
            expected=pages * page_size,
        )
    return None


def _wal_pending(db_path: Path) -> bool:
    try:
        return db_path.with_name(db_path.name + "-wal").stat().st_size > 0
    except OSError:
        return False


def last_good_backup(backup_dir: Path) -> Path | None:
    """The newest backup in ``backup_dir`` that reads back whole (zip CRCs, or a
    pre-migration copy that passes quick_check)."""
    import json
    import zipfile

    from okudesk.core.store.backup import integrity_problems

    candidates = [*backup_dir.glob("okudesk-*.zip"), *backup_dir.glob("okudesk-before-*.sqlite3")]
    for path in sorted(candidates, key=_mtime, reverse=True):
        try:
            if path.suffix == ".zip":
                with zipfile.ZipFile(path) as archive:
                    if "manifest.json" in archive.namelist() and archive.testzip() is None:
                        # a daily backup keeps its database beside the zip
                        beside = json.loads(archive.read("manifest.json")).get("database_file")
                        if not beside or (path.parent / Path(str(beside)).name).is_file():
                            return path
            elif not integrity_problems(path, quick=True):
                return path
        except (OSError, zipfile.BadZipFile, cipher.Error, ValueError, EOFError):
            continue
    return None


def _mtime(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0


def damaged(db_path: Path, backup_dir: Path, problem: str) -> DatabaseDamaged:
    backup = last_good_backup(backup_dir)
    if backup is None:
        advice = _(
            "Tidak ada cadangan yang baik di {folder}; pulihkan dari cadangan di flashdisk: "
            "okudesk restore BERKAS",
            folder=backup_dir,
        )
    else:
        advice = _(
            'Cadangan terakhir yang baik: {backup}. Pulihkan dengan: okudesk restore "{backup}"',
            backup=backup,
        )
    return DatabaseDamaged(
        _(
            "Basis data {path} rusak: {problem}. okudesk tidak mengubahnya. {advice}",
            path=db_path,
            problem=problem,
            advice=advice,
        ),
        backup,
    )
