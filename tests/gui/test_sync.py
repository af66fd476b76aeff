"""The Sinkronisasi page as people use it: export to a stick at the post, import at HQ,
bring the receipt back."""

from __future__ import annotations

import pytest
import rawdb
from sync_world import add_incident, add_meeting, enroll, make_hq, open_store


@pytest.fixture
def gui(qtbot, monkeypatch):
    from okudesk.gui import messages, operations

    operations.set_hub(None)
    windows = []

    def open_window(store):
        from okudesk.gui.main_window import MainWindow

        operations.set_hub(None)
        window = MainWindow(store)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitUntil(window.is_ready, timeout=15000)
        windows.append(window)
        page = window.go_to("sync")
        qtbot.waitUntil(
            lambda: page.role is not None or not page.setup_box.isHidden(), timeout=15000
        )
        return window, page

    yield open_window, messages
    for window in windows:
        window.hub.taskman.shutdown()
    operations.set_hub(None)


def test_post_exports_hq_imports_and_the_receipt_comes_back(gui, qtbot, tmp_path, monkeypatch):
    open_window, messages = gui
    usb = tmp_path / "usb"
    usb.mkdir()
    hq = make_hq(tmp_path / "hq")
    post = enroll(hq, tmp_path / "post", "BTT", usb)
    meeting = add_meeting(post, "Rapat koordinasi")
    add_incident(post, "Kejadian", meeting_id=meeting)

    window, page = open_window(post)
    qtbot.waitUntil(lambda: page.role == "post", timeout=15000)
    assert not page.post_box.isHidden() and page.hq_box.isHidden()
    meetings_page = window.go_to("meetings")
    qtbot.waitUntil(lambda: meetings_page.model.rowCount() == 1, timeout=15000)
    assert meetings_page.filter_bar.post.isHidden()  # a post sees only its own records
    page = window.go_to("sync")
    assert int(page.waiting.text()) > 0
    monkeypatch.setattr(messages, "choose_folder", lambda *a, **k: str(usb))
    qtbot.mouseClick(page.export_button, qtbot_button())
    qtbot.waitUntil(lambda: page.post_result.text().startswith("Selesai"), timeout=20000)
    bundles = sorted(usb.glob("*.okb"))
    assert len(bundles) == 1 and bundles[0].name in page.post_result.text()
    window.close()

    window, page = open_window(hq)
    qtbot.waitUntil(lambda: page.role == "hq", timeout=15000)
    assert page.post_box.isHidden() and not page.hq_box.isHidden()
    qtbot.mouseClick(page.import_folder_button, qtbot_button())
    qtbot.waitUntil(
        lambda: page.results.rowCount() == 1 and page.import_folder_button.isEnabled(),
        timeout=30000,
    )
    assert page.results.item(0, 2).text() == "diterapkan"
    assert page.results.item(0, 1).text() == "BTT"
    qtbot.waitUntil(
        lambda: page.posts.rowCount() == 1 and page.posts.item(0, 3).text() == "1", timeout=15000
    )
    # HQ registers another post from the screen, then revokes it
    answers = iter(["PNJ", "Polsek Peninjauan"])
    monkeypatch.setattr(messages, "text_input", lambda *a, **k: next(answers))
    qtbot.mouseClick(page.add_post_button, qtbot_button())
    qtbot.waitUntil(lambda: "okudesk-kit-PNJ.json" in page.manage_result.text(), timeout=15000)
    assert (usb / "okudesk-kit-PNJ.json").exists()
    qtbot.waitUntil(lambda: page.posts.rowCount() == 2, timeout=15000)
    page.posts.selectRow([page.posts.item(r, 0).text() for r in range(2)].index("PNJ"))
    monkeypatch.setattr(messages, "confirm", lambda *a, **k: True)
    qtbot.mouseClick(page.revoke_button, qtbot_button())
    qtbot.waitUntil(lambda: "dicabut" in page.manage_result.text(), timeout=15000)
    # HQ mode: every post's incidents with a Post column and filter
    incidents = window.go_to("incidents")
    post_col = [c.key for c in incidents.model.columns].index("post")
    qtbot.waitUntil(
        lambda: not incidents.filter_bar.post.isHidden() and incidents.filter_bar.post.count() == 2,
        timeout=15000,
    )
    assert not incidents.table.isColumnHidden(post_col)
    qtbot.waitUntil(
        lambda: (
            incidents.model.rowCount() == 1 and incidents.model.index(0, post_col).data() == "BTT"
        ),
        timeout=15000,
    )
    incidents.filter_bar.post.set_current_id("BTT")
    qtbot.waitUntil(lambda: incidents.model.rowCount() == 1, timeout=15000)
    page = window.go_to("sync")
    # the same stick again: refused, with the reason on the row
    qtbot.mouseClick(page.import_folder_button, qtbot_button())
    qtbot.waitUntil(
        lambda: (
            page.results.rowCount() == 1
            and page.import_folder_button.isEnabled()
            and "sudah diimpor" in page.results.item(0, 2).text()
        ),
        timeout=30000,
    )
    window.close()

    receipts = sorted(usb.glob("*.okr"))
    assert len(receipts) == 1
    post = open_store(tmp_path / "post")
    window, page = open_window(post)
    qtbot.waitUntil(lambda: page.role == "post", timeout=15000)
    monkeypatch.setattr(messages, "open_files", lambda *a, **k: [str(receipts[0])])
    qtbot.mouseClick(page.receipt_button, qtbot_button())
    qtbot.waitUntil(lambda: "diterapkan" in page.post_result.text(), timeout=20000)
    qtbot.waitUntil(
        lambda: page.enrolled.text() == "diterbitkan Polres" and page.waiting.text() == "0",
        timeout=15000,
    )
    window.close()


