"""Login, idle lock, role-based hiding and the Audit page, driven as a person would."""

import os

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, Qt

from okudesk.core import permissions
from okudesk.core.errors import LoginFailed
from okudesk.core.records import officers
from okudesk.core.security import accounts
from okudesk.core.store import Store
from okudesk.core.store.keyring import Keyring
from okudesk.gui.lock_screen import FIRST_ADMIN
from okudesk.gui.operations import hub

PASS = "rahasia-pos-btt"


WINDOWS: list = []


@pytest.fixture
def hub_(qtbot):
    h = hub()  # this test's own, from gui_env (tests/gui/conftest.py)
    yield h
    qtbot.waitUntil(lambda: h.taskman.pending == 0, timeout=20_000)  # let queued operations finish
    while WINDOWS:
        window = WINDOWS.pop()
        window.close()
        window.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    qtbot.waitUntil(lambda: h.taskman.pending == 0, timeout=20_000)
    h.close()  # the worker, and a store a restore reopened


def _people(store) -> dict[str, str]:
    ids = {}
    with store.write() as s:
        for role, nrp in (("petugas", "85071234"), ("kapolsek", "70010001")):
            o = officers.add_officer(s, name=f"{role.title()} Uji", nrp=nrp)
            accounts.set_account(s, o.id, role=role, passphrase=PASS, must_change=False)
            ids[role] = o.id
    return ids


def _window(qtbot, store):
    from okudesk.gui.main_window import MainWindow

    window = MainWindow(store)
    WINDOWS.append(window)
    window.show()
    return window


def _screen(window):
    from okudesk.gui.login import gate

    return gate(window).screen


def _log_in(qtbot, window, officer_id, passphrase=PASS):
    screen = _screen(window)
    qtbot.waitUntil(lambda: screen.isVisible() and screen.officer.count() > 0)
    screen.officer.setCurrentIndex(screen.officer.findData(officer_id))
    screen.passphrase.clear()
    qtbot.keyClicks(screen.passphrase, passphrase)
    qtbot.mouseClick(screen.login_button, Qt.MouseButton.LeftButton)


def _visible_pages(window) -> set[str]:
    from okudesk.gui.pages import PAGES

    return {PAGES[r].key for r in range(window.nav.count()) if not window.nav.item(r).isHidden()}


def test_first_run_creates_the_admin_who_then_sets_up_the_post(qtbot, hub_, tmp_path):
    store = Store.open(tmp_path / "fresh")
    window = _window(qtbot, store)
    screen = _screen(window)
    qtbot.waitUntil(lambda: screen.showing(FIRST_ADMIN))
    qtbot.keyClicks(screen.admin_name, "Siti Aminah")
    qtbot.keyClicks(screen.admin_nrp, "80010001")
    qtbot.keyClicks(screen.admin_pass, PASS)
    qtbot.keyClicks(screen.admin_pass2, PASS + "x")
    qtbot.mouseClick(screen.admin_button, Qt.MouseButton.LeftButton)
    assert "tidak sama" in screen.message.text()
    screen.admin_pass2.clear()
    qtbot.keyClicks(screen.admin_pass2, PASS)
    qtbot.mouseClick(screen.admin_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not screen.isVisible(), timeout=10_000)
    opened = hub_.store  # the first passphrase encrypted the store: a new Store object
    assert opened is not store and opened.data_key is not None
    assert opened.actor.role == "admin" and opened.actor.name == "Siti Aminah"
    qtbot.waitUntil(
        lambda: window._wizard is not None, timeout=10_000
    )  # the post is set up next, as the admin
    store.close()


def test_login_refuses_a_wrong_passphrase_then_hides_what_a_petugas_may_not_use(qtbot, hub_, store):
    ids = _people(store)
    store.actor = None  # the application starts with nobody logged in
    window = _window(qtbot, store)
    screen = _screen(window)
    _log_in(qtbot, window, ids["petugas"], "salah")
    qtbot.waitUntil(lambda: screen.message.isVisible())
    assert screen.message.text() == "Kata sandi salah" and hub_.store.actor is None
    assert hub_.store.data_key is None and not Keyring.path(store.data_dir).exists()
    _log_in(qtbot, window, ids["petugas"])
    qtbot.waitUntil(lambda: not screen.isVisible(), timeout=10_000)
    assert hub_.store.actor.officer_id == ids["petugas"] and hub_.store.data_key is not None
    visible = _visible_pages(window)
    assert "meetings" in visible and "audit" not in visible and "settings" not in visible
    page = window.go_to("meetings")
    assert not page.new_button.isHidden()  # a petugas records meetings


