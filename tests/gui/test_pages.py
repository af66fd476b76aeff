"""Incidents' status life cycle, filtering and searching a list, follow-ups, Beranda,
shortcuts and the exception hook, as a person uses them."""

from datetime import date, timedelta

from PySide6.QtCore import Qt

from okudesk.core import demo
from okudesk.core.records import followups, incidents, meetings
from okudesk.core.records.followups import FollowUpInput
from okudesk.core.records.listing import ListFilter
from okudesk.gui.forms.incident_form import IncidentDialog, StatusDialog


def choose_officer(window, qtbot, officer_id: str) -> None:
    """Pick the officer on duty in the status bar, as a person does."""
    combo = window.officer_combo
    qtbot.waitUntil(lambda: combo.findData(officer_id) >= 0)
    combo.setCurrentIndex(combo.findData(officer_id))
    combo.activated.emit(combo.currentIndex())


def test_change_incident_status_and_see_the_history(people, window, store, qtbot, idle, yesterday):
    with store.write() as s:
        inc = incidents.create_incident(
            s,
            incidents.IncidentInput(occurred_at=yesterday, description="Pembagian amplop di pasar"),
        )
    choose_officer(window, qtbot, people["officers"][0].id)
    page = window.go_to("incidents")
    qtbot.waitUntil(lambda: page.detail_data is not None and page.detail_data.id == inc.id)
    qtbot.mouseClick(page.status_button, Qt.MouseButton.LeftButton)
    dialog = page.findChildren(StatusDialog)[-1]
    assert [dialog.status.itemData(i) for i in range(dialog.status.count())] == [
        "diverifikasi",
        "bukan_pemilu",
        "tidak_valid",
    ]
    dialog.status.setCurrentIndex(0)
    qtbot.keyClicks(dialog.note, "Saksi dua orang membenarkan")
    qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.detail_data.status == "diverifikasi", timeout=10_000)
    text = page.browser.toPlainText()
    assert (
        "Dilaporkan → Diverifikasi" in text
        and "Saksi dua orang membenarkan" in text
        and "Rahmat Hidayat" in text
    )
    idle()


def test_new_incident_form_requires_a_description(people, window, qtbot, idle):
    page = window.go_to("incidents")
    page.new_record()
    dialog = page.findChildren(IncidentDialog)[-1]
    qtbot.waitUntil(dialog.save_button.isEnabled)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.form1.errors["description"].isVisible())
    assert dialog.form1.errors["description"].text() == "Uraian kejadian wajib diisi"
    qtbot.keyClicks(dialog.description, "Spanduk caleg disobek orang tak dikenal")
    dialog.severity.set_current_id("tinggi")
    with qtbot.waitSignal(dialog.saved, timeout=10_000) as saved:
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.current_id() == saved.args[0].id)
    idle()


def test_filter_and_search_the_incident_list(window, store, qtbot, idle):
    demo.fill(store, meetings=5, incidents=300, seed=5)
    from okudesk.core.records import listing

    page = window.go_to("incidents")
    qtbot.waitUntil(lambda: page.model.rowCount() == 300 and page.model.is_idle())
    window.findChild(type(page.filter_bar.search), None)
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert page.filter_bar.search.hasFocus()
    qtbot.keyClicks(page.filter_bar.search, "pencurian motor")
    with store.read() as s:
        expected = len(listing.keys(s, listing.INCIDENTS, ListFilter(text="pencurian motor")))
        done = len(
            listing.keys(s, listing.INCIDENTS, ListFilter(text="pencurian motor", status="selesai"))
        )
    assert 0 < done < expected < 300
    qtbot.waitUntil(lambda: page.model.rowCount() == expected and page.model.is_idle())
    status = page.filter_bar.status
    status.setCurrentIndex(status.findData("selesai"))
    qtbot.waitUntil(lambda: page.model.rowCount() == done and page.model.is_idle())
    assert f"{done:,}".replace(",", ".") in page.count_label.text()
    qtbot.mouseClick(page.filter_bar.reset, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.model.rowCount() == 300 and page.model.is_idle())
    idle()


