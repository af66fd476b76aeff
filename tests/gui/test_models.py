"""The table models on demo data: Qt's model checks, lazy loading, sorting, filters, search."""

import pytest
from PySide6.QtCore import Qt

from okudesk.core import demo
from okudesk.core.records import listing
from okudesk.core.records.listing import ListFilter
from okudesk.gui.table_model import ColumnSpec, ListModel


@pytest.fixture
def demo_store(store):
    from okudesk.gui.operations import hub

    demo.fill(store, meetings=30, incidents=400, seed=3)
    hub().store = store
    return store


def make_model(name: str) -> ListModel:
    cols = [ColumnSpec(key, lambda key=key: key) for key in listing.LISTINGS[name].column_keys]
    return ListModel(listing.LISTINGS[name], cols)


def load(model, qtbot, idle):
    model.reload()
    qtbot.waitUntil(lambda: model.is_idle() and not model.canFetchMore(), timeout=10_000)
    idle()


@pytest.mark.parametrize("name", ["meeting", "incident", "stakeholder", "follow_up"])
def test_every_list_model_passes_qt_model_checks(name, demo_store, qtbot, qtmodeltester, idle):
    model = make_model(name)
    load(model, qtbot, idle)
    assert model.rowCount() > 0
    qtmodeltester.check(model, force_py=True)
    idle()
    # rows on screen arrive from the worker; then every visible column has its text
    model.data(model.index(0, 0))
    qtbot.waitUntil(lambda: model.data(model.index(0, 0)) is not None)
    qtmodeltester.check(model, force_py=True)


def test_incidents_load_lazily_first_page_then_the_rest(demo_store, qtbot, idle):
    model = make_model("incident")
    with qtbot.waitSignal(model.loaded):
        model.reload()
    assert model.rowCount() == 300  # the first page only
    with qtbot.waitSignal(model.complete):
        pass
    assert model.rowCount() == 400
    idle()


def test_sorting_by_severity_and_text_search(demo_store, qtbot, idle):
    from PySide6.QtCore import Qt

    model = make_model("incident")
    load(model, qtbot, idle)
    col = model.columns.index(next(c for c in model.columns if c.key == "severity"))
    model.sort(col, Qt.SortOrder.DescendingOrder)
    qtbot.waitUntil(lambda: model.is_idle() and not model.canFetchMore())
    qtbot.waitUntil(lambda: model.data(model.index(0, col)) is not None)
    assert model.data(model.index(0, col)) == "kritis"
    model.set_filter(ListFilter(text="amplop"))
    qtbot.waitUntil(lambda: model.is_idle() and not model.canFetchMore())
    with demo_store.read() as s:
        expected = listing.keys(s, listing.INCIDENTS, ListFilter(text="amplop"))
        everything = listing.rows(s, listing.INCIDENTS, list(expected))
    assert 0 < model.rowCount() == len(expected) < 400
    summary = listing.INCIDENTS.column_keys.index("summary") + 1  # rows start with the record id
    assert all("amplop" in row[summary].lower() for row in everything.values())


def test_search_index_follows_edits_and_soft_deletes(store, people, yesterday):
    from okudesk.core.records import incidents, meetings

    with store.write() as s:
        m = meetings.create_meeting(
            s, meetings.MeetingInput(starts_at=yesterday, purpose="Sosialisasi anti politik uang")
        )
        i = incidents.create_incident(
            s, incidents.IncidentInput(occurred_at=yesterday, description="Baliho dirusak")
        )
    with store.read() as s:
        assert len(listing.keys(s, listing.MEETINGS, ListFilter(text="politik"))) == 1
        assert len(listing.keys(s, listing.INCIDENTS, ListFilter(text="balih"))) == 1  # word prefix
    with store.write() as s:
        incidents.update_incident(
            s, i.id, incidents.IncidentInput(occurred_at=yesterday, description="Spanduk disobek")
        )
        meetings.delete_meeting(s, m.id)
    with store.read() as s:
        assert len(listing.keys(s, listing.INCIDENTS, ListFilter(text="baliho"))) == 0
        assert len(listing.keys(s, listing.INCIDENTS, ListFilter(text="spanduk"))) == 1
        assert len(listing.keys(s, listing.MEETINGS, ListFilter(text="politik"))) == 0
    from okudesk.core.store import search

    with store.write() as s:
        search.rebuild(s.connection())
    with store.read() as s:
        assert len(listing.keys(s, listing.INCIDENTS, ListFilter(text="spanduk"))) == 1


