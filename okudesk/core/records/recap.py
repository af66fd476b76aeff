"""The recap of a period: what the Situasi wilayah page, the recap workbook and the command
line show, computed once here so the numbers agree everywhere.

Every count carries the list filter that reproduces it (:class:`Drill`: a list name and a
:class:`~okudesk.core.records.listing.ListFilter`), so a screen can open the list it counts.
Counts are live records only (a deleted record is never counted); a record counts for the
post it was born at (``origin_post``), so a revoked post's records still count at HQ.

Reporting discipline (bundles, conflicts, held records) belongs to the sync layer, which
sits above this one: :func:`build` takes it as a value (``discipline=``) that
:mod:`okudesk.core.sync.discipline` computes, so this module never imports sync. Party
coverage is counted like the stakeholder types', from the parties' stakeholders.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from functools import partial
from typing import TypeVar, cast

from sqlalchemy import case, func, select
from sqlalchemy.orm import QueryableAttribute, Session
from sqlalchemy.sql import ColumnElement

from okudesk.core.i18n import _
from okudesk.core.models import (
    FOLLOW_UP_STATUSES,
    SEVERITIES,
    ActivityType,
    FollowUp,
    Incident,
    IncidentCategory,
    Kecamatan,
    Meeting,
    Post,
    Stakeholder,
    StakeholderType,
    meeting_stakeholder,
)
from okudesk.core.records.listing import ListFilter

WEEKS = 12  # the weekly charts: the last twelve weeks up to the period's end
ESCALATED = "dieskalasi"  # escalated and not yet handled
# the reference tables a count is labelled from
Named = Kecamatan | IncidentCategory | ActivityType | StakeholderType
T = TypeVar("T")


# --- the period ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Period:
    """A range of whole days, both ends included."""

    start: date
    end: date

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise ValueError(f"period ends ({self.end}) before it starts ({self.start})")

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def previous(self) -> Period:
        """The period of the same length just before this one."""
        end = self.start - timedelta(days=1)
        return Period(end - timedelta(days=self.days - 1), end)

    @property
    def begins(self) -> datetime:
        return datetime.combine(self.start, time.min)

    @property
    def ends(self) -> datetime:
        """The first moment after the period (exclusive upper bound)."""
        return datetime.combine(self.end + timedelta(days=1), time.min)

    @classmethod
    def this_week(cls, today: date) -> Period:
        """Monday to Sunday of ``today``'s week."""
        monday = today - timedelta(days=today.weekday())
        return cls(monday, monday + timedelta(days=6))

    @classmethod
    def this_month(cls, today: date) -> Period:
        first = today.replace(day=1)
        following = (first + timedelta(days=32)).replace(day=1)
        return cls(first, following - timedelta(days=1))


# --- counts and where they come from ---------------------------------------------------------


@dataclass(frozen=True)
class Drill:
    """The list a count counts: ``listing`` is a key of ``listing.LISTINGS``."""

    listing: str
    filter: ListFilter


@dataclass(frozen=True)
class Count:
    key: str | None  # the id (or code) of what is counted: a kecamatan, a severity, a post...
    label: str
    value: int
    drill: Drill | None = None  # None: no list filter can express it (e.g. no kecamatan)
    previous: int | None = None  # the same count over the previous period, where it applies

    @property
    def change(self) -> int | None:
        return None if self.previous is None else self.value - self.previous


@dataclass(frozen=True)
class Matrix:
    """Counts by row (kecamatan) and column (category), with totals."""

    rows: tuple[tuple[str | None, str], ...]  # (id, label)
    columns: tuple[tuple[str | None, str], ...]
    cells: dict[tuple[str | None, str | None], Count]
    row_totals: dict[str | None, Count]
    column_totals: dict[str | None, Count]
    total: Count

    def cell(self, row: str | None, column: str | None) -> Count:
        return self.cells[(row, column)]


