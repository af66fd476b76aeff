"""Which drives the Sinkronisasi page offers: Windows' volumes, faked."""

from __future__ import annotations

import ctypes
import os

import pytest
from PySide6.QtCore import Qt
from sync_world import enroll, make_hq

from gui.test_sync import gui  # noqa: F401 - a fixture
from okudesk.core.volumes import Volume
from okudesk.gui import devices
from okudesk.gui.pages import sync as sync_page


def _volume(root, **kw) -> Volume:
    values = dict(
        label="",
        filesystem="FAT32",
        free=8 * 10**9,
        total=16 * 10**9,
        ready=True,
        usb=True,
        removable=True,
        system=False,
    )
    values.update(kw)
    return Volume(root=str(root) + os.sep, **values)


def test_the_page_offers_ready_usb_drives_refreshes_and_checks_before_writing(
    gui,  # noqa: F811
    qtbot,
    tmp_path,
    monkeypatch,
):
    open_window, _messages = gui
    sticks = {name: tmp_path / name for name in ("C", "D", "E", "F", "G", "H")}
    for folder in sticks.values():
        folder.mkdir()
    laptop = [
        _volume(
            sticks["C"], label="Windows", filesystem="NTFS", usb=False, removable=False, system=True
        ),
        _volume(sticks["D"], filesystem="", free=0, ready=False),  # empty SD-card slot
        _volume(sticks["E"], label="POLSEK", removable=False),  # a stick that says FIXED
        _volume(sticks["F"], label="DATA", filesystem="NTFS", usb=False, removable=False),
    ]
    probes = []

    def list_volumes():
        probes.append(len(laptop))
        return list(laptop)

    monkeypatch.setattr(sync_page, "list_volumes", list_volumes)
    # no polling within this test: a drive appears because Windows says so (or the button)
    monkeypatch.setattr(sync_page, "DRIVE_POLL_MS", 3_600_000)
    hq = make_hq(tmp_path / "hq")
    post = enroll(hq, tmp_path / "post", "BTT", tmp_path / "usb")
    window, page = open_window(post)
    qtbot.waitUntil(lambda: page.role == "post", timeout=15000)

    def offered():
        return [page.drive.itemText(i) for i in range(page.drive.count())]

    qtbot.waitUntil(lambda: len(offered()) == 1 and "POLSEK" in offered()[0], timeout=10000)
    assert offered() == [f"{sticks['E']}{os.sep} POLSEK (FAT32, 8,0 GB kosong)"]
    assert page.drive.currentData() == str(sticks["E"]) + os.sep  # never the empty slot

    # a stick plugged in appears by itself: Windows' WM_DEVICECHANGE, handed to the
    # application's native event filter as the windows platform does (a MSG, by address).
    # (QAbstractEventDispatcher.filterNativeEvent would run Qt's own path, but PySide6
    # 6.10 cannot call it: "expected 3 arguments, got 2".)
    native_filter = devices.watcher().filter

    def windows_says(message, wparam, event_type=b"windows_generic_MSG"):
        msg = devices.MSG(message=message, wParam=wparam)
        handled, _result = native_filter.nativeEventFilter(event_type, ctypes.addressof(msg))
        assert handled is False  # passed on: Windows' own handling is untouched

    qtbot.waitUntil(lambda: not page._probing, timeout=10000)
    laptop.append(_volume(sticks["G"], label="BARU", filesystem="exFAT"))
    before = len(probes)
    windows_says(0x000F, 0)  # WM_PAINT
    windows_says(devices.WM_DEVICECHANGE, 0x0007)  # DBT_DEVNODES_CHANGED: any device
    windows_says(devices.WM_DEVICECHANGE, 0x8001)  # DBT_DEVICEQUERYREMOVE: still there
    windows_says(devices.WM_DEVICECHANGE, devices.DBT_DEVICEARRIVAL, b"xcb_generic_event_t")
    qtbot.wait(devices.SETTLE_MS * 3)
    assert len(probes) == before and len(offered()) == 1  # none of those was a drive
    for _window in range(3):  # one broadcast per top-level window: one look
        windows_says(devices.WM_DEVICECHANGE, devices.DBT_DEVICEARRIVAL)
    qtbot.waitUntil(lambda: len(offered()) == 2, timeout=10000)
    assert len(probes) == before + 1
    assert page.drive.currentData() == str(sticks["E"]) + os.sep  # the choice stays
    # pulled out: the decision from the message and its wParam, fed to the watcher
    laptop.pop()
    assert devices.watcher().message(devices.WM_DEVICECHANGE, devices.DBT_DEVICEREMOVECOMPLETE)
    qtbot.waitUntil(lambda: len(offered()) == 1, timeout=10000)
    # a page not showing does not look (it looks when it shows)
    page.hide()
    before = len(probes)
    laptop.append(_volume(sticks["G"], label="BARU", filesystem="exFAT"))
    devices.watcher().message(devices.WM_DEVICECHANGE, devices.DBT_DEVICEARRIVAL)
    qtbot.wait(devices.SETTLE_MS * 3)
    assert len(probes) == before
    page.show()
    qtbot.waitUntil(lambda: len(offered()) == 2, timeout=10000)
    # and the button looks at once
    laptop.append(_volume(sticks["H"], label="PENUH", free=0))
    qtbot.mouseClick(page.refresh_drives_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(offered()) == 3, timeout=10000)
    # the same drives with less room: the list says so, the choice stays
    laptop[2] = _volume(sticks["E"], label="POLSEK", removable=False, free=2 * 10**9)
    qtbot.mouseClick(page.refresh_drives_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "2,0 GB kosong" in offered()[0], timeout=10000)
    assert page.drive.currentData() == str(sticks["E"]) + os.sep

    # a full stick: refused with a plain message before anything is written
    page.drive.setCurrentIndex(page.drive.findData(str(sticks["H"]) + os.sep))
    qtbot.mouseClick(page.export_button, Qt.MouseButton.LeftButton)
    assert "tidak cukup" in page.post_result.text()
    assert list(sticks["H"].iterdir()) == []

    page.drive.setCurrentIndex(page.drive.findData(str(sticks["E"]) + os.sep))
    qtbot.mouseClick(page.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.post_result.text().startswith("Selesai"), timeout=20000)
    assert "Lepaskan flashdisk dengan aman" in page.post_result.text()
    assert len(list(sticks["E"].glob("*.okb"))) == 1
    window.close()


