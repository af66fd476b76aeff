"""Reporting discipline for the recap: how each post keeps sending its data.

The recap (okudesk.core.records.recap) sits below sync and cannot ask it; whoever builds a
recap composes the two: ``recap.build(session, period, discipline=discipline.of(session))``.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from okudesk.core.models import SyncConflict, SyncHeld
from okudesk.core.records import recap
from okudesk.core.sync import is_hq, status


def of(session: Session, now: datetime | None = None) -> tuple[recap.PostDiscipline, ...]:
    """At HQ one row per enrolled post (last bundle received, days since, changes seen but
    not acknowledged, open conflicts, held records); at a post one row for itself (its last
    export, changes waiting for the next one); nothing at an installation without sync."""
    now = now or datetime.now()
    if is_hq(session):
        return tuple(
            recap.PostDiscipline(
                p.code,
                p.name,
                p.status,
                p.last_bundle_at,
                p.days_since,
                p.lag,
                p.conflicts,
                p.held,
            )
            for p in status.post_statuses(session, now)
        )
    local = status.local_status(session)
    if local is None:
        return ()
    try:
        last = datetime.fromisoformat(local.last_export_at) if local.last_export_at else None
    except ValueError:
        last = None
    conflicts = session.scalar(
        select(func.count()).select_from(SyncConflict).where(SyncConflict.resolved_at.is_(None))
    )
    held = session.scalar(select(func.count()).select_from(SyncHeld))
    from okudesk.core.records import posts

    here = posts.this_post(session)
    return (
        recap.PostDiscipline(
            local.code,
            here.name if here is not None else local.code,
            "",
            last,
            (now - last).days if last else None,
            local.waiting,
            conflicts or 0,
            held or 0,
        ),
    )
