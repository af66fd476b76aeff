"""The table models on demo data: Qt's model checks, lazy loading, sorting, filters, search."""

import pytest

from okudesk.core import demo, listing
from okudesk.core.listing import ListFilter
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
    from okudesk.core import incidents, meetings

    with store.write() as s:
        m = meetings.create_meeting(s, meetings.MeetingInput(starts_at=yesterday, purpose="Sosialisasi anti politik uang"))
        i = incidents.create_incident(s, incidents.IncidentInput(occurred_at=yesterday, description="Baliho dirusak"))
    with store.read() as s:
        assert len(listing.keys(s, listing.MEETINGS, ListFilter(text="politik"))) == 1
        assert len(listing.keys(s, listing.INCIDENTS, ListFilter(text="balih"))) == 1  # word prefix
    with store.write() as s:
        incidents.update_incident(s, i.id, incidents.IncidentInput(occurred_at=yesterday, description="Spanduk disobek"))
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
