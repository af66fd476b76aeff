"""The lists of the workstation (meetings, incidents, stakeholders, follow-ups) as plain rows.

A list is read in two steps, as Anki's browser does: :func:`keys` returns the integer row
keys of every matching record in display order (4 bytes each while they fit: a million
incidents cost 4 MB), and :func:`rows` returns the visible columns of the few rows on
screen. Filtering by text uses the FTS5 indexes of :mod:`okudesk.core.store.search`.
"""

from __future__ import annotations

from array import array
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any, cast

from sqlalchemy import Date, DateTime, String, bindparam, case, func, or_, select
from sqlalchemy import cast as cast_
from sqlalchemy.orm import QueryableAttribute, Session, aliased
from sqlalchemy.sql import ColumnElement, Select

from okudesk.core.i18n import _
from okudesk.core.models import (
    ActivityType,
    Desa,
    FollowUp,
    Incident,
    IncidentCategory,
    Kecamatan,
    Meeting,
    Officer,
    PoliticalParty,
    Stakeholder,
    StakeholderType,
    Synced,
    meeting_stakeholder,
)
from okudesk.core.records import fields
from okudesk.core.records.fields import Kind, RecordFields
from okudesk.core.store import search


@dataclass(frozen=True)
class ListFilter:
    """What a filter bar can ask; each list uses the parts that make sense for it."""

    date_from: date | None = None
    date_to: date | None = None
    kind_id: str | None = None  # activity type, incident category or stakeholder type
    kecamatan_id: str | None = None
    status: str | None = None
    severity: str | None = None
    text: str = ""
    officer_id: str | None = None  # follow-ups: "mine"
    overdue_on: date | None = None  # follow-ups: open and due before this day
    stakeholder_id: str | None = None  # meetings attended by one stakeholder
    stakeholder_type_id: str | None = None  # meetings attended by a stakeholder of this type
    party_id: str | None = None  # meetings attended by a stakeholder of this party
    post_code: str | None = None  # HQ: the records of one post (origin_post)


@dataclass(frozen=True)
class Column:
    key: str
    value: ColumnElement | QueryableAttribute
    joins: tuple[str, ...] = ()
    sort: ColumnElement | QueryableAttribute | None = None


@dataclass
class Listing:
    table: str
    model: type[Synced]
    columns: tuple[Column, ...]
    joins: dict[str, Callable[[Select], Select]]
    default_sort: str
    default_descending: bool
    apply_filter: Callable[[Select, ListFilter], tuple[Select, set[str]]]
    column_keys: tuple[str, ...] = field(init=False)

    def __post_init__(self) -> None:
        self.column_keys = tuple(c.key for c in self.columns)

    def column(self, key: str) -> Column:
        for c in self.columns:
            if c.key == key:
                return c
        raise KeyError(key)


def columns_of(
    record: RecordFields, model: type[Synced], special: tuple[Column, ...] = ()
) -> tuple[Column, ...]:
    """The list columns of a record, in the order its field table gives: a plain field is read
    from its column (a long text cut to 160 characters), a reference or a derived field from
    ``special`` (its join or computation)."""
    by_key = {c.key: c for c in special}
    out = []
    for f in record.listed:
        key = f.list_key
        if key in by_key:
            out.append(by_key.pop(key))
        elif f.kind is Kind.REFERENCE or not f.stored:
            raise KeyError(f"{record.table}: the list column {key} needs its join or computation")
        elif f.kind is Kind.LONG_TEXT:
            out.append(Column(key, func.substr(getattr(model, f.name), 1, 160)))
        else:
            out.append(Column(key, getattr(model, f.name)))
    if by_key:
        raise KeyError(f"{record.table}: {sorted(by_key)} are not list columns of its field table")
    return tuple(out)


def _date_range(stmt: Select, col: Any, flt: ListFilter) -> Select:
    if flt.date_from:
        stmt = stmt.where(col >= datetime.combine(flt.date_from, time.min))
    if flt.date_to:
        stmt = stmt.where(col < datetime.combine(flt.date_to + timedelta(days=1), time.min))
    return stmt


def _text(stmt: Select, table: str, flt: ListFilter) -> Select:
    clause = search.matching(table, flt.text) if flt.text else None
    return stmt.where(clause) if clause is not None else stmt