def test_follow_ups_quick_filters_and_done_with_a_note(
    people, window, store, qtbot, idle, yesterday, monkeypatch
):
    me = people["officers"][0].id
    with store.write() as s:
        meetings.create_meeting(
            s,
            meetings.MeetingInput(
                starts_at=yesterday,
                purpose="Sambang",
                follow_ups=[
                    FollowUpInput(
                        "Patroli malam", officer_id=me, due_date=date.today() - timedelta(days=2)
                    ),
                    FollowUpInput(
                        "Undang tokoh agama",
                        officer_id=people["officers"][1].id,
                        due_date=date.today() + timedelta(days=5),
                    ),
                ],
            ),
        )
    choose_officer(window, qtbot, me)
    page = window.go_to("follow_ups")
    qtbot.waitUntil(lambda: page.model.rowCount() == 2 and page.model.is_idle())
    page.set_quick_filter("overdue")
    qtbot.waitUntil(lambda: page.model.rowCount() == 1 and page.model.is_idle())
    page.set_quick_filter("mine")
    qtbot.waitUntil(lambda: page.model.rowCount() == 1 and page.model.is_idle())
    qtbot.waitUntil(lambda: page.model.data(page.model.index(0, 0)) == "Patroli malam")
    # "Tandai selesai" in the row asks what was done: cancelled, then empty, then said
    from okudesk.gui import messages
    from okudesk.gui.pages.followups import done_column

    answers = iter([None, "  ", "Patroli dilakukan pukul 22.00, aman"])
    asked, warned = [], []

    def text_input(parent, title, label, text=""):
        asked.append(label)
        return next(answers)

    monkeypatch.setattr(messages, "text_input", text_input)
    monkeypatch.setattr(messages, "warning", lambda parent, text, title=None: warned.append(text))
    index = page.model.index(0, done_column())
    rect = page.table.visualRect(index)
    qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    idle()
    with store.read() as s:  # cancelled: nothing committed
        assert followups.list_follow_ups(s, status="selesai") == []
    assert len(asked) == 1 and page.model.rowCount() == 1
    qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(lambda: page.model.rowCount() == 0 and page.model.is_idle())
    assert len(asked) == 3 and "sudah dilakukan" in warned[0]
    with store.read() as s:
        (done,) = followups.list_follow_ups(s, status="selesai")
    assert (done.what, done.done_note) == ("Patroli malam", "Patroli dilakukan pukul 22.00, aman")
    page.set_quick_filter("done")
    qtbot.waitUntil(lambda: page.model.rowCount() == 1 and page.model.is_idle())
    idle()


def test_home_page_counts_and_export_warning(people, window, store, qtbot, idle, tmp_path):
    from datetime import datetime

    from gui.test_first_week import enroll_with_hq

    enroll_with_hq(store, tmp_path / "enrolment")  # a post with nowhere to export is not nagged

    with store.write() as s:
        meetings.create_meeting(
            s,
            meetings.MeetingInput(
                starts_at=datetime.combine(date.today(), datetime.min.time()).replace(minute=1),
                purpose="Jumat Curhat",
            ),
        )
    from okudesk.gui.operations import Changes, hub

    hub().notify(Changes.of("meeting"))  # written behind the GUI's back: tell it
    home = window.go_to("home")
    qtbot.waitUntil(lambda: home.cards["meetings_today"].number.text() == "1")
    assert home.export_warning.isVisible() and "belum pernah diekspor" in home.export_warning.text()
    assert (
        "1 perubahan belum diekspor" not in window.unexported_label.text()
    )  # post, meeting...: several
    qtbot.waitUntil(lambda: window.unexported_label.text().endswith("perubahan belum diekspor"))
    from okudesk.core.records import settings, stats

    with store.write() as s:
        _inst, counter = __import__(
            "okudesk.core.history.versioning", fromlist=["current"]
        ).current(s.connection())
        settings.put(s, settings.LAST_EXPORTED_COUNTER, str(counter))
        settings.put(s, settings.LAST_EXPORTED_AT, datetime.now().isoformat())
    with store.read() as s:
        assert stats.unexported_changes(s) == 0
    hub().notify(Changes.of("setting"))
    qtbot.waitUntil(lambda: not home.export_warning.isVisible())
    qtbot.waitUntil(lambda: window.unexported_label.text() == "0 perubahan belum diekspor")
    idle()