@dataclass(frozen=True)
class EscalatedLine:
    id: str
    number: str
    occurred_at: datetime
    severity: str
    category: str
    kecamatan: str
    summary: str
    post: str


@dataclass(frozen=True)
class Coverage:
    """A stakeholder type (or, later, a party) and whether it was met in the period."""

    key: str | None
    label: str
    meetings: Count  # meetings in the period attended by at least one of them
    people: int  # different stakeholders of that type met

    @property
    def met(self) -> bool:
        return self.meetings.value > 0


@dataclass(frozen=True)
class PartyPosts:
    """Which posts met a party in the period (and when last), and when it was last met."""

    key: str
    label: str
    met_by_post: dict[str, datetime]
    last_met: datetime | None


@dataclass(frozen=True)
class PostDiscipline:
    """How a post keeps reporting: filled by the sync layer (okudesk.core.sync.discipline)."""

    code: str
    name: str
    status: str  # aktif | dicabut ... (the post's trust status), "" at a post
    last_bundle_at: datetime | None  # HQ: the last bundle imported; a post: its last export
    days_since: int | None
    waiting: int  # HQ: changes seen but not yet acknowledged; a post: changes not yet exported
    conflicts: int
    held: int


@dataclass(frozen=True)
class Weekly:
    weeks: tuple[date, ...]  # the Monday of each week, oldest first
    by_severity: tuple[tuple[str, tuple[Count, ...]], ...]  # (severity, a count per week)
    by_category: tuple[tuple[str, tuple[Count, ...]], ...]  # (category name, ...)


@dataclass(frozen=True)
class Recap:
    period: Period
    previous: Period
    post_code: str | None  # None: every post
    today: date
    incidents: Count
    meetings: Count
    by_kecamatan_category: Matrix
    by_severity: tuple[Count, ...]
    escalated_open: Count
    escalated: tuple[EscalatedLine, ...]
    overdue_follow_ups: tuple[Count, ...]  # per post
    meetings_by_activity: tuple[Count, ...]
    stakeholder_coverage: tuple[Coverage, ...]
    discipline: tuple[PostDiscipline, ...]
    weekly: Weekly
    parties: tuple[Coverage, ...] = field(default=())  # the parties of the newest election
    # per party: post code -> the last meeting with it in the period; and the last one ever
    party_posts: tuple[PartyPosts, ...] = field(default=())


class Memo:
    """Parts of a recap that a change of period leaves alone, kept between builds: the open
    escalations and overdue follow-ups (they do not depend on the period) and each week's
    counts of the weekly charts (twelve weeks that mostly overlap from one period to the
    next). Whoever keeps one must drop it when the data changes (the Situasi wilayah page
    does, when told of a change); :func:`build` without one reads everything."""

    def __init__(self) -> None:
        self._parts: dict[tuple[object, ...], object] = {}

    def get(self, key: tuple[object, ...], compute: Callable[[], T]) -> T:
        if key not in self._parts:
            self._parts[key] = compute()
        return cast(T, self._parts[key])


# --- queries ---------------------------------------------------------------------------------

# labels of the counts that have no reference row; translated when the recap is built
NO_KECAMATAN = "(tanpa kecamatan)"
NO_CATEGORY = "(tanpa kategori)"
NO_TYPE = "(tanpa jenis)"
TOTAL = "Jumlah"


def _filter(
    period: Period,
    post_code: str | None,
    *,
    kecamatan_id: str | None = None,
    kind_id: str | None = None,
    severity: str | None = None,
    stakeholder_type_id: str | None = None,
    party_id: str | None = None,
) -> ListFilter:
    # built hundreds of times a recap: plain keywords (dataclasses.replace cost 30 ms)
    return ListFilter(
        date_from=period.start,
        date_to=period.end,
        post_code=post_code,
        kecamatan_id=kecamatan_id,
        kind_id=kind_id,
        severity=severity,
        stakeholder_type_id=stakeholder_type_id,
        party_id=party_id,
    )


