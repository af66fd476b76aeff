"""The recap service against records created here and counted by hand (no Qt)."""

from datetime import date, datetime, timedelta

import pytest
from sqlalchemy import update

from okudesk.core.models import FollowUp, Incident, Meeting
from okudesk.core.records import incidents, listing, meetings, recap, reference, stakeholders
from okudesk.core.records.followups import FollowUpInput
from okudesk.core.records.recap import Period

TODAY = date(2026, 3, 12)  # a Thursday
WEEK = Period.this_week(TODAY)  # Monday 9 March .. Sunday 15 March


def _at(day: date, hour: int = 10) -> datetime:
    return datetime(day.year, day.month, day.day, hour)


def _incident(s, when, *, kec, cat, severity="sedang", title="x", follow_ups=()):
    return incidents.create_incident(
        s,
        incidents.IncidentInput(
            occurred_at=when,
            category_id=cat,
            kecamatan_id=kec,
            severity=severity,
            title=title,
            description=f"Uraian {title}",
            follow_ups=list(follow_ups),
        ),
    ).id


def every_count(r: recap.Recap):
    m = r.by_kecamatan_category
    yield r.incidents
    yield r.meetings
    yield r.escalated_open
    yield from m.cells.values()
    yield from m.row_totals.values()
    yield from m.column_totals.values()
    yield from r.by_severity
    yield from r.overdue_follow_ups
    yield from r.meetings_by_activity
    yield from (c.meetings for c in r.stakeholder_coverage)
    for _name, counts in (*r.weekly.by_severity, *r.weekly.by_category):
        yield from counts


def assert_drills_reproduce(s, r: recap.Recap) -> int:
    """Each count's filter lists exactly as many rows as the count says."""
    checked = 0
    for c in every_count(r):
        if c.drill is None:
            continue
        rows = listing.keys(s, listing.LISTINGS[c.drill.listing], c.drill.filter)
        assert len(rows) == c.value, (c, len(rows))
        checked += 1
    return checked


@pytest.fixture
def world(store):
    """Incidents this week and last week in two kecamatan and two categories, a deleted one,
    meetings of two activity types with stakeholders, and follow-ups."""
    with store.write() as s:
        kec = {k.name: k.id for k in reference.kecamatan(s)}
        cats = reference.incident_categories(s)
        types = reference.activity_types(s)
        stypes = reference.stakeholder_types(s)
        a, b = kec["Baturaja Timur"], kec["Baturaja Barat"]
        c1, c2 = cats[0].id, cats[1].id
        this = [
            _incident(s, _at(WEEK.start), kec=a, cat=c1, severity="kritis"),
            _incident(s, _at(WEEK.start + timedelta(days=1)), kec=a, cat=c1),
            _incident(s, _at(WEEK.end, 23), kec=a, cat=c2, severity="tinggi"),
            _incident(s, _at(WEEK.start + timedelta(days=2)), kec=b, cat=c1),
        ]
        deleted = _incident(s, _at(WEEK.start + timedelta(days=3)), kec=b, cat=c2)
        incidents.delete_incident(s, deleted)
        last = [
            _incident(s, _at(WEEK.start - timedelta(days=1), 23), kec=a, cat=c1),
            _incident(s, _at(WEEK.start - timedelta(days=7)), kec=b, cat=c2, severity="kritis"),
        ]
        # outside both periods: only in the weekly chart
        _incident(s, _at(WEEK.start - timedelta(days=8)), kec=b, cat=c2, severity="rendah")
        incidents.change_status(s, this[0], "diverifikasi")
        incidents.change_status(s, this[0], "dieskalasi")
        tokoh = stakeholders.add_stakeholder(
            s, stakeholders.StakeholderInput("Pak Haji", type_id=stypes[0].id)
        )
        other = stakeholders.add_stakeholder(
            s, stakeholders.StakeholderInput("Bu Lurah", type_id=stypes[0].id)
        )
        meetings.create_meeting(
            s,
            meetings.MeetingInput(
                starts_at=_at(WEEK.start),
                activity_type_id=types[0].id,
                purpose="Sambang",
                stakeholder_ids=[tokoh.id, other.id],
                follow_ups=[
                    FollowUpInput("Patroli", due_date=TODAY - timedelta(days=1)),
                    FollowUpInput("Undang", due_date=TODAY + timedelta(days=1)),
                ],
            ),
        )
        meetings.create_meeting(
            s,
            meetings.MeetingInput(
                starts_at=_at(WEEK.start + timedelta(days=1)),
                activity_type_id=types[0].id,
                purpose="Sambang",
                stakeholder_ids=[tokoh.id],
            ),
        )
        meetings.create_meeting(
            s,
            meetings.MeetingInput(
                starts_at=_at(WEEK.start - timedelta(days=3)),
                activity_type_id=types[1].id,
                purpose="Rapat",
            ),
        )
    return dict(
        a=a, b=b, c1=c1, c2=c2, this=this, last=last, types=types, stypes=stypes, deleted=deleted
    )