# --- meetings ----------------------------------------------------------------------------------

_m_kec = aliased(Kecamatan, name="m_kec")
_m_desa = aliased(Desa, name="m_desa")
_m_type = aliased(ActivityType, name="m_type")


def _meeting_filter(stmt: Select, flt: ListFilter) -> tuple[Select, set[str]]:
    stmt = _date_range(stmt, Meeting.starts_at, flt)
    if flt.kind_id:
        stmt = stmt.where(Meeting.activity_type_id == flt.kind_id)
    if flt.kecamatan_id:
        stmt = stmt.where(Meeting.kecamatan_id == flt.kecamatan_id)
    if flt.post_code:
        stmt = stmt.where(Meeting.origin_post == flt.post_code)
    if flt.stakeholder_id:
        stmt = stmt.where(
            Meeting.id.in_(
                select(meeting_stakeholder.c.meeting_id).where(
                    meeting_stakeholder.c.stakeholder_id == flt.stakeholder_id
                )
            )
        )
    if flt.stakeholder_type_id:
        stmt = stmt.where(_attended_by(Stakeholder.type_id == flt.stakeholder_type_id))
    if flt.party_id:
        stmt = stmt.where(_attended_by(Stakeholder.party_id == flt.party_id))
    return _meeting_text(stmt, flt), set()


def _attended_by(condition: ColumnElement[bool]) -> ColumnElement[bool]:
    """Meetings attended by a (live) stakeholder meeting ``condition``."""
    return Meeting.id.in_(
        select(meeting_stakeholder.c.meeting_id)
        .join(Stakeholder, Stakeholder.id == meeting_stakeholder.c.stakeholder_id)
        .where(condition, Stakeholder.deleted_at.is_(None))
    )


def _meeting_text(stmt: Select, flt: ListFilter) -> Select:
    """Every word typed occurs in the meeting's own indexed fields or in the indexed fields
    of a stakeholder who attended it: a meeting is found by who was there."""
    for i, word in enumerate(search.word_expressions(flt.text)):
        attended = select(meeting_stakeholder.c.meeting_id).where(
            meeting_stakeholder.c.stakeholder_id.in_(
                select(Stakeholder.id).where(
                    search.matching_expression("stakeholder", word, f"_{i}"),
                    Stakeholder.deleted_at.is_(None),
                )
            )
        )
        stmt = stmt.where(
            or_(search.matching_expression("meeting", word, f"_{i}"), Meeting.id.in_(attended))
        )
    return stmt


MEETINGS = Listing(
    table="meeting",
    model=Meeting,
    columns=columns_of(
        fields.record("meeting"),
        Meeting,
        (
            Column("activity_type", _m_type.name, ("type",)),
            Column("kecamatan", _m_kec.name, ("kec",)),
            Column("desa", _m_desa.name, ("desa",)),
        ),
    ),
    joins={
        "type": lambda s: s.outerjoin(_m_type, _m_type.id == Meeting.activity_type_id),
        "kec": lambda s: s.outerjoin(_m_kec, _m_kec.id == Meeting.kecamatan_id),
        "desa": lambda s: s.outerjoin(_m_desa, _m_desa.id == Meeting.desa_id),
    },
    default_sort="starts_at",
    default_descending=True,
    apply_filter=_meeting_filter,
)

# --- incidents ---------------------------------------------------------------------------------

_i_kec = aliased(Kecamatan, name="i_kec")
_i_desa = aliased(Desa, name="i_desa")
_i_cat = aliased(IncidentCategory, name="i_cat")
SEVERITY_RANK = case(
    {"rendah": 1, "sedang": 2, "tinggi": 3, "kritis": 4}, value=Incident.severity, else_=0
)
GROUP_PREFIX = "group:"


