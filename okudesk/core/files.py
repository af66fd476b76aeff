"""Durable file writes: whole or not at all, and renames that survive a power cut.

Every file okudesk writes outside the database (photos, kept reports, bundles, backups, a
restored database) goes through here, so the order partial file, fsync, rename, fsync of
the folder is written once.

On Windows a file another program has open (an antivirus scan, the search indexer, a
backup tool, SQLite in another process) cannot be renamed or deleted for a moment:
``os.replace`` and ``os.unlink`` fail with winerror 32 (sharing violation) or 5 (access
denied, also a file pending delete). SQLite retries its own file operations for this
reason (os_win.c, ``winRetryIoerr``); :func:`replace` and :func:`unlink` do the same.
"""

from __future__ import annotations

import os
import re
import time
from collections.abc import Callable
from pathlib import Path

# winerror values worth waiting out: ERROR_ACCESS_DENIED, ERROR_SHARING_VIOLATION,
# ERROR_LOCK_VIOLATION
TRANSIENT_WINERRORS = frozenset({5, 32, 33})
RETRY_SECONDS = 2.0  # SQLite waits ~2.5 s in all (10 tries, 25 ms more each time)
_FIRST_WAIT = 0.025


def is_transient(exc: OSError) -> bool:
    """A Windows sharing violation or access denial that usually passes in a moment."""
    return getattr(exc, "winerror", None) in TRANSIENT_WINERRORS


def _retrying(action: Callable[..., object], *args: Path | str) -> None:
    deadline = time.monotonic() + RETRY_SECONDS
    wait = _FIRST_WAIT
    while True:
        try:
            action(*args)
            return
        except OSError as exc:
            if not is_transient(exc) or time.monotonic() + wait > deadline:
                raise
        time.sleep(wait)
        wait = min(wait * 2, 0.25)


MOVEFILE_REPLACE_EXISTING, MOVEFILE_WRITE_THROUGH = 0x1, 0x8


def _move_write_through(src: Path | str, dst: Path | str) -> None:
    """Windows: a rename that returns only once it is on the disk (MoveFileExW with
    MOVEFILE_WRITE_THROUGH): on a USB stick, Windows otherwise may keep the new directory
    entry in its cache, and a stick pulled after "Selesai" loses the file."""
    import ctypes

    windll = getattr(ctypes, "windll", None)
    if windll is None:  # not Windows
        os.replace(src, dst)
        return
    flags = MOVEFILE_REPLACE_EXISTING | MOVEFILE_WRITE_THROUGH
    if not windll.kernel32.MoveFileExW(str(src), str(dst), flags):
        raise ctypes.WinError()  # type: ignore[attr-defined, unused-ignore]


def replace(src: Path | str, dst: Path | str, *, write_through: bool = False) -> None:
    """``os.replace``, retried for a short while on a Windows sharing violation;
    ``write_through`` for removable media (Windows)."""
    _retrying(_move_write_through if write_through else os.replace, src, dst)


def unlink(path: Path | str, *, missing_ok: bool = True) -> None:
    """Delete a file, retried for a short while on a Windows sharing violation."""
    try:
        _retrying(os.unlink, path)
    except FileNotFoundError:
        if not missing_ok:
            raise


def discard(path: Path | str) -> None:
    """Remove a leftover (a partial file after a failure) without raising: the failure
    being reported matters more than the leftover, which the next run removes."""
    try:
        unlink(path)
    except OSError:
        pass


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
    """Write ``data`` whole or not at all: to a partial file, fsynced, then renamed. On a
    failure (a full disk, a pulled stick) the partial file is removed."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(".partial")
    try:
        with open(partial, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        replace(partial, path)
    except BaseException:
        discard(partial)
        raise


_NOT_IN_NAMES = re.compile(r'[\\/:*?"<>|\x00-\x1f]')  # what Windows refuses in a file name


def file_name(text: str, *, fallback: str = "dokumen") -> str:
    """``text`` (a report number, a record number) as a file name Windows accepts: its
    forbidden characters become "-", runs of spaces and dashes one, no dash or dot at an
    end. "B/    /XII/LI/2026/OKU" (a draft's number) gives "B-XII-LI-2026-OKU"."""
    name = _NOT_IN_NAMES.sub("-", text or "")
    name = re.sub(r"\s+", " ", name)
    name = re.sub(r"\s*-[\s-]*", "-", name).strip(" -.")
    return name or fallback
