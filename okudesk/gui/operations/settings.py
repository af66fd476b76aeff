"""The settings page: the post's letterhead, its officers, the export reminder."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QWidget

from okudesk.gui.operations import QueryOp, WriteOp


def load(*, parent: QWidget | None) -> QueryOp[tuple]:
    """(this post, every officer, the ranks, days before the export reminder, the kecamatan)."""

    def work(session):
        from okudesk.core.records import officers, posts, reference, settings

        return (
            posts.this_post(session),
            officers.list_officers(session, active_only=False),
            reference.ranks(session),
            settings.get_int(session, settings.EXPORT_WARNING_DAYS, 7),
            reference.kecamatan(session),
        )

    return QueryOp(parent, work)


def export_warning_days(*, parent: QWidget | None) -> QueryOp[int]:
    """Days without an export before a post is reminded (and HQ marks it silent)."""

    def work(session):
        from okudesk.core.records import settings

        return settings.get_int(session, settings.EXPORT_WARNING_DAYS, 7)

    return QueryOp(parent, work)


def update_letterhead(
    *,
    parent: QWidget | None,
    post_id: str,
    lines: Sequence[str],
    place_name: str,
    kecamatan_ids: Sequence[str] | None = None,
) -> WriteOp:
    """The post's letterhead, place of signing and (when given) its kecamatan."""

    def work(session):
        from okudesk.core.records import posts

        ids = None if kecamatan_ids is None else list(kecamatan_ids)
        return posts.update_letterhead(session, post_id, list(lines), place_name, ids)

    return WriteOp(parent, work)


def add_officer(
    *,
    parent: QWidget | None,
    name: str,
    nrp: str,
    rank_id: str | None,
    position: str,
    post_id: str | None,
) -> WriteOp:
    def work(session):
        from okudesk.core.records import officers

        return officers.add_officer(
            session, name=name, nrp=nrp, rank_id=rank_id, position=position, post_id=post_id
        )

    return WriteOp(parent, work)


def update_officer(
    *, parent: QWidget | None, officer_id: str, name: str, rank_id: str | None, position: str
) -> WriteOp:
    def work(session):
        from okudesk.core.records import officers

        return officers.update_officer(
            session, officer_id, name=name, rank_id=rank_id, position=position
        )

    return WriteOp(parent, work)


def set_export_warning_days(*, parent: QWidget | None, days: int) -> WriteOp[None]:
    """After how many days without an export the post is reminded."""

    def work(session):
        from okudesk.core.records import settings

        settings.put(session, settings.EXPORT_WARNING_DAYS, str(days))

    return WriteOp(parent, work)