def _incident_filter(stmt: Select, flt: ListFilter) -> tuple[Select, set[str]]:
    joins: set[str] = set()
    stmt = _date_range(stmt, Incident.occurred_at, flt)
    if flt.kind_id and flt.kind_id.startswith(GROUP_PREFIX):
        stmt = stmt.where(
            Incident.category_id.in_(
                select(IncidentCategory.id).where(
                    IncidentCategory.group == flt.kind_id[len(GROUP_PREFIX) :]
                )
            )
        )
    elif flt.kind_id:
        stmt = stmt.where(Incident.category_id == flt.kind_id)
    if flt.kecamatan_id:
        stmt = stmt.where(Incident.kecamatan_id == flt.kecamatan_id)
    if flt.status:
        stmt = stmt.where(Incident.status == flt.status)
    if flt.severity:
        stmt = stmt.where(Incident.severity == flt.severity)
    if flt.post_code:
        stmt = stmt.where(Incident.origin_post == flt.post_code)
    return _text(stmt, "incident", flt), joins


INCIDENTS = Listing(
    table="incident",
    model=Incident,
    columns=columns_of(
        fields.record("incident"),
        Incident,
        (
            Column("category", _i_cat.name, ("cat",)),
            Column("severity", Incident.severity, sort=SEVERITY_RANK),
            Column("kecamatan", _i_kec.name, ("kec",)),
            Column("desa", _i_desa.name, ("desa",)),
            Column(
                "summary",
                func.coalesce(
                    func.nullif(Incident.title, ""), func.substr(Incident.description, 1, 160)
                ),
            ),
        ),
    ),
    joins={
        "cat": lambda s: s.outerjoin(_i_cat, _i_cat.id == Incident.category_id),
        "kec": lambda s: s.outerjoin(_i_kec, _i_kec.id == Incident.kecamatan_id),
        "desa": lambda s: s.outerjoin(_i_desa, _i_desa.id == Incident.desa_id),
    },
    default_sort="occurred_at",
    default_descending=True,
    apply_filter=_incident_filter,
)

# --- stakeholders ------------------------------------------------------------------------------

_s_type = aliased(StakeholderType, name="s_type")
_s_party = aliased(PoliticalParty, name="s_party")
_s_desa = aliased(Desa, name="s_desa")
_s_meetings = (
    select(func.count())
    .select_from(meeting_stakeholder.join(Meeting, Meeting.id == meeting_stakeholder.c.meeting_id))
    .where(meeting_stakeholder.c.stakeholder_id == Stakeholder.id, Meeting.deleted_at.is_(None))
    .correlate(Stakeholder)
    .scalar_subquery()
)
_s_last_met = (
    select(func.max(Meeting.starts_at))
    .select_from(meeting_stakeholder.join(Meeting, Meeting.id == meeting_stakeholder.c.meeting_id))
    .where(meeting_stakeholder.c.stakeholder_id == Stakeholder.id, Meeting.deleted_at.is_(None))
    .correlate(Stakeholder)
    .scalar_subquery()
)


def _stakeholder_filter(stmt: Select, flt: ListFilter) -> tuple[Select, set[str]]:
    joins: set[str] = set()
    if flt.kind_id:
        stmt = stmt.where(Stakeholder.type_id == flt.kind_id)
    if flt.kecamatan_id:
        joins.add("desa")
        stmt = stmt.where(_s_desa.kecamatan_id == flt.kecamatan_id)
    if flt.post_code:
        stmt = stmt.where(Stakeholder.origin_post == flt.post_code)
    return _text(stmt, "stakeholder", flt), joins


STAKEHOLDERS = Listing(
    table="stakeholder",
    model=Stakeholder,
    columns=columns_of(
        fields.record("stakeholder"),
        Stakeholder,
        (
            Column("type", _s_type.name, ("type",)),
            Column("party", _s_party.abbreviation, ("party",)),
            Column("desa", _s_desa.name, ("desa",)),
            Column("meetings", _s_meetings),
            Column("last_met", _s_last_met),
        ),
    ),
    joins={
        "type": lambda s: s.outerjoin(_s_type, _s_type.id == Stakeholder.type_id),
        "party": lambda s: s.outerjoin(_s_party, _s_party.id == Stakeholder.party_id),
        "desa": lambda s: s.outerjoin(_s_desa, _s_desa.id == Stakeholder.desa_id),
    },
    default_sort="name",
    default_descending=False,
    apply_filter=_stakeholder_filter,
)

# --- follow-ups --------------------------------------------------------------------------------

_f_officer = aliased(Officer, name="f_officer")
_f_meeting = aliased(Meeting, name="f_meeting")
_f_incident = aliased(Incident, name="f_incident")