def qtbot_button():
    from PySide6.QtCore import Qt

    return Qt.MouseButton.LeftButton


def test_hq_sees_a_posts_rewritten_audit_trail_on_the_page(gui, qtbot, tmp_path, monkeypatch):
    """A post re-chains its trail with sqlite3 and sends it again signed with its real key:
    HQ keeps its copy, and the import row and the post list say so."""

    from test_trail_authority import _bump, _own_chain, _rechain

    from okudesk.core.sync import export, importer

    open_window, messages = gui
    usb, usb2 = tmp_path / "usb", tmp_path / "usb2"
    usb.mkdir()
    usb2.mkdir()
    hq = make_hq(tmp_path / "hq")
    post = enroll(hq, tmp_path / "post", "BTT", usb)
    add_incident(post, "Kejadian")
    assert importer.import_bundle(hq, export.export_bundle(post, usb).path, write_receipt=False).ok
    post.close()
    with rawdb.connect(tmp_path / "post" / "okudesk.sqlite3") as db:
        chain = _own_chain(db)
        db.execute("UPDATE audit_entry SET summary='diubah' WHERE chain=? AND seq=2", (chain,))
        _rechain(db, chain)
        _bump(db, "chain=?", (chain,))
    with open_store(tmp_path / "post") as post:
        export.export_bundle(post, usb2)
    window, page = open_window(hq)
    qtbot.waitUntil(lambda: page.role == "hq", timeout=15000)
    monkeypatch.setattr(messages, "choose_folder", lambda *a, **k: str(usb2))
    qtbot.mouseClick(page.import_folder_button, qtbot_button())
    qtbot.waitUntil(
        lambda: page.results.rowCount() == 1 and page.import_folder_button.isEnabled(),
        timeout=30000,
    )
    verdict = page.results.item(0, 2).text()
    assert verdict.startswith("diterapkan") and "dikirim lagi dengan isi lain" in verdict
    qtbot.waitUntil(
        lambda: (
            page.posts.rowCount() == 1 and "rantai audit bermasalah" in page.posts.item(0, 2).text()
        ),
        timeout=15000,
    )
    window.close()


def test_hq_discards_held_rows_on_the_page(gui, qtbot, tmp_path, monkeypatch):
    """Rows whose meeting never arrived are listed; HQ discards one, then all of the post's,
    each asked first and written to the audit trail."""
    import shutil

    from sqlalchemy import select

    from okudesk.core.models import AuditEntry
    from okudesk.core.sync import export, importer, receipt

    open_window, messages = gui
    usb = tmp_path / "usb"
    usb.mkdir()
    hq = make_hq(tmp_path / "hq")
    post = enroll(hq, tmp_path / "post", "BTT", usb)
    meeting = add_meeting(post, "Rapat yang tidak pernah tiba")
    first = export.export_bundle(post, usb).path
    hq.close()
    shutil.copytree(tmp_path / "hq", tmp_path / "scratch")
    with open_store(tmp_path / "scratch") as scratch:
        o = importer.import_bundle(scratch, first, receipt_dir=tmp_path)
    assert receipt.import_receipt(post, o.receipt).ok
    for n in range(3):
        add_incident(post, f"Anak rapat {n}", meeting_id=meeting)
    hq = open_store(tmp_path / "hq")
    late = importer.import_bundle(hq, export.export_bundle(post, usb).path, write_receipt=False)
    assert late.ok and late.counts["held"] == 6
    window, page = open_window(hq)
    qtbot.waitUntil(lambda: page.role == "hq" and page.held.rowCount() == 6, timeout=15000)
    asked = []
    monkeypatch.setattr(messages, "confirm", lambda *a, **k: asked.append(a[1]) or True)
    page.held.selectRow(0)
    record_id = page.held.item(0, 1).text()
    qtbot.mouseClick(page.discard_held_button, qtbot_button())
    qtbot.waitUntil(lambda: page.held.rowCount() == 5, timeout=15000)
    assert record_id in asked[0] and "BTT" in asked[0]
    page.held.selectRow(0)
    qtbot.mouseClick(page.discard_post_held_button, qtbot_button())
    qtbot.waitUntil(lambda: page.held.rowCount() == 0, timeout=15000)
    window.close()
    with hq.read() as s:
        trail = [
            e.summary for e in s.scalars(select(AuditEntry).where(AuditEntry.action == "delete"))
        ]
    assert f"Data ditahan dari pos BTT dibuang (menunggu meeting:{meeting})" in trail
    assert "5 data ditahan dari pos BTT dibuang" in trail
    hq.close()
    post.close()
