"""Meetings and visits (rapat, kunjungan, sambang, koordinasi) with their attendees and
follow-ups. A meeting travels as one record: its attendee lists go with it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from okudesk.core.errors import NotFound, ValidationError
from okudesk.core.i18n import _
from okudesk.core.models import Meeting, Officer, Stakeholder, meeting_stakeholder, utcnow
from okudesk.core.permissions import require
from okudesk.core.records import (
    fields,
    followups,
    numbering,
    posts,
    reference,
    register,
    validation,
)
from okudesk.core.records.followups import FollowUpInfo, FollowUpInput
from okudesk.core.records.photos import PhotoInput, save_photos


@dataclass
class MeetingInput:
    starts_at: datetime
    ends_at: datetime | None = None
    activity_type_id: str | None = None
    kecamatan_id: str | None = None
    desa_id: str | None = None
    place: str = ""
    basis: str = ""
    purpose: str = ""
    discussion: str = ""
    potential_problems: str = ""
    outcomes: str = ""
    obstacles: str = ""
    conclusion: str = ""
    other_attendees: int = 0
    reported_by_id: str | None = None
    officer_ids: list[str] = field(default_factory=list)
    stakeholder_ids: list[str] = field(default_factory=list)
    follow_ups: list[FollowUpInput] = field(default_factory=list)


@dataclass(frozen=True)
class AttendeeInfo:
    id: str
    name: str
    detail: str  # rank for officers, type / organisation for stakeholders


@dataclass(frozen=True)
class MeetingDetail:
    id: str
    number: str
    origin_post: str
    activity_type_id: str | None
    activity_type: str
    starts_at: datetime
    ends_at: datetime | None
    kecamatan_id: str | None
    kecamatan: str
    desa_id: str | None
    desa: str
    place: str
    basis: str
    purpose: str
    discussion: str
    potential_problems: str
    outcomes: str
    obstacles: str
    conclusion: str
    other_attendees: int
    reported_by_id: str | None
    officers: tuple[AttendeeInfo, ...]
    stakeholders: tuple[AttendeeInfo, ...]
    follow_ups: tuple[FollowUpInfo, ...]
    updated_at: datetime


@dataclass(frozen=True)
class MeetingSummary:
    id: str
    number: str
    starts_at: datetime
    activity_type: str
    place: str


def _validate(session: Session, data: MeetingInput) -> str | None:
    """Refuse what cannot be a meeting; returns the meeting's kecamatan."""
    validation.plausible(data.starts_at, "mulai", field="starts_at")
    validation.plausible(data.ends_at, "selesai", field="ends_at", required=False)
    if data.ends_at is not None and data.ends_at <= data.starts_at:
        raise ValidationError(_("Waktu selesai harus setelah waktu mulai"), "ends_at")
    kecamatan_id = reference.kecamatan_of(session, data.kecamatan_id, data.desa_id)
    if not (data.purpose or "").strip() and not (data.discussion or "").strip():
        raise ValidationError(
            _("{field} wajib diisi", field=fields.MEETING.label("purpose")), "purpose"
        )
    return kecamatan_id


def _apply(session: Session, m: Meeting, data: MeetingInput) -> None:
    kecamatan_id = _validate(session, data)
    fields.record("meeting").copy_into(m, data)
    m.starts_at = data.starts_at
    m.ends_at = data.ends_at
    m.kecamatan_id = kecamatan_id
    m.desa_id = data.desa_id
    m.officers = [
        o
        for o in (session.get(Officer, i) for i in dict.fromkeys(data.officer_ids))
        if o is not None
    ]
    m.stakeholders = [
        s
        for s in (session.get(Stakeholder, i) for i in dict.fromkeys(data.stakeholder_ids))
        if s is not None
    ]


def create_meeting(session: Session, data: MeetingInput) -> MeetingDetail:
    require(session, "meeting.write")
    post = posts.require_this_post(session)
    m = Meeting(
        number=numbering.next_register_number(session, post.code, "meeting", data.starts_at.year)
    )
    _apply(session, m, data)
    session.add(m)
    session.flush()
    followups.replace_for(session, meeting_id=m.id, items=data.follow_ups)
    session.flush()
    return get_meeting(session, m.id)


