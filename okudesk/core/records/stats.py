"""Counts of live (not deleted) records, in all and per post."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from okudesk.core.models import Attachment, FollowUp, Incident, Meeting, Stakeholder, Synced

COUNTED: dict[str, type[Synced]] = {
    "meetings": Meeting,
    "incidents": Incident,
    "stakeholders": Stakeholder,
    "follow_ups": FollowUp,
    "attachments": Attachment,
}


def counts(session: Session) -> dict:
    """``{"meetings": N, ..., "posts": {"BTT": {"meetings": N, ...}}}``"""
    result: dict = {name: 0 for name in COUNTED}
    per_post: dict[str, dict[str, int]] = {}
    for name, model in COUNTED.items():
        stmt = (
            select(model.origin_post, func.count())
            .where(model.deleted_at.is_(None))
            .group_by(model.origin_post)
        )
        for post_code, n in session.execute(stmt):
            result[name] += n
            bucket = per_post.setdefault(post_code or "", {k: 0 for k in COUNTED})
            bucket[name] = n
    result["posts"] = dict(sorted(per_post.items()))
    return result


def unexported_changes(session: Session) -> int:
    """Changes made here that no export has carried yet: travelling rows stamped with this
    database's instance and a counter above the last exported one (set by the sync export)."""
    from okudesk.core.history import versioning
    from okudesk.core.models import SYNCED_MODELS
    from okudesk.core.records import settings

    instance, _counter = versioning.current(session.connection())
    last = settings.get_int(session, settings.LAST_EXPORTED_COUNTER, 0)
    total = 0
    for model in SYNCED_MODELS:
        if (
            model.__tablename__ == "audit_entry"
        ):  # every export writes one; they travel, but are not "work"
            continue
        total += (
            session.scalar(
                select(func.count())
                .select_from(model)
                .where(model.change_instance == instance, model.change_counter > last)
            )
            or 0
        )
    return total