def _current(column: QueryableAttribute[datetime], period: Period) -> ColumnElement[int]:
    """1 for a time inside ``period``, 0 for one before it (the previous period)."""
    return case((column >= period.begins, 1), else_=0)


def _names(
    session: Session, model: type[Named], ids: Iterable[str | None]
) -> dict[str | None, str]:
    wanted = [i for i in set(ids) if i is not None]
    if not wanted:
        return {}
    stmt = select(model.id, model.name).where(model.id.in_(wanted))
    return {row[0]: row[1] for row in session.execute(stmt)}


def _ordered(session: Session, model: type[Named], ids: Iterable[str | None]) -> list[str]:
    """The ids in the reference's own order (sort order, then name)."""
    wanted = {i for i in ids if i is not None}
    if not wanted:
        return []
    order = [getattr(model, "sort_order", model.name), model.name]
    return list(session.scalars(select(model.id).where(model.id.in_(wanted)).order_by(*order)))


def _incident_matrix(
    session: Session, period: Period, previous: Period, post_code: str | None
) -> tuple[Matrix, Count, tuple[Count, ...]]:
    when = Incident.occurred_at
    scope = [Incident.deleted_at.is_(None), when >= previous.begins, when < period.ends]
    if post_code is not None:
        scope.append(Incident.origin_post == post_code)
    now = _current(when, period)
    stmt = (
        select(now, Incident.kecamatan_id, Incident.category_id, Incident.severity, func.count())
        .where(*scope)
        .group_by(now, Incident.kecamatan_id, Incident.category_id, Incident.severity)
    )
    counts: dict[tuple[int, str | None, str | None], int] = {}
    severities: dict[tuple[int, str], int] = {}
    for is_now, kec, cat, severity, n in session.execute(stmt):
        counts[(is_now, kec, cat)] = counts.get((is_now, kec, cat), 0) + n
        severities[(is_now, severity)] = severities.get((is_now, severity), 0) + n

    kec_ids = [k.id for k in session.scalars(select(Kecamatan).order_by(Kecamatan.name))]
    seen_kec = {k for _n, k, _c in counts}
    rows_ids: list[str | None] = [*kec_ids, *sorted(k for k in seen_kec if k and k not in kec_ids)]
    if None in seen_kec:
        rows_ids.append(None)
    kec_names = _names(session, Kecamatan, rows_ids)
    active_cats = session.scalars(
        select(IncidentCategory.id).where(IncidentCategory.active.is_(True))
    ).all()
    seen_cat = {c for _n, _k, c in counts}
    col_ids: list[str | None] = list(_ordered(session, IncidentCategory, [*active_cats, *seen_cat]))
    if None in seen_cat:
        col_ids.append(None)
    cat_names = _names(session, IncidentCategory, col_ids)

    def label(names: dict[str | None, str], key: str | None, none: str) -> str:
        return names.get(key, key or _(none)) if key is not None else _(none)

    rows_sum: dict[tuple[int, str | None], int] = {}
    cols_sum: dict[tuple[int, str | None], int] = {}
    for (i, k, c), n in counts.items():
        rows_sum[(i, k)] = rows_sum.get((i, k), 0) + n
        cols_sum[(i, c)] = cols_sum.get((i, c), 0) + n

    cells: dict[tuple[str | None, str | None], Count] = {}
    for k in rows_ids:
        for c in col_ids:
            now_n, before = counts.get((1, k, c), 0), counts.get((0, k, c), 0)
            drill = (
                Drill("incident", _filter(period, post_code, kecamatan_id=k, kind_id=c))
                if k is not None and c is not None
                else None
            )
            cells[(k, c)] = Count(
                c, label(cat_names, c, NO_CATEGORY), now_n, drill, previous=before
            )
    row_totals = {}
    for k in rows_ids:
        now_n, before = rows_sum.get((1, k), 0), rows_sum.get((0, k), 0)
        drill = (
            Drill("incident", _filter(period, post_code, kecamatan_id=k)) if k is not None else None
        )
        row_totals[k] = Count(k, label(kec_names, k, NO_KECAMATAN), now_n, drill, before)
    column_totals = {}
    for c in col_ids:
        now_n, before = cols_sum.get((1, c), 0), cols_sum.get((0, c), 0)
        drill = Drill("incident", _filter(period, post_code, kind_id=c)) if c is not None else None
        column_totals[c] = Count(c, label(cat_names, c, NO_CATEGORY), now_n, drill, before)
    now_n = sum(n for (i, _k), n in rows_sum.items() if i == 1)
    before = sum(n for (i, _k), n in rows_sum.items() if i == 0)
    everything = Count(None, _(TOTAL), now_n, Drill("incident", _filter(period, post_code)), before)
    matrix = Matrix(
        rows=tuple((k, label(kec_names, k, NO_KECAMATAN)) for k in rows_ids),
        columns=tuple((c, label(cat_names, c, NO_CATEGORY)) for c in col_ids),
        cells=cells,
        row_totals=row_totals,
        column_totals=column_totals,
        total=everything,
    )
    by_severity = tuple(
        Count(
            s,
            s.capitalize(),
            severities.get((1, s), 0),
            Drill("incident", _filter(period, post_code, severity=s)),
            severities.get((0, s), 0),
        )
        for s in reversed(SEVERITIES)  # the most serious first
    )
    return matrix, everything, by_severity


