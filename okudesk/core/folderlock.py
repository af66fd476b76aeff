"""One lock per data folder, held by every okudesk process that uses it.

SQLite lets several programs read and write one database, but some things must not happen
while anyone else has the folder open: a restore renames the database away (on Windows a
file another process has open cannot be renamed, and a half-done rename loses data), and
two workstations on one folder would fight over the same window of work. So every okudesk
process (the workstation, the command line, the daily backup) holds a *shared* claim on
the folder while it uses it, a restore takes an *exclusive* one, and a workstation also
claims the folder's *window*: a second workstation on the same folder sees it is taken.

The claims are operating-system byte-range locks on ``okudesk.lock`` in the data folder
(``msvcrt.locking`` on Windows, ``fcntl.lockf`` elsewhere), so a crashed process never
leaves a stale lock: the system releases them with the process. Windows has no shared
byte-range locks in ``msvcrt``, so a shared claim is one byte out of :data:`SLOTS` (the
first free one), and the exclusive claim is every other slot besides one's own.
Inside one process the claims are counted: the store opened twice holds one slot.
"""

from __future__ import annotations

import os
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from okudesk.core.errors import StoreError
from okudesk.core.i18n import _

LOCK_NAME = "okudesk.lock"
SLOTS = 64  # okudesk processes on one data folder at once
WINDOW = SLOTS  # the byte a workstation locks
# The name the installer's AppMutex and the single-instance channel derive from.
APP_ID = "okudesk-PolresOKU"


class FolderBusy(StoreError):
    """Another okudesk process holds what this one needs."""


_Lock = Callable[[int, int, int], bool]  # (descriptor, first byte, length) -> taken
_Unlock = Callable[[int, int, int], None]


def windows_primitives(msvcrt: Any) -> tuple[_Lock, _Unlock]:
    """Byte-range locks through ``msvcrt.locking``: per handle, never shared, and a region
    that overlaps one already locked (by anyone, this handle too) is refused."""

    def lock(fd: int, start: int, length: int) -> bool:
        os.lseek(fd, start, os.SEEK_SET)  # msvcrt.locking locks from the file position
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, length)
        except OSError:
            return False
        return True

    def unlock(fd: int, start: int, length: int) -> None:
        os.lseek(fd, start, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, length)

    return lock, unlock


def posix_primitives() -> tuple[_Lock, _Unlock]:
    """POSIX record locks (``fcntl.lockf``): per process."""
    import fcntl

    def lock(fd: int, start: int, length: int) -> bool:
        try:
            fcntl.lockf(fd, fcntl.LOCK_EX | fcntl.LOCK_NB, length, start)
        except OSError:
            return False
        return True

    def unlock(fd: int, start: int, length: int) -> None:
        fcntl.lockf(fd, fcntl.LOCK_UN, length, start)

    return lock, unlock


if sys.platform == "win32":  # pragma: no cover - exercised by the Windows CI
    import msvcrt

    _lock, _unlock = windows_primitives(msvcrt)
else:
    _lock, _unlock = posix_primitives()


class _Folder:
    """This process's claims on one data folder."""

    def __init__(self, path: Path):
        self.path = path
        self.fd = os.open(path / LOCK_NAME, os.O_RDWR | os.O_CREAT, 0o644)
        self.slot: int | None = None
        self.holders = 0
        self.window = False
        self.exclusive = 0

    def take_slot(self) -> None:
        for slot in range(SLOTS):
            if _lock(self.fd, slot, 1):
                self.slot = slot
                return
        raise FolderBusy(
            _(
                "Folder data {path} sedang dipakai untuk memulihkan cadangan; coba lagi "
                "sebentar lagi",
                path=self.path,
            )
        )

    def idle(self) -> bool:
        return self.holders == 0 and not self.window and self.exclusive == 0

    def close(self) -> None:
        # Windows drops a closed handle's locks only "when resources allow": unlock first
        if self.slot is not None:
            _unlock(self.fd, self.slot, 1)
            self.slot = None
        os.close(self.fd)


_folders: dict[Path, _Folder] = {}
_guard = threading.RLock()


