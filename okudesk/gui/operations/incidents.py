"""Incidents: load the form, save with photos, show, change status, delete."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

from okudesk.gui.operations import QueryOp, WriteOp
from okudesk.gui.operations.reference import form_choices

if TYPE_CHECKING:
    from okudesk.core.records.incidents import IncidentDetail, IncidentInput
    from okudesk.core.records.photos import PhotoInput

RECENT_MEETINGS = 300  # meetings an incident form offers to link to


def load_form(*, parent: QWidget | None, incident_id: str | None) -> QueryOp[dict]:
    """The form's choices with recent meetings ("meetings"), and the incident with its
    photos when editing."""

    def work(session):
        from sqlalchemy import select

        from okudesk.core.models import Meeting
        from okudesk.core.records import incidents, photos

        ref = form_choices(session)
        ref["meetings"] = list(
            session.execute(
                select(Meeting.id, Meeting.number, Meeting.place, Meeting.starts_at)
                .where(Meeting.deleted_at.is_(None))
                .order_by(Meeting.starts_at.desc())
                .limit(RECENT_MEETINGS)
            )
        )
        if incident_id:
            ref["incident"] = incidents.get_incident(session, incident_id)
            ref["photos"] = photos.photos_of(session, incident_id=incident_id)
        return ref

    return QueryOp(parent, work)


def save_incident(
    *,
    parent: QWidget | None,
    incident_id: str | None,
    data: IncidentInput,
    officer_id: str | None = None,
    photos: Sequence[PhotoInput] = (),
    removed_photos: Sequence[str] = (),
    photo_dir: Path | None = None,
    amendment_reason: str | None = None,
) -> WriteOp[IncidentDetail]:
    """Create (``incident_id`` None, reported by ``officer_id``) or change an incident with
    its photos, in one transaction."""

    def work(session):
        from okudesk.core.records import incidents

        return incidents.save_incident(
            session,
            incident_id,
            data,
            officer_id=officer_id,
            photos=photos,
            removed_photos=removed_photos,
            photo_dir=photo_dir,
            amendment_reason=amendment_reason,
        )

    return WriteOp(parent, work)


def get_incident(*, parent: QWidget | None, incident_id: str) -> QueryOp[IncidentDetail]:
    def work(session):
        from okudesk.core.records import incidents

        return incidents.get_incident(session, incident_id)

    return QueryOp(parent, work)


def change_status(
    *, parent: QWidget | None, incident_id: str, status: str, officer_id: str | None, note: str
) -> WriteOp[IncidentDetail]:
    def work(session):
        from okudesk.core.records import incidents

        return incidents.change_status(
            session, incident_id, status, officer_id=officer_id, note=note
        )

    return WriteOp(parent, work)


def delete_incident(*, parent: QWidget | None, incident_id: str) -> WriteOp[None]:
    def work(session):
        from okudesk.core.records import incidents

        incidents.delete_incident(session, incident_id)

    return WriteOp(parent, work)


def filter_choices(*, parent: QWidget | None) -> QueryOp[tuple[list, list]]:
    """((id, name) of the kecamatan, the incident categories) for the filter bar."""

    def work(session):
        from okudesk.core.records import reference

        return [
            (k.id, k.name) for k in reference.kecamatan(session)
        ], reference.incident_categories(session)

    return QueryOp(parent, work)
