"""The first-run wizard: the post and its officers, or demo data."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QWidget

from okudesk.gui.operations import QueryOp, StoreTask, WriteOp


def choices(*, parent: QWidget | None) -> QueryOp[tuple[list, list]]:
    """(the kecamatan, the ranks) the wizard offers."""

    def work(session):
        from okudesk.core.records import reference

        return reference.kecamatan(session), reference.ranks(session)

    return QueryOp(parent, work)


def set_up_post(
    *,
    parent: QWidget | None,
    code: str,
    name: str,
    letterhead: Sequence[str],
    place_name: str,
    kecamatan_ids: Sequence[str],
    officer_rows: Sequence[tuple],
) -> WriteOp:
    """Make this database the post's, with its first officers ((name, rank id, NRP, position))."""

    def work(session):
        from okudesk.core.records import officers, posts

        post = posts.set_up_this_post(
            session,
            code=code,
            name=name,
            letterhead=list(letterhead),
            place_name=place_name,
            kecamatan_ids=list(kecamatan_ids),
        )
        from okudesk.core.errors import ValidationError

        for row, (o_name, rank, nrp, position) in enumerate(officer_rows):
            try:
                officers.add_officer(
                    session, name=o_name, nrp=nrp, rank_id=rank, position=position, post_id=post.id
                )
            except ValidationError as exc:
                exc.officer_row = row  # which row of the table to point at
                raise
        return post

    return WriteOp(parent, work)


def fill_demo(*, parent: QWidget | None, meetings: int, incidents: int) -> StoreTask:
    def work(store):
        from okudesk.core import demo

        return demo.fill(store, meetings=meetings, incidents=incidents)

    return StoreTask(parent, work)
