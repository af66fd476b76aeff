"""The drives a bundle or a backup can go to: USB sticks and card readers, on Windows.

``GetDriveTypeW() == DRIVE_REMOVABLE`` alone picks the wrong drives: an empty SD-card slot
is "removable" too (and writing to it fails with "device not ready"), and many USB sticks
and USB disks report FIXED. So a volume counts when it is *ready* (it answers
``GetVolumeInformationW``: media present, a file system), is *not the system drive*, and
sits on the USB bus (``IOCTL_STORAGE_QUERY_PROPERTY``: ``BusTypeUsb``) or is removable
media; while probing, Windows' "There is no disk in the drive" dialogs are suppressed.
The probing (:func:`windows_volumes`) is separate from the choosing (:func:`targets`), so
the choosing is tested with a fake enumerator on any system.

Before writing, :func:`problem` checks what the file system cannot take (FAT32: no file of
4 GiB or more) and the free space; :func:`room_problem` does it for a folder once the
file's size is known (a bundle, when it is encrypted and before its first byte is written).
"""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from okudesk.core.i18n import _

FAT32_MAX_FILE = 4 * 1024**3 - 1
MARGIN = 1024**2  # the file system's own bookkeeping


@dataclass(frozen=True)
class Volume:
    root: str  # "E:\\"
    label: str
    filesystem: str  # "FAT32", "exFAT", "NTFS"; "" when not ready
    free: int
    total: int
    ready: bool  # media present and readable
    usb: bool  # on the USB bus
    removable: bool  # DRIVE_REMOVABLE (card readers, most sticks)
    system: bool  # holds Windows (never a target)

    def describe(self) -> str:
        """What the list shows: ``E:\\ FLASHDISK (FAT32, 3,2 GB kosong)``."""
        name = f"{self.root} {self.label}".strip() if self.label else self.root
        return _(
            "{name} ({filesystem}, {free} kosong)",
            name=name,
            filesystem=self.filesystem or "?",
            free=human_size(self.free),
        )


def human_size(size: int) -> str:
    for unit, factor in (("GB", 1e9), ("MB", 1e6)):
        if size >= factor:
            return f"{size / factor:.1f} {unit}".replace(".", ",")
    return f"{size / 1e3:.0f} KB"


def targets(volumes: Iterable[Volume]) -> list[Volume]:
    """The volumes worth offering: ready, not Windows' own, on USB or removable."""
    return [v for v in volumes if v.ready and not v.system and (v.usb or v.removable)]


def problem(volume: Volume | None, size: int) -> str | None:
    """Why a file of ``size`` bytes cannot go to ``volume``; None when it can (or when the
    target is a folder okudesk knows nothing about)."""
    if volume is None:
        return None
    if not volume.ready:
        return _("Flashdisk {root} tidak siap: pasang lagi lalu coba lagi", root=volume.root)
    if volume.filesystem.upper() in ("FAT32", "FAT") and size > FAT32_MAX_FILE:
        return _(
            "Berkas {size} terlalu besar untuk flashdisk berformat {filesystem} (paling besar "
            "4 GB per berkas). Pakai flashdisk berformat exFAT atau NTFS.",
            size=human_size(size),
            filesystem=volume.filesystem,
        )
    return _short_of_room(volume.root, size, volume.free)


def _short_of_room(root: str, size: int, free: int) -> str | None:
    if free < size + MARGIN:
        return _(
            "Ruang di {root} tidak cukup: perlu {size}, tersisa {free}",
            root=root,
            size=human_size(size),
            free=human_size(free),
        )
    return None


def volume_of(path: str | os.PathLike[str], volumes: Iterable[Volume]) -> Volume | None:
    """The volume ``path`` is on, among ``volumes`` (the longest root that holds it)."""
    here = os.path.normcase(os.path.abspath(path))
    best: Volume | None = None
    for v in volumes:
        root = os.path.normcase(os.path.abspath(v.root)).rstrip("\\/")
        if (here == root or here.startswith(root + os.sep)) and (
            best is None or len(v.root) > len(best.root)
        ):
            best = v
    return best