def test_an_admin_does_not_see_buttons_for_records(qtbot, hub_, store):
    with store.write() as s:
        admin = officers.add_officer(s, name="Admin Uji", nrp="70010002")
        accounts.set_account(s, admin.id, role="admin", passphrase=PASS, must_change=False)
    store.actor = None
    window = _window(qtbot, store)
    _log_in(qtbot, window, admin.id)
    qtbot.waitUntil(lambda: not _screen(window).isVisible(), timeout=10_000)
    assert {"settings", "audit"} <= _visible_pages(window)
    page = window.go_to("meetings")
    assert page.new_button.isHidden()


def test_the_window_locks_when_idle_and_the_next_officer_logs_in(qtbot, hub_, store):
    ids = _people(store)
    store.actor = None
    window = _window(qtbot, store)
    screen = _screen(window)
    _log_in(qtbot, window, ids["petugas"])
    qtbot.waitUntil(lambda: not screen.isVisible(), timeout=10_000)
    from okudesk.gui.login import gate

    store = hub_.store  # encrypted at this first login: the lock keeps it open
    assert store.data_key is not None
    idle = gate(window).idle
    qtbot.waitUntil(idle.timer.isActive)
    assert idle.timer.interval() == 15 * 60_000  # the default
    # a key pressed in the window (as the platform delivers it) starts the wait again
    restarted = []
    timer_start = idle.timer.start
    idle.timer.start = lambda *a: restarted.append(a) or timer_start(*a)
    qtbot.keyClick(window.windowHandle(), Qt.Key.Key_Shift)
    qtbot.mouseMove(window.windowHandle())
    assert len(restarted) >= 2
    del idle.timer.start
    idle.timer.start(50)  # as if fifteen minutes passed without a key or a click
    qtbot.waitUntil(screen.isVisible, timeout=5_000)
    assert store.actor is None
    assert screen.officer.currentData() == ids["petugas"]
    _log_in(qtbot, window, ids["kapolsek"])
    qtbot.waitUntil(lambda: not screen.isVisible(), timeout=10_000)
    assert hub_.store is store and store.actor.role == "kapolsek"
    assert "audit" in _visible_pages(window)
    with store.read(actor=permissions.system_actor("test")) as s:
        from okudesk.core.history import audit

        assert [e.summary for e in audit.entries(s, action="logout")] == ["idle"]


def test_audit_page_filters_verifies_and_backs_up_to_usb(qtbot, hub_, store, tmp_path, monkeypatch):
    ids = _people(store)
    store.actor = None
    window = _window(qtbot, store)
    screen = _screen(window)
    _log_in(qtbot, window, ids["kapolsek"])
    qtbot.waitUntil(lambda: not screen.isVisible(), timeout=10_000)
    page = window.go_to("audit")
    qtbot.waitUntil(lambda: page.table.rowCount() > 0, timeout=10_000)
    qtbot.waitUntil(
        lambda: page.officer.findData(ids["kapolsek"]) >= 0, timeout=10_000
    )  # the names come separately
    page.officer.set_current_id(ids["kapolsek"])
    qtbot.waitUntil(
        lambda: (
            page.table.rowCount() >= 1
            and all(
                page.table.item(r, 1).text() == "Kapolsek Uji" for r in range(page.table.rowCount())
            )
        ),
        timeout=10_000,
    )
    page.show_record(ids["petugas"])  # one record's history: the petugas (officer and account)
    qtbot.waitUntil(
        lambda: (
            page.table.rowCount() >= 2
            and all(
                page.table.item(r, 3).text() in ("Petugas", "Akun petugas")  # not "officer 86d9"
                for r in range(page.table.rowCount())
            )
        ),
        timeout=10_000,
    )
    qtbot.mouseClick(page.verify_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "utuh" in page.chain_label.text(), timeout=10_000)
    from okudesk.gui.pages import audit as audit_page

    usb = tmp_path / "usb"
    usb.mkdir()
    monkeypatch.setattr(audit_page, "choose_folder", lambda parent: str(usb))
    page.tabs.setCurrentIndex(2)
    qtbot.mouseClick(page.usb_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "tersimpan" in page.backup_label.text(), timeout=20_000)
    assert len(list(usb.glob("okudesk-cadangan-BTT-*.zip"))) == 1


