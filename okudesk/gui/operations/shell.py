"""The main window's own data: the post, the status bar, the officer on duty."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from okudesk.gui.operations import QueryOp, WriteOp


def this_post(*, parent: QWidget | None) -> QueryOp:
    def work(session):
        from okudesk.core.records import posts

        return posts.this_post(session)

    return QueryOp(parent, work)


def status(*, parent: QWidget | None) -> QueryOp[tuple]:
    """(this post, the officers, the officer on duty, how many changes wait for export)."""

    def work(session):
        from okudesk.core.records import officers, posts, settings, stats

        return (
            posts.this_post(session),
            officers.list_officers(session),
            settings.get(session, settings.OFFICER_ON_DUTY),
            stats.unexported_changes(session),
        )

    return QueryOp(parent, work)


def set_officer_on_duty(*, parent: QWidget | None, officer_id: str | None) -> WriteOp[None]:
    def work(session):
        from okudesk.core.records import settings

        settings.put(session, settings.OFFICER_ON_DUTY, officer_id or "")

    return WriteOp(parent, work)
