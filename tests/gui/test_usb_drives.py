"""Which drives the Sinkronisasi page offers: Windows' volumes, faked."""

from __future__ import annotations

import os

from PySide6.QtCore import Qt
from sync_world import enroll, make_hq

from gui.test_sync import gui  # noqa: F401 - a fixture
from okudesk.core.volumes import Volume
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
    monkeypatch.setattr(sync_page, "list_volumes", lambda: list(laptop))
    hq = make_hq(tmp_path / "hq")
    post = enroll(hq, tmp_path / "post", "BTT", tmp_path / "usb")
    window, page = open_window(post)
    qtbot.waitUntil(lambda: page.role == "post", timeout=15000)

    def offered():
        return [page.drive.itemText(i) for i in range(page.drive.count())]

    qtbot.waitUntil(lambda: len(offered()) == 1 and "POLSEK" in offered()[0], timeout=10000)
    assert offered() == [f"{sticks['E']}{os.sep} POLSEK (FAT32, 8,0 GB kosong)"]
    assert page.drive.currentData() == str(sticks["E"]) + os.sep  # never the empty slot

    # a stick plugged in appears by itself (the page looks again while it shows)
    laptop.append(_volume(sticks["G"], label="BARU", filesystem="exFAT"))
    qtbot.waitUntil(lambda: len(offered()) == 2, timeout=10000)
    assert page.drive.currentData() == str(sticks["E"]) + os.sep  # the choice stays
    # and the button looks at once
    laptop.append(_volume(sticks["H"], label="PENUH", free=0))
    qtbot.mouseClick(page.refresh_drives_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(offered()) == 3, timeout=10000)

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