def _follow_up_filter(stmt: Select, flt: ListFilter) -> tuple[Select, set[str]]:
    joins: set[str] = set()
    if flt.date_from:
        stmt = stmt.where(FollowUp.due_date >= flt.date_from)
    if flt.date_to:
        stmt = stmt.where(FollowUp.due_date <= flt.date_to)
    if flt.status:
        stmt = stmt.where(FollowUp.status == flt.status)
    if flt.officer_id:
        stmt = stmt.where(FollowUp.officer_id == flt.officer_id)
    if flt.overdue_on:
        stmt = stmt.where(FollowUp.status == "terbuka", FollowUp.due_date < flt.overdue_on)
    if flt.post_code is not None:
        stmt = stmt.where(FollowUp.origin_post == flt.post_code)
    if flt.kecamatan_id:
        joins.update(("meeting", "incident"))
        stmt = stmt.where(
            func.coalesce(_f_meeting.kecamatan_id, _f_incident.kecamatan_id) == flt.kecamatan_id
        )
    return _text(stmt, "follow_up", flt), joins


FOLLOW_UPS = Listing(
    table="follow_up",
    model=FollowUp,
    columns=columns_of(
        fields.record("follow_up"),
        FollowUp,
        (
            Column(
                "officer",
                func.coalesce(func.nullif(_f_officer.name, ""), FollowUp.responsible),
                ("officer",),
            ),
            Column(
                "source",
                func.coalesce(_f_meeting.number, _f_incident.number, ""),
                ("meeting", "incident"),
            ),
        ),
    ),
    joins={
        "officer": lambda s: s.outerjoin(_f_officer, _f_officer.id == FollowUp.officer_id),
        "meeting": lambda s: s.outerjoin(_f_meeting, _f_meeting.id == FollowUp.meeting_id),
        "incident": lambda s: s.outerjoin(_f_incident, _f_incident.id == FollowUp.incident_id),
    },
    default_sort="due_date",
    default_descending=False,
    apply_filter=_follow_up_filter,
)

LISTINGS: dict[str, Listing] = {x.table: x for x in (MEETINGS, INCIDENTS, STAKEHOLDERS, FOLLOW_UPS)}


def _with_joins(listing: Listing, stmt: Select, names: set[str]) -> Select:
    for name in listing.joins:  # fixed order
        if name in names:
            stmt = listing.joins[name](stmt)
    return stmt


def keys_statement(
    listing: Listing, flt: ListFilter, sort: str | None = None, descending: bool | None = None
) -> Select:
    sort = sort or listing.default_sort
    descending = listing.default_descending if descending is None else descending
    key = search.row_key(listing.table)
    column = listing.column(sort)
    stmt = select(key).select_from(listing.model).where(listing.model.deleted_at.is_(None))
    stmt, joins = listing.apply_filter(stmt, flt)
    stmt = _with_joins(listing, stmt, joins | set(column.joins))
    order = column.sort if column.sort is not None else column.value
    if descending:
        return stmt.order_by(order.desc(), key.desc())
    return stmt.order_by(order.asc(), key.asc())


# Row keys are SQLite rowids: numbered from 1 as rows are inserted, so they fit in 4 bytes
# ("I", an unsigned C int) far beyond a post's lifetime; 8 bytes ("q") only if one does not.
NARROW, WIDE = "I", "q"


def extend_keys(row_keys: array, more: array) -> array:
    """``row_keys`` followed by ``more``: in place when both have the same width, else in a
    new array of 8 bytes a key."""
    if row_keys.typecode != more.typecode:
        if row_keys.typecode == NARROW:
            row_keys = array(WIDE, row_keys)
        else:
            more = array(WIDE, more)
    row_keys.extend(more)
    return row_keys


# Statements built once and run again with new values: for the first screen of a list,
# building and hashing a statement cost more than running it (the first 300 keys and 50
# rows of a million incidents: 1.1 -> 0.45 ms on the operation worker).
_STATEMENTS: dict[tuple, Select] = {}


def _statement(key: tuple, build: Callable[[], Select]) -> Select:
    stmt = _STATEMENTS.get(key)
    if stmt is None:
        if len(_STATEMENTS) >= 256:  # many different searches: start again
            _STATEMENTS.clear()
        stmt = _STATEMENTS[key] = build()
    return stmt