def _meetings(
    session: Session, period: Period, previous: Period, post_code: str | None
) -> tuple[Count, tuple[Count, ...]]:
    when = Meeting.starts_at
    scope = [Meeting.deleted_at.is_(None), when >= previous.begins, when < period.ends]
    if post_code is not None:
        scope.append(Meeting.origin_post == post_code)
    now = _current(when, period)
    stmt = (
        select(now, Meeting.activity_type_id, func.count())
        .where(*scope)
        .group_by(now, Meeting.activity_type_id)
    )
    counts = {(i, t): n for i, t, n in session.execute(stmt)}
    active = session.scalars(select(ActivityType.id).where(ActivityType.active.is_(True))).all()
    seen = {t for _i, t in counts}
    type_ids: list[str | None] = list(_ordered(session, ActivityType, [*active, *seen]))
    if None in seen:
        type_ids.append(None)
    names = _names(session, ActivityType, type_ids)
    per_type = tuple(
        Count(
            t,
            names.get(t, t) if t is not None else _(NO_TYPE),
            counts.get((1, t), 0),
            Drill("meeting", _filter(period, post_code, kind_id=t)) if t is not None else None,
            counts.get((0, t), 0),
        )
        for t in type_ids
    )
    total = Count(
        None,
        _(TOTAL),
        sum(n for (i, _t), n in counts.items() if i == 1),
        Drill("meeting", _filter(period, post_code)),
        sum(n for (i, _t), n in counts.items() if i == 0),
    )
    return total, per_type


def _escalated(
    session: Session, post_code: str | None, limit: int
) -> tuple[Count, tuple[EscalatedLine, ...]]:
    scope = [Incident.deleted_at.is_(None), Incident.status == ESCALATED]
    if post_code is not None:
        scope.append(Incident.origin_post == post_code)
    n = session.scalar(select(func.count()).select_from(Incident).where(*scope)) or 0
    stmt = (
        select(
            Incident.id,
            Incident.number,
            Incident.occurred_at,
            Incident.severity,
            func.coalesce(IncidentCategory.name, ""),
            func.coalesce(Kecamatan.name, ""),
            func.coalesce(
                func.nullif(Incident.title, ""), func.substr(Incident.description, 1, 120)
            ),
            Incident.origin_post,
        )
        .outerjoin(IncidentCategory, IncidentCategory.id == Incident.category_id)
        .outerjoin(Kecamatan, Kecamatan.id == Incident.kecamatan_id)
        .where(*scope)
        # in the order of ix_incident_live_status: the latest come first, nothing is sorted
        .order_by(Incident.occurred_at.desc())
        .limit(limit)
    )
    lines = tuple(EscalatedLine(*row) for row in session.execute(stmt))
    drill = Drill("incident", ListFilter(status=ESCALATED, post_code=post_code))
    return Count(ESCALATED, _("Dieskalasi"), n, drill), lines


