"""Sync by USB: bundles, receipts, enrolment, posts and conflicts (the Sinkronisasi page)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtWidgets import QWidget

from okudesk.gui.operations import QueryOp, StoreTask, WriteOp

HELD_SHOWN = 500  # the oldest; `okudesk held list` counts them all


def load(*, parent: QWidget | None) -> QueryOp[tuple]:
    """(this database's sync role or None, and at HQ: post rows, conflicts, held records)."""

    def work(session):
        from okudesk.core.sync import status

        local = status.local_status(session)
        if local is not None and local.role == "hq":
            return (
                local,
                status.post_statuses(session),
                status.conflicts(session),
                status.held_records(session, limit=HELD_SHOWN),
            )
        return local, [], [], []

    return QueryOp(parent, work)


def export_bundle(*, parent: QWidget | None, target: Path) -> StoreTask:
    def work(store):
        from okudesk.core.sync import export

        return export.export_bundle(store, target)

    return StoreTask(parent, work)


def import_receipts(*, parent: QWidget | None, paths: Sequence[Path]) -> StoreTask[list]:
    def work(store):
        from okudesk.core.sync import receipt

        return [receipt.import_receipt(store, p) for p in paths]

    return StoreTask(parent, work)


def set_up_post(*, parent: QWidget | None, kit: Path) -> StoreTask:
    """Make this database a post from the enrolment kit HQ gave it."""

    def work(store):
        from okudesk.core.sync import trust

        with store.write() as session:
            return trust.set_up_post(session, kit)

    return StoreTask(parent, work)


def import_bundle(*, parent: QWidget | None, path: Path) -> StoreTask:
    def work(store):
        from okudesk.core.sync import importer

        return importer.import_bundle(store, path)

    return StoreTask(parent, work)


def add_post(*, parent: QWidget | None, code: str, name: str, out_dir: Path) -> WriteOp[Path]:
    """At HQ: register a post and write its enrolment kit to ``out_dir``."""

    def work(session):
        from okudesk.core.sync import trust

        return trust.add_post(session, code=code, name=name, out_dir=out_dir)

    return WriteOp(parent, work)


def revoke_post(*, parent: QWidget | None, code: str) -> WriteOp:
    def work(session):
        from okudesk.core.sync import trust

        return trust.revoke_post(session, code)

    return WriteOp(parent, work)


def discard_held(
    *, parent: QWidget | None, table: str = "", record_id: str = "", post_code: str = ""
) -> WriteOp[int]:
    """At HQ: discard one held row, or all of a post's (audited); returns how many."""

    def work(session):
        from okudesk.core.sync import merge

        return merge.discard_held(session, table=table, record_id=record_id, post_code=post_code)

    return WriteOp(parent, work)


def resolve_conflict(
    *, parent: QWidget | None, table: str, record_id: str, instance: str, adopt: bool
) -> WriteOp[None]:
    def work(session):
        from okudesk.core.sync import merge

        merge.resolve_conflict(session, table, record_id, instance, adopt=adopt)

    return WriteOp(parent, work)


def review_conflict(
    *, parent: QWidget | None, table: str, record_id: str, instance: str
) -> QueryOp:
    """Both versions of a conflicting record, what differs, who and when, and why."""

    def work(session):
        from okudesk.core.sync import conflicts

        return conflicts.review(session, table, record_id, instance)

    return QueryOp(parent, work)


def decide_conflict(
    *, parent: QWidget | None, table: str, record_id: str, instance: str, adopt: bool
) -> WriteOp:
    """Close a conflict after its review: audited, an incident's status kept with its history."""

    def work(session):
        from okudesk.core.sync import conflicts

        return conflicts.decide(session, table, record_id, instance, adopt=adopt)

    return WriteOp(parent, work)


def conflict_marks(*, parent: QWidget | None, table: str, record_id: str) -> QueryOp[list]:
    """The kept versions of one record still to decide (for its detail pane)."""

    def work(session):
        from okudesk.core.sync import conflicts

        return conflicts.open_for(session, table, record_id)

    return QueryOp(parent, work)