def keys(
    session: Session,
    listing: Listing,
    flt: ListFilter = ListFilter(),
    *,
    sort: str | None = None,
    descending: bool | None = None,
    limit: int | None = None,
    offset: int = 0,
) -> array:
    """The row keys of the matching records, in display order, as a compact array: 4 bytes
    a key (``array('I')``), or 8 (``array('q')``) when a key does not fit in 4."""
    paged = limit is not None or bool(offset)

    def build() -> Select:
        stmt = keys_statement(listing, flt, sort, descending)
        return stmt.limit(bindparam("limit")).offset(bindparam("offset")) if paged else stmt

    stmt = _statement(("keys", id(listing), flt, sort, descending, paged), build)
    values = {"limit": -1 if limit is None else limit, "offset": offset} if paged else {}

    def read(typecode: str) -> array:
        result = session.connection().execute(stmt, values)
        try:
            # integers need no result processing: read the driver's cursor directly (twice as fast)
            return array(typecode, (row[0] for row in cast(Iterable[tuple], result.cursor)))
        finally:
            result.close()

    try:
        return read(NARROW)
    except OverflowError:  # a key above 2**32 - 1 (or below 0): read again, 8 bytes a key
        return read(WIDE)


def rows(session: Session, listing: Listing, row_keys: Sequence[int]) -> dict[int, tuple]:
    """``{key: (id, column values...)}`` for the given keys (the rows on screen)."""
    if not row_keys:
        return {}

    def build() -> Select:
        key = search.row_key(listing.table)
        joins = {j for c in listing.columns for j in c.joins}
        stmt = select(
            key, listing.model.id, *(as_text(c.value) for c in listing.columns)
        ).select_from(listing.model)
        return _with_joins(listing, stmt, joins).where(key.in_(bindparam("keys", expanding=True)))

    stmt = _statement(("rows", id(listing)), build)
    readers = _readers(listing)
    out = {}
    for r in session.connection().execute(stmt, {"keys": list(row_keys)}):
        values = list(r[1:])
        for k, read in readers:
            values[k] = read(values[k])
        out[r[0]] = tuple(values)
    return out


class InvalidValue(str):
    """A stored value a list cannot read as its type (put there past the services and the
    checks of sync): the list shows it as invalid instead of failing as a whole."""


def read_datetime(value: object) -> datetime | InvalidValue | None:
    """A date and time as stored (text), or an InvalidValue saying it is not one."""
    if value is None or isinstance(value, datetime):
        return value
    try:
        return datetime.fromisoformat(str(value))
    except ValueError:
        return InvalidValue(_("tidak sah: {value}", value=str(value)[:40]))


def _read_date(value: object) -> date | InvalidValue | None:
    if value is None or isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        return InvalidValue(_("tidak sah: {value}", value=str(value)[:40]))


def reader(value: ColumnElement | QueryableAttribute) -> Callable[[object], object] | None:
    """How to read a date or time column selected as text (``as_text``), None for others: the
    driver's own conversion raises on a stored value that is not one, and a whole list or
    export with it."""
    kind = getattr(value, "type", None)
    if isinstance(kind, DateTime):
        return read_datetime
    if isinstance(kind, Date):
        return _read_date
    return None


def _readers(listing: Listing) -> tuple[tuple[int, Callable[[object], object]], ...]:
    """(position in a row, reader) of the list's date and time columns."""
    out: list[tuple[int, Callable[[object], object]]] = []
    for k, c in enumerate(listing.columns, start=1):
        read = reader(c.value)
        if read is not None:
            out.append((k, read))
    return tuple(out)


def as_text(value: ColumnElement | QueryableAttribute) -> ColumnElement | QueryableAttribute:
    kind = getattr(value, "type", None)
    if isinstance(kind, (DateTime, Date)):
        return cast_(value, String)
    return value


def key_of(session: Session, listing: Listing, record_id: str) -> int | None:
    """The row key of one record (to select it after saving)."""
    return (
        session.connection()
        .execute(
            select(search.row_key(listing.table))
            .select_from(listing.model)
            .where(listing.model.id == record_id)
        )
        .scalar()
    )
