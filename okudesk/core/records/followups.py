"""Follow-ups (tindak lanjut): what must happen next, who does it, by when."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from okudesk.core.errors import NotFound, ValidationError
from okudesk.core.i18n import _
from okudesk.core.models import FOLLOW_UP_STATUSES, FollowUp, utcnow
from okudesk.core.permissions import require
from okudesk.core.records import fields, validation


@dataclass
class FollowUpInput:
    what: str
    responsible: str = ""
    officer_id: str | None = None
    due_date: date | None = None
    id: str | None = None  # set when editing an existing follow-up


@dataclass(frozen=True)
class FollowUpInfo:
    id: str
    what: str
    responsible: str
    officer_id: str | None
    due_date: date | None
    status: str
    done_at: datetime | None
    meeting_id: str | None
    incident_id: str | None
    officer: str = ""  # the assigned officer's rank and name, "" when none
    done_note: str = ""  # what was done, said when it was marked done

    @property
    def who(self) -> str:
        """Who does it, as paper says it: the officer (rank and name), the free text, or both."""
        return ", ".join(x for x in (self.officer, self.responsible.strip()) if x)

    def is_overdue(self, today: date) -> bool:
        return self.status == "terbuka" and self.due_date is not None and self.due_date < today


def info(f: FollowUp) -> FollowUpInfo:
    return FollowUpInfo(
        f.id,
        f.what,
        f.responsible,
        f.officer_id,
        f.due_date,
        f.status,
        f.done_at,
        f.meeting_id,
        f.incident_id,
        _officer_label(f),
        f.done_note,
    )


def _officer_label(f: FollowUp) -> str:
    o = f.officer
    if o is None:
        return ""
    return f"{o.rank.name if o.rank else ''} {o.name}".strip()


def apply(f: FollowUp, data: FollowUpInput) -> None:
    fields.record("follow_up").copy_into(f, data)
    f.due_date = validation.plausible(
        data.due_date, "batas waktu", field="due_date", required=False
    )


def replace_for(
    session: Session,
    *,
    meeting_id: str | None = None,
    incident_id: str | None = None,
    items: list[FollowUpInput],
) -> None:
    """Make the follow-ups of a meeting or incident equal ``items``; removed ones become
    tombstones."""
    owner = FollowUp.meeting_id == meeting_id if meeting_id else FollowUp.incident_id == incident_id
    existing = {
        f.id: f
        for f in session.scalars(select(FollowUp).where(owner, FollowUp.deleted_at.is_(None)))
    }
    kept: set[str] = set()
    for item in items:
        if item.id and item.id in existing:
            f = existing[item.id]
            kept.add(item.id)
        else:
            f = FollowUp(meeting_id=meeting_id, incident_id=incident_id)
            session.add(f)
        apply(f, item)
    now = utcnow()
    for fid, f in existing.items():
        if fid not in kept:
            f.deleted_at = now


def for_record(
    session: Session, *, meeting_id: str | None = None, incident_id: str | None = None
) -> list[FollowUpInfo]:
    owner = FollowUp.meeting_id == meeting_id if meeting_id else FollowUp.incident_id == incident_id
    stmt = (
        select(FollowUp)
        .where(owner, FollowUp.deleted_at.is_(None))
        .order_by(FollowUp.due_date, FollowUp.created_at)
    )
    return [info(f) for f in session.scalars(stmt)]


def set_status(
    session: Session, follow_up_id: str, status: str, note: str | None = None
) -> FollowUpInfo:
    """Done needs a short ``note`` on what was done; reopening clears it with ``done_at``."""
    require(session, "followup.write")
    if status not in FOLLOW_UP_STATUSES:
        raise ValidationError(
            _("Status {old} tidak dapat diubah menjadi {new}", old="", new=status), "status"
        )
    f = session.get(FollowUp, follow_up_id)
    if f is None or f.deleted_at is not None:
        raise NotFound(_("{kind} tidak ditemukan: {id}", kind="Tindak lanjut", id=follow_up_id))
    if status == "selesai":
        text = validation.text(
            note or "", "Yang sudah dilakukan", field="done_note", max_len=fields.DONE_NOTE_MAX
        )
        if not text:
            raise ValidationError(
                _("Tulis singkat apa yang sudah dilakukan sebelum menandai selesai"), "done_note"
            )
        if f.status != "selesai":
            f.done_at = utcnow()
        f.done_note = text
    else:
        f.done_at, f.done_note = None, ""
    f.status = status
    session.flush()
    return info(f)


def mark_done(session: Session, follow_up_id: str, note: str) -> FollowUpInfo:
    return set_status(session, follow_up_id, "selesai", note)


def list_follow_ups(
    session: Session,
    *,
    status: str | None = None,
    officer_id: str | None = None,
    overdue_on: date | None = None,
) -> list[FollowUpInfo]:
    stmt = select(FollowUp).where(FollowUp.deleted_at.is_(None))
    if status:
        stmt = stmt.where(FollowUp.status == status)
    if officer_id:
        stmt = stmt.where(FollowUp.officer_id == officer_id)
    if overdue_on:
        stmt = stmt.where(FollowUp.status == "terbuka", FollowUp.due_date < overdue_on)
    stmt = stmt.order_by(FollowUp.due_date.is_(None), FollowUp.due_date, FollowUp.created_at)
    return [info(f) for f in session.scalars(stmt)]
