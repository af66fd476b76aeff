"""The read-only record view (Lihat) at a post and at HQ, and the audit trail paged through
whole and filtered by a record's number."""

from __future__ import annotations

import io
from datetime import datetime, timedelta

from PIL import Image
from PySide6.QtCore import Qt

from okudesk.core.history import audit
from okudesk.core.records import followups, incidents, photos, reference


def _jpeg(size, color) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, color).save(out, "JPEG")
    return out.getvalue()


def _incident_with_everything(store) -> tuple[str, str]:
    when = datetime.now().replace(microsecond=0) - timedelta(days=1)
    with store.write() as s:
        kec = reference.kecamatan(s)[0]
        cat = reference.incident_categories(s)[0]
        d = incidents.create_incident(
            s,
            incidents.IncidentInput(
                occurred_at=when,
                category_id=cat.id,
                kecamatan_id=kec.id,
                title="Spanduk dirusak",
                description="Spanduk calon dirobek di depan pasar.\nDua saksi.",
                place="Pasar Baru",
                follow_ups=[followups.FollowUpInput(what="Panggil saksi", responsible="Kanit")],
            ),
        )
        incidents.change_status(s, d.id, "diverifikasi", note="Saksi cocok")
        photos.add_photo(
            s,
            store.photo_dir,
            _jpeg((1600, 1200), (200, 30, 30)),
            incident_id=d.id,
            caption="Depan",
        )
        photos.add_photo(
            s,
            store.photo_dir,
            _jpeg((800, 600), (30, 30, 200)),
            incident_id=d.id,
            caption="Belakang",
        )
        return d.id, d.number


def test_lihat_reads_an_incident_whole(window, store, qtbot):
    from okudesk.gui.dialogs.record_view import RecordViewDialog

    incident, number = _incident_with_everything(store)
    page = window.go_to("incidents")
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=15000)
    page.table.selectRow(0)
    qtbot.waitUntil(lambda: page.current_id() == incident, timeout=15000)
    qtbot.mouseClick(page.view_button, Qt.MouseButton.LeftButton)
    dialog = page.findChild(RecordViewDialog)
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.record is not None, timeout=15000)
    assert dialog.heading.text() == f"Kejadian {number} — Spanduk dirusak"
    text = dialog.data.toPlainText()
    for expected in (
        "Judul singkat",
        "Spanduk dirusak",
        "Tempat",
        "Pasar Baru",
        "Dua saksi.",
        "Riwayat status",
        "Saksi cocok",
        "Diverifikasi",
    ):
        assert expected in text, expected
    assert (
        dialog.follow_ups.rowCount() == 1 and dialog.follow_ups.item(0, 0).text() == "Panggil saksi"
    )
    assert dialog.tabs.tabText(1) == "Foto (2)"
    assert dialog.audit.rowCount() >= 4  # created, status, two photos' entries at least
    assert dialog.tabs.isTabVisible(4)
    actions = {dialog.audit.item(r, 2).text() for r in range(dialog.audit.rowCount())}
    assert "Dibuat" in actions

    viewer = dialog.photos
    dialog.tabs.setCurrentIndex(1)
    qtbot.waitUntil(lambda: viewer.image is not None, timeout=15000)
    assert (viewer.image.width(), viewer.image.height()) in ((1600, 1200), (800, 600))
    first = viewer.image.width()
    assert viewer.position.text() == "Foto 1 dari 2" and not viewer.prev_button.isEnabled()
    qtbot.mouseClick(viewer.actual_button, Qt.MouseButton.LeftButton)
    assert viewer.picture.pixmap().width() == first  # full size, not a thumbnail
    qtbot.mouseClick(viewer.zoom_in_button, Qt.MouseButton.LeftButton)
    assert viewer.picture.pixmap().width() == round(first * 1.25)
    qtbot.mouseClick(viewer.next_button, Qt.MouseButton.LeftButton)
    assert viewer.position.text() == "Foto 2 dari 2" and not viewer.next_button.isEnabled()
    qtbot.waitUntil(
        lambda: viewer.image is not None and viewer.image.width() != first, timeout=15000
    )
    qtbot.mouseClick(viewer.prev_button, Qt.MouseButton.LeftButton)
    assert viewer.position.text() == "Foto 1 dari 2"
    dialog.accept()


def test_at_hq_enter_and_double_click_open_the_view_not_the_form(qtbot, tmp_path):
    from sync_world import add_incident, enroll, export_to, make_hq

    from okudesk.core import permissions
    from okudesk.core.sync import importer
    from okudesk.gui import operations
    from okudesk.gui.dialogs.record_view import RecordViewDialog
    from okudesk.gui.forms.incident_form import IncidentDialog
    from okudesk.gui.main_window import MainWindow

    hq = make_hq(tmp_path / "hq")
    post = enroll(hq, tmp_path / "post", "BTT", tmp_path)
    add_incident(post, "Dari pos")
    assert importer.import_bundle(hq, export_to(post, tmp_path), write_receipt=False).ok
    post.close()
    hq.actor = permissions.Actor(None, "Analis Uji", "hq_analyst")
    operations.set_hub(None)
    window = MainWindow(hq)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(window.is_ready, timeout=15000)
    try:
        page = window.go_to("incidents")
        qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=15000)
        assert page.edit_button.isHidden() and not page.view_button.isHidden()
        page.table.selectRow(0)
        page.table.setFocus()
        qtbot.keyClick(page.table, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: page.findChild(RecordViewDialog) is not None, timeout=5000)
        dialog = page.findChild(RecordViewDialog)
        qtbot.waitUntil(lambda: dialog.record is not None, timeout=15000)
        assert "Dari pos" in dialog.heading.text() and dialog.record.origin_post == "BTT"
        assert dialog.tabs.isTabVisible(4)  # the analyst reads the trail
        dialog.close()
        page.table.doubleClicked.emit(page.model.index(0, 1))  # a double-click on the row
        qtbot.waitUntil(
            lambda: sum(d.isVisible() for d in page.findChildren(RecordViewDialog)) == 1,
            timeout=5000,
        )
        assert page.findChild(IncidentDialog) is None  # never the edit form
    finally:
        window.hub.taskman.shutdown()
        operations.set_hub(None)


