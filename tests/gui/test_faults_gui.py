"""The workstation's start on a full disk or a damaged database: a plain message, never
"the database is damaged" for a disk that is only full."""

from __future__ import annotations

import sys
import threading

from okudesk.core.store import cipher


def _keep_the_test_loop(monkeypatch) -> None:
    """A start that fails ends the application (app.exit(1)); in a test that would end the
    event processing of the tests after it."""
    from PySide6.QtWidgets import QApplication

    monkeypatch.setattr(QApplication, "exit", staticmethod(lambda *_a: None))


def test_a_full_disk_at_start_says_so(qtbot, gui_env, store, tmp_path, monkeypatch):
    from okudesk.core.store import migrate
    from okudesk.gui import app, errors

    store.close()
    monkeypatch.setattr(errors, "_log_file", tmp_path / "okudesk.log")
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(threading, "excepthook", threading.excepthook)
    _keep_the_test_loop(monkeypatch)
    # the start reads the database's schema first; with the disk full, SQLite cannot make
    # the files it reads a WAL database with and says "database or disk is full"

    def no_room(*_a, **_k):
        raise cipher.OperationalError("database or disk is full")

    monkeypatch.setattr(migrate, "read_revision", no_room)
    window = app.start(store.data_dir, "id")
    qtbot.waitUntil(lambda: bool(gui_env["error"]), timeout=20_000)
    message = gui_env["error"][0]
    assert "Disk penuh" in message and str(store.data_dir) in message
    assert "rusak" not in message and "tak terduga" not in message
    window.close()
    window.deleteLater()


def test_a_full_disk_while_working_is_shown_plainly(gui_env):
    from sqlalchemy.exc import OperationalError

    from okudesk.gui import errors

    exc = OperationalError("INSERT", {}, cipher.OperationalError("database or disk is full"))
    text, details = errors.user_message(exc)
    assert text.startswith("Disk penuh") and "tak terduga" not in text
    assert "OperationalError" in details  # the log keeps what SQLite said


def test_a_damaged_database_at_start_names_the_last_good_backup(
    qtbot, gui_env, store, tmp_path, monkeypatch
):
    from okudesk.core import backups
    from okudesk.gui import app, errors

    info = backups.daily_if_due(store, force=True)
    store.close()
    db = store.data_dir / "okudesk.sqlite3"
    db.write_bytes(b"")
    for leftover in store.data_dir.glob("okudesk.sqlite3-*"):
        leftover.unlink()
    monkeypatch.setattr(errors, "_log_file", tmp_path / "okudesk.log")
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(threading, "excepthook", threading.excepthook)
    _keep_the_test_loop(monkeypatch)
    window = app.start(store.data_dir, "id")
    qtbot.waitUntil(lambda: bool(gui_env["error"]), timeout=20_000)
    message = gui_env["error"][0]
    assert "rusak" in message and str(info.path) in message
    assert db.stat().st_size == 0  # not replaced by a new, empty database
    window.close()
    window.deleteLater()
