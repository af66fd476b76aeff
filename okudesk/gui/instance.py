"""One workstation per data folder.

The first okudesk window on a data folder claims it (okudesk/core/folderlock.py: an
operating-system lock that the system releases when the process ends, so a crash leaves
nothing behind) and notes its window handle in ``okudesk.window`` beside the lock. A second
one finds the folder claimed and does not open the store: on Windows it brings the first
window to the front (it may: it is the program the person just started, so it owns the
foreground), and everywhere it says plainly that okudesk is already open. So two windows
never write one database, and a restore in one never pulls the database from under the
other. (QtNetwork's local sockets would do it too, but the frozen build leaves QtNetwork
out.)
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from PySide6.QtWidgets import QWidget

from okudesk.core import folderlock

WINDOW_FILE = "okudesk.window"


def note_window(data_dir: Path, window: QWidget) -> None:
    """In the first window: where a second okudesk finds it (its native handle)."""
    try:
        (Path(data_dir) / WINDOW_FILE).write_text(f"{os.getpid()} {int(window.winId())}\n")
    except OSError:
        pass  # only the "bring it forward" convenience is lost


def noted_window(data_dir: Path) -> int | None:
    try:
        _pid, handle = (Path(data_dir) / WINDOW_FILE).read_text().split()
        return int(handle)
    except (OSError, ValueError):
        return None


def bring_forward(handle: int) -> bool:
    """Bring the first okudesk window to the front (Windows); whether it could."""
    if sys.platform != "win32":
        return False
    import ctypes

    user32 = ctypes.windll.user32
    if not user32.IsWindow(handle):
        return False
    if user32.IsIconic(handle):
        user32.ShowWindow(handle, 9)  # SW_RESTORE
    return bool(user32.SetForegroundWindow(handle))


def forget_window(data_dir: Path) -> None:
    path = Path(data_dir) / WINDOW_FILE
    try:
        if path.read_text().split()[0] == str(os.getpid()):
            path.unlink()
    except (OSError, IndexError):
        pass


def claim(data_dir: Path, language: str | None = None) -> bool:
    """True when this process may open the workstation on ``data_dir``. Otherwise the
    first window was brought forward (or the person was told), and this one ends."""
    from okudesk.core.errors import StoreError

    try:
        if folderlock.claim_window(data_dir):
            return True
    except StoreError:  # a restore runs on the folder right now
        from okudesk.gui import i18n, messages

        i18n.install(language or i18n.saved_language(data_dir))  # the core's message too
        try:
            if folderlock.claim_window(data_dir):  # it ended meanwhile
                return True
        except StoreError as exc:
            messages.warning(None, str(exc))
            return False
    handle = noted_window(data_dir)
    if handle is not None and bring_forward(handle):
        return False
    from okudesk.gui import i18n, messages
    from okudesk.gui.i18n import tr

    i18n.install(language or i18n.saved_language(data_dir))
    messages.warning(
        None,
        tr(
            "okudesk sudah terbuka untuk folder data ini ({path}). Gunakan jendela yang sudah "
            "terbuka; dua jendela okudesk tidak boleh memakai data yang sama."
        ).format(path=str(data_dir)),
    )
    return False