def test_audit_page_pages_through_everything_and_filters_by_number(window, store, qtbot, idle):
    incident, number = _incident_with_everything(store)
    with store.write() as s:
        for k in range(1100):
            audit.record(s, "print", summary=f"cetak uji {k}")
    with store.read() as s:
        total = audit.count(s)
        from okudesk.core.records import numbers

        mine = audit.count(s, record_ids=numbers.family(s, [incident]))
    assert total > 1100 and mine >= 4
    page = window.go_to("audit")
    qtbot.waitUntil(lambda: page.table.rowCount() == 500, timeout=15000)
    assert page.count_label.text() == f"Entri 1–500 dari {total} (paling baru dulu)"
    assert not page.prev_button.isEnabled() and page.next_button.isEnabled()
    newest = page.table.item(0, 4).text()
    qtbot.mouseClick(page.next_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.count_label.text().startswith("Entri 501–1000"), timeout=15000)
    assert page.table.item(0, 4).text() != newest
    qtbot.mouseClick(page.last_button, Qt.MouseButton.LeftButton)
    last_first = (total - 1) // 500 * 500 + 1
    qtbot.waitUntil(
        lambda: page.count_label.text().startswith(f"Entri {last_first}–{total} "), timeout=15000
    )
    assert page.table.rowCount() == total - last_first + 1
    assert not page.next_button.isEnabled()
    # the oldest entries are reachable: the store's first entries, not only the 500 newest
    with store.read() as s:
        oldest = audit.entries(s, limit=1, offset=total - 1)[0]
    assert page.table.item(page.table.rowCount() - 1, 4).text() == oldest.summary

    # a record by its number (or a part of it), shown by its number
    page.record.setText(number.lower())
    page.record.returnPressed.emit()
    qtbot.waitUntil(lambda: page.table.rowCount() == mine, timeout=15000)
    from okudesk.gui import labels

    kinds = tuple(
        labels.record_type(k)
        for k in ("incident", "attachment", "incident_status_change", "follow_up")
    )
    assert all(page.table.item(r, 3).text().startswith(kinds) for r in range(page.table.rowCount()))
    incident = f"{labels.record_type('incident')} {number}"
    assert any(page.table.item(r, 3).text() == incident for r in range(mine))
    page.record.setText("TIDAK-ADA-NOMOR-INI")
    page.record.returnPressed.emit()
    qtbot.waitUntil(lambda: page.table.rowCount() == 0, timeout=15000)
    assert page.count_label.text().startswith("Entri 0–0 dari 0")


def test_the_console_is_named_in_words_on_the_audit_page_its_filter_and_the_record_view(
    window, store, qtbot
):
    import getpass

    from okudesk.core import permissions
    from okudesk.gui.dialogs.record_view import RecordViewDialog

    user = getpass.getuser()
    incident, _number = _incident_with_everything(store)  # by the test's console ("pytest")
    officer = permissions.Actor("o-1", "Aiptu Rahmat Hidayat", "petugas")
    with store.write() as s:
        audit.record(s, "print", summary="cetak oleh petugas", actor=officer)
    from okudesk.core.records import settings

    with store.write() as s:
        settings.put(s, settings.OFFICER_ON_DUTY, "o-1")
    console = f"Sistem (pytest, akun komputer {user})"
    page = window.go_to("audit")
    qtbot.waitUntil(lambda: page.table.rowCount() > 5, timeout=15000)
    rows = [[page.table.item(r, c).text() for c in range(6)] for r in range(page.table.rowCount())]
    who = {row[1] for row in rows}
    assert console in who and "Aiptu Rahmat Hidayat" in who
    assert not any(w.startswith("(") or w.endswith(f"({user})") for w in who), who
    # a setting by its name, fields by their labels, never the stored keys
    assert any(row[4] == "Petugas piket" for row in rows), [row[4] for row in rows]
    assert not any("gui." in row[4] for row in rows)
    incident_rows = [row for row in rows if row[3].startswith("Kejadian ")]
    assert incident_rows and not any("_id" in row[5] for row in incident_rows)
    assert any("Judul singkat" in row[5] and "Uraian kejadian" in row[5] for row in rows)
    # the filter offers the console too: what no officer did
    texts = [page.officer.itemText(i) for i in range(page.officer.count())]
    assert "Sistem (bukan petugas)" in texts
    page.officer.setCurrentIndex(texts.index("Sistem (bukan petugas)"))
    qtbot.waitUntil(
        lambda: {page.table.item(r, 1).text() for r in range(page.table.rowCount())} == {console},
        timeout=15000,
    )

    dialog = RecordViewDialog(window, "incident", incident)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.record is not None, timeout=15000)
    seen = {dialog.audit.item(r, 1).text() for r in range(dialog.audit.rowCount())}
    assert seen == {console}
    dialog.close()