def test_compact_keys_behave_like_the_list_they_replace(
    store, qtbot, qtmodeltester, idle, monkeypatch, yesterday
):
    """Keys arrive in chunks of 4 bytes a key; a key that needs 8 widens the model's array
    and the list stays the same: order, rows, lookups, reloads after a change, Qt's checks."""
    from datetime import timedelta

    from okudesk.core.records import meetings
    from okudesk.gui import table_model
    from okudesk.gui.operations import hub

    hub().store = store
    monkeypatch.setattr(table_model, "FIRST_KEYS", 3)
    monkeypatch.setattr(table_model, "KEY_CHUNK", 2)
    monkeypatch.setattr(table_model, "PAGE", 2)
    with store.write() as s:
        made = [
            meetings.create_meeting(
                s,
                meetings.MeetingInput(
                    starts_at=yesterday - timedelta(days=n), purpose=f"Rapat {n}"
                ),
            ).id
            for n in range(7)
        ]
    model = make_model("meeting")
    load(model, qtbot, idle)
    assert model._keys.typecode == "I" and model.rowCount() == 7
    with store.write() as s:  # the oldest meeting gets a rowid beyond 4 bytes
        s.connection().exec_driver_sql(
            "UPDATE meeting SET rowid = ? WHERE id = ?", (2**32 + 1, made[6])
        )
    load(model, qtbot, idle)
    assert model._keys.typecode == "q"  # widened when the last chunk arrived
    with store.read() as s:
        expected = listing.keys(s, listing.MEETINGS)
    assert list(model._keys) == list(expected) and model._keys[-1] == 2**32 + 1
    assert model.row_of_key(2**32 + 1) == 6 and model.row_of_key(12345) == -1
    assert model.index(6, 0).data(table_model.KEY_ROLE) == 2**32 + 1
    for row in range(7):  # rows read page by page through the worker
        model.record_id(row)
        qtbot.waitUntil(lambda row=row: model.record_id(row) is not None)
    assert [model.record_id(r) for r in range(7)] == made  # newest first
    qtmodeltester.check(model, force_py=True)
    idle()
    # sorted the other way round, the wide key comes first
    starts_at = [c.key for c in model.columns].index("starts_at")
    model.sort(starts_at, Qt.SortOrder.AscendingOrder)
    qtbot.waitUntil(lambda: model.is_idle() and not model.canFetchMore())
    assert model._keys[0] == 2**32 + 1 and model.rowCount() == 7
    qtbot.waitUntil(lambda: model.record_id(0) is not None)
    assert model.record_id(0) == made[6]
    # a soft delete, then the reload a data_changed signal causes: one row fewer
    with store.write() as s:
        meetings.delete_meeting(s, made[3])
    load(model, qtbot, idle)
    assert model.rowCount() == 6 and list(model._keys) == list(
        reversed([k for k in expected if k != expected[3]])
    )
    qtmodeltester.check(model, force_py=True)
    idle()


def test_the_rest_of_a_list_is_read_once_its_first_screen_is_painted(
    demo_store, qtbot, idle, monkeypatch
):
    """Reading the next keys while the view paints the first rows would take the GIL from
    the paint: the page's watch on its table lets the model go on after that paint."""
    from PySide6.QtWidgets import QTableView

    from okudesk.gui import table_model
    from okudesk.gui.pages.base import _FirstPaintWatch

    monkeypatch.setattr(table_model, "FIRST_SCREEN_WAIT_MS", 60_000)  # only the paint lets it go on
    model = make_model("incident")
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(model)
    watch = _FirstPaintWatch(view.viewport(), model)
    model.first_rows_in.connect(watch.arm)
    model.reload()
    qtbot.waitUntil(lambda: model.rowCount() == 300, timeout=10_000)
    idle()
    assert model.rowCount() == 300 and not model.canFetchMore()  # waiting for the first paint
    view.show()
    qtbot.waitUntil(lambda: model.rowCount() == 400, timeout=10_000)
    idle()