def _live(session: Session, meeting_id: str) -> Meeting:
    m = session.get(Meeting, meeting_id)
    if m is None or m.deleted_at is not None:
        raise NotFound(_("{kind} tidak ditemukan: {id}", kind="Rapat", id=meeting_id))
    return m


def update_meeting(
    session: Session, meeting_id: str, data: MeetingInput, *, amendment_reason: str | None = None
) -> MeetingDetail:
    """Change the record; once a signed report shows it, only as an amendment with a reason."""
    require(session, "meeting.write")
    m = _live(session, meeting_id)
    register.ensure_editable(session, "meeting", meeting_id, amendment_reason)
    _apply(session, m, data)
    followups.replace_for(session, meeting_id=m.id, items=data.follow_ups)
    session.flush()
    return get_meeting(session, m.id)


def delete_meeting(
    session: Session, meeting_id: str, *, amendment_reason: str | None = None
) -> None:
    """Soft delete: the tombstone travels to HQ; follow-ups go with the meeting."""
    require(session, "meeting.write")
    m = _live(session, meeting_id)
    register.ensure_editable(session, "meeting", meeting_id, amendment_reason)
    now = utcnow()
    m.deleted_at = now
    followups.replace_for(session, meeting_id=m.id, items=[])
    session.flush()


def get_meeting(session: Session, meeting_id: str) -> MeetingDetail:
    m = session.scalar(
        select(Meeting)
        .where(Meeting.id == meeting_id)
        .options(
            selectinload(Meeting.officers).selectinload(Officer.rank),
            selectinload(Meeting.stakeholders),
        )
    )
    if m is None or m.deleted_at is not None:
        raise NotFound(_("{kind} tidak ditemukan: {id}", kind="Rapat", id=meeting_id))
    return MeetingDetail(
        **fields.record("meeting").values(m),
        id=m.id,
        activity_type=m.activity_type.name if m.activity_type else "",
        kecamatan=m.kecamatan.name if m.kecamatan else "",
        desa=m.desa.name if m.desa else "",
        officers=tuple(
            AttendeeInfo(o.id, o.name, o.rank.name if o.rank else "") for o in m.officers
        ),
        stakeholders=tuple(
            AttendeeInfo(
                s.id,
                s.name,
                " / ".join(x for x in (s.type.name if s.type else "", s.organisation) if x),
            )
            for s in m.stakeholders
        ),
        follow_ups=tuple(followups.for_record(session, meeting_id=m.id)),
        updated_at=m.updated_at,
    )


def latest_meeting_id(session: Session) -> str | None:
    return session.scalar(
        select(Meeting.id)
        .where(Meeting.deleted_at.is_(None))
        .order_by(Meeting.starts_at.desc())
        .limit(1)
    )


def meetings_of_stakeholder(session: Session, stakeholder_id: str) -> list[MeetingSummary]:
    """The meetings a stakeholder attended, newest first (their history in the directory)."""
    stmt = (
        select(Meeting)
        .join(meeting_stakeholder, meeting_stakeholder.c.meeting_id == Meeting.id)
        .where(meeting_stakeholder.c.stakeholder_id == stakeholder_id, Meeting.deleted_at.is_(None))
        .order_by(Meeting.starts_at.desc())
    )
    return [
        MeetingSummary(
            m.id, m.number, m.starts_at, m.activity_type.name if m.activity_type else "", m.place
        )
        for m in session.scalars(stmt)
    ]


def save_meeting(
    session: Session,
    meeting_id: str | None,
    data: MeetingInput,
    *,
    photos: Sequence[PhotoInput] = (),
    removed_photos: Sequence[str] = (),
    photo_dir: Path | None = None,
    amendment_reason: str | None = None,
) -> MeetingDetail:
    """Create (``meeting_id`` None) or change a meeting with its attendees, follow-ups and
    photos, all in the caller's one transaction: the form's Save, or a script's."""
    if meeting_id is None:
        detail = create_meeting(session, data)
    else:
        detail = update_meeting(session, meeting_id, data, amendment_reason=amendment_reason)
    if photos or removed_photos:
        if photo_dir is None:
            raise ValueError("photo_dir is needed to store photos")
        save_photos(
            session,
            photo_dir,
            photos,
            removed=removed_photos,
            meeting_id=detail.id,
            amendment_reason=amendment_reason,
        )
    return detail
