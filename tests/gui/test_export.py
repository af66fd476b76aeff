"""Ekspor ke Excel… on a list page: the rows the user sees, in a file; cancel leaves none."""

import csv
import sys
import threading
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from okudesk.core import demo
from okudesk.core.records import listing
from okudesk.core.records.listing import ListFilter
from okudesk.gui import export
from okudesk.gui.operations import hub

sys.path.insert(0, str(Path(__file__).parents[1]))
from xlsx_reader import read  # noqa: E402


def _filtered_incidents(window, store, qtbot):
    demo.fill(store, meetings=3, incidents=120, seed=7)
    page = window.go_to("incidents")
    qtbot.waitUntil(lambda: page.model.rowCount() == 120 and page.model.is_idle())
    status = page.filter_bar.status
    status.setCurrentIndex(status.findData("selesai"))
    with store.read() as s:
        keys = listing.keys(s, listing.INCIDENTS, ListFilter(status="selesai"))
        numbers = listing.rows(s, listing.INCIDENTS, list(keys))
        expected = [numbers[k][1 + listing.INCIDENTS.column_keys.index("number")] for k in keys]
    assert 0 < len(expected) < 120
    qtbot.waitUntil(lambda: page.model.rowCount() == len(expected) and page.model.is_idle())
    return page, expected


def test_export_the_filtered_list_to_excel_and_csv(
    window, store, qtbot, idle, monkeypatch, tmp_path
):
    page, expected = _filtered_incidents(window, store, qtbot)
    shown = [i for i in range(page.model.columnCount()) if not page.table.isColumnHidden(i)]
    titles = [page.model.headerData(i, Qt.Orientation.Horizontal) for i in shown]
    keys = [page.model.columns[i].key for i in shown]
    assert "post" not in keys  # hidden at a post: not exported either
    for name in ("kejadian.xlsx", "kejadian.csv"):
        out = tmp_path / name
        monkeypatch.setattr(export, "ask_path", lambda parent, suggested, out=out: str(out))
        qtbot.mouseClick(page.export_button, Qt.MouseButton.LeftButton)
        assert page.export is not None
        with qtbot.waitSignal(page.export.done, timeout=20_000) as got:
            pass
        assert got.args == [len(expected)]
        idle()
        assert page.export is None
    (sheet,) = read(tmp_path / "kejadian.xlsx")
    assert sheet.rows[0] == titles
    number_col = keys.index("number")
    assert [r[number_col] for r in sheet.rows[1:]] == expected  # same rows, same order
    assert sheet.frozen and sheet.autofilter and sheet.date_cells >= len(expected)
    with open(tmp_path / "kejadian.csv", encoding="utf-8-sig", newline="") as f:
        back = list(csv.reader(f))
    assert back[0] == titles and [r[number_col] for r in back[1:]] == expected
    # the severity column shows its label, as on screen
    sev = keys.index("severity")
    assert {r[sev] for r in sheet.rows[1:]} <= {"Rendah", "Sedang", "Tinggi", "Kritis"}


def test_cancelling_an_export_leaves_no_file(window, store, qtbot, idle, monkeypatch, tmp_path):
    page, _expected = _filtered_incidents(window, store, qtbot)
    out = tmp_path / "batal.xlsx"
    monkeypatch.setattr(export, "ask_path", lambda parent, suggested: str(out))
    hold = threading.Event()
    hub().taskman.run(lambda: hold.wait(10), lambda _f: None)  # the worker is busy
    qtbot.mouseClick(page.export_button, Qt.MouseButton.LeftButton)
    job = page.export
    assert job is not None and job.dialog is not None
    (cancel,) = job.dialog.findChildren(QPushButton)  # the progress dialog's Batal button
    cancel.click()
    hold.set()
    with qtbot.waitSignal(job.done, timeout=20_000) as got:
        pass
    assert got.args == [-1]
    idle()
    assert list(tmp_path.glob("*batal*")) == [] and page.export is None
    assert "dibatalkan" in window.statusBar().currentMessage()