def test_period_lengths_and_boundaries():
    assert (WEEK.start, WEEK.end, WEEK.days) == (date(2026, 3, 9), date(2026, 3, 15), 7)
    assert WEEK.previous() == Period(date(2026, 3, 2), date(2026, 3, 8))
    december = Period.this_month(date(2026, 12, 31))
    assert (december.start, december.end) == (date(2026, 12, 1), date(2026, 12, 31))
    # across a year boundary: the previous period of the same length
    january = Period(date(2026, 12, 20), date(2027, 1, 10))
    assert january.days == 22
    assert january.previous() == Period(date(2026, 11, 28), date(2026, 12, 19))
    assert Period.this_month(date(2028, 2, 10)).end == date(2028, 2, 29)
    with pytest.raises(ValueError):
        Period(date(2026, 3, 2), date(2026, 3, 1))


def test_recap_counts_match_the_records_and_the_previous_period(store, world):
    w = world
    with store.read() as s:
        r = recap.build(s, WEEK, today=TODAY)
        m = r.by_kecamatan_category
        assert (r.incidents.value, r.incidents.previous, r.incidents.change) == (4, 2, 2)
        assert (m.cell(w["a"], w["c1"]).value, m.cell(w["a"], w["c1"]).previous) == (2, 1)
        assert (m.cell(w["a"], w["c2"]).value, m.cell(w["a"], w["c2"]).previous) == (1, 0)
        assert (m.cell(w["b"], w["c1"]).value, m.cell(w["b"], w["c1"]).previous) == (1, 0)
        # the deleted incident is not counted; last week's is
        assert (m.cell(w["b"], w["c2"]).value, m.cell(w["b"], w["c2"]).previous) == (0, 1)
        assert (m.row_totals[w["a"]].value, m.row_totals[w["a"]].change) == (3, 2)
        assert m.column_totals[w["c1"]].value == 3
        assert len(m.rows) >= 13  # every kecamatan, also those with nothing
        sev = {c.key: (c.value, c.previous) for c in r.by_severity}
        assert sev == {"kritis": (1, 1), "tinggi": (1, 0), "sedang": (2, 1), "rendah": (0, 0)}
        assert [c.key for c in r.by_severity] == ["kritis", "tinggi", "sedang", "rendah"]
        assert r.escalated_open.value == 1 and [e.id for e in r.escalated] == [w["this"][0]]
        assert (r.meetings.value, r.meetings.previous) == (2, 1)
        per_type = {c.key: (c.value, c.previous) for c in r.meetings_by_activity}
        assert per_type[w["types"][0].id] == (2, 0) and per_type[w["types"][1].id] == (0, 1)
        cover = {c.key: c for c in r.stakeholder_coverage}
        assert cover[w["stypes"][0].id].met and cover[w["stypes"][0].id].people == 2
        assert cover[w["stypes"][0].id].meetings.value == 2
        assert not cover[w["stypes"][1].id].met  # a type nobody met is listed, as not met
        assert [(c.key, c.value) for c in r.overdue_follow_ups] == [("BTT", 1)]
        # the weekly chart: twelve weeks up to this one; this week holds 4, the week
        # before 2, the one before that the "rendah" one (and the week-old kritis)
        assert len(r.weekly.weeks) == 12 and r.weekly.weeks[-1] == WEEK.start
        per_week = [sum(counts[i].value for _s, counts in r.weekly.by_severity) for i in range(12)]
        assert per_week[-3:] == [1, 2, 4] and sum(per_week) == 7
        by_cat = [sum(counts[i].value for _c, counts in r.weekly.by_category) for i in range(12)]
        assert by_cat == per_week
        assert assert_drills_reproduce(s, r) > 100