def _key(data_dir: Path | str) -> Path:
    return Path(os.path.realpath(os.path.normcase(os.path.abspath(data_dir))))


_mutex: int | None = None


def _announce_running() -> None:
    """Windows: hold the named mutex the installer's AppMutex waits for (okudesk.iss), for
    as long as this process lives; the system closes it with the process."""
    global _mutex
    if sys.platform != "win32" or _mutex is not None:
        return
    import ctypes

    _mutex = ctypes.windll.kernel32.CreateMutexW(None, False, APP_ID) or None


def _folder(data_dir: Path | str) -> _Folder:
    _announce_running()
    key = _key(data_dir)
    folder = _folders.get(key)
    if folder is None:
        Path(data_dir).mkdir(parents=True, exist_ok=True)
        folder = _Folder(key)
        try:
            folder.take_slot()
        except BaseException:
            folder.close()
            raise
        _folders[key] = folder
    return folder


def _forget_if_idle(folder: _Folder) -> None:
    if folder.idle():
        _folders.pop(folder.path, None)
        folder.close()


def hold(data_dir: Path | str) -> None:
    """Claim ``data_dir`` for this process (shared with other okudesk processes); refused
    with :class:`FolderBusy` while a restore runs on it. Pair with :func:`release`."""
    with _guard:
        _folder(data_dir).holders += 1


def release(data_dir: Path | str) -> None:
    with _guard:
        folder = _folders.get(_key(data_dir))
        if folder is None or folder.holders == 0:
            return
        folder.holders -= 1
        _forget_if_idle(folder)


def claim_window(data_dir: Path | str) -> bool:
    """Claim the folder for this process's workstation window; False when another
    workstation has it. Held until the process ends (or :func:`release_window`)."""
    with _guard:
        folder = _folder(data_dir)
        if folder.window:
            return True
        if not _lock(folder.fd, WINDOW, 1):
            _forget_if_idle(folder)
            return False
        folder.window = True
        return True


def release_window(data_dir: Path | str) -> None:
    with _guard:
        folder = _folders.get(_key(data_dir))
        if folder is None or not folder.window:
            return
        _unlock(folder.fd, WINDOW, 1)
        folder.window = False
        _forget_if_idle(folder)


class exclusive:  # noqa: N801 - used as ``with folderlock.exclusive(data_dir):``
    """While inside, no other okudesk process has ``data_dir`` open and none can open it.
    Entering raises :class:`FolderBusy` when another process holds it."""

    def __init__(self, data_dir: Path | str):
        self.data_dir = data_dir
        self._ranges: list[tuple[int, int]] = []
        self._folder: _Folder | None = None

    def __enter__(self) -> exclusive:
        with _guard:
            folder = _folder(self.data_dir)
            if folder.exclusive:
                folder.exclusive += 1
                self._folder = folder
                return self
            assert folder.slot is not None
            wanted = [(0, folder.slot), (folder.slot + 1, SLOTS - folder.slot - 1)]
            for start, length in wanted:
                if length == 0:
                    continue
                if not _lock(folder.fd, start, length):
                    for done in self._ranges:
                        _unlock(folder.fd, *done)
                    self._ranges = []
                    _forget_if_idle(folder)
                    raise FolderBusy(
                        _(
                            "okudesk masih terbuka di jendela atau program lain yang memakai "
                            "folder data {path}; tutup dulu, lalu coba lagi",
                            path=folder.path,
                        )
                    )
                self._ranges.append((start, length))
            folder.exclusive = 1
            self._folder = folder
            return self

    def __exit__(self, *exc: object) -> None:
        with _guard:
            folder = self._folder
            if folder is None:
                return
            folder.exclusive -= 1
            if folder.exclusive == 0:
                for start, length in self._ranges:
                    _unlock(folder.fd, start, length)
            self._ranges = []
            _forget_if_idle(folder)


def held_here(data_dir: Path | str) -> bool:
    """Whether this process holds a claim on ``data_dir`` (tests, diagnostics)."""
    with _guard:
        return _key(data_dir) in _folders