def _admin_about_to_restore(qtbot, store, tmp_path, monkeypatch):
    """An admin on the Audit page's backup tab, about to restore a backup made before the
    meeting it returns (window, lock screen, page, that meeting); the file and the
    confirmation are answered."""
    from datetime import datetime, timedelta

    from okudesk.core import backups
    from okudesk.core.records import meetings
    from okudesk.gui import messages
    from okudesk.gui.pages import audit as audit_page

    with store.write() as s:
        admin = officers.add_officer(s, name="Admin Uji", nrp="70010002")
        accounts.set_account(s, admin.id, role="admin", passphrase=PASS, must_change=False)
    archive = backups.write_backup(store, tmp_path / "usb").path
    with store.write() as s:
        late = meetings.create_meeting(
            s,
            meetings.MeetingInput(starts_at=datetime.now() - timedelta(hours=1), purpose="Sesudah"),
        )
    store.actor = None
    window = _window(qtbot, store)
    screen = _screen(window)
    _log_in(qtbot, window, admin.id)
    qtbot.waitUntil(lambda: not screen.isVisible(), timeout=10_000)
    page = window.go_to("audit")
    monkeypatch.setattr(audit_page, "choose_backup_file", lambda parent: str(archive))
    monkeypatch.setattr(messages, "confirm", lambda *a, **k: True)
    page.tabs.setCurrentIndex(2)
    return window, screen, page, late


