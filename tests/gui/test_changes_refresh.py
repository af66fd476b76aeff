"""Saving through an operation refreshes the pages it concerns, from what the core says the
transaction committed: no caller names what it changed."""

from okudesk.core.records import stakeholders
from okudesk.core.records.stakeholders import StakeholderInput
from okudesk.gui.operations import AUDIT, STAKEHOLDER, StoreTask, WriteOp, hub


def test_a_write_op_refreshes_the_page_it_concerns_and_no_other(people, window, qtbot, idle):
    page = window.go_to("stakeholders")
    qtbot.waitUntil(lambda: page.model.rowCount() == 2 and page.model.is_idle())
    incidents_page = window.go_to("incidents")
    qtbot.waitUntil(incidents_page.model.is_idle)  # its first screen read and painted
    window.go_to("stakeholders")
    idle()
    refreshed = []
    incidents_page.refresh = lambda changes=None: refreshed.append(changes)
    seen = []
    hub().data_changed.connect(seen.append)

    WriteOp(
        window, lambda s: stakeholders.add_stakeholder(s, StakeholderInput(name="Ahmad Fauzi"))
    ).success(lambda info: seen.append(info.id)).run()
    qtbot.waitUntil(lambda: page.model.rowCount() == 3 and page.model.is_idle())
    new_id, changes = seen
    assert (
        changes.areas == {STAKEHOLDER, AUDIT} and new_id in changes.ids and changes.source is window
    )
    assert refreshed == []  # the incidents page shows no stakeholder

    def broken(session):
        stakeholders.add_stakeholder(session, StakeholderInput(name="Tidak Jadi"))
        raise RuntimeError("power cut")

    seen.clear()
    WriteOp(window, broken).failure(seen.append).run()
    idle()
    assert [type(x) for x in seen] == [RuntimeError]  # rolled back: nothing to refresh

    def delete_in_own_session(store):
        with store.write() as s:
            stakeholders.delete_stakeholder(s, new_id)

    StoreTask(window, delete_in_own_session).run()
    qtbot.waitUntil(lambda: page.model.rowCount() == 2 and page.model.is_idle())
    assert seen[-1].areas == {STAKEHOLDER, AUDIT} and new_id in seen[-1].ids
    idle()


def test_every_table_the_core_can_report_concerns_some_area():
    from okudesk.core.history import changes
    from okudesk.core.models import Base
    from okudesk.gui.operations import TABLE_AREAS

    reported = {m.local_table.name for m in Base.registry.mappers} - changes._UNTRACKED
    assert reported - set(TABLE_AREAS) == set()  # a new table needs its areas in TABLE_AREAS
