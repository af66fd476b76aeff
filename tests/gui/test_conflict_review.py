"""HQ decides a real conflict (a post restored an older backup and edited the same incident
again) in the review: both versions side by side, the marks in the list and the detail pane,
the confirmation naming what changes, and the result in the database and the audit trail."""

from __future__ import annotations

from conflict_world import make_conflict
from PySide6.QtCore import Qt

from okudesk.core.history import audit
from okudesk.core.models import Incident
from okudesk.core.records import incidents as incident_records
from okudesk.core.sync import conflicts


def test_a_conflict_is_reviewed_marked_and_decided(qtbot, tmp_path, gui_env, monkeypatch):
    from okudesk.gui import operations
    from okudesk.gui.dialogs.conflict_review import DIFF_BACKGROUND, ConflictReviewDialog
    from okudesk.gui.main_window import MainWindow
    from okudesk.gui.table_model import CONFLICT_MARK

    w = make_conflict(tmp_path)
    hq, incident = w["hq"], w["incident"]
    with hq.read() as s:
        number = s.get(Incident, incident).number
    loser_title = "Versi sesudah pemulihan" if w["first_wins"] else "Asli"
    operations.set_hub(None)
    window = MainWindow(hq)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(window.is_ready, timeout=15000)
    try:
        # the record is marked in its list and its detail pane
        page = window.go_to("incidents")
        qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=15000)
        qtbot.waitUntil(
            lambda: (page.model.index(0, 0).data() or "").startswith(CONFLICT_MARK), timeout=15000
        )
        assert number in page.model.index(0, 0).data()
        page.table.selectRow(0)
        qtbot.waitUntil(lambda: "Konflik sinkronisasi" in page.browser.toPlainText(), timeout=15000)

        sync = window.go_to("sync")
        qtbot.waitUntil(lambda: sync.conflicts.rowCount() == 1, timeout=15000)
        assert sync.conflicts.item(0, 1).text() == number  # the record's number, not its ID
        assert sync.conflicts.item(0, 0).text() == "Kejadian"
        sync.conflicts.selectRow(0)
        qtbot.mouseClick(sync.review_button, Qt.MouseButton.LeftButton)
        dialog = sync.findChild(ConflictReviewDialog)
        assert dialog is not None
        qtbot.waitUntil(lambda: dialog.review is not None, timeout=15000)
        assert number in dialog.heading.text() and dialog.heading.text().startswith("Kejadian")
        assert "versi ini menang karena" in dialog.rule.text()
        assert "jam komputer" in dialog.fields.horizontalHeaderItem(1).text()
        assert "pos BTT" in dialog.fields.horizontalHeaderItem(2).text()
        assert not dialog.problems.isHidden() and "riwayat" in dialog.problems.text()
        rows = {dialog.fields.item(r, 0).text(): r for r in range(dialog.fields.rowCount())}
        title_row, place_row = rows["Judul singkat"], rows["Tempat"]
        assert dialog.fields.item(title_row, 2).text() == loser_title
        assert dialog.fields.item(title_row, 1).background().color() == DIFF_BACKGROUND
        assert dialog.fields.item(place_row, 1).background().color() != DIFF_BACKGROUND
        status_cells = [dialog.fields.item(rows["Status"], c) for c in (1, 2)]
        assert len({c.text() for c in status_cells}) == 2
        assert all(c.background().color() == DIFF_BACKGROUND for c in status_cells)
        dialog.only_differing.setChecked(True)
        assert dialog.fields.isRowHidden(place_row) and not dialog.fields.isRowHidden(title_row)

        # nothing is decided while the confirmation is refused
        from okudesk.gui import messages

        answers = iter([False, True])
        asked = []

        def confirm(parent, text, *a, **k):
            asked.append(text)
            return next(answers)

        monkeypatch.setattr(messages, "confirm", confirm)
        qtbot.mouseClick(dialog.adopt_button, Qt.MouseButton.LeftButton)
        assert dialog.adopt_button.isEnabled()
        with hq.read() as s:
            assert conflicts.open_ids(s, "incident") == {incident}
        with qtbot.waitSignal(dialog.decided, timeout=15000):
            qtbot.mouseClick(dialog.adopt_button, Qt.MouseButton.LeftButton)
        assert "Judul singkat" in asked[-1] and loser_title in asked[-1] and "Status" in asked[-1]
        assert any("diputuskan" in t for t in gui_env["info"])

        with hq.read() as s:
            i = s.get(Incident, incident)
            assert i.title == loser_title
            assert incident_records.history(s, incident)[-1].to_status == i.status
            assert conflicts.open_ids(s, "incident") == set()
            (entry,) = [
                e
                for e in audit.entries(s, record_id=incident)
                if e.summary.startswith("Konflik sinkronisasi")
            ]
            assert "dipakai" in entry.summary and entry.changes["title"][1] == loser_title
            assert audit.verify(s).ok
        qtbot.waitUntil(lambda: sync.conflicts.rowCount() == 0, timeout=15000)
        page = window.go_to("incidents")
        qtbot.waitUntil(
            lambda: (page.model.index(0, 0).data() or "X").startswith(number), timeout=15000
        )
    finally:
        window.hub.taskman.shutdown()
        operations.set_hub(None)
        w["post"].close()
