"""Small things of the HQ desk and the post's daily lists: a silent post stands out, every
post shows at once, statuses read in the user's language, partial lists say so."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import rawdb
from sync_world import add_incident, enroll, export_to, import_all, make_hq


def test_a_silent_post_is_highlighted_and_every_post_shows(qtbot, tmp_path):
    from okudesk.gui import operations
    from okudesk.gui.main_window import MainWindow

    usb = tmp_path / "usb"
    usb.mkdir()
    hq = make_hq(tmp_path / "hq")
    codes = ["BTA", "BTB", "BTC", "BTD", "BTE"]
    posts = [enroll(hq, tmp_path / c.lower(), c, usb) for c in codes]
    for c, post in zip(codes, posts, strict=True):
        add_incident(post, f"Kejadian {c}")
    bundles = [export_to(post, usb) for post in posts]
    assert all(o.ok for o in import_all(hq, bundles))
    for post in posts:
        post.close()
    hq.close()
    # BTB's last bundle arrived 12 days ago (the reminder is at 7 days by default)
    with rawdb.connect(tmp_path / "hq" / "okudesk.sqlite3") as db:
        old = (datetime.now() - timedelta(days=12)).isoformat(sep=" ")
        assert db.execute(
            "UPDATE sync_bundle SET imported_at=? WHERE post_code='BTB'", (old,)
        ).rowcount
    from sync_world import open_store

    hq = open_store(tmp_path / "hq")
    operations.set_hub(None)
    window = MainWindow(hq)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(window.is_ready, timeout=15_000)
    page = window.go_to("sync")
    qtbot.waitUntil(lambda: page.posts.rowCount() == 5, timeout=15_000)
    table = page.posts
    row = [table.item(r, 0).text() for r in range(5)].index("BTB")
    qtbot.waitUntil(lambda: "7 hari" in table.item(row, 0).toolTip(), timeout=10_000)
    marked = [r for r in range(5) if table.item(r, 0).background().color().name() == "#fff3cd"]
    assert marked == [row]
    assert table.item(row, 5).text() == "12"
    # the status reads in Indonesian, not the registry's code
    assert {table.item(r, 2).text() for r in range(5)} == {"aktif"}
    # every post is in view without scrolling the table
    qtbot.waitUntil(lambda: table.verticalScrollBar().maximum() == 0, timeout=5_000)
    assert table.viewport().height() >= sum(table.rowHeight(r) for r in range(5))
    qtbot.waitUntil(lambda: window.hub.taskman.pending == 0, timeout=10_000)
    window.close()
    window.hub.taskman.shutdown()


def test_beranda_says_its_lists_show_part_and_opens_the_whole(window, store, qtbot, idle):
    from datetime import date

    from okudesk.core.records import meetings
    from okudesk.core.records.followups import FollowUpInput

    today = date.today()
    with store.write() as s:
        meetings.create_meeting(
            s,
            meetings.MeetingInput(
                starts_at=datetime.combine(today, datetime.min.time()) - timedelta(days=20),
                purpose="Rapat koordinasi",
                follow_ups=[
                    FollowUpInput(what=f"Tugas {n}", due_date=today - timedelta(days=n + 1))
                    for n in range(11)
                ],
            ),
        )
    for n in range(10):
        add_incident_at(store, today, n)
    home = window.go_to("home")
    home.refresh()
    qtbot.waitUntil(lambda: home.follow_ups_more.isVisibleTo(home), timeout=10_000)
    assert home.follow_ups.rowCount() == 8
    assert (
        "8 dari 11" in home.follow_ups_more.text() and "lihat semua" in home.follow_ups_more.text()
    )
    qtbot.waitUntil(lambda: home.incidents_more.isVisibleTo(home), timeout=10_000)
    assert "8 dari 10" in home.incidents_more.text()
    home.follow_ups_more.linkActivated.emit("all")  # the user clicks "lihat semua"
    page = window.current_page()
    assert page is window.page("follow_ups") and page.quick_filter() == "open"
    qtbot.waitUntil(lambda: page.model.rowCount() == 11, timeout=10_000)
    window.go_to("home")
    home.incidents_more.linkActivated.emit("all")
    page = window.current_page()
    assert page is window.page("incidents")
    qtbot.waitUntil(lambda: page.model.rowCount() == 10, timeout=10_000)
    idle()


def add_incident_at(store, today, n: int) -> None:
    from okudesk.core.records import incidents, reference

    with store.write() as s:
        incidents.create_incident(
            s,
            incidents.IncidentInput(
                occurred_at=datetime.combine(today, datetime.min.time()) - timedelta(days=n + 1),
                category_id=reference.incident_categories(s)[0].id,
                kecamatan_id=reference.kecamatan(s)[0].id,
                title=f"Kejadian {n}",
                description="Uraian",
            ),
        )


def test_beranda_says_nothing_when_its_lists_are_whole(window, qtbot, idle):
    home = window.go_to("home")
    idle()
    assert not home.follow_ups_more.isVisibleTo(home)
    assert not home.incidents_more.isVisibleTo(home)


def test_after_saving_at_a_post_the_saved_row_stays_selected(window, store, qtbot, idle):
    from PySide6.QtCore import Qt

    from okudesk.gui.forms.incident_form import IncidentDialog

    today = date.today()
    for n in range(6):
        add_incident_at(store, today, n)
    page = window.go_to("incidents")
    qtbot.waitUntil(lambda: page.model.rowCount() == 6 and page.model.is_idle(), timeout=10_000)
    # edit the fourth row
    page.table.selectRow(3)
    target = page.current_id()
    qtbot.waitUntil(lambda: page.detail_data is not None and page.detail_data.id == target)
    page.open_selected()
    dialog = page.findChildren(IncidentDialog)[-1]
    qtbot.waitUntil(dialog.save_button.isEnabled, timeout=10_000)
    dialog.title_edit.clear()
    qtbot.keyClicks(dialog.title_edit, "Judul baru")
    with qtbot.waitSignal(dialog.saved, timeout=10_000):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    idle()
    qtbot.waitUntil(lambda: page.model.is_idle(), timeout=10_000)
    idle()
    assert page.current_id() == target and page.current_row() == 3
    # a new record, placed in the middle of the list by its date, is selected where it lands
    page.new_record()
    dialog = page.findChildren(IncidentDialog)[-1]
    qtbot.waitUntil(dialog.save_button.isEnabled, timeout=10_000)
    dialog.occurred_at.set_value(
        datetime.combine(today, datetime.min.time()) - timedelta(days=2, hours=12)
    )
    qtbot.keyClicks(dialog.description, "Spanduk disobek")
    with qtbot.waitSignal(dialog.saved, timeout=10_000) as saved:
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    idle()
    qtbot.waitUntil(lambda: page.model.is_idle(), timeout=10_000)
    idle()
    assert page.current_id() == saved.args[0].id and page.current_row() == 2
