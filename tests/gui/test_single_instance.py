"""A second workstation on the same data folder does not open the store."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from windows_sim import ROOT, Holder

from gui.test_login import hub_  # noqa: F401 - a fixture
from okudesk.core import folderlock
from okudesk.gui import app, instance
from okudesk.gui.operations import hub


def window_free_elsewhere(data) -> bool:
    code = "import sys; from okudesk.core import folderlock; "
    code += "sys.exit(0 if folderlock.claim_window(sys.argv[1]) else 3)"
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    return subprocess.run([sys.executable, "-c", code, str(data)], env=env).returncode == 0


def test_a_second_window_on_the_same_folder_does_not_open_the_store(tmp_path, monkeypatch, gui_env):
    data = tmp_path / "data"
    started = []
    monkeypatch.setattr(app, "start", lambda *a, **k: started.append(a))
    with Holder("window", data):  # the first okudesk window, in its own process
        assert app.run(data, "id") == 0
    assert started == [] and hub().store is None
    assert not (data / "okudesk.sqlite3").exists()
    assert len(gui_env["warning"]) == 1 and "sudah terbuka" in gui_env["warning"][0]
    assert not folderlock.held_here(data)


def test_a_second_window_during_a_restore_says_so(tmp_path, gui_env):
    data = tmp_path / "data"
    with Holder("exclusive", data):
        assert not instance.claim(data, "en")
    assert "being restored" in gui_env["warning"][0]


def test_the_first_window_claims_the_folder_and_says_where_it_is(tmp_path, qtbot, gui_env):
    from PySide6.QtWidgets import QWidget

    data = tmp_path / "data"
    assert instance.claim(data)
    try:
        w = QWidget()
        qtbot.addWidget(w)
        instance.note_window(data, w)
        assert instance.noted_window(data) == int(w.winId())
        with Holder("shared", data):  # the command line may still work beside it
            pass
        assert not window_free_elsewhere(data)  # a second window, in another process
        assert not gui_env["warning"]
        instance.forget_window(data)
        assert not (data / instance.WINDOW_FILE).exists()
    finally:
        folderlock.release_window(data)
    assert window_free_elsewhere(data)


@pytest.mark.usefixtures("hub_")
def test_a_restore_from_the_window_is_refused_while_the_command_line_has_the_folder(
    qtbot, store, tmp_path, monkeypatch, gui_env
):
    from PySide6.QtCore import Qt

    from gui.test_login import _admin_about_to_restore
    from okudesk.core import backups, permissions
    from okudesk.core.records import meetings

    window, screen, page, late = _admin_about_to_restore(qtbot, store, tmp_path, monkeypatch)
    key = hub().store.data_key  # the admin's login encrypted the store
    assert key is not None
    with Holder("store", store.data_dir, key):  # okudesk-cli busy on the same folder
        qtbot.mouseClick(page.restore_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: bool(gui_env["error"]), timeout=20_000)
    assert "tutup dulu" in gui_env["error"][0]
    assert not (store.data_dir / backups.STAGING_NAME).exists()
    reopened = hub().store  # the window goes on with the database it had
    with reopened.read(actor=permissions.system_actor("test")) as s:
        assert s.get(meetings.Meeting, late.id) is not None
