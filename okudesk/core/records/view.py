"""A record read whole, for the read-only record view (HQ, and posts): every field of its
field table as a person reads it, its status history, photos, follow-ups, the reports made
from it (the register) and the audit entries for it. Nothing here changes anything."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from okudesk.core.errors import NotFound, PermissionDenied
from okudesk.core.history import audit
from okudesk.core.i18n import _
from okudesk.core.models import Base, Incident, Meeting
from okudesk.core.records import (
    fields,
    followups,
    incidents,
    meetings,
    numbers,
    photos,
    register,
)
from okudesk.core.records.fields import Kind

MODELS: dict[str, type[Meeting] | type[Incident]] = {"meeting": Meeting, "incident": Incident}


@dataclass(frozen=True)
class ShownField:
    name: str
    label: str
    kind: str  # fields.Kind value: the GUI formats dates and translates choices by it
    value: object  # as stored (a date, a choice's code...)
    text: str  # a reference by the referenced row's name, a list of people as names


@dataclass(frozen=True)
class RecordView:
    table: str
    id: str
    number: str
    title: str
    origin_post: str
    fields: tuple[ShownField, ...]
    history: tuple[incidents.StatusChangeInfo, ...]
    follow_ups: tuple[followups.FollowUpInfo, ...]
    photos: tuple[photos.AttachmentInfo, ...]
    reports: tuple[register.ReportInfo, ...]
    audit: tuple[audit.EntryInfo, ...]
    audit_allowed: bool  # the role may read the trail (commanders, admins, HQ)


def _reference_text(session: Session, table: str, value: object) -> str:
    if not value:
        return ""
    ref = Base.metadata.tables.get(table)
    if ref is None:
        return str(value)
    for column in ("name", "number"):
        if column in ref.c:
            found = session.execute(select(ref.c[column]).where(ref.c.id == value)).scalar()
            return str(found) if found else str(value)
    return str(value)


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.strftime("%d/%m/%Y %H:%M")
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    return str(value)


def read(session: Session, table: str, record_id: str, *, audit_limit: int = 200) -> RecordView:
    """The record whole. Raises NotFound for an unknown or deleted record."""
    model = MODELS.get(table)
    row: Meeting | Incident | None = None
    if model is Meeting:
        row = session.get(Meeting, record_id)
    elif model is Incident:
        row = session.get(Incident, record_id)
    if row is None or row.deleted_at is not None:
        raise NotFound(_("{kind} tidak ditemukan: {id}", kind=table, id=record_id))
    people: dict[str, str] = {}
    history: tuple[incidents.StatusChangeInfo, ...] = ()
    if table == "meeting":
        detail = meetings.get_meeting(session, record_id)
        people["officer_ids"] = ", ".join(a.name for a in detail.officers)
        people["stakeholder_ids"] = ", ".join(
            f"{a.name} ({a.detail})" if a.detail else a.name for a in detail.stakeholders
        )
        title = detail.purpose
        owner = {"meeting_id": record_id}
    else:
        history = tuple(incidents.history(session, record_id))
        title = getattr(row, "title", "") or ""
        owner = {"incident_id": record_id}
    shown = []
    for f in fields.record(table):
        if f.kind is Kind.DERIVED:
            continue
        if f.kind in (Kind.OFFICERS, Kind.STAKEHOLDERS):
            shown.append(
                ShownField(f.name, f.caption(), f.kind.value, None, people.get(f.name, ""))
            )
            continue
        value = getattr(row, f.name, None)
        text = (
            _reference_text(session, f.reference, value)
            if f.kind is Kind.REFERENCE and f.reference
            else _text(value)
        )
        shown.append(ShownField(f.name, f.caption(), f.kind.value, value, text))
    try:
        related = numbers.family(session, [record_id])
        trail = tuple(audit.entries(session, record_ids=related, limit=audit_limit))
        allowed = True
    except PermissionDenied:
        trail, allowed = (), False
    return RecordView(
        table,
        record_id,
        row.number,
        title,
        row.origin_post,
        tuple(shown),
        history,
        tuple(followups.for_record(session, **owner)),
        tuple(photos.photos_of(session, **owner)),
        tuple(register.reports_of(session, table, record_id)),
        trail,
        allowed,
    )
