"""Bantuan (F1): the guide for the logged-in user's role, in the running language."""

from PySide6.QtCore import Qt

from okudesk.core import permissions
from okudesk.core.paths import resource
from okudesk.gui import i18n
from okudesk.gui.dialogs.help import PAGES, HelpDialog


def _press_f1(qtbot, window) -> HelpDialog:
    before = set(window.findChildren(HelpDialog))
    qtbot.keyClick(window, Qt.Key.Key_F1)
    qtbot.waitUntil(lambda: bool(set(window.findChildren(HelpDialog)) - before), timeout=5_000)
    (dialog,) = set(window.findChildren(HelpDialog)) - before
    qtbot.waitExposed(dialog)
    return dialog


def test_f1_opens_the_guide_for_the_users_role(window, store, qtbot):
    store.actor = permissions.Actor("x", "Rahmat Hidayat", "petugas", "85010123")
    dialog = _press_f1(qtbot, window)
    text = dialog.browser.toPlainText()
    assert dialog.current_page() == "petugas" and "Bantuan untuk petugas" in text
    assert "Tandai selesai" in text and "Bila laptop hilang" in text
    assert str(store.data_dir) in text  # where the data lives, on this laptop
    # a petugas is not sent to pages they cannot open
    assert "Audit & Keamanan" not in text and "Pulihkan" not in text
    dialog.close()

    store.actor = permissions.Actor("y", "Dewi Lestari", "kapolsek", "90020456")
    dialog = _press_f1(qtbot, window)
    assert dialog.current_page() == "kapolsek"
    assert "Bantuan untuk Kapolsek" in dialog.browser.toPlainText()
    # the other roles' pages are a choice away
    dialog.chooser.setCurrentIndex(dialog.chooser.findData("admin"))
    assert "Bantuan untuk admin pos" in dialog.browser.toPlainText()
    dialog.close()

    window.help_button.click()  # the status bar's "Bantuan (F1)" does the same
    qtbot.waitUntil(lambda: any(d.isVisible() for d in window.findChildren(HelpDialog)))


def test_english_mode_shows_the_english_guide(window, store, qtbot):
    store.actor = permissions.Actor("z", "Analis", "hq_analyst")
    i18n.install("en")
    try:
        dialog = _press_f1(qtbot, window)
        text = dialog.browser.toPlainText()
        assert dialog.current_page() == "polres" and "Help for Polres" in text
        assert "Bantuan" not in text and "Pekerjaan" not in text
    finally:
        i18n.install("id")


def test_every_role_has_a_page_in_both_languages():
    for page in PAGES:
        texts = {
            lang: resource("help", lang, f"{page}.html").read_text(encoding="utf-8")
            for lang in ("id", "en")
        }
        assert texts["id"] != texts["en"]
        for text in texts.values():
            assert "{data_dir}" in text and text.count("<h2>") >= 3, page