def test_an_empty_period_and_a_period_across_a_year_boundary(store, world):
    with store.read() as s:
        empty = recap.build(s, Period(date(2025, 6, 1), date(2025, 6, 30)), today=TODAY)
        assert empty.incidents.value == 0 and empty.incidents.previous == 0
        assert empty.meetings.value == 0
        assert all(c.value == 0 for c in empty.by_kecamatan_category.cells.values())
        assert all(not c.met for c in empty.stakeholder_coverage)
        assert all(c.value == 0 for _s, counts in empty.weekly.by_severity for c in counts)
        # open escalated incidents and overdue follow-ups are today's, whatever the period
        assert empty.escalated_open.value == 1
        assert_drills_reproduce(s, empty)
    with store.write() as s:
        kec = reference.kecamatan(s)[0].id
        cat = reference.incident_categories(s)[0].id
        _incident(s, datetime(2026, 12, 31, 23, 59), kec=kec, cat=cat)
        _incident(s, datetime(2027, 1, 1, 0, 0), kec=kec, cat=cat)
        _incident(s, datetime(2026, 12, 24, 12), kec=kec, cat=cat)  # the previous week
    with store.read() as s:
        new_year = Period(date(2026, 12, 28), date(2027, 1, 3))
        r = recap.build(s, new_year, today=date(2027, 1, 4))
        assert (r.incidents.value, r.incidents.previous) == (2, 1)
        assert r.weekly.weeks[-1] == date(2026, 12, 28)
        assert sum(c.value for _s, counts in r.weekly.by_severity for c in counts[-1:]) == 2
        assert assert_drills_reproduce(s, r) > 0


def test_one_post_against_all_posts(store, world):
    """Records born at another post (an HQ holds many posts' records): the scope of one post
    counts only its own; every post counts all, also a revoked post's."""
    with store.write() as s:
        s.execute(update(Incident).where(Incident.id == world["this"][1]).values(origin_post="BTB"))
        s.execute(update(Incident).where(Incident.id == world["last"][0]).values(origin_post="BTB"))
        s.execute(update(Meeting).values(origin_post="BTB"))
        s.execute(update(FollowUp).values(origin_post="BTB"))
    with store.read() as s:
        everyone = recap.build(s, WEEK, today=TODAY)
        btt = recap.build(s, WEEK, today=TODAY, post_code="BTT")
        btb = recap.build(s, WEEK, today=TODAY, post_code="BTB")
        assert (everyone.incidents.value, everyone.incidents.previous) == (4, 2)
        assert (btt.incidents.value, btt.incidents.previous) == (3, 1)
        assert (btb.incidents.value, btb.incidents.previous) == (1, 1)
        assert btt.meetings.value == 0 and btb.meetings.value == 2
        assert btt.overdue_follow_ups == () and [c.key for c in btb.overdue_follow_ups] == ["BTB"]
        assert btb.escalated_open.value == 0 and btt.escalated_open.value == 1
        for r in (everyone, btt, btb):
            assert assert_drills_reproduce(s, r) > 0
        for c in every_count(btt):
            if c.drill is not None:
                assert c.drill.filter.post_code == "BTT"


def test_discipline_is_passed_in_and_kept_for_the_scope(store):
    rows = (
        recap.PostDiscipline("BTT", "Polsek BTT", "active", None, None, 3, 1, 0),
        recap.PostDiscipline("BTB", "Polsek BTB", "revoked", datetime(2026, 3, 1), 11, 0, 0, 2),
    )
    with store.read() as s:
        assert recap.build(s, WEEK, today=TODAY, discipline=rows).discipline == rows
        assert recap.build(s, WEEK, today=TODAY, discipline=rows, post_code="BTB").discipline == (
            rows[1],
        )


def test_the_recap_workbook_holds_the_same_totals_and_native_charts(store, world, tmp_path):
    from xlsx_reader import read

    from okudesk.core.reports import recap_workbook

    with store.read() as s:
        r = recap.build(s, WEEK, today=TODAY)
    out = recap_workbook.write(tmp_path / "rekap.xlsx", r)
    sheets = {sh.name: sh for sh in read(out)}
    assert not list(tmp_path.glob("*.part"))
    summary = sheets["Ringkasan"].rows
    assert summary[5][:4] == ["Kejadian", 4, 2, 2] and summary[6][:3] == ["Rapat & kunjungan", 2, 1]
    matrix = sheets["Kecamatan x Kategori"].rows
    assert matrix[-1][0] == "Jumlah" and matrix[-1][-3:] == [4, 2, 2]
    assert len(matrix) == len(r.by_kecamatan_category.rows) + 2
    severity = sheets["Tingkat kerawanan"]
    assert severity.rows[1][:3] == ["Kritis", 1, 1] and severity.charts == 1
    weekly = sheets["Mingguan"]
    assert weekly.charts == 2 and len(weekly.rows) == 13
    assert weekly.rows[-1][0] == datetime(2026, 3, 9)  # a real date: this week's Monday
    assert sum(v for v in weekly.rows[-1][1:5]) == 4
    assert [row[0] for row in sheets["Tindak lanjut terlambat"].rows[1:]] == [
        "BTT - Polsek Baturaja Timur"
    ]
    cover = sheets["Cakupan pemangku"].rows
    assert cover[1][3] == "Ya" and "Tidak" in [row[3] for row in cover[1:]]
    with store.read() as s:  # an empty period still writes every sheet
        empty = recap.build(s, Period(date(2020, 1, 1), date(2020, 1, 7)), today=TODAY)
    sheets = {sh.name: sh for sh in read(recap_workbook.write(tmp_path / "kosong.xlsx", empty))}
    assert sheets["Ringkasan"].rows[5][:3] == ["Kejadian", 0, 0] and len(sheets) == 9


