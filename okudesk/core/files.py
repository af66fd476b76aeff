"""Durable file writes: whole or not at all, and renames that survive a power cut.

Every file okudesk writes outside the database (photos, kept reports, bundles, backups, a
restored database) goes through here, so the order partial file, fsync, rename, fsync of
the folder is written once.
"""

from __future__ import annotations

import os
from pathlib import Path


def fsync_dir(path: Path) -> None:
    """Make a rename durable (POSIX); Windows has no directory handles to fsync."""
    if os.name != "posix":
        return
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def write_atomically(path: Path, data: bytes) -> None:
    """Write ``data`` whole or not at all: to a partial file, fsynced, then renamed."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(".partial")
    with open(partial, "wb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(partial, path)
