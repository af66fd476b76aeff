"""An administrator manages villages: the official list read-only at a post, own additions
added, renamed and switched off, and forms offer only active ones."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QInputDialog

from okudesk.core.models import Desa
from okudesk.core.records import reference


def _open(window, qtbot, idle):
    from okudesk.gui.dialogs.villages import VillagesDialog

    page = window.go_to("settings")
    assert page.manage_villages.isEnabled()  # the console acts with every permission
    dialog = VillagesDialog(window)
    qtbot.addWidget(dialog)
    dialog.show()
    idle()
    return dialog


def _pick(dialog, kecamatan: str, qtbot, idle) -> None:
    dialog.kecamatan.setCurrentIndex(dialog.kecamatan.findText(kecamatan))
    idle()
    qtbot.waitUntil(lambda: dialog.table.rowCount() > 0)


def _row(dialog, name: str) -> int:
    for row in range(dialog.table.rowCount()):
        if dialog.table.item(row, 0).text() == name:
            return row
    raise AssertionError(f"{name} not listed")


def test_a_post_adds_renames_and_switches_off_its_own_village_but_not_an_official_one(
    window, store, qtbot, idle, monkeypatch
):
    dialog = _open(window, qtbot, idle)
    _pick(dialog, "Sosoh Buay Rayap", qtbot, idle)
    official = _row(dialog, "Tungku Jaya")
    assert dialog.table.item(official, 1).text() == "1601072008"
    dialog.table.selectRow(official)
    assert not dialog.rename_button.isEnabled() and not dialog.active_button.isEnabled()
    assert "Polres" in dialog.why.text()

    qtbot.keyClicks(dialog.new_name, "Dusun  Talang Baru")
    qtbot.keyClick(dialog.new_name, Qt.Key.Key_Return)
    idle()
    qtbot.waitUntil(lambda: dialog.table.item(_row(dialog, "Dusun Talang Baru"), 1) is not None)
    added = _row(dialog, "Dusun Talang Baru")
    assert dialog.table.item(added, 1).text() == "(lokal)"
    assert dialog.table.currentRow() == added and dialog.rename_button.isEnabled()

    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("Talang Baru Ilir", True))
    qtbot.mouseClick(dialog.rename_button, Qt.MouseButton.LeftButton)
    idle()
    qtbot.waitUntil(
        lambda: any(
            dialog.table.item(r, 0).text() == "Talang Baru Ilir"
            for r in range(dialog.table.rowCount())
        )
    )
    dialog.table.selectRow(_row(dialog, "Talang Baru Ilir"))
    qtbot.mouseClick(dialog.active_button, Qt.MouseButton.LeftButton)
    idle()
    qtbot.waitUntil(
        lambda: dialog.table.item(_row(dialog, "Talang Baru Ilir"), 3).text() == "Nonaktif"
    )
    assert dialog.active_button.text() == "Aktifkan"

    # a name already in the kecamatan is refused with a message, nothing changes
    dialog.table.selectRow(_row(dialog, "Talang Baru Ilir"))
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("tungku jaya", True))
    qtbot.mouseClick(dialog.rename_button, Qt.MouseButton.LeftButton)
    idle()
    qtbot.waitUntil(lambda: "Sudah ada desa Tungku Jaya" in dialog.error.text())

    with store.read() as s:
        kec = next(k for k in reference.kecamatan(s) if k.name == "Sosoh Buay Rayap")
        offered = [d.name for d in reference.desa(s, kec.id)]
        assert "Talang Baru Ilir" not in offered and "Tungku Jaya" in offered
        assert s.query(Desa).filter(Desa.name == "Talang Baru Ilir").one().active is False
