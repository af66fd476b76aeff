"""Meetings and visits: load the form, save with photos, show, delete."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

from okudesk.gui.operations import QueryOp, WriteOp
from okudesk.gui.operations.reference import form_choices

if TYPE_CHECKING:
    from okudesk.core.records.meetings import MeetingDetail, MeetingInput
    from okudesk.core.records.photos import PhotoInput


def load_form(*, parent: QWidget | None, meeting_id: str | None) -> QueryOp[dict]:
    """The form's choices, and the meeting ("meeting") with its photos ("photos") when editing."""

    def work(session):
        from okudesk.core.records import meetings, photos

        ref = form_choices(session)
        if meeting_id:
            ref["meeting"] = meetings.get_meeting(session, meeting_id)
            ref["photos"] = photos.photos_of(session, meeting_id=meeting_id)
        return ref

    return QueryOp(parent, work)


def save_meeting(
    *,
    parent: QWidget | None,
    meeting_id: str | None,
    data: MeetingInput,
    photos: Sequence[PhotoInput] = (),
    removed_photos: Sequence[str] = (),
    photo_dir: Path | None = None,
    amendment_reason: str | None = None,
) -> WriteOp[MeetingDetail]:
    """Create (``meeting_id`` None) or change a meeting with its photos, in one transaction."""

    def work(session):
        from okudesk.core.records import meetings

        return meetings.save_meeting(
            session,
            meeting_id,
            data,
            photos=photos,
            removed_photos=removed_photos,
            photo_dir=photo_dir,
            amendment_reason=amendment_reason,
        )

    return WriteOp(parent, work)


def get_detail(*, parent: QWidget | None, meeting_id: str) -> QueryOp[tuple[MeetingDetail, int]]:
    """(the meeting, how many photos it has) for the detail pane."""

    def work(session):
        from okudesk.core.records import meetings, photos

        return meetings.get_meeting(session, meeting_id), len(
            photos.photos_of(session, meeting_id=meeting_id)
        )

    return QueryOp(parent, work)


def delete_meeting(*, parent: QWidget | None, meeting_id: str) -> WriteOp[None]:
    def work(session):
        from okudesk.core.records import meetings

        meetings.delete_meeting(session, meeting_id)

    return WriteOp(parent, work)


def filter_choices(*, parent: QWidget | None) -> QueryOp[tuple[list, list]]:
    """((id, name) of the kecamatan, (id, name) of the activity types) for the filter bar."""

    def work(session):
        from okudesk.core.records import reference

        return (
            [(k.id, k.name) for k in reference.kecamatan(session)],
            [(a.id, a.name) for a in reference.activity_types(session)],
        )

    return QueryOp(parent, work)
