"""The workstation on an encrypted data folder, driven as a person would: the login comes
from the key file before anything is open, a passphrase opens the store, a plain store of
an older okudesk is encrypted at its first login, and the lock hands the open store on."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import threading

import pytest
from cli_login import DEMO_PASSPHRASE, key_of, officer_with_role
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtTest import QTest
from windows_sim import ROOT

from gui.test_login import WINDOWS, hub_  # noqa: F401 - a fixture
from okudesk.core import permissions
from okudesk.core.errors import LoginFailed
from okudesk.core.history import audit
from okudesk.core.security import accounts
from okudesk.core.store import DB_NAME
from okudesk.core.store.keyring import Keyring
from okudesk.gui.operations import hub

SQLITE_HEADER = b"SQLite format 3\x00"
DEMO_MEETINGS = 4
PASS = "rahasia-pos-btt"


@pytest.fixture(scope="module")
def demo_folder(tmp_path_factory):
    """A data folder filled by the command line's ``demo`` (encrypted, passphrase demo)."""
    data = tmp_path_factory.mktemp("demo") / "data"
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    done = subprocess.run(
        [sys.executable, "-m", "okudesk", "--data-dir", str(data), "demo"]
        + ["--meetings", str(DEMO_MEETINGS), "--incidents", "3"],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    assert Keyring.path(data).exists()
    assert not (data / DB_NAME).read_bytes().startswith(SQLITE_HEADER)
    return data


@pytest.fixture
def encrypted(demo_folder, tmp_path):
    """This test's own copy of the demo folder."""
    data = tmp_path / "data"
    shutil.copytree(demo_folder, data)
    return data


@pytest.fixture
def started(qtbot, hub_, tmp_path, monkeypatch):  # noqa: F811 - the fixture imported above
    """``start(data_dir)``: okudesk.gui.app.start, as the workstation starts; the day's
    backup it begins after the first login is waited for at the end."""
    from okudesk.gui import app, daily_backup, errors

    monkeypatch.setattr(errors, "_log_file", tmp_path / "okudesk.log")  # not the user's
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(threading, "excepthook", threading.excepthook)

    def start(data_dir):
        window = app.start(data_dir, "id")
        WINDOWS.append(window)
        return window

    yield start
    qtbot.waitUntil(lambda: hub().taskman.pending == 0, timeout=20_000)
    assert all(child.wait(timeout=120) == 0 for child in daily_backup._children)


def _screen(window):
    from okudesk.gui.login import gate

    return gate(window).screen


def _log_in(qtbot, window, officer_id: str, passphrase: str) -> None:
    screen = _screen(window)
    qtbot.waitUntil(
        lambda: screen.isVisible() and screen.officer.findData(officer_id) >= 0, timeout=10_000
    )
    screen.officer.setCurrentIndex(screen.officer.findData(officer_id))
    screen.passphrase.clear()
    qtbot.keyClicks(screen.passphrase, passphrase)
    qtbot.mouseClick(screen.login_button, Qt.MouseButton.LeftButton)


def _officer_id(data_dir, role: str) -> str:
    keys = Keyring.load(data_dir)
    entry = keys.entry(nrp=officer_with_role(data_dir, role))
    return str(entry["officer_id"])


def _cells(model) -> list[str]:
    return [
        str(model.index(r, c).data() or "")
        for r in range(model.rowCount())
        for c in range(model.columnCount())
    ]


def _visible_pages(window) -> set[str]:
    from okudesk.gui.pages import PAGES

    return {PAGES[r].key for r in range(window.nav.count()) if not window.nav.item(r).isHidden()}


def test_an_encrypted_folder_shows_its_key_files_officers_and_only_a_passphrase_opens_it(
    qtbot, started, encrypted
):
    kapolsek = _officer_id(encrypted, "kapolsek")
    window = started(encrypted)
    screen = _screen(window)
    assert screen.isVisible() and hub().store is None  # nothing is open before a passphrase
    offered = {screen.officer.itemData(i) for i in range(screen.officer.count())}
    holders = Keyring.load(encrypted).holders()
    assert offered == {h.officer_id for h in holders} and len(holders) == 8
    shown = [screen.officer.itemText(i) for i in range(screen.officer.count())]
    assert shown == [f"{h.display} ({h.nrp})" for h in holders]

    _log_in(qtbot, window, kapolsek, "bukan-kata-sandinya")
    qtbot.waitUntil(lambda: screen.login_button.isEnabled(), timeout=20_000)
    assert screen.message.text() == "Kata sandi salah"
    assert screen.isVisible() and hub().store is None  # still nothing open
    assert window.current_page() is None
    assert (encrypted / "okudesk.attempts").exists()  # counted though the store is shut

    _log_in(qtbot, window, kapolsek, DEMO_PASSPHRASE)
    qtbot.waitUntil(lambda: not screen.isVisible(), timeout=20_000)
    store = hub().store
    assert store is not None and store.data_key == key_of(encrypted)
    assert store.actor.officer_id == kapolsek and store.actor.role == "kapolsek"
    qtbot.waitUntil(lambda: window.current_page() is not None, timeout=10_000)
    assert "audit" in _visible_pages(window)
    page = window.go_to("meetings")
    qtbot.waitUntil(lambda: page.model.rowCount() == DEMO_MEETINGS, timeout=10_000)
    with store.read(actor=permissions.system_actor("test")) as s:  # carried into the trail
        failed = audit.entries(s, action="login_failed")
    assert [e.record_id for e in failed] == [kapolsek]
    assert "sebelum basis data dibuka" in failed[0].summary


def test_an_older_plain_store_is_encrypted_at_its_first_login_and_keeps_its_data(
    qtbot, started, store, people
):
    data = store.data_dir
    officer = people["officers"][0]
    with store.write() as s:  # an older okudesk: accounts, no key file
        accounts.set_account(s, officer.id, role="petugas", passphrase=PASS, must_change=False)
    store.close()
    assert (data / DB_NAME).read_bytes().startswith(SQLITE_HEADER)
    assert not Keyring.path(data).exists()

    window = started(data)
    screen = _screen(window)
    _log_in(qtbot, window, officer.id, PASS + "x")
    qtbot.waitUntil(lambda: screen.message.isVisible(), timeout=20_000)
    assert screen.message.text() == "Kata sandi salah"
    assert not Keyring.path(data).exists()  # a wrong passphrase encrypts nothing
    assert (data / DB_NAME).read_bytes().startswith(SQLITE_HEADER)

    _log_in(qtbot, window, officer.id, PASS)
    qtbot.waitUntil(lambda: not screen.isVisible(), timeout=30_000)
    assert hub().store.data_key is not None and hub().store.actor.officer_id == officer.id
    assert Keyring.path(data).exists()
    assert not (data / DB_NAME).read_bytes().startswith(SQLITE_HEADER)
    leftovers = [
        p.name
        for p in data.iterdir()
        if p.is_file() and p.read_bytes()[: len(SQLITE_HEADER)] == SQLITE_HEADER
    ]
    assert leftovers == []  # no plain copy left beside it
    assert Keyring.load(data).unlock(PASS, officer_id=officer.id) == hub().store.data_key

    qtbot.waitUntil(lambda: window.current_page() is not None, timeout=10_000)
    page = window.go_to("stakeholders")
    qtbot.waitUntil(lambda: page.model.rowCount() == 2, timeout=10_000)
    assert {"Haji Usman Effendi", "Siti Handayani"} <= set(_cells(page.model))


def test_ctrl_l_locks_and_another_officer_logs_in_on_the_open_encrypted_store(
    qtbot, started, encrypted
):
    from okudesk.gui.login import gate

    petugas, kapolsek = _officer_id(encrypted, "petugas"), _officer_id(encrypted, "kapolsek")
    window = started(encrypted)
    screen = _screen(window)
    _log_in(qtbot, window, petugas, DEMO_PASSPHRASE)
    qtbot.waitUntil(lambda: not screen.isVisible(), timeout=20_000)
    qtbot.waitUntil(lambda: window.current_page() is not None, timeout=10_000)
    store = hub().store
    assert store.data_key is not None and store.actor.officer_id == petugas
    assert "audit" not in _visible_pages(window)
    qtbot.waitUntil(lambda: hub().taskman.pending == 0, timeout=20_000)

    window.activateWindow()
    QTest.keySequence(window, QKeySequence("Ctrl+L"))
    qtbot.waitUntil(screen.isVisible, timeout=5_000)
    assert gate(window).actor is None and store.actor is None
    assert hub().store is store  # locked, not closed: the key stays with the open store

    _log_in(qtbot, window, kapolsek, "salah-sekali")
    qtbot.waitUntil(lambda: screen.message.isVisible(), timeout=20_000)
    assert screen.message.text() == "Kata sandi salah" and store.actor is None

    _log_in(qtbot, window, kapolsek, DEMO_PASSPHRASE)
    qtbot.waitUntil(lambda: not screen.isVisible(), timeout=20_000)
    assert hub().store is store and store.actor.officer_id == kapolsek
    qtbot.waitUntil(lambda: "audit" in _visible_pages(window), timeout=10_000)
    page = window.go_to("meetings")
    qtbot.waitUntil(lambda: page.model.rowCount() == DEMO_MEETINGS, timeout=10_000)


def test_a_damaged_key_file_is_named_at_the_login_and_nothing_opens(
    qtbot, started, encrypted, gui_env
):
    before = (encrypted / DB_NAME).read_bytes()
    Keyring.path(encrypted).write_bytes(b'{"format": 1, "officers": [')  # cut short
    window = started(encrypted)
    screen = _screen(window)
    qtbot.waitUntil(lambda: screen.message.isVisible(), timeout=20_000)
    assert "rusak" in screen.message.text() and "cadangan" in screen.message.text()
    assert screen.isVisible() and screen.officer.count() == 0
    assert not screen.login_button.isEnabled()
    assert hub().store is None and gui_env["error"] == []
    assert window.is_ready()
    assert (encrypted / DB_NAME).read_bytes() == before  # nothing touched


def test_a_new_installation_is_encrypted_once_its_first_admin_is_made(qtbot, started, tmp_path):
    from okudesk.gui.lock_screen import FIRST_ADMIN

    data = tmp_path / "new"
    window = started(data)
    screen = _screen(window)
    qtbot.waitUntil(lambda: screen.showing(FIRST_ADMIN), timeout=20_000)
    assert hub().store is not None and hub().store.data_key is None  # nothing to protect yet
    qtbot.keyClicks(screen.admin_name, "Siti Aminah")
    qtbot.keyClicks(screen.admin_nrp, "80010001")
    qtbot.keyClicks(screen.admin_pass, PASS)
    qtbot.keyClicks(screen.admin_pass2, PASS)
    qtbot.mouseClick(screen.admin_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window._wizard is not None and not screen.isVisible(), timeout=30_000)
    store = hub().store
    assert store.data_key is not None and store.actor.role == "admin"
    assert not (data / DB_NAME).read_bytes().startswith(SQLITE_HEADER)
    (admin,) = Keyring.load(data).holders()
    assert admin.name == "Siti Aminah"
    assert Keyring.load(data).unlock(PASS, officer_id=admin.officer_id) == store.data_key


def test_a_temporary_passphrase_opens_the_encrypted_store_and_the_new_one_replaces_it(
    qtbot, started, encrypted
):
    """An admin reset a petugas's passphrase; at the next start, before anything is open,
    the temporary one unwraps the key and the officer must choose their own at once."""
    from cli_login import open_folder

    petugas, admin_id = _officer_id(encrypted, "petugas"), _officer_id(encrypted, "admin")
    admin = permissions.Actor(admin_id, "Admin", "admin")
    with open_folder(encrypted) as store:
        with store.write(actor=admin) as s:
            accounts.reset_passphrase(s, petugas, "sekali-pakai-9")
    keys = Keyring.load(encrypted)
    assert keys.unlock("sekali-pakai-9", officer_id=petugas) == key_of(encrypted)

    window = started(encrypted)
    screen = _screen(window)
    _log_in(qtbot, window, petugas, "sekali-pakai-9")
    qtbot.waitUntil(
        lambda: hasattr(screen, "new_pass") and screen.new_pass.isVisible(), timeout=20_000
    )
    assert hub().store is not None and hub().store.data_key is not None
    assert window.current_page() is None  # nothing shows before the new passphrase
    qtbot.keyClicks(screen.new_pass, "pilihan-sendiri-9")
    qtbot.keyClicks(screen.new_pass2, "pilihan-sendiri-9")
    qtbot.mouseClick(screen.change_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not screen.isVisible(), timeout=20_000)
    qtbot.waitUntil(lambda: window.current_page() is not None, timeout=10_000)
    assert hub().store.actor.officer_id == petugas
    keys = Keyring.load(encrypted)
    assert keys.unlock("pilihan-sendiri-9", officer_id=petugas) == hub().store.data_key
    with pytest.raises(LoginFailed):
        keys.unlock("sekali-pakai-9", officer_id=petugas)


def test_collection_held_off_by_the_launcher_is_back_once_the_login_is_painted(
    started, encrypted, monkeypatch
):
    """The launcher turns the cyclic collector off for the cold start (launcher.py); the
    window turns it back on once the login is painted, or a long session would keep every
    cycle it ever made."""
    import gc

    from okudesk import launcher
    from okudesk.gui import app

    seen = []
    monkeypatch.setattr(app, "run", lambda data_dir, lang: seen.append(gc.isenabled()) or 0)
    try:
        assert launcher._start_workstation(encrypted, "id") == 0
        assert seen == [False]  # what the start-up's imports and widgets run under
        window = started(encrypted)
        assert _screen(window).isVisible() and gc.isenabled()
    finally:
        gc.enable()