def test_an_admin_restores_a_backup_from_the_gui_and_logs_in_again(
    qtbot, hub_, store, tmp_path, monkeypatch
):
    from okudesk.core.records import meetings

    ids = _people(store)
    window, screen, page, late = _admin_about_to_restore(qtbot, store, tmp_path, monkeypatch)
    qtbot.mouseClick(page.restore_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(screen.isVisible, timeout=20_000)
    restored = hub_.store
    assert restored is not store and restored.actor is None
    with restored.read(actor=permissions.system_actor("test")) as s:
        assert s.get(meetings.Meeting, late.id) is None
    assert list((store.data_dir / "replaced").glob("*/okudesk.sqlite3"))
    _log_in(qtbot, window, ids["kapolsek"])
    qtbot.waitUntil(lambda: not screen.isVisible(), timeout=10_000)
    assert restored.actor.role == "kapolsek"


def test_another_posts_backup_needs_the_admins_confirmed_reenrolment(
    qtbot, hub_, store, tmp_path, monkeypatch
):
    """A backup of post PGR chosen at post BTT is refused; the admin is asked whether to
    re-enrol as PGR, and only a yes puts it in place."""
    from okudesk.core import backups
    from okudesk.core.models import Meeting
    from okudesk.core.records import posts
    from okudesk.gui import messages
    from okudesk.gui.pages import audit as audit_page

    other = Store.open(tmp_path / "pgr")
    other.actor = permissions.system_actor("test")
    with other.write() as s:
        posts.set_up_this_post(s, code="PGR", name="Polsek PGR")
    foreign = backups.write_backup(other, tmp_path / "usb-pgr").path
    other.close()
    window, screen, page, late = _admin_about_to_restore(qtbot, store, tmp_path, monkeypatch)
    monkeypatch.setattr(audit_page, "choose_backup_file", lambda parent: str(foreign))
    asked: list[str] = []
    answers = iter([True, False])  # "replace the data?" yes; "re-enrol as PGR?" no
    monkeypatch.setattr(
        messages, "confirm", lambda parent, text, **k: asked.append(text) or next(answers)
    )
    errors: list[str] = []
    monkeypatch.setattr(messages, "error", lambda parent, text, **k: errors.append(text))
    qtbot.mouseClick(page.restore_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(errors), timeout=20_000)
    assert "pos PGR" in asked[1] and "pos PGR" in errors[0]
    assert hub_.store.data_dir == store.data_dir
    with hub_.store.read(actor=permissions.system_actor("test")) as s:
        assert s.get(Meeting, late.id) is not None  # nothing was replaced
    answers = iter([True, True])
    qtbot.mouseClick(page.restore_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(screen.isVisible, timeout=20_000)
    assert "Pendaftaran ulang dikonfirmasi oleh Admin Uji" in page.backup_label.text()


def test_the_daily_backup_runs_in_a_process_of_its_own(store):
    from okudesk.core import backups
    from okudesk.gui import daily_backup

    child = daily_backup.start(store.data_dir)
    assert child is not None and child.pid != os.getpid()
    assert child.wait(timeout=60) == 0
    assert len(backups.list_backups(store.backup_dir)) == 1
    assert daily_backup.start(store.data_dir).wait(timeout=60) == 0  # not due: nothing more
    assert len(backups.list_backups(store.backup_dir)) == 1


def test_an_officer_changes_their_passphrase_from_the_status_bar(qtbot, hub_, store):
    ids = _people(store)
    store.actor = None
    window = _window(qtbot, store)
    screen = _screen(window)
    _log_in(qtbot, window, ids["petugas"])
    qtbot.waitUntil(lambda: not screen.isVisible(), timeout=10_000)
    from okudesk.gui.login import gate

    qtbot.mouseClick(gate(window).change_button, Qt.MouseButton.LeftButton)
    assert screen.isVisible() and screen.old_pass.isVisible()
    qtbot.keyClicks(screen.old_pass, "bukan-ini")
    qtbot.keyClicks(screen.new_pass, "baru-sekali-123")
    qtbot.keyClicks(screen.new_pass2, "baru-sekali-123")
    qtbot.mouseClick(screen.change_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: screen.message.isVisible(), timeout=10_000)
    assert "salah" in screen.message.text()
    screen.old_pass.clear()
    qtbot.keyClicks(screen.old_pass, PASS)
    qtbot.mouseClick(screen.change_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not screen.isVisible(), timeout=10_000)
    opened = hub_.store
    assert accounts.login(opened, "baru-sekali-123", officer_id=ids["petugas"]).role == "petugas"
    # the data key is wrapped under the new passphrase, no longer under the old one
    keys = Keyring.load(opened.data_dir)
    assert keys.unlock("baru-sekali-123", officer_id=ids["petugas"]) == opened.data_key
    with pytest.raises(LoginFailed):
        keys.unlock(PASS, officer_id=ids["petugas"])


def test_after_an_admins_reset_the_officer_chooses_a_passphrase_and_gets_a_new_key(
    qtbot, hub_, store
):
    """The login asks for a new passphrase at once; the signing key is made then, under
    it, and the old certificate stays revoked (the admin never knew a key's passphrase)."""
    from okudesk.core.security import credentials

    ids = _people(store)
    with store.write() as s:
        old = credentials.enroll_officer(s, ids["petugas"], PASS)
    admin = permissions.Actor(ids["kapolsek"], "Kapolsek Uji", "kapolsek", "70010001")
    with store.write(actor=admin) as s:
        accounts.reset_passphrase(s, ids["petugas"], "sekali-pakai-1")
    store.actor = None
    window = _window(qtbot, store)
    screen = _screen(window)
    _log_in(qtbot, window, ids["petugas"], "sekali-pakai-1")
    qtbot.waitUntil(
        lambda: hasattr(screen, "new_pass") and screen.new_pass.isVisible(), timeout=10_000
    )
    assert not screen.old_pass.isVisible()
    store = hub_.store  # the temporary passphrase opened (and encrypted) the store
    assert store.data_key is not None
    with store.read(actor=admin) as s:
        assert credentials.credential(s, ids["petugas"]) is None  # not under the admin's
    qtbot.keyClicks(screen.new_pass, "pilihan-sendiri-1")
    qtbot.keyClicks(screen.new_pass2, "pilihan-sendiri-1")
    qtbot.mouseClick(screen.change_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not screen.isVisible(), timeout=10_000)
    with store.read(actor=admin) as s:
        assert credentials.signing_identity(s, ids["petugas"], "pilihan-sendiri-1")
        assert credentials.credential(s, ids["petugas"]).key_id != old.key_id
        assert credentials.revoked_certificate(s, old.fingerprint) is not None


def test_each_role_sees_its_pages():
    from okudesk.gui.pages import PAGES

    records = {
        "home",
        "meetings",
        "incidents",
        "stakeholders",
        "follow_ups",
        "situation",
        "reports",
    }

    def pages(role):
        actor = permissions.Actor("x", "X", role)
        return {spec.key for spec in PAGES if spec.allows(actor)} - records

    assert pages("petugas") == set()
    assert pages("kapolsek") == pages("admin") == {"settings", "sync", "audit"}
    assert pages("hq_analyst") == {"sync", "audit"}
    assert pages("hq_admin") == {"settings", "sync", "audit"}
    assert not any(spec.allows(None) for spec in PAGES)  # nobody logged in: no page


def test_the_login_screen_shows_before_the_store_opens_and_logging_in_waits_for_it(
    qtbot, hub_, store, tmp_path, monkeypatch
):
    """A cold start (okudesk.gui.app.start): the names come from the database file at once
    (store/peek.py); the store opens on the worker meanwhile, and a login typed before it is
    open completes once it is, without the login screen coming back."""
    import sys
    import threading

    from okudesk.core.store import database
    from okudesk.gui import app, errors

    ids = _people(store)
    store.close()
    monkeypatch.setattr(
        errors, "_log_file", tmp_path / "okudesk.log"
    )  # no log in the user's folder
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(threading, "excepthook", threading.excepthook)
    may_open = threading.Event()
    real_open = database.Store.open

    def slow_open(data_dir, **kwargs):
        assert may_open.wait(20)
        return real_open(data_dir, **kwargs)

    monkeypatch.setattr(database.Store, "open", slow_open)
    window = app.start(store.data_dir, "id")
    WINDOWS.append(window)
    screen = _screen(window)
    assert window.is_ready() and screen.isVisible() and hub_.store is None
    assert window.nav is None  # what the login covers is built once it is painted ...
    qtbot.waitUntil(lambda: window.nav is not None)
    on_top = window.childAt(window.rect().center())  # ... behind it
    assert on_top is screen or screen.isAncestorOf(on_top)
    names = [screen.officer.itemText(i) for i in range(screen.officer.count())]
    assert names == ["Kapolsek Uji (70010001)", "Petugas Uji (85071234)"]
    _log_in(qtbot, window, ids["petugas"])
    assert not screen.login_button.isEnabled()  # waiting for the store
    may_open.set()
    qtbot.waitUntil(lambda: not screen.isVisible(), timeout=20_000)
    qtbot.waitUntil(lambda: hub_.taskman.pending == 0, timeout=20_000)
    assert not screen.isVisible()  # the store's own list came after the login: not shown again
    assert hub_.store.actor.officer_id == ids["petugas"]
    qtbot.waitUntil(lambda: window.current_page() is not None, timeout=10_000)
    assert "audit" not in _visible_pages(window)
    from okudesk.core import backups
    from okudesk.gui import daily_backup

    # the start began the day's backup in its own process
    qtbot.waitUntil(lambda: backups.list_backups(store.backup_dir) != [], timeout=60_000)
    assert all(child.wait(timeout=60) == 0 for child in daily_backup._children)


def test_a_list_that_changed_meanwhile_keeps_what_the_user_picked_and_typed(qtbot, hub_, store):
    from okudesk.core.store import peek
    from okudesk.gui.login import gate

    ids = _people(store)
    window = _window(qtbot, store)
    gate(window).show_before_store(peek.login_screen(store.data_dir))
    screen = _screen(window)
    screen.officer.setCurrentIndex(screen.officer.findData(ids["petugas"]))
    qtbot.keyClicks(screen.passphrase, "rahasia")
    with store.write() as s:
        o = officers.add_officer(s, name="Anwar Baru", nrp="95010001")
        accounts.set_account(s, o.id, role="petugas", passphrase=PASS, must_change=False)
        choices = accounts.login_choices(s)
    screen.show_login(choices)
    assert screen.officer.count() == 3 and screen.officer.itemText(0).startswith("Anwar Baru")
    assert screen.officer.currentData() == ids["petugas"] and screen.passphrase.text() == "rahasia"
