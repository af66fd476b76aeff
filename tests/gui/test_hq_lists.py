"""HQ reads every list by post: a Pos column near the front and a post filter, built on an HQ
holding two posts' records imported from their real bundles."""

from __future__ import annotations

from datetime import date

import pytest
from sync_world import WHEN

from okudesk.core.records import followups, meetings, officers, reference, stakeholders


def _add_people(store, name: str, what: str) -> None:
    with store.write() as s:
        kec = reference.kecamatan(s)[0]
        st = stakeholders.add_stakeholder(s, stakeholders.StakeholderInput(name=name))
        meetings.create_meeting(
            s,
            meetings.MeetingInput(
                starts_at=WHEN,
                kecamatan_id=kec.id,
                purpose="Silaturahmi",
                stakeholder_ids=[st.id],
                follow_ups=[
                    followups.FollowUpInput(
                        what=what, responsible="Kanit", due_date=date(2026, 4, 1)
                    )
                ],
            ),
        )


@pytest.fixture
def hq_window(qtbot, tmp_path):
    from sync_world import add_incident, enroll, export_to, import_all, make_hq

    from okudesk.gui import operations
    from okudesk.gui.main_window import MainWindow

    usb = tmp_path / "usb"
    usb.mkdir()
    hq = make_hq(tmp_path / "hq")
    btt = enroll(hq, tmp_path / "btt", "BTT", usb)
    btb = enroll(hq, tmp_path / "btb", "BTB", usb)
    # the same name at two posts: two people, told apart by their post
    _add_people(btt, "Haji Usman", "Pantau baliho BTT")
    _add_people(btb, "Haji Usman", "Pantau baliho BTB")
    _add_people(btb, "Siti Aminah", "Undang rapat BTB")
    add_incident(btt, "Baliho dirusak")
    add_incident(btb, "Politik uang")
    for post, nrp in ((btt, "85010001"), (btb, "85010002")):
        with post.write() as s:
            officers.add_officer(s, name=f"Bhabin {nrp}", nrp=nrp, position="Bhabinkamtibmas")
    assert all(o.ok for o in import_all(hq, [export_to(btt, usb), export_to(btb, usb)]))
    btt.close()
    btb.close()
    operations.set_hub(None)
    window = MainWindow(hq)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(window.is_ready, timeout=15_000)
    yield window
    qtbot.waitUntil(lambda: window.hub.taskman.pending == 0, timeout=10_000)
    window.close()
    window.hub.taskman.shutdown()


def _column_texts(page, key: str) -> list[str]:
    col = [c.key for c in page.model.columns].index(key)
    return [page.model.index(r, col).data() for r in range(page.model.rowCount())]


@pytest.mark.parametrize(
    "name, counts",
    [
        ("stakeholders", {"BTT": 1, "BTB": 2}),
        ("follow_ups", {"BTT": 1, "BTB": 2}),
        ("meetings", {"BTT": 1, "BTB": 2}),
        ("incidents", {"BTT": 1, "BTB": 1}),
    ],
)
def test_each_list_at_hq_shows_the_post_near_the_front_and_filters_by_it(
    hq_window, qtbot, name, counts
):
    page = hq_window.go_to(name)
    if name == "follow_ups":
        page.set_quick_filter("all")
    bar = page.filter_bar
    qtbot.waitUntil(lambda: bar.post.isVisibleTo(page) and bar.post.count() == 3, timeout=10_000)
    qtbot.waitUntil(lambda: page.model.rowCount() == sum(counts.values()), timeout=10_000)
    keys = [c.key for c in page.model.columns]
    col = keys.index("post")
    assert col <= 1 and not page.table.isColumnHidden(col)  # near the front, shown
    qtbot.waitUntil(lambda: None not in _column_texts(page, "post"), timeout=10_000)
    assert sorted(_column_texts(page, "post")) == sorted(
        code for code, n in counts.items() for _ in range(n)
    )
    for code, n in counts.items():
        bar.post.setCurrentIndex(bar.post.findData(code))
        want = [code] * n
        qtbot.waitUntil(
            lambda want=want: _column_texts(page, "post") == want and page.model.is_idle(),
            timeout=10_000,
        )
    bar.post.setCurrentIndex(0)  # every post again
    qtbot.waitUntil(lambda: page.model.rowCount() == sum(counts.values()), timeout=10_000)


def test_the_same_name_at_two_posts_is_told_apart_and_mine_is_hidden(hq_window, qtbot):
    page = hq_window.go_to("stakeholders")
    qtbot.waitUntil(lambda: page.filter_bar.post.isVisibleTo(page), timeout=10_000)
    qtbot.waitUntil(lambda: page.model.rowCount() == 3, timeout=10_000)
    qtbot.waitUntil(lambda: None not in _column_texts(page, "post"), timeout=10_000)
    rows = sorted(zip(_column_texts(page, "name"), _column_texts(page, "post"), strict=True))
    assert rows == [("Haji Usman", "BTB"), ("Haji Usman", "BTT"), ("Siti Aminah", "BTB")]
    follow = hq_window.go_to("follow_ups")
    qtbot.waitUntil(lambda: follow.filter_bar.post.isVisibleTo(follow), timeout=10_000)
    assert not follow.mine_button.isVisibleTo(follow)
    assert follow.quick_filter() != "mine"


