"""Drives plugged in or pulled out, as Windows announces them.

Windows broadcasts ``WM_DEVICECHANGE`` to every top-level window when a volume arrives
(``DBT_DEVICEARRIVAL``: a USB stick plugged in, a card put into a reader) or is gone
(``DBT_DEVICEREMOVECOMPLETE``); no registration is needed for volumes. A
``QAbstractNativeEventFilter`` installed on the application sees those messages for
okudesk's windows and :class:`DeviceWatcher` says ``changed`` once per burst (one stick
is several messages, one per window and per volume), so the USB list looks again.

:func:`is_drive_change` is the decision, from the message and its ``wParam`` alone, so it
is tested anywhere; :meth:`DriveChangeFilter.nativeEventFilter` reads a Windows ``MSG``
from the address Qt gives it. The filter is installed only on Windows (elsewhere a
folder is chosen by hand, and every native event crossing into Python costs time).
"""

from __future__ import annotations

import ctypes
import sys

from PySide6.QtCore import QAbstractNativeEventFilter, QCoreApplication, QObject, QTimer, Signal

WM_DEVICECHANGE = 0x0219
DBT_DEVICEARRIVAL = 0x8000
DBT_DEVICEREMOVECOMPLETE = 0x8004
# the event types Qt's windows plugin gives native messages (a MSG pointer in both)
WINDOWS_EVENT_TYPES = (b"windows_generic_MSG", b"windows_dispatcher_MSG")
SETTLE_MS = 400  # one burst of messages, one look at the drives


def is_drive_change(message: int, wparam: int) -> bool:
    """Whether a Windows message says a drive came or went: ``WM_DEVICECHANGE`` with
    ``DBT_DEVICEARRIVAL`` or ``DBT_DEVICEREMOVECOMPLETE``. Not ``DBT_DEVNODES_CHANGED``
    (any device, also a mouse, and sent many times per stick) nor the removal *queries*,
    after which the drive is still there."""
    return message == WM_DEVICECHANGE and wparam in (DBT_DEVICEARRIVAL, DBT_DEVICEREMOVECOMPLETE)


class MSG(ctypes.Structure):
    """Windows' ``MSG`` (winuser.h), spelled in portable ctypes types so that a test can
    build one anywhere: HWND, UINT, WPARAM (UINT_PTR), LPARAM (LONG_PTR), DWORD, POINT."""

    _fields_ = [
        ("hwnd", ctypes.c_void_p),
        ("message", ctypes.c_uint),
        ("wParam", ctypes.c_size_t),
        ("lParam", ctypes.c_ssize_t),
        ("time", ctypes.c_uint32),
        ("pt_x", ctypes.c_int32),
        ("pt_y", ctypes.c_int32),
    ]


class DriveChangeFilter(QAbstractNativeEventFilter):
    """Passes every message on (returns False) and tells the watcher about drive changes."""

    def __init__(self, watcher: DeviceWatcher):
        super().__init__()
        self._watcher = watcher

    def nativeEventFilter(self, eventType, message):  # noqa: N802 - Qt's name
        try:
            if bytes(eventType) in WINDOWS_EVENT_TYPES and message:
                msg = MSG.from_address(int(message))
                if is_drive_change(msg.message, msg.wParam):
                    self._watcher.notice()
        except Exception:  # noqa: BLE001 - a filter must never break the event loop
            pass
        return False, 0


class DeviceWatcher(QObject):
    """``changed`` is emitted once after a burst of drive arrivals or removals."""

    changed = Signal()

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._settle = QTimer(self)
        self._settle.setSingleShot(True)
        self._settle.setInterval(SETTLE_MS)
        self._settle.timeout.connect(self.changed)
        self.filter = DriveChangeFilter(self)

    def notice(self) -> None:
        """A drive came or went: look once the burst is over (restarts the wait)."""
        self._settle.start()

    def message(self, message: int, wparam: int) -> bool:
        """Feed one Windows message (what the filter does with each); True if it counts."""
        if is_drive_change(message, wparam):
            self.notice()
            return True
        return False


_watcher: DeviceWatcher | None = None


def watcher() -> DeviceWatcher:
    """The application's one watcher, its filter installed on the application on Windows."""
    global _watcher
    app = QCoreApplication.instance()
    if _watcher is None:
        _watcher = DeviceWatcher(app)
        if sys.platform == "win32" and app is not None:
            app.installNativeEventFilter(_watcher.filter)
        _watcher.destroyed.connect(_forget)
    return _watcher


def _forget(*_args) -> None:
    global _watcher
    _watcher = None
