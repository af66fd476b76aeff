"""Faults of the computer rather than of the data, told plainly: a full disk is not a damaged
database, and the person is told how much room to make."""

from __future__ import annotations

import errno
import shutil
from pathlib import Path

from okudesk.core.errors import DiskFull
from okudesk.core.i18n import _
from okudesk.core.store import cipher
from okudesk.core.volumes import human_size

# What a write needs beyond the database itself: SQLite's journal (WAL) of one transaction,
# a photo, a report. Generous: telling someone to free 50 MB costs little.
WORKING_ROOM = 50_000_000


def is_disk_full(exc: BaseException | None) -> bool:
    """Whether ``exc`` (or what it wraps: SQLAlchemy's ``orig``, a ``raise from``) says the
    disk is full."""
    seen: set[int] = set()
    while exc is not None and id(exc) not in seen:
        seen.add(id(exc))
        if isinstance(exc, cipher.Error):
            if getattr(exc, "sqlite_errorcode", None) == cipher.SQLITE_FULL:
                return True
            if "disk is full" in str(exc):
                return True
        if isinstance(exc, OSError) and exc.errno in (errno.ENOSPC, errno.EDQUOT):
            return True
        exc = getattr(exc, "orig", None) or exc.__cause__ or exc.__context__
    return False


def free_space(folder: Path) -> int | None:
    """Bytes free on the disk holding ``folder`` (None: cannot tell)."""
    folder = Path(folder)
    for candidate in (folder, *folder.parents):
        try:
            return shutil.disk_usage(candidate).free
        except OSError:
            continue
    return None


def disk_full(folder: Path, needed: int = WORKING_ROOM) -> DiskFull:
    """The error to raise: where, how much is left, how much to make free."""
    free = free_space(folder)
    return DiskFull(
        _(
            "Disk penuh: folder {path} tidak punya ruang lagi (tersisa {free}). Kosongkan "
            "paling sedikit {needed} di disk itu (hapus atau pindahkan berkas yang tidak "
            "perlu), lalu coba lagi. Data yang sudah tersimpan aman.",
            path=folder,
            free=human_size(free) if free is not None else "?",
            needed=human_size(max(needed, 1_000_000)),
        )
    )


def room_needed(db_path: Path, *, migrating: bool = False) -> int:
    """The room opening the database needs: a migration first copies the file to the
    backups folder, then rewrites it (up to its size again)."""
    try:
        size = Path(db_path).stat().st_size
    except OSError:
        size = 0
    return WORKING_ROOM + (2 * size if migrating else 0)


def fault_message(exc: BaseException, folder: Path | None = None) -> str | None:
    """A one-line message for a fault of the computer (the disk full), or None."""
    if is_disk_full(exc):
        return str(disk_full(folder if folder is not None else Path.cwd()))
    return None
