"""The directory of people a post meets: KPU, Bawaslu, parties, leaders of all kinds."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from okudesk.core.errors import NotFound
from okudesk.core.i18n import _
from okudesk.core.models import Stakeholder, utcnow
from okudesk.core.permissions import require
from okudesk.core.records import fields


@dataclass
class StakeholderInput:
    name: str
    type_id: str | None = None
    organisation: str = ""
    desa_id: str | None = None
    phone: str = ""
    notes: str = ""


@dataclass(frozen=True)
class StakeholderInfo:
    id: str
    name: str
    type_id: str | None
    type_name: str
    organisation: str
    desa_id: str | None
    desa_name: str
    phone: str
    notes: str
    meetings: tuple = field(default=())


def _info(s: Stakeholder) -> StakeholderInfo:
    return StakeholderInfo(
        s.id,
        s.name,
        s.type_id,
        s.type.name if s.type else "",
        s.organisation,
        s.desa_id,
        s.desa.name if s.desa else "",
        s.phone,
        s.notes,
    )


def _apply(s: Stakeholder, data: StakeholderInput) -> None:
    fields.record("stakeholder").copy_into(s, data)


def add_stakeholder(session: Session, data: StakeholderInput) -> StakeholderInfo:
    require(session, "stakeholder.write")
    s = Stakeholder()
    _apply(s, data)
    session.add(s)
    session.flush()
    return _info(s)


def _live(session: Session, stakeholder_id: str) -> Stakeholder:
    s = session.get(Stakeholder, stakeholder_id)
    if s is None or s.deleted_at is not None:
        raise NotFound(_("{kind} tidak ditemukan: {id}", kind="Tokoh", id=stakeholder_id))
    return s


def update_stakeholder(
    session: Session, stakeholder_id: str, data: StakeholderInput
) -> StakeholderInfo:
    require(session, "stakeholder.write")
    s = _live(session, stakeholder_id)
    _apply(s, data)
    session.flush()
    return _info(s)


def delete_stakeholder(session: Session, stakeholder_id: str) -> None:
    require(session, "stakeholder.write")
    _live(session, stakeholder_id).deleted_at = utcnow()
    session.flush()


def get_stakeholder(session: Session, stakeholder_id: str) -> StakeholderInfo:
    return _info(_live(session, stakeholder_id))


def list_stakeholders(session: Session) -> list[StakeholderInfo]:
    stmt = select(Stakeholder).where(Stakeholder.deleted_at.is_(None)).order_by(Stakeholder.name)
    return [_info(s) for s in session.scalars(stmt)]