@pytest.mark.parametrize(
    ("message", "wparam", "counts"),
    [
        (0x0219, 0x8000, True),  # WM_DEVICECHANGE, DBT_DEVICEARRIVAL
        (0x0219, 0x8004, True),  # DBT_DEVICEREMOVECOMPLETE
        (0x0219, 0x0007, False),  # DBT_DEVNODES_CHANGED
        (0x0219, 0x8001, False),  # DBT_DEVICEQUERYREMOVE
        (0x0219, 0x8003, False),  # DBT_DEVICEREMOVEPENDING
        (0x0218, 0x8000, False),  # WM_POWERBROADCAST: another message, same number
    ],
)
def test_which_windows_messages_are_a_drive_coming_or_going(message, wparam, counts):
    assert devices.is_drive_change(message, wparam) is counts


def test_the_filter_reads_a_windows_msg_and_never_swallows_it(qtbot):
    watcher = devices.DeviceWatcher()
    seen = []
    watcher.changed.connect(lambda: seen.append(1))
    msg = devices.MSG(hwnd=0x1234, message=devices.WM_DEVICECHANGE, wParam=0x8000, lParam=77)
    assert ctypes.sizeof(devices.MSG) == (48 if ctypes.sizeof(ctypes.c_void_p) == 8 else 28)
    assert watcher.filter.nativeEventFilter(b"windows_dispatcher_MSG", ctypes.addressof(msg)) == (
        False,
        0,
    )
    assert watcher.filter.nativeEventFilter(b"windows_generic_MSG", 0) == (False, 0)
    qtbot.waitUntil(lambda: seen == [1], timeout=5000)
