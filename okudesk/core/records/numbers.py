"""Records found by the number people read on them (the audit trail's record filter, the
record view): what a person types is a number or part of one, never an internal ID."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from okudesk.core.models import Incident, Meeting

NUMBERED: dict[str, type[Meeting] | type[Incident]] = {"meeting": Meeting, "incident": Incident}
MOST = 200  # a typed fragment matching more than this is too vague to be a filter


def find(session: Session, text: str) -> list[tuple[str, str, str]]:
    """(table, id, number) of the records whose number is ``text`` or contains it (case does
    not matter), exact matches first; deleted records too (their trail is still wanted)."""
    text = " ".join(text.split())
    if not text:
        return []
    out: list[tuple[str, str, str]] = []
    pattern = "%" + text.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    for table, model in NUMBERED.items():
        stmt = (
            select(model.id, model.number)
            .where(func.lower(model.number).like(pattern, escape="\\"))
            .limit(MOST)
        )
        out += [(table, rid, number) for rid, number in session.execute(stmt)]
    out.sort(key=lambda r: (r[2].lower() != text.lower(), r[2]))
    return out[:MOST]


def of(session: Session, ids: list[str]) -> dict[str, str]:
    """{id: number} of those of ``ids`` that are numbered records, or hang under one (an
    audit page's rows)."""
    wanted = sorted(set(i for i in ids if i))
    out: dict[str, str] = {}
    for model in NUMBERED.values():
        for start in range(0, len(wanted), 500):
            chunk = wanted[start : start + 500]
            stmt = select(model.id, model.number).where(model.id.in_(chunk))
            out.update((rid, number) for rid, number in session.execute(stmt))
    # what hangs under a numbered record (a status line, a photo, a follow-up) by its number
    from okudesk.core.models import Attachment, FollowUp, IncidentStatusChange

    rest = [i for i in wanted if i not in out]
    for start in range(0, len(rest), 500):
        chunk = rest[start : start + 500]
        for child, parent in (
            (IncidentStatusChange, IncidentStatusChange.incident_id),
            (Attachment, Attachment.incident_id),
            (Attachment, Attachment.meeting_id),
            (FollowUp, FollowUp.incident_id),
            (FollowUp, FollowUp.meeting_id),
        ):
            owner = Incident if parent.key == "incident_id" else Meeting
            stmt = (
                select(child.id, owner.number)
                .join(owner, owner.id == parent)
                .where(child.id.in_(chunk))
            )
            out.update((rid, number) for rid, number in session.execute(stmt))
    return out


def family(session: Session, record_ids: list[str]) -> list[str]:
    """The records and what hangs under them (status lines, photos, follow-ups): the audit
    entries "for a record" are theirs too."""
    from okudesk.core.models import Attachment, FollowUp, IncidentStatusChange

    out = list(dict.fromkeys(record_ids))
    for start in range(0, len(out), 500):
        chunk = out[start : start + 500]
        for stmt in (
            select(IncidentStatusChange.id).where(IncidentStatusChange.incident_id.in_(chunk)),
            select(Attachment.id).where(
                Attachment.incident_id.in_(chunk) | Attachment.meeting_id.in_(chunk)
            ),
            select(FollowUp.id).where(
                FollowUp.incident_id.in_(chunk) | FollowUp.meeting_id.in_(chunk)
            ),
        ):
            out += list(session.scalars(stmt))
    return list(dict.fromkeys(out))