@dataclass(frozen=True)
class NotableLine:
    number: str
    occurred_at: datetime
    severity: str
    status: str
    category: str
    kecamatan: str
    summary: str


NOTABLE = ("kritis", "tinggi")  # in this order


def notable_incidents(
    session: Session, period: Period, *, post_code: str | None = None, limit: int = 40
) -> tuple[NotableLine, ...]:
    """The period's Kritis and Tinggi incidents (the most serious, then the latest, first).

    A query per severity, each in the order of ix_incident_live_occurred read backwards: it
    stops after ``limit`` rows, where sorting by severity first read every incident of the
    period (150 ms for a month at 1,000,000 incidents)."""
    lines: list[NotableLine] = []
    for severity in NOTABLE:  # the most serious first
        if len(lines) >= limit:
            break
        scope = [
            Incident.deleted_at.is_(None),
            Incident.occurred_at >= period.begins,
            Incident.occurred_at < period.ends,
            Incident.severity == severity,
        ]
        if post_code is not None:
            scope.append(Incident.origin_post == post_code)
        stmt = (
            select(
                Incident.number,
                Incident.occurred_at,
                Incident.severity,
                Incident.status,
                func.coalesce(IncidentCategory.name, ""),
                func.coalesce(Kecamatan.name, ""),
                func.coalesce(
                    func.nullif(Incident.title, ""), func.substr(Incident.description, 1, 120)
                ),
            )
            .outerjoin(IncidentCategory, IncidentCategory.id == Incident.category_id)
            .outerjoin(Kecamatan, Kecamatan.id == Incident.kecamatan_id)
            .where(*scope)
            .order_by(Incident.occurred_at.desc(), Incident.id)
            .limit(limit - len(lines))
        )
        lines.extend(NotableLine(*row) for row in session.execute(stmt))
    return tuple(lines)


def follow_ups_by_status(
    session: Session, period: Period, *, post_code: str | None = None
) -> tuple[Count, ...]:
    """Follow-ups due in the period, by status (terbuka, selesai, batal)."""
    scope = [
        FollowUp.deleted_at.is_(None),
        FollowUp.due_date >= period.start,
        FollowUp.due_date <= period.end,
    ]
    if post_code is not None:
        scope.append(FollowUp.origin_post == post_code)
    stmt = select(FollowUp.status, func.count()).where(*scope).group_by(FollowUp.status)
    counts = dict(session.execute(stmt).tuples().all())
    return tuple(
        Count(
            status,
            status.capitalize(),
            counts.get(status, 0),
            Drill(
                "follow_up",
                ListFilter(
                    date_from=period.start,
                    date_to=period.end,
                    status=status,
                    post_code=post_code,
                ),
            ),
        )
        for status in FOLLOW_UP_STATUSES
    )


def _post_names(session: Session) -> dict[str, str]:
    return {row[0]: row[1] for row in session.execute(select(Post.code, Post.name))}


def _overdue(session: Session, post_code: str | None, today: date) -> tuple[Count, ...]:
    scope = [
        FollowUp.deleted_at.is_(None),
        FollowUp.status == "terbuka",
        FollowUp.due_date < today,
    ]
    if post_code is not None:
        scope.append(FollowUp.origin_post == post_code)
    stmt = (
        select(FollowUp.origin_post, func.count())
        .where(*scope)
        .group_by(FollowUp.origin_post)
        .order_by(FollowUp.origin_post)
    )
    names = _post_names(session)
    return tuple(
        Count(
            code,
            f"{code} - {names[code]}" if code in names else code or "-",
            n,
            Drill("follow_up", ListFilter(overdue_on=today, post_code=code)),
        )
        for code, n in session.execute(stmt)
    )