def room_problem(folder: str | os.PathLike[str], size: int) -> str | None:
    """Why a file of ``size`` bytes cannot be written into ``folder``, checked when the
    bytes are known and before any is written: the volume's readiness and file-system limit
    where this system lists volumes (Windows), the free space everywhere."""
    found = volume_of(folder, enumerator()())
    if found is not None:
        return problem(found, size)
    try:
        free = shutil.disk_usage(folder).free
    except OSError:
        return None  # writing will say what is wrong
    return _short_of_room(os.fspath(folder), size, free)


# --- Windows -----------------------------------------------------------------------------

Enumerator = Callable[[], list[Volume]]


def no_volumes() -> list[Volume]:
    return []


if sys.platform == "win32":  # pragma: no cover - exercised on Windows

    def windows_volumes() -> list[Volume]:
        """Every lettered volume, probed without Windows' "insert a disk" dialogs."""
        import ctypes
        import string
        from ctypes import wintypes

        kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)
        sem_failcriticalerrors, sem_noopenfileerrorbox = 0x0001, 0x8000
        old_mode = wintypes.DWORD()
        kernel32.SetThreadErrorMode(
            sem_failcriticalerrors | sem_noopenfileerrorbox, ctypes.byref(old_mode)
        )
        system_drive = os.environ.get("SystemDrive", "C:").upper()
        found = []
        try:
            mask = kernel32.GetLogicalDrives()
            for i, letter in enumerate(string.ascii_uppercase):
                if not mask & (1 << i):
                    continue
                root = f"{letter}:\\"
                kind = kernel32.GetDriveTypeW(root)
                if kind not in (2, 3):  # DRIVE_REMOVABLE, DRIVE_FIXED (network, CD: never)
                    continue
                label = ctypes.create_unicode_buffer(261)
                fs = ctypes.create_unicode_buffer(261)
                ready = bool(
                    kernel32.GetVolumeInformationW(root, label, 261, None, None, None, fs, 261)
                )
                free, total = ctypes.c_ulonglong(0), ctypes.c_ulonglong(0)
                if ready and not kernel32.GetDiskFreeSpaceExW(
                    root, ctypes.byref(free), ctypes.byref(total), None
                ):
                    ready = False
                found.append(
                    Volume(
                        root=root,
                        label=label.value if ready else "",
                        filesystem=fs.value if ready else "",
                        free=free.value,
                        total=total.value,
                        ready=ready,
                        usb=_on_usb(kernel32, letter),
                        removable=kind == 2,
                        system=f"{letter}:" == system_drive,
                    )
                )
        finally:
            kernel32.SetThreadErrorMode(old_mode, None)
        return found

    def _on_usb(kernel32: Any, letter: str) -> bool:
        """``IOCTL_STORAGE_QUERY_PROPERTY`` (StorageDeviceProperty): BusType 7 is USB."""
        import ctypes
        from ctypes import wintypes

        kernel32.CreateFileW.restype = wintypes.HANDLE
        handle = kernel32.CreateFileW(f"\\\\.\\{letter}:", 0, 3, None, 3, 0, None)
        if handle in (None, wintypes.HANDLE(-1).value):
            return False
        try:
            query = (ctypes.c_ulong * 3)(0, 0, 0)  # PropertyId=StorageDeviceProperty, Standard
            out = (ctypes.c_ubyte * 1024)()
            returned = wintypes.DWORD()
            ok = kernel32.DeviceIoControl(
                handle, 0x2D1400, query, 12, out, 1024, ctypes.byref(returned), None
            )
            # STORAGE_DEVICE_DESCRIPTOR: BusType is the DWORD at offset 28
            bus = int.from_bytes(bytes(out[28:32]), "little")
            return bool(ok) and returned.value >= 32 and bus == 7
        finally:
            kernel32.CloseHandle(handle)


def enumerator() -> Enumerator:
    """How this system lists volumes (Windows only; elsewhere a folder is chosen)."""
    if sys.platform == "win32":
        return windows_volumes
    return no_volumes
