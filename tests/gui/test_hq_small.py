"""Small things of the HQ desk and the post's daily lists: a silent post stands out, every
post shows at once, statuses read in the user's language, partial lists say so."""

from __future__ import annotations

import sqlite3
from datetime import datetime, timedelta

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
    with sqlite3.connect(tmp_path / "hq" / "okudesk.sqlite3") as db:
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