def _met_by(
    session: Session, period: Period, post_code: str | None, key: QueryableAttribute
) -> dict:
    """{a stakeholder column's value: (meetings in the period attended by at least one
    stakeholder with it, different stakeholders with it met)}: stakeholder types, parties."""
    scope = [
        Meeting.deleted_at.is_(None),
        Stakeholder.deleted_at.is_(None),
        Meeting.starts_at >= period.begins,
        Meeting.starts_at < period.ends,
    ]
    if post_code is not None:
        scope.append(Meeting.origin_post == post_code)
    stmt = (
        select(
            key,
            func.count(func.distinct(Meeting.id)),
            func.count(func.distinct(Stakeholder.id)),
        )
        .select_from(meeting_stakeholder)
        .join(Meeting, Meeting.id == meeting_stakeholder.c.meeting_id)
        .join(Stakeholder, Stakeholder.id == meeting_stakeholder.c.stakeholder_id)
        .where(*scope)
        .group_by(key)
    )
    return {k: (m, p) for k, m, p in session.execute(stmt)}


def _coverage(session: Session, period: Period, post_code: str | None) -> tuple[Coverage, ...]:
    met = _met_by(session, period, post_code, Stakeholder.type_id)
    active = session.scalars(
        select(StakeholderType.id).where(StakeholderType.active.is_(True))
    ).all()
    ids: list[str | None] = list(_ordered(session, StakeholderType, [*active, *met]))
    if None in met:
        ids.append(None)
    names = _names(session, StakeholderType, ids)
    out = []
    for t in ids:
        m, p = met.get(t, (0, 0))
        drill = (
            Drill("meeting", _filter(period, post_code, stakeholder_type_id=t))
            if t is not None
            else None
        )
        label = names.get(t, t) if t is not None else _(NO_TYPE)
        out.append(Coverage(t, label, Count(t, label, m, drill), p))
    return tuple(out)


def _parties(
    session: Session, period: Period, post_code: str | None
) -> tuple[tuple[Coverage, ...], tuple[PartyPosts, ...]]:
    """The parties of the newest election: met in the period (meetings, people) and by which
    post, from the meetings their stakeholders attended."""
    from okudesk.core.records import stakeholders

    met = _met_by(session, period, post_code, Stakeholder.party_id)
    coverage, posts = [], []
    for c in stakeholders.party_coverage(session, period.start, period.end, post=post_code):
        label = f"{c.number}. {c.abbreviation}"
        m, n = met.get(c.party_id, (0, 0))
        drill = Drill("meeting", _filter(period, post_code, party_id=c.party_id))
        coverage.append(Coverage(c.party_id, label, Count(c.party_id, label, m, drill), n))
        posts.append(PartyPosts(c.party_id, label, c.met_by_post, c.last_met))
    return tuple(coverage), tuple(posts)


def weeks_before(end: date, n: int = WEEKS) -> tuple[date, ...]:
    """The Mondays of the ``n`` weeks up to the one holding ``end``, oldest first."""
    last = end - timedelta(days=end.weekday())
    return tuple(last - timedelta(weeks=n - 1 - i) for i in range(n))


def _week_counts(
    session: Session, monday: date, post_code: str | None
) -> dict[tuple[str, str | None], int]:
    """{(severity, category id): incidents} of the week starting ``monday``."""
    when = Incident.occurred_at
    begins = datetime.combine(monday, time.min)
    scope = [Incident.deleted_at.is_(None), when >= begins, when < begins + timedelta(weeks=1)]
    if post_code is not None:
        scope.append(Incident.origin_post == post_code)
    stmt = (
        select(Incident.severity, Incident.category_id, func.count())
        .where(*scope)
        .group_by(Incident.severity, Incident.category_id)
    )
    return {(severity, cat): n for severity, cat, n in session.execute(stmt)}


