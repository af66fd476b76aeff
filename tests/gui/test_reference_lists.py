"""Reference lists as an administrator and an officer meet them: villages managed per
kecamatan (the official list read-only at a post), and a party picked for a contestant."""

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


def test_a_party_is_offered_to_an_election_contestant_and_shows_in_the_list(
    window, store, qtbot, idle
):
    page = window.go_to("stakeholders")
    idle()
    dialog = page.open_form(None)
    qtbot.waitUntil(lambda: dialog.type.count() > 1 and dialog.party.count() == 19)
    assert not dialog.party.isEnabled()  # no type yet: a party is not offered
    dialog.type.setCurrentIndex(dialog.type.findText("Tokoh agama (Tokoh masyarakat)"))
    assert not dialog.party.isEnabled()
    dialog.type.setCurrentIndex(dialog.type.findText("Partai politik (Peserta pemilu)"))
    assert dialog.party.isEnabled()
    dialog.party.setCurrentIndex(dialog.party.findText("4. Golkar - Partai Golongan Karya"))
    qtbot.keyClicks(dialog.name, "H. Syamsul Bahri")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    idle()
    qtbot.waitUntil(lambda: page.model.rowCount() == 1 and page.model.is_idle())
    party_column = [c.key for c in page.model.columns].index("party")
    assert page.model.index(0, party_column).data() == "Golkar"
    page.table.selectRow(0)
    qtbot.waitUntil(lambda: "Golkar (4)" in page.info.text())


def test_a_stakeholder_in_conflict_says_so_in_its_detail_pane(window, store, qtbot, idle):
    from okudesk.core.records import stakeholders

    with store.write() as s:
        info = stakeholders.add_stakeholder(s, stakeholders.StakeholderInput(name="Haji Usman"))
    page = window.go_to("stakeholders")
    qtbot.waitUntil(lambda: page.model.rowCount() == 1 and page.model.is_idle())
    idle()
    page.model.flagged = frozenset({info.id})  # as HQ's open conflicts mark it
    page.show_detail(info.id)  # as a refresh after the conflicts were read shows it again
    qtbot.waitUntil(lambda: "Konflik sinkronisasi belum diputuskan" in page.info.text())
    assert "Haji Usman" in page.info.text()
    idle()
