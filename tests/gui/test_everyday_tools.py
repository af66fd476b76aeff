"""Everyday tools a post needs in its first week: correcting an officer, a note when a
follow-up is done, who locked the screen, a new data folder in Indonesian."""

from PySide6.QtCore import Qt

from okudesk.core import permissions
from okudesk.core.records import officers
from okudesk.gui.dialogs.officer_edit import OfficerDialog


def _row_of(table, name: str) -> int:
    for row in range(table.rowCount()):
        if table.item(row, 0) is not None and table.item(row, 0).text() == name:
            return row
    return -1


def test_an_officers_missing_rank_is_fixed_in_pengaturan(window, store, people, qtbot, idle):
    with store.write() as s:
        officers.add_officer(s, name="Agus Salim", nrp="91030789")  # the rank was forgotten
    page = window.go_to("settings")
    table = page.officers
    qtbot.waitUntil(lambda: _row_of(table, "Agus Salim") >= 0, timeout=10_000)
    assert not page.edit_officer.isEnabled()  # nothing chosen yet
    row = _row_of(table, "Agus Salim")
    assert table.item(row, 1).text() == ""
    table.selectRow(row)
    assert page.edit_officer.isEnabled()
    qtbot.mouseClick(page.edit_officer, Qt.MouseButton.LeftButton)
    (dialog,) = [d for d in page.findChildren(OfficerDialog) if d.isVisible()]
    dialog.rank.setCurrentIndex(dialog.rank.findText("Bripka"))
    dialog.name.clear()
    save = dialog.buttons.buttons()[0]
    qtbot.mouseClick(save, Qt.MouseButton.LeftButton)  # an empty name is refused, nothing lost
    qtbot.waitUntil(lambda: dialog.error.text() != "", timeout=10_000)
    assert dialog.isVisible() and dialog.rank.currentText() == "Bripka"
    qtbot.keyClicks(dialog.name, "Agus Salim")
    qtbot.keyClicks(dialog.position, "Bhabinkamtibmas")
    with qtbot.waitSignal(dialog.saved, timeout=10_000):
        qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: table.item(_row_of(table, "Agus Salim"), 1).text() == "Bripka")
    row = _row_of(table, "Agus Salim")
    assert (table.item(row, 2).text(), table.item(row, 3).text()) == (
        "91030789",
        "Bhabinkamtibmas",
    )
    with store.read() as s:
        fixed = [o for o in officers.list_officers(s) if o.nrp == "91030789"][0]
    assert fixed.display == "Bripka Agus Salim"


def test_a_petugas_is_not_offered_to_edit_officers(window, store, people, qtbot, idle):
    o1 = people["officers"][0]
    store.actor = permissions.Actor(o1.id, o1.name, "petugas", o1.nrp)
    page = window.go_to("settings")
    window.show_role(store.actor)
    qtbot.waitUntil(lambda: page.officers.rowCount() >= 2, timeout=10_000)
    assert not page.edit_officer.isVisible()
    page.officers.selectRow(0)
    assert page._edit_officer() is None  # a double-click opens nothing either


def test_the_lock_screen_says_who_locked_it(qtbot, store):
    from PySide6.QtCore import QCoreApplication, QEvent

    from gui.test_login import WINDOWS, _log_in, _people, _screen, _window
    from okudesk.gui.login import gate
    from okudesk.gui.operations import hub

    ids = _people(store)
    store.actor = None
    window = _window(qtbot, store)
    try:
        screen = _screen(window)
        qtbot.waitUntil(lambda: screen.isVisible() and screen.officer.count() > 0)
        assert not screen.locked_by.isVisible()  # a cold start: nobody locked it
        _log_in(qtbot, window, ids["petugas"])
        qtbot.waitUntil(lambda: not screen.isVisible(), timeout=10_000)
        qtbot.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
        qtbot.waitUntil(screen.isVisible, timeout=5_000)
        text = screen.locked_by.text()
        assert screen.locked_by.isVisible() and text.startswith("Dikunci oleh Petugas Uji")
        assert "85071234" in text
        _log_in(qtbot, window, ids["kapolsek"])
        qtbot.waitUntil(lambda: not screen.isVisible(), timeout=10_000)
        assert screen.locked_by.text() == ""
        idle = gate(window).idle
        qtbot.waitUntil(idle.timer.isActive)
        qtbot.waitUntil(lambda: hub().taskman.pending == 0, timeout=10_000)
        idle.timer.start(50)  # as if the idle time passed
        qtbot.waitUntil(screen.isVisible, timeout=5_000)
        text = screen.locked_by.text()
        assert "otomatis" in text and "Kapolsek Uji (70010001)" in text
    finally:
        qtbot.waitUntil(lambda: hub().taskman.pending == 0, timeout=20_000)
        WINDOWS.remove(window)
        window.close()
        window.deleteLater()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def test_a_brand_new_data_folder_opens_in_indonesian(window, store, qtbot, idle, tmp_path):
    from okudesk.gui import i18n

    page = window.go_to("settings")
    index = page.language.findData("en")  # the user's choice here
    page.language.setCurrentIndex(index)
    page.language.activated.emit(index)
    qtbot.waitUntil(lambda: i18n.saved_language(store.data_dir) == "en")
    idle()
    new = tmp_path / "pos-baru"
    assert i18n.saved_language(new) == "id"  # not this Windows user's last language
    new.mkdir()
    assert i18n.saved_language(new) == "id"  # an empty folder is new too
    # a folder in use before the language was kept per folder keeps the user's last choice
    used = tmp_path / "lama"
    used.mkdir()
    (used / i18n.DB_NAME).write_bytes(b"")
    assert i18n.saved_language(used) == "en"
    # once a choice is made for the new folder, it is that folder's
    i18n.save_language("en", new)
    i18n.save_language("id", used)
    assert (i18n.saved_language(new), i18n.saved_language(used)) == ("en", "id")
    assert i18n.saved_language(store.data_dir) == "en"


def test_the_language_check_names_the_real_database_file():
    from okudesk.core.store import DB_NAME
    from okudesk.gui import i18n

    assert i18n.DB_NAME == DB_NAME