def _weekly(session: Session, end: date, post_code: str | None, memo: Memo) -> Weekly:
    # A query per week rather than one over the twelve grouped by a CASE of the week: each
    # sorts a twelfth of the rows (half the time in all at 1,000,000 incidents), and a week
    # already read for another period is taken from the memo.
    weeks = weeks_before(end)
    by_sev: dict[tuple[int, str], int] = {}
    by_cat: dict[tuple[int, str | None], int] = {}
    for i, monday in enumerate(weeks):
        counts = memo.get(
            ("week", post_code, monday), partial(_week_counts, session, monday, post_code)
        )
        for (severity, cat), n in counts.items():
            by_sev[(i, severity)] = by_sev.get((i, severity), 0) + n
            by_cat[(i, cat)] = by_cat.get((i, cat), 0) + n

    def span(i: int) -> Period:
        return Period(weeks[i], weeks[i] + timedelta(days=6))

    severity_rows = tuple(
        (
            s,
            tuple(
                Count(
                    s,
                    weeks[i].isoformat(),
                    by_sev.get((i, s), 0),
                    Drill("incident", _filter(span(i), post_code, severity=s)),
                )
                for i in range(len(weeks))
            ),
        )
        for s in SEVERITIES
    )
    cats = _ordered(session, IncidentCategory, [c for _i, c in by_cat])
    names = _names(session, IncidentCategory, cats)
    category_rows = [
        (
            names[c],
            tuple(
                Count(
                    c,
                    weeks[i].isoformat(),
                    by_cat.get((i, c), 0),
                    Drill("incident", _filter(span(i), post_code, kind_id=c)),
                )
                for i in range(len(weeks))
            ),
        )
        for c in cats
    ]
    if any(c is None for _i, c in by_cat):
        category_rows.append(
            (
                _(NO_CATEGORY),
                tuple(
                    Count(None, weeks[i].isoformat(), by_cat.get((i, None), 0))
                    for i in range(len(weeks))
                ),
            )
        )
    return Weekly(weeks, severity_rows, tuple(category_rows))


def build(
    session: Session,
    period: Period,
    *,
    post_code: str | None = None,
    today: date | None = None,
    discipline: Sequence[PostDiscipline] = (),
    escalated_limit: int = 50,
    memo: Memo | None = None,
) -> Recap:
    """The recap of ``period`` for every post (``post_code`` None) or one post.

    ``discipline`` is the sync layer's per-post reporting status (see the module's
    docstring); only the scope's post is kept when ``post_code`` is given. ``memo`` keeps
    the parts a change of period does not change for the next build (see :class:`Memo`)."""
    today = today or date.today()
    memo = Memo() if memo is None else memo
    previous = period.previous()
    matrix, incidents, by_severity = _incident_matrix(session, period, previous, post_code)
    meetings, per_type = _meetings(session, period, previous, post_code)
    escalated_open, escalated = memo.get(
        ("escalated", post_code, escalated_limit),
        lambda: _escalated(session, post_code, escalated_limit),
    )
    parties, party_posts = _parties(session, period, post_code)
    return Recap(
        period=period,
        previous=previous,
        post_code=post_code,
        today=today,
        incidents=incidents,
        meetings=meetings,
        by_kecamatan_category=matrix,
        by_severity=by_severity,
        escalated_open=escalated_open,
        escalated=escalated,
        overdue_follow_ups=memo.get(
            ("overdue", post_code, today), lambda: _overdue(session, post_code, today)
        ),
        meetings_by_activity=per_type,
        stakeholder_coverage=_coverage(session, period, post_code),
        discipline=tuple(d for d in discipline if post_code is None or d.code == post_code),
        weekly=_weekly(session, period.end, post_code, memo),
        parties=parties,
        party_posts=party_posts,
    )
