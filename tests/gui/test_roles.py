"""What each role is offered: officers log in at the lock screen and look at the pages.

A button or shortcut that changes data is not offered to a role that may not use it (the
core refuses it anyway); the rules are declared by each page on the widgets themselves
(``Page.guard``), so a renamed attribute cannot lose one."""

from importlib import import_module

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtTest import QTest

from okudesk.core import permissions
from okudesk.core.records import meetings, officers
from okudesk.core.security import accounts
from okudesk.gui.operations import hub
from okudesk.gui.pages import PAGES
from okudesk.gui.pages.base import ListPage, Page

PASS = "rahasia-pos-btt"
ROLES = ("petugas", "kapolsek", "admin", "hq_analyst")


@pytest.fixture
def staff(store, yesterday):
    """One officer with an account per role, one meeting; nobody logged in."""
    ids = {}
    with store.write() as s:
        for n, role in enumerate(ROLES):
            officer = officers.add_officer(s, name=f"{role.title()} Uji", nrp=f"8501000{n}")
            accounts.set_account(s, officer.id, role=role, passphrase=PASS, must_change=False)
            ids[role] = officer.id
        ids["meeting"] = meetings.create_meeting(
            s, meetings.MeetingInput(starts_at=yesterday, purpose="Cipta kondisi")
        ).id
    store.actor = None
    return ids


@pytest.fixture
def locked_window(store, staff, qtbot, idle):
    from okudesk.gui.main_window import MainWindow

    window = MainWindow(store)
    qtbot.addWidget(window)
    window.show()
    yield window
    idle()  # qtbot closes the window


def log_in(qtbot, window, officer_id) -> None:
    from okudesk.gui.login import gate

    screen = gate(window).screen
    qtbot.waitUntil(
        lambda: screen.isVisible() and screen.officer.findData(officer_id) >= 0, timeout=10_000
    )
    screen.officer.setCurrentIndex(screen.officer.findData(officer_id))
    screen.passphrase.clear()
    qtbot.keyClicks(screen.passphrase, PASS)
    qtbot.mouseClick(screen.login_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not screen.isVisible(), timeout=10_000)
    qtbot.waitUntil(lambda: window.nav.isEnabled(), timeout=10_000)
    # the officers' passphrases encrypted the store at the first login (a new Store object)
    assert hub().store.data_key is not None


def meetings_page(window, qtbot):
    page = window.go_to("meetings")
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=10_000)
    page.table.selectRow(0)
    qtbot.waitUntil(lambda: page.current_id() is not None)
    return page


def dialogs_of(page):
    from okudesk.gui.forms.meeting_form import MeetingDialog

    return [d for d in page.findChildren(MeetingDialog) if d.isVisible()]


@pytest.mark.parametrize("role", ["admin", "hq_analyst"])
def test_a_role_that_may_not_write_meetings_is_offered_no_new_edit_or_delete(
    role, locked_window, staff, qtbot, idle
):
    window = locked_window
    log_in(qtbot, window, staff[role])
    assert hub().store.actor.role == role
    page = meetings_page(window, qtbot)
    assert (
        page.new_button.isHidden() and page.edit_button.isHidden() and page.delete_button.isHidden()
    )
    assert not page.report_button.isHidden()  # reading and printing stay
    window.activateWindow()
    QTest.keySequence(window, QKeySequence(QKeySequence.StandardKey.New))  # Ctrl+N
    assert window.statusBar().currentMessage().startswith("Peran ")  # the core's reason, not a form
    page.table.doubleClicked.emit(page.model.index(0, 0))  # a double-click on the row
    home = window.go_to("home")
    assert home.new_meeting.isHidden() and home.new_incident.isHidden()
    idle()
    assert dialogs_of(page) == []
    incidents = window.go_to("incidents")
    assert incidents.new_button.isHidden() and incidents.status_button.isHidden()
    stakeholders = window.go_to("stakeholders")
    assert stakeholders.new_button.isHidden() and stakeholders.delete_button.isHidden()
    follow_ups = window.go_to("follow_ups")
    assert follow_ups.done_button.isHidden() and follow_ups.reopen_button.isHidden()


def test_a_petugas_gets_them_and_ctrl_n_opens_the_form(locked_window, staff, qtbot):
    window = locked_window
    log_in(qtbot, window, staff["petugas"])
    page = meetings_page(window, qtbot)
    assert not (
        page.new_button.isHidden() or page.edit_button.isHidden() or page.delete_button.isHidden()
    )
    assert window.go_to("reports").settings_button.isHidden()  # report settings are the admin's
    window.go_to("meetings")
    window.activateWindow()
    QTest.keySequence(window, QKeySequence(QKeySequence.StandardKey.New))
    qtbot.waitUntil(lambda: len(dialogs_of(page)) == 1)
    for dialog in dialogs_of(page):
        dialog.reject()


def test_the_next_officer_is_offered_what_their_role_may_use(locked_window, staff, qtbot, idle):
    """Pages built for one role are offered anew to the next one who logs in."""
    from okudesk.gui.login import gate

    window = locked_window
    log_in(qtbot, window, staff["hq_analyst"])
    page = meetings_page(window, qtbot)
    sync = window.go_to("sync")
    assert page.new_button.isHidden()
    assert (
        sync.add_post_button.isHidden()
        and sync.export_button.isHidden()
        and not sync.import_files_button.isHidden()
    )
    idle()
    gate(window).lock()
    opened = hub().store
    log_in(qtbot, window, staff["kapolsek"])
    assert hub().store is opened and opened.actor.role == "kapolsek"  # the open store, unlocked
    assert not (
        page.new_button.isHidden() or page.edit_button.isHidden() or page.delete_button.isHidden()
    )
    assert (
        not sync.export_button.isHidden() and sync.add_post_button.isHidden()
    )  # HQ's, not a post's
    audit = window.go_to("audit")
    assert not audit.restore_button.isHidden() and not audit.usb_button.isHidden()


def test_every_page_guards_what_its_shortcuts_change_and_its_rules_name_what_exists(
    window, qtbot, idle
):
    """Each page of the navigation, built: Ctrl+N and Ctrl+S (and on the lists, opening
    and deleting a record) are guarded wherever a page does something with them, and each
    rule names a widget of that page and a method it has."""
    for spec in PAGES:
        module, _sep, name = spec.factory.partition(":")
        cls = getattr(import_module(module), name)
        page = window.page(spec.key)
        assert isinstance(page, cls)
        base = ListPage if isinstance(page, ListPage) else Page
        for action in ("new_record", "save", "open_selected", "delete_selected"):
            own = getattr(cls, action, None)
            if own is None or own is getattr(base, action, None):
                continue
            if action == "open_selected" and base is Page:  # the Laporan page opens a signed PDF
                continue
            assert action in page.guarded_actions, f"{spec.key}: {action} is not guarded"
        for _permission, widget in page.guarded:
            assert page.isAncestorOf(widget), f"{spec.key}: a guarded widget is not on the page"
        for action, permission in page.guarded_actions.items():
            assert callable(getattr(page, action)) and permission in permissions.PERMISSIONS
        for permission, _widget in page.guarded:
            assert permission in permissions.PERMISSIONS
    idle()


def test_a_rule_for_a_method_the_page_does_not_have_fails_at_once(window):
    page = window.page("home")
    with pytest.raises(AttributeError, match="new_meeting_record"):
        page.guard("meeting.write", actions=("new_meeting_record",))
