"""Finishing a restore: the one step of restoring a backup that belongs to the store.

:func:`okudesk.core.backups.restore` checks a backup and leaves the renewed copy beside the
database as ``okudesk.sqlite3.restoring``; putting it in place is :func:`put_aside` plus a
rename. When a crash cut that short, :meth:`Store.open` finishes it here before it opens
the database, so the store never calls up into the backup service.
"""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path

from okudesk.core.files import fsync_dir
from okudesk.core.store import DB_NAME, RESTORING_NAME

REPLACED_DIR = "replaced"


def put_aside(data_dir: Path) -> Path | None:
    """Move the database in use (with its WAL) to ``replaced/<time>/``, byte for byte."""
    current = data_dir / DB_NAME
    if not current.exists():
        return None
    aside = data_dir / REPLACED_DIR / datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    aside.mkdir(parents=True)
    for suffix in ("-wal", "-shm", ""):
        path = data_dir / f"{DB_NAME}{suffix}"
        if path.exists():
            os.replace(path, aside / path.name)
    fsync_dir(aside)
    return aside / DB_NAME


def finish_interrupted_restore(data_dir: Path) -> bool:
    """Called at start-up: a checked, renewed copy waiting without a database in place was
    left by a restore cut short; put it in place. Returns whether it did."""
    staging = data_dir / RESTORING_NAME
    leftover = staging.with_name(staging.name + ".partial")
    if leftover.exists():
        leftover.unlink()
    if not staging.exists():
        return False
    current = data_dir / DB_NAME
    if current.exists():
        put_aside(data_dir)
    os.replace(staging, current)
    fsync_dir(data_dir)
    return True
