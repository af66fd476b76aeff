"""Every count and aggregate is answered from an index alone (EXPLAIN QUERY PLAN).

The statements are the ones the code really runs (captured while it runs), so a changed
query or a dropped index fails here instead of at an HQ with 500,000 incidents.
"""

import re
from datetime import date, datetime, timedelta

import pytest
import rawdb
from sqlalchemy import event

from okudesk.core.history import audit
from okudesk.core.records import dashboard, followups, incidents, meetings, stats
from okudesk.core.sync import export


@pytest.fixture
def filled(store, yesterday):
    with store.write() as s:
        m = meetings.create_meeting(
            s, meetings.MeetingInput(starts_at=yesterday, purpose="Sambang")
        )
        incidents.create_incident(
            s, incidents.IncidentInput(occurred_at=yesterday, description="Pencurian motor")
        )
        followups.replace_for(
            s,
            meeting_id=m.id,
            items=[followups.FollowUpInput(what="Cek lokasi", due_date=date.today())],
        )
    return store


def _captured(store, work) -> list[tuple[str, tuple]]:
    """The SELECTs holding an aggregate that ``work(session)`` runs."""
    seen: list[tuple[str, tuple]] = []

    def note(conn, cursor, statement, parameters, context, executemany):
        if re.search(
            r"\b(count|max|min)\(", statement, re.I
        ) and statement.lstrip().upper().startswith(("SELECT", "WITH")):
            seen.append((statement, tuple(parameters or ())))

    event.listen(store.engine, "before_cursor_execute", note)
    try:
        with store.read() as session:
            work(session)
    finally:
        event.remove(store.engine, "before_cursor_execute", note)
    return seen


def _plans(store, statements) -> list[tuple[str, list[str]]]:
    con = rawdb.connect(store.db_path)
    try:
        return [
            (sql, [row[3] for row in con.execute("EXPLAIN QUERY PLAN " + sql, params)])
            for sql, params in statements
        ]
    finally:
        con.close()


def _uncovered(plan: list[str]) -> list[str]:
    """Steps that read table rows: a scan or search of a table not through a covering index."""
    return [
        step
        for step in plan
        if re.match(r"(SCAN|SEARCH) \w+", step)
        and "COVERING INDEX" not in step
        and "INTEGER PRIMARY KEY" not in step
        and not step.startswith(("SCAN CONSTANT", "SEARCH sqlite_"))
    ]


def _work(session) -> None:
    stats.counts(session)
    stats.unexported_changes(session)
    export.pending_changes(session, include_audit=True)
    audit.chains_by_post(session)
    today = date.today()
    for day in (today, today - timedelta(days=3)):
        dashboard.summary(session, day)


def test_counts_and_aggregates_use_covering_indexes(filled):
    statements = _captured(filled, _work)
    assert len(statements) >= 10  # stats per table, unexported, pending, audit, Beranda
    bad = [(sql, plan) for sql, plan in _plans(filled, statements) if _uncovered(plan)]
    assert not bad, "\n\n".join(f"{sql}\n  {plan}" for sql, plan in bad)


def test_stats_per_post_uses_the_live_post_index(filled):
    statements = _captured(filled, stats.counts)
    plans = dict(_plans(filled, statements))
    used = {step for plan in plans.values() for step in plan}
    for table in ("meeting", "incident", "stakeholder", "follow_up", "attachment"):
        assert any(f"COVERING INDEX ix_{table}_live_post" in step for step in used), used


