"""Finishing a restore: the one step of restoring a backup that belongs to the store.

:func:`okudesk.core.backups.restore` checks a backup and leaves the renewed copy beside the
database as ``okudesk.sqlite3.restoring``; putting it in place is :func:`put_aside` plus a
rename. When a crash cut that short, :meth:`Store.open` finishes it here before it opens
the database, so the store never calls up into the backup service.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from okudesk.core import files
from okudesk.core.files import fsync_dir
from okudesk.core.store import DB_NAME, RESTORING_NAME

REPLACED_DIR = "replaced"


class PartlyAside(OSError):
    """Putting the database aside failed and could not be undone: it is not whole in place,
    so only finishing the restore (at the next start) leaves a whole database."""


def put_aside(data_dir: Path) -> Path | None:
    """Move the database in use (with its WAL) to ``replaced/<time>/``, byte for byte.

    All or nothing: when one rename fails (on Windows, a file another program holds open),
    the files already moved go back, so the database never stays apart from its WAL."""
    current = data_dir / DB_NAME
    if not current.exists():
        return None
    aside = data_dir / REPLACED_DIR / datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    aside.mkdir(parents=True)
    moved: list[Path] = []
    try:
        for suffix in ("-wal", "-shm", ""):
            path = data_dir / f"{DB_NAME}{suffix}"
            if path.exists():
                files.replace(path, aside / path.name)
                moved.append(path)
    except BaseException as exc:
        try:
            for path in reversed(moved):
                files.replace(aside / path.name, path)
        except OSError as undo:
            raise PartlyAside(str(undo)) from exc
        try:
            aside.rmdir()
        except OSError:
            pass
        raise
    fsync_dir(aside)
    return aside / DB_NAME


def put_back(aside: Path, data_dir: Path) -> None:
    """Undo :func:`put_aside`: the files in ``aside`` go back in place."""
    for suffix in ("", "-shm", "-wal"):
        path = aside.parent / f"{DB_NAME}{suffix}"
        if path.exists():
            files.replace(path, data_dir / path.name)
    try:
        aside.parent.rmdir()
    except OSError:
        pass
    fsync_dir(data_dir)


def finish_interrupted_restore(data_dir: Path) -> bool:
    """Called at start-up: a checked, renewed copy waiting without a database in place was
    left by a restore cut short; put it in place. Returns whether it did."""
    staging = data_dir / RESTORING_NAME
    leftover = staging.with_name(staging.name + ".partial")
    files.discard(leftover)
    if not staging.exists():
        return False
    current = data_dir / DB_NAME
    if current.exists():
        put_aside(data_dir)
    files.replace(staging, current)
    fsync_dir(data_dir)
    return True
