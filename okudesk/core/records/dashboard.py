"""What the Beranda (home) page shows: today's and this week's work, follow-ups that need
attention, the latest serious incidents and how long ago data last went to HQ."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import String, cast, func, select
from sqlalchemy.orm import QueryableAttribute, Session
from sqlalchemy.sql import ColumnElement

from okudesk.core.models import (
    FollowUp,
    Incident,
    IncidentCategory,
    Meeting,
    Officer,
    Synced,
    SyncIdentity,
)
from okudesk.core.records import listing, settings
from okudesk.core.records.listing import SEVERITY_RANK

DUE_SOON_DAYS = 3


@dataclass(frozen=True)
class FollowUpLine:
    id: str
    what: str
    responsible: str
    due_date: date | None


@dataclass(frozen=True)
class IncidentLine:
    id: str
    number: str
    occurred_at: datetime | str | None  # str: a stored value that is not a date (InvalidValue)
    severity: str
    status: str
    category: str
    summary: str


@dataclass(frozen=True)
class Dashboard:
    today: date
    meetings_today: int
    meetings_week: int
    incidents_today: int
    incidents_week: int
    overdue: tuple[FollowUpLine, ...]
    due_soon: tuple[FollowUpLine, ...]
    overdue_count: int
    due_soon_count: int
    latest_incidents: tuple[IncidentLine, ...]
    last_export: datetime | None
    days_since_export: int | None
    export_warning_days: int
    can_export: bool = True  # a post enrolled with HQ's kit (before it, there is nowhere to send)
    recent_incidents: int = 0  # every incident of the last 30 days (latest_incidents: a few)


RECENT_DAYS = 30  # Beranda's latest incidents


def _count(
    session: Session,
    model: type[Synced],
    column: QueryableAttribute[datetime],
    start: datetime,
    end: datetime,
) -> int:
    return (
        session.scalar(
            select(func.count())
            .select_from(model)
            .where(model.deleted_at.is_(None), column >= start, column < end)
        )
        or 0
    )


def _follow_ups(
    session: Session, *conditions: ColumnElement[bool], limit: int
) -> tuple[tuple[FollowUpLine, ...], int]:
    live = (FollowUp.deleted_at.is_(None), FollowUp.status == "terbuka", *conditions)
    n = session.scalar(select(func.count()).select_from(FollowUp).where(*live)) or 0
    stmt = (
        select(
            FollowUp.id,
            FollowUp.what,
            func.coalesce(Officer.name, FollowUp.responsible),
            FollowUp.due_date,
        )
        .outerjoin(Officer, Officer.id == FollowUp.officer_id)
        .where(*live)
        .order_by(FollowUp.due_date)
        .limit(limit)
    )
    return tuple(FollowUpLine(*row) for row in session.execute(stmt)), n


def summary(session: Session, today: date | None = None, *, limit: int = 8) -> Dashboard:
    today = today or date.today()
    day = datetime.combine(today, time.min)
    week = day - timedelta(days=today.weekday())
    tomorrow = day + timedelta(days=1)
    overdue, n_overdue = _follow_ups(session, FollowUp.due_date < today, limit=limit)
    soon, n_soon = _follow_ups(
        session,
        FollowUp.due_date >= today,
        FollowUp.due_date <= today + timedelta(days=DUE_SOON_DAYS),
        limit=limit,
    )
    # the latest incidents of the last 30 days, the most serious first
    since = day - timedelta(days=RECENT_DAYS)
    n_recent = _count(session, Incident, Incident.occurred_at, since, datetime.max)
    recent = (
        select(
            Incident.id,
            Incident.number,
            cast(Incident.occurred_at, String),  # read below: a stored value may not be a date
            Incident.severity,
            Incident.status,
            IncidentCategory.name,
            func.coalesce(
                func.nullif(Incident.title, ""), func.substr(Incident.description, 1, 120)
            ),
        )
        .outerjoin(IncidentCategory, IncidentCategory.id == Incident.category_id)
        .where(Incident.deleted_at.is_(None), Incident.occurred_at >= since)
        .order_by(SEVERITY_RANK.desc(), Incident.occurred_at.desc())
        .limit(limit)
    )
    latest = tuple(
        IncidentLine(r[0], r[1], listing.read_datetime(r[2]), *r[3:])
        for r in session.execute(recent)
    )
    raw = settings.get(session, settings.LAST_EXPORTED_AT)
    try:
        last_export = datetime.fromisoformat(raw) if raw else None
    except ValueError:
        last_export = None
    days = (today - last_export.date()).days if last_export else None
    return Dashboard(
        today=today,
        meetings_today=_count(session, Meeting, Meeting.starts_at, day, tomorrow),
        meetings_week=_count(session, Meeting, Meeting.starts_at, week, tomorrow),
        incidents_today=_count(session, Incident, Incident.occurred_at, day, tomorrow),
        incidents_week=_count(session, Incident, Incident.occurred_at, week, tomorrow),
        overdue=overdue,
        due_soon=soon,
        overdue_count=n_overdue,
        due_soon_count=n_soon,
        latest_incidents=latest,
        last_export=last_export,
        days_since_export=days,
        export_warning_days=settings.get_int(session, settings.EXPORT_WARNING_DAYS, 7),
        can_export=session.scalar(select(SyncIdentity.role).where(SyncIdentity.id == 1)) == "post",
        recent_incidents=n_recent,
    )