def test_no_single_column_change_counter_indexes_are_left(filled):
    con = rawdb.connect(filled.db_path)
    try:
        names = [r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='index'")]
        travelling = [
            r[0]
            for r in con.execute(
                "SELECT m.name FROM sqlite_master m WHERE m.type = 'table' AND EXISTS "
                "(SELECT 1 FROM pragma_table_info(m.name) WHERE name = 'change_counter')"
            )
        ]
    finally:
        con.close()
    assert not [n for n in names if n.endswith("_change_counter")]
    assert len(travelling) >= 17
    for table in travelling:  # each has the (instance, counter) index instead
        assert f"ix_{table}_change_version" in names, table


def test_a_period_count_reads_the_index_not_the_rows(filled):
    day = datetime.combine(date.today(), datetime.min.time())
    statements = _captured(filled, lambda s: dashboard.summary(s, date.today()))
    plans = [plan for sql, plan in _plans(filled, statements) if "FROM incident" in sql]
    assert any(
        "COVERING INDEX ix_incident_live_occurred" in step for plan in plans for step in plan
    ), (plans, day)


def test_a_database_of_the_previous_release_upgrades_with_its_counts(tmp_path):
    """tests/fixtures/schema-0005.sqlite3: the schema before these indexes, with demo data."""
    import shutil
    from pathlib import Path

    from okudesk.core.store import Store
    from okudesk.core.store.migrate import SCHEMA_HEAD

    fixture = Path(__file__).parent / "fixtures" / "schema-0005.sqlite3"
    (tmp_path / "old").mkdir()
    shutil.copy(fixture, tmp_path / "old" / "okudesk.sqlite3")
    store = Store.open(tmp_path / "old")
    try:
        with store.read() as s:
            counts = stats.counts(s)
            revision = s.connection().exec_driver_sql("SELECT version_num FROM alembic_version")
            assert revision.scalar() == SCHEMA_HEAD
    finally:
        store.close()
    assert counts["meetings"] == 12 and counts["incidents"] == 30
    assert counts["posts"]["BTT"]["incidents"] == 30
    Store.open(tmp_path / "new").close()  # the same schema as a database made from nothing

    def schema(folder):
        con = rawdb.connect(folder / "okudesk.sqlite3")
        try:
            return set(con.execute("SELECT type, name, tbl_name, sql FROM sqlite_master"))
        finally:
            con.close()

    new, old = schema(tmp_path / "new"), schema(tmp_path / "old")
    assert new == old, sorted(new ^ old)[:4]


def test_the_recap_counts_incidents_from_indexes_alone(filled):
    """Situasi wilayah's incident figures (kecamatan x category x severity over two periods,
    the weekly series, the open escalated ones) read no incident row."""
    from okudesk.core.records import recap

    today = date.today()
    work = lambda s: recap.build(s, recap.Period.this_month(today), today=today)  # noqa: E731
    plans = [
        plan for sql, plan in _plans(filled, _captured(filled, work)) if "FROM incident" in sql
    ]
    assert len(plans) >= 3
    for plan in plans:
        incident_steps = [step for step in plan if re.match(r"(SCAN|SEARCH) incident\b", step)]
        assert incident_steps and not _uncovered(incident_steps), plan
    steps = [step for plan in plans for step in plan]
    assert any("COVERING INDEX ix_incident_live_status" in step for step in steps), plans


def test_the_recap_reads_meetings_from_the_index_and_notable_incidents_without_sorting(filled):
    """A period's meetings (by activity type; the ones whose stakeholders are counted) come
    from ix_meeting_live_starts alone; the notable incidents are read in index order, so
    a month of 75,000 incidents is not sorted to show forty."""
    from okudesk.core.records import recap

    today = date.today()
    month = recap.Period.this_month(today)
    plans = _plans(filled, _captured(filled, lambda s: recap.build(s, month, today=today)))
    meeting_steps = [
        step
        for _sql, plan in plans
        for step in plan
        if re.match(r"(SCAN|SEARCH) (meeting|m)\b(?!_)", step)
        and not step.endswith("(id=?)")  # a party's meetings, looked up one by one
    ]
    assert len(meeting_steps) >= 3, plans  # by activity type; by stakeholder type; by party
    assert all("COVERING INDEX ix_meeting_live_starts" in step for step in meeting_steps), plans

    seen: list[tuple[str, tuple]] = []

    def note(conn, cursor, statement, parameters, context, executemany):
        seen.append((statement, tuple(parameters or ())))

    event.listen(filled.engine, "before_cursor_execute", note)
    try:
        with filled.read() as session:
            recap.notable_incidents(session, month)
    finally:
        event.remove(filled.engine, "before_cursor_execute", note)
    notable = _plans(filled, [(sql, p) for sql, p in seen if "FROM incident" in sql])
    assert notable, seen
    for _sql, plan in notable:
        assert any("ix_incident_live_occurred" in step for step in plan), plan
        assert "USE TEMP B-TREE FOR ORDER BY" not in plan, plan