def test_unexpected_error_is_logged_and_shown_readably(window, qtbot, idle, gui_env, tmp_path):
    from okudesk.core.errors import OkudeskError
    from okudesk.gui.operations import QueryOp

    def broken(_session):
        raise KeyError("no such thing")

    QueryOp(window, broken).run()
    idle()
    assert len(gui_env["error"]) == 1
    text = gui_env["error"][0]
    assert "kesalahan tak terduga" in text and "KeyError" not in text.split("\n")[0]
    assert "okudesk.log" in text
    assert "KeyError" in (tmp_path / "logs" / "okudesk.log").read_text()

    def refused(_session):
        raise OkudeskError("Flashdisk dicabut saat menyalin")

    QueryOp(window, refused).run()
    idle()
    assert gui_env["error"][1] == "Flashdisk dicabut saat menyalin"
    import sys

    from okudesk.gui import errors

    try:
        raise ValueError("from a slot")
    except ValueError:
        errors._excepthook(*sys.exc_info())  # what sys.excepthook is after errors.install()
    assert len(gui_env["error"]) == 3 and "ValueError" not in gui_env["error"][2]


def test_window_remembers_page_geometry_and_columns(people, window, store, qtbot, idle):
    from okudesk.gui.main_window import MainWindow

    page = window.go_to("incidents")
    qtbot.waitUntil(lambda: page.model.is_idle())
    page.table.setColumnWidth(2, 333)
    window.resize(1100, 700)
    window.close()  # saves the layout
    again = MainWindow(store)
    qtbot.addWidget(again)
    again.show()
    qtbot.waitUntil(again.is_ready)
    assert again.current_page() is again.pages["incidents"]  # opens where it was left
    assert again.pages["incidents"].table.columnWidth(2) == 333
    idle()
    again.close()


def test_open_a_record_beyond_the_first_page(window, store, qtbot, idle):
    demo.fill(store, meetings=3, incidents=450, seed=9)
    from sqlalchemy import select

    from okudesk.core.models import Incident

    with store.read() as s:
        oldest = s.scalar(select(Incident.id).order_by(Incident.occurred_at).limit(1))
    page = window.go_to("incidents")
    page.open_record(oldest)  # as from Beranda: the list loads 300 keys first, the rest later
    qtbot.waitUntil(lambda: page.current_id() == oldest, timeout=10_000)
    assert page.current_row() == 449
    idle()


def test_list_pages_are_built_ahead_but_read_nothing_until_opened(
    people, window, store, qtbot, idle, yesterday
):
    from okudesk.gui.operations import INCIDENT, Changes, hub

    qtbot.waitUntil(
        lambda: {"incidents", "meetings", "follow_ups", "stakeholders"} <= set(window.pages),
        timeout=10_000,
    )
    idle()
    page = window.pages["incidents"]
    assert page.model.rowCount() == 0 and page.model.is_idle()  # built, not loaded
    with store.write() as s:
        incidents.create_incident(
            s, incidents.IncidentInput(occurred_at=yesterday, description="Baliho dirusak")
        )
    hub().notify(Changes.of(INCIDENT))
    idle()
    assert (
        page.model.rowCount() == 0 and page.model.is_idle()
    )  # a change does not load a page nobody opened
    window.go_to("incidents")
    assert window.current_page() is page
    qtbot.waitUntil(
        lambda: page.model.rowCount() == 1 and page.model.row_values(0) is not None, timeout=10_000
    )
