"""A record and its own history agree: an incident's status field and the last line of its
status history. After a sync conflict they can come from two branches (the history is
append-only and travels whole, the field is the merge winner's); this names the
disagreement, and a decided conflict is followed by a history line that ends it."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from okudesk.core.i18n import _
from okudesk.core.models import Incident, IncidentStatusChange
from okudesk.core.records import incidents


def last_step(session: Session, incident_id: str) -> IncidentStatusChange | None:
    return session.scalars(
        select(IncidentStatusChange)
        .where(
            IncidentStatusChange.incident_id == incident_id,
            IncidentStatusChange.deleted_at.is_(None),
        )
        .order_by(
            IncidentStatusChange.changed_at.desc(), IncidentStatusChange.change_counter.desc()
        )
        .limit(1)
    ).first()


def status_of(session: Session, incident_id: str) -> str | None:
    return session.execute(
        select(Incident.status).where(Incident.id == incident_id)
    ).scalar_one_or_none()


def inconsistencies(session: Session, table: str, record_id: str) -> list[str]:
    """What disagrees inside the record as it stands (its status vs its history's last line)."""
    if table != "incident":
        return []
    status = status_of(session, record_id)
    last = last_step(session, record_id)
    if status is None or last is None or last.to_status == status:
        return []
    return [
        _(
            "Status kejadian ({status}) tidak sama dengan baris terakhir riwayat statusnya "
            "({last}): keduanya berasal dari versi yang berbeda",
            status=incidents.STATUS_LABELS.get(status, status),
            last=incidents.STATUS_LABELS.get(last.to_status, last.to_status),
        )
    ]


def align_status(session: Session, incident_id: str) -> None:
    """The status decided is the record's: when the history's last line says otherwise (it
    came from the other branch), a new line takes the history to it."""
    status = status_of(session, incident_id)
    last = last_step(session, incident_id)
    if status is None or last is None or last.to_status == status:
        return
    session.add(
        IncidentStatusChange(
            incident_id=incident_id,
            from_status=last.to_status,
            to_status=status,
            # after the line it follows, even when that one was dated ahead by a post's clock
            changed_at=max(
                datetime.now().replace(microsecond=0), last.changed_at + timedelta(seconds=1)
            ),
            note=_("Disamakan dengan status yang diputuskan pada konflik sinkronisasi"),
        )
    )
    session.flush()
