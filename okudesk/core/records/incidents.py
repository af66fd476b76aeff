"""Incidents (kejadian) that threaten public order, and their status life cycle:
dilaporkan -> diverifikasi -> dieskalasi -> ditangani -> selesai, plus the side exits
"bukan terkait pemilu" and "laporan tidak valid". Every change of status is kept."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from okudesk.core.errors import NotFound, ValidationError
from okudesk.core.i18n import _
from okudesk.core.models import Incident, IncidentStatusChange, Officer, utcnow
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

STATUS_LABELS = {
    "dilaporkan": "Dilaporkan",
    "diverifikasi": "Diverifikasi",
    "dieskalasi": "Dieskalasi",
    "ditangani": "Ditangani",
    "selesai": "Selesai",
    "bukan_pemilu": "Bukan terkait pemilu",
    "tidak_valid": "Laporan tidak valid",
}
SEVERITY_LABELS = {"rendah": "Rendah", "sedang": "Sedang", "tinggi": "Tinggi", "kritis": "Kritis"}

TRANSITIONS: dict[str, tuple[str, ...]] = {
    "dilaporkan": ("diverifikasi", "bukan_pemilu", "tidak_valid"),
    "diverifikasi": ("dieskalasi", "ditangani", "bukan_pemilu", "tidak_valid"),
    "dieskalasi": ("ditangani", "selesai"),
    "ditangani": ("dieskalasi", "selesai"),
    "selesai": ("ditangani",),
    "bukan_pemilu": ("diverifikasi",),
    "tidak_valid": ("diverifikasi",),
}
SOURCE_GRADES = "".join(fields.SOURCE_GRADES)
INFO_GRADES = "".join(fields.INFO_GRADES)


@dataclass
class IncidentInput:
    occurred_at: datetime
    category_id: str | None = None
    severity: str = "sedang"
    reported_at: datetime | None = None
    kecamatan_id: str | None = None
    desa_id: str | None = None
    place: str = ""
    title: str = ""
    description: str = ""
    people_involved: str = ""
    actions_taken: str = ""
    escalated_to: str = ""
    legal_axis: str = ""
    police_report_number: str = ""
    meeting_id: str | None = None
    reported_by_id: str | None = None
    source: str = ""
    source_grade: str = ""
    info_grade: str = ""
    assessment: str = ""
    recommendation: str = ""
    follow_ups: list[FollowUpInput] = field(default_factory=list)


@dataclass(frozen=True)
class StatusChangeInfo:
    from_status: str
    to_status: str
    changed_at: datetime
    officer_id: str | None
    officer_name: str
    note: str


@dataclass(frozen=True)
class IncidentDetail:
    id: str
    number: str
    origin_post: str
    occurred_at: datetime
    reported_at: datetime
    category_id: str | None
    category: str
    category_group: str
    severity: str
    kecamatan_id: str | None
    kecamatan: str
    desa_id: str | None
    desa: str
    place: str
    title: str
    description: str
    people_involved: str
    status: str
    actions_taken: str
    escalated_to: str
    legal_axis: str
    police_report_number: str
    meeting_id: str | None
    reported_by_id: str | None
    source: str
    source_grade: str
    info_grade: str
    assessment: str
    recommendation: str
    history: tuple[StatusChangeInfo, ...]
    follow_ups: tuple[FollowUpInfo, ...]
    updated_at: datetime


def _apply(session: Session, i: Incident, data: IncidentInput) -> None:
    validation.plausible(data.occurred_at, "kejadian", field="occurred_at")
    reported_at = data.reported_at or i.reported_at or datetime.now().replace(microsecond=0)
    validation.plausible(reported_at, "dilaporkan", field="reported_at")
    fields.record("incident").copy_into(i, data)
    kecamatan_id = reference.kecamatan_of(session, data.kecamatan_id, data.desa_id)
    i.occurred_at = data.occurred_at
    i.reported_at = reported_at
    i.kecamatan_id = kecamatan_id
    i.desa_id = data.desa_id


def create_incident(
    session: Session, data: IncidentInput, *, officer_id: str | None = None
) -> IncidentDetail:
    require(session, "incident.write")
    post = posts.require_this_post(session)
    i = Incident(
        number=numbering.next_register_number(session, post.code, "incident", data.occurred_at.year)
    )
    i.status = "dilaporkan"
    _apply(session, i, data)
    session.add(i)
    session.flush()
    session.add(
        IncidentStatusChange(
            incident_id=i.id,
            from_status="",
            to_status="dilaporkan",
            changed_at=i.reported_at,
            officer_id=officer_id or data.reported_by_id,
        )
    )
    followups.replace_for(session, incident_id=i.id, items=data.follow_ups)
    session.flush()
    return get_incident(session, i.id)


def _live(session: Session, incident_id: str) -> Incident:
    i = session.get(Incident, incident_id)
    if i is None or i.deleted_at is not None:
        raise NotFound(_("{kind} tidak ditemukan: {id}", kind="Kejadian", id=incident_id))
    return i


def update_incident(
    session: Session, incident_id: str, data: IncidentInput, *, amendment_reason: str | None = None
) -> IncidentDetail:
    """Change the record; once a signed report shows it, only as an amendment with a reason."""
    require(session, "incident.write")
    i = _live(session, incident_id)
    register.ensure_editable(session, "incident", incident_id, amendment_reason)
    _apply(session, i, data)
    followups.replace_for(session, incident_id=i.id, items=data.follow_ups)
    session.flush()
    return get_incident(session, i.id)


def allowed_next(status: str) -> tuple[str, ...]:
    return TRANSITIONS.get(status, ())


def change_status(
    session: Session,
    incident_id: str,
    new_status: str,
    *,
    officer_id: str | None = None,
    note: str = "",
    at: datetime | None = None,
) -> IncidentDetail:
    require(session, "incident.status")
    i = _live(session, incident_id)
    if new_status not in allowed_next(i.status):
        raise ValidationError(
            _(
                "Status {old} tidak dapat diubah menjadi {new}",
                old=STATUS_LABELS.get(i.status, i.status),
                new=STATUS_LABELS.get(new_status, new_status),
            ),
            "status",
        )
    session.add(
        IncidentStatusChange(
            incident_id=i.id,
            from_status=i.status,
            to_status=new_status,
            changed_at=at or datetime.now().replace(microsecond=0),
            officer_id=officer_id,
            note=(note or "").strip(),
        )
    )
    i.status = new_status
    session.flush()
    return get_incident(session, i.id)


def delete_incident(
    session: Session, incident_id: str, *, amendment_reason: str | None = None
) -> None:
    require(session, "incident.write")
    i = _live(session, incident_id)
    register.ensure_editable(session, "incident", incident_id, amendment_reason)
    i.deleted_at = utcnow()
    followups.replace_for(session, incident_id=i.id, items=[])
    session.flush()


def history(session: Session, incident_id: str) -> list[StatusChangeInfo]:
    stmt = (
        select(IncidentStatusChange, Officer.name)
        .outerjoin(Officer, Officer.id == IncidentStatusChange.officer_id)
        .where(
            IncidentStatusChange.incident_id == incident_id,
            IncidentStatusChange.deleted_at.is_(None),
        )
        .order_by(IncidentStatusChange.changed_at, IncidentStatusChange.change_counter)
    )
    return [
        StatusChangeInfo(c.from_status, c.to_status, c.changed_at, c.officer_id, name or "", c.note)
        for c, name in session.execute(stmt)
    ]


def get_incident(session: Session, incident_id: str) -> IncidentDetail:
    i = _live(session, incident_id)
    return IncidentDetail(
        **fields.record("incident").values(i),
        id=i.id,
        category=i.category.name if i.category else "",
        category_group=i.category.group if i.category else "",
        kecamatan=i.kecamatan.name if i.kecamatan else "",
        desa=i.desa.name if i.desa else "",
        history=tuple(history(session, i.id)),
        follow_ups=tuple(followups.for_record(session, incident_id=i.id)),
        updated_at=i.updated_at,
    )


def latest_incident_id(session: Session) -> str | None:
    return session.scalar(
        select(Incident.id)
        .where(Incident.deleted_at.is_(None))
        .order_by(Incident.occurred_at.desc())
        .limit(1)
    )


def save_incident(
    session: Session,
    incident_id: str | None,
    data: IncidentInput,
    *,
    officer_id: str | None = None,
    photos: Sequence[PhotoInput] = (),
    removed_photos: Sequence[str] = (),
    photo_dir: Path | None = None,
    amendment_reason: str | None = None,
) -> IncidentDetail:
    """Create (``incident_id`` None; ``officer_id`` reports it) or change an incident with
    its follow-ups and photos, all in the caller's one transaction."""
    if incident_id is None:
        detail = create_incident(session, data, officer_id=officer_id)
    else:
        detail = update_incident(session, incident_id, data, amendment_reason=amendment_reason)
    if photos or removed_photos:
        if photo_dir is None:
            raise ValueError("photo_dir is needed to store photos")
        save_photos(
            session,
            photo_dir,
            photos,
            removed=removed_photos,
            incident_id=detail.id,
            amendment_reason=amendment_reason,
        )
    return detail
