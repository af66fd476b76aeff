"""HQ's Sinkronisasi page with bundles a post had no right to send: the refusal and its reason
on the row, a post's edit of HQ's list set aside for review, and the incident list still
opening over a stored value that is not a date."""

from __future__ import annotations

from datetime import datetime

import rawdb
from PySide6.QtCore import Qt
from sqlalchemy import select
from sync_world import WHEN, add_incident, add_meeting, enroll, export_to, make_hq

from okudesk.core.models import Kecamatan, Meeting
from okudesk.core.records import reference
from okudesk.core.sync import importer


def test_hq_page_shows_refused_and_set_aside_bundles(qtbot, tmp_path, monkeypatch):
    from okudesk.gui import messages, operations
    from okudesk.gui.main_window import MainWindow

    hq = make_hq(tmp_path / "hq")
    aaa = enroll(hq, tmp_path / "aaa", "AAA", tmp_path)
    bbb = enroll(hq, tmp_path / "bbb", "BBB", tmp_path)
    meeting = add_meeting(aaa, "Rapat pos AAA")
    add_incident(aaa, "Kejadian pos AAA", meeting_id=meeting)
    assert importer.import_bundle(hq, export_to(aaa, tmp_path), write_receipt=False).ok
    honest, forged = tmp_path / "honest", tmp_path / "forged"
    honest.mkdir()
    forged.mkdir()
    with bbb.write() as s:
        kec = s.scalar(select(Kecamatan.id).order_by(Kecamatan.id))
        reference.rename(s, Kecamatan, kec, "Nama menurut BBB")
    export_to(bbb, honest)
    with bbb.write() as s:  # a modified okudesk: a tombstone for AAA's meeting
        s.add(
            Meeting(
                id=meeting,
                origin_post="AAA",
                number="X",
                starts_at=WHEN,
                deleted_at=datetime(2026, 3, 11),
            )
        )
    export_to(bbb, forged)
    hq.close()
    con = rawdb.connect(tmp_path / "hq" / "okudesk.sqlite3")
    with con:
        con.execute("UPDATE incident SET occurred_at = 'not a date'")
    con.close()

    from sync_world import open_store

    hq = open_store(tmp_path / "hq")
    operations.set_hub(None)
    window = MainWindow(hq)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(window.is_ready, timeout=15000)
    try:
        page = window.go_to("sync")
        qtbot.waitUntil(lambda: page.role == "hq", timeout=15000)
        monkeypatch.setattr(messages, "choose_folder", lambda *a, **k: str(forged))
        qtbot.mouseClick(page.import_folder_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(
            lambda: page.results.rowCount() == 1 and page.import_folder_button.isEnabled(),
            timeout=30000,
        )
        verdict = page.results.item(0, 2).text()
        assert verdict.startswith("DITOLAK: Berkas ditolak: meeting " + meeting), verdict
        assert "milik AAA" in verdict
        assert page.results.item(0, 1).text() == "BBB"

        monkeypatch.setattr(messages, "choose_folder", lambda *a, **k: str(honest))
        qtbot.mouseClick(page.import_folder_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(
            lambda: (
                page.results.rowCount() == 1
                and page.import_folder_button.isEnabled()
                and page.results.item(0, 2).text() == "diterapkan; 1 disisihkan untuk ditinjau"
            ),
            timeout=30000,
        )
        qtbot.waitUntil(lambda: page.conflicts.rowCount() == 1, timeout=15000)

        incidents = window.go_to("incidents")
        column = [c.key for c in incidents.model.columns].index("occurred_at")
        qtbot.waitUntil(lambda: incidents.model.rowCount() == 1, timeout=15000)
        assert "tidak sah" in incidents.model.index(0, column).data()
    finally:
        window.hub.taskman.shutdown()
        operations.set_hub(None)
        for store in (aaa, bbb):
            store.close()
