"""Windows facts the workstation must respect: drafts do not stay behind."""

from __future__ import annotations

import tempfile

from PySide6.QtCore import Qt

from gui.test_reports import _print_dialog, gui_store  # noqa: F401 - a fixture
from okudesk.gui.operations import hub
from okudesk.gui.operations import reports as report_ops


def _make_draft(qtbot, dialog):
    with qtbot.waitSignal(dialog.finished_report, timeout=20_000):
        qtbot.mouseClick(dialog.make_button, Qt.MouseButton.LeftButton)
    return dialog.pdf_path


def test_draft_pdfs_stay_in_the_data_folder_and_go_when_the_dialog_closes(
    gui_store,  # noqa: F811
    qtbot,
):
    drafts = gui_store.data_dir / report_ops.DRAFTS
    dialog = _print_dialog(qtbot, gui_store)
    qtbot.mouseClick(dialog.draft, Qt.MouseButton.LeftButton)
    first = _make_draft(qtbot, dialog)
    assert first.parent == drafts and first.read_bytes().startswith(b"%PDF")
    assert not str(first).startswith(tempfile.gettempdir() + "/okudesk-draf")
    second = _make_draft(qtbot, dialog)  # made again: the first one goes
    assert second != first
    qtbot.waitUntil(lambda: not first.exists(), timeout=10_000)
    assert second.exists()
    dialog.reject()  # "Tutup", Esc or the window's close button
    qtbot.waitUntil(lambda: not second.exists(), timeout=10_000)
    assert list(drafts.glob("*")) == []


def test_drafts_left_by_a_crash_go_at_the_next_start(gui_store, qtbot):  # noqa: F811
    drafts = gui_store.data_dir / report_ops.DRAFTS
    drafts.mkdir()
    (drafts / "draf-sisa.pdf").write_bytes(b"%PDF-1.7 data polisi")
    kept = gui_store.data_dir / "laporan.pdf"  # anything else in the data folder stays
    kept.write_bytes(b"%PDF")
    report_ops.discard_drafts().run()
    qtbot.waitUntil(lambda: hub().taskman.pending == 0, timeout=10_000)
    assert not list(drafts.glob("*.pdf")) and kept.exists()