def test_a_memo_gives_the_same_recap_until_the_data_changes(store, world):
    """The weekly charts are read a week at a time (and kept in a memo between periods):
    an incident at the first instant of a Monday belongs to that week, one a moment before
    midnight to the week before; a build with a memo equals one without."""
    w = world
    monday = WEEK.start - timedelta(weeks=2)
    with store.write() as s:
        _incident(s, datetime.combine(monday, datetime.min.time()), kec=w["a"], cat=w["c1"])
        _incident(
            s,
            datetime.combine(monday, datetime.min.time()) - timedelta(microseconds=1),
            kec=w["a"],
            cat=w["c2"],
            severity="rendah",
        )
    month = Period.this_month(TODAY)
    with store.read() as s:
        memo = recap.Memo()
        first = recap.build(s, WEEK, today=TODAY, memo=memo)
        again = recap.build(s, month, today=TODAY, memo=memo)  # most weeks from the memo
        assert first == recap.build(s, WEEK, today=TODAY)
        assert again == recap.build(s, month, today=TODAY)
        per_week = [sum(c[i].value for _s, c in first.weekly.by_severity) for i in range(12)]
        assert per_week[-4:] == [1, 2, 2, 4]  # the rendah one and the 00:00 one split
        i = first.weekly.weeks.index(monday)
        rendah = dict(first.weekly.by_severity)["rendah"]
        assert (rendah[i - 1].value, rendah[i].value) == (1, 1)  # the fixture has one at i
        assert dict(first.weekly.by_severity)["sedang"][i].value == 1
        assert assert_drills_reproduce(s, first) > 100
    with store.write() as s:  # a new incident this week, escalated
        new = _incident(s, _at(WEEK.start, 12), kec=w["b"], cat=w["c1"])
        incidents.change_status(s, new, "diverifikasi")
        incidents.change_status(s, new, "dieskalasi")
    with store.read() as s:
        stale = recap.build(s, WEEK, today=TODAY, memo=memo)
        fresh = recap.build(s, WEEK, today=TODAY, memo=recap.Memo())
    # the memo does not see the change (its keeper drops it); a new one does
    assert stale.escalated_open.value == 1 and fresh.escalated_open.value == 2
    assert sum(c[-1].value for _s, c in stale.weekly.by_severity) == 4
    assert sum(c[-1].value for _s, c in fresh.weekly.by_severity) == 5
    assert fresh.incidents.value == stale.incidents.value == 5  # the period's own: always read


def test_notable_incidents_most_serious_then_latest_and_cut_at_the_limit(store, world):
    """Read a severity at a time: Kritis first (latest first, ties by id), then Tinggi, live
    ones of the period only, and no more than the limit."""
    w = world
    when = _at(WEEK.start + timedelta(days=4), 15)
    with store.write() as s:
        twins = sorted(
            _incident(s, when, kec=w["a"], cat=w["c1"], severity="kritis", title=f"Kembar {i}")
            for i in range(2)
        )
        gone = _incident(s, when + timedelta(hours=1), kec=w["a"], cat=w["c1"], severity="kritis")
        incidents.delete_incident(s, gone)
        _incident(
            s,
            _at(WEEK.start + timedelta(days=5)),
            kec=w["b"],
            cat=w["c2"],
            severity="tinggi",
            title="Tinggi baru",
        )
        _incident(s, _at(WEEK.end + timedelta(days=1)), kec=w["b"], cat=w["c2"], severity="kritis")
        numbers = {i: s.get(Incident, i).number for i in (*twins, w["this"][0], w["this"][2])}
    with store.read() as s:
        every = recap.notable_incidents(s, WEEK)
        three = recap.notable_incidents(s, WEEK, limit=3)
        one = recap.notable_incidents(s, WEEK, limit=1)
    assert [(n.number, n.severity) for n in every] == [
        (numbers[twins[0]], "kritis"),
        (numbers[twins[1]], "kritis"),
        (numbers[w["this"][0]], "kritis"),
        (numbers[w["this"][2]], "tinggi"),  # Sunday night
        (every[4].number, "tinggi"),  # Saturday
    ]
    assert every[4].summary == "Tinggi baru" and every[0].status == "dilaporkan"
    assert every[2].status == "dieskalasi"
    assert three == every[:3] and one == every[:1]
