"""Beranda shows a missing or stale daily backup, and makes one now in its own process."""

import os
from datetime import datetime, timedelta

from PySide6.QtCore import Qt

from okudesk.core import backups
from okudesk.core.records import officers
from okudesk.core.security import accounts

PASS = "rahasia-pos-btt"


def _home(window, qtbot):
    home = window.go_to("home")
    qtbot.waitUntil(lambda: home.backup_box.isVisible(), timeout=10_000)
    return home


def test_no_backup_yet_is_shown_and_the_button_makes_one(window, store, qtbot, idle):
    home = _home(window, qtbot)
    assert "Belum ada cadangan" in home.backup_warning.text()
    assert home.backup_now.isVisible() and home.backup_now.isEnabled()
    qtbot.mouseClick(home.backup_now, Qt.MouseButton.LeftButton)
    # while the process works, Beranda says so and the button waits
    qtbot.waitUntil(lambda: not home.backup_box.isVisible(), timeout=60_000)
    made = backups.list_backups(store.backup_dir)
    assert len(made) == 1
    backups.check_backup(made[0])
    idle()


def test_a_backup_started_from_beranda_finishes_after_the_window_closes(window, store, qtbot, idle):
    from okudesk.gui import daily_backup

    home = _home(window, qtbot)
    qtbot.mouseClick(home.backup_now, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(daily_backup.running, timeout=10_000)
    idle()
    window.close()  # a normal close while the backup runs
    child = daily_backup._children[-1]
    assert child.wait(timeout=60) == 0
    backups.check_backup(backups.list_backups(store.backup_dir)[-1])


def test_a_stale_backup_is_shown_and_a_petugas_is_not_offered_the_button(store, qtbot, idle):
    from okudesk.gui.main_window import MainWindow

    old = backups.daily_if_due(store)
    past = (datetime.now() - timedelta(days=3, hours=1)).timestamp()
    os.utime(old.path, (past, past))
    with store.write() as s:
        officer = officers.add_officer(s, name="Petugas Uji", nrp="85010001")
        accounts.set_account(s, officer.id, role="petugas", passphrase=PASS, must_change=False)
    store.actor = accounts.login(store, PASS, nrp="85010001")
    window = MainWindow(store)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(window.is_ready, timeout=10_000)
    home = _home(window, qtbot)
    assert "3 hari" in home.backup_warning.text()
    assert home.backup_now.isHidden()  # the role may not make backups
    home.make_backup()  # nor through the page's method
    idle()
    assert backups.list_backups(store.backup_dir) == [old.path]
    # a fresh backup: the warning goes at the next refresh
    os.utime(old.path)
    home.refresh()
    qtbot.waitUntil(lambda: not home.backup_box.isVisible(), timeout=10_000)
    idle()


def test_a_start_with_todays_backup_made_starts_no_backup_process(window, store, qtbot, idle):
    """The day's backup made, a start spawns no process to find out: it would load the store
    on the laptop's two cores while someone logs in. Asked for, it is made anyway."""
    from okudesk.gui import daily_backup
    from okudesk.gui.operations import backups as backup_ops

    backups.daily_if_due(store)
    started = []
    op = backup_ops.start_daily(parent=None, data_dir=store.data_dir).success(started.append)
    op.run()
    qtbot.waitUntil(lambda: bool(started), timeout=10_000)
    assert started == [False] and not daily_backup.running()
    idle()