def test_at_a_post_the_lists_have_no_post_column_and_keep_mine(window, qtbot, idle):
    for name in ("stakeholders", "follow_ups", "meetings", "incidents"):
        page = window.go_to(name)
        idle()
        col = [c.key for c in page.model.columns].index("post")
        assert page.table.isColumnHidden(col) and not page.filter_bar.post.isVisibleTo(page)
    assert window.page("follow_ups").mine_button.isVisibleTo(window.page("follow_ups"))
    audit = window.go_to("audit")
    idle()
    assert audit.table.isColumnHidden(6) and audit.accounts.isColumnHidden(4)
    assert not audit.post.isVisibleTo(audit) and not audit.post.hq
    settings = window.go_to("settings")
    idle()
    assert settings.officers.isColumnHidden(4) and not settings.officer_post.hq


def test_printing_a_posts_record_at_hq_gives_a_copy_and_never_asks_a_passphrase(hq_window, qtbot):
    from pypdf import PdfReader
    from PySide6.QtCore import Qt

    page = hq_window.go_to("meetings")
    qtbot.waitUntil(
        lambda: page.model.rowCount() == 3 and page.current_id() is not None, timeout=10_000
    )
    dialog = page.print_current()
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.refusal is not None, timeout=10_000)
    # said at once: the post's signed copy is the document; nothing to type
    assert "salinan bertanda tangan" in dialog.status.text()
    assert not dialog.passphrase.isEnabled() and not dialog.draft.isEnabled()
    assert dialog.draft.isChecked() and dialog.make_button.text() == "Buat salinan"
    with qtbot.waitSignal(dialog.finished_report, timeout=20_000) as made:
        qtbot.mouseClick(dialog.make_button, Qt.MouseButton.LeftButton)
    result = made.args[0]
    assert not result.signed and result.number == ""
    text = " ".join(p.extract_text() for p in PdfReader(str(dialog.pdf_path)).pages)
    assert "SALINAN" in text and "Nomor:" not in text
    assert "Salinan dibuat" in dialog.status.text() and dialog.error.text() == ""
    dialog.close()


def _visible_posts(table, column: int) -> set[str]:
    return {
        table.item(r, column).text() for r in range(table.rowCount()) if not table.isRowHidden(r)
    }


def test_audit_accounts_and_officers_at_hq_show_and_filter_the_post(hq_window, qtbot):
    with hq_window.hub.store.write() as s:  # each post has an officer; HQ one of its own
        officers.add_officer(s, name="Admin Polres", nrp="90010002", position="Admin")
    audit = hq_window.go_to("audit")
    table = audit.table
    qtbot.waitUntil(
        lambda: audit.post.isVisibleTo(audit) and audit.post.count() == 3, timeout=10_000
    )
    qtbot.waitUntil(lambda: _visible_posts(table, 6) >= {"BTT", "BTB"}, timeout=10_000)
    assert table.horizontalHeader().visualIndex(6) == 1 and not table.isColumnHidden(6)
    audit.post.setCurrentIndex(audit.post.findData("BTB"))
    qtbot.waitUntil(lambda: _visible_posts(table, 6) == {"BTB"}, timeout=10_000)
    assert all(table.item(r, 6).text() == "BTB" for r in range(table.rowCount()))

    accounts = audit.accounts
    qtbot.waitUntil(
        lambda: audit.account_post.isVisibleTo(audit.account_post.parent()), timeout=10_000
    )
    qtbot.waitUntil(lambda: accounts.rowCount() >= 1, timeout=10_000)
    assert accounts.horizontalHeader().visualIndex(4) == 1 and not accounts.isColumnHidden(4)
    qtbot.waitUntil(lambda: _visible_posts(accounts, 4) >= {"OKU", "BTT", "BTB"}, timeout=10_000)
    audit.account_post.setCurrentIndex(audit.account_post.findData("BTT"))
    assert _visible_posts(accounts, 4) == {"BTT"}
    audit.account_post.setCurrentIndex(0)
    assert _visible_posts(accounts, 4) >= {"OKU", "BTT", "BTB"}

    settings = hq_window.go_to("settings")
    officers_table = settings.officers
    qtbot.waitUntil(
        lambda: settings.officer_post.hq and officers_table.rowCount() >= 1, timeout=10_000
    )
    assert officers_table.horizontalHeader().visualIndex(4) == 1
    assert not officers_table.isColumnHidden(4)
    qtbot.waitUntil(
        lambda: _visible_posts(officers_table, 4) >= {"OKU", "BTT", "BTB"}, timeout=10_000
    )
    settings.officer_post.setCurrentIndex(settings.officer_post.findData("BTB"))
    assert _visible_posts(officers_table, 4) == {"BTB"}
    qtbot.waitUntil(lambda: hq_window.hub.taskman.pending == 0, timeout=10_000)
