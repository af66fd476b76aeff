"""Follow-ups (tindak lanjut) of meetings and incidents."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

from okudesk.gui.operations import WriteOp

if TYPE_CHECKING:
    from okudesk.core.records.followups import FollowUpInfo


def set_status(
    *, parent: QWidget | None, follow_up_id: str, status: str, note: str | None = None
) -> WriteOp[FollowUpInfo]:
    """Done takes a short ``note`` on what was done (the core refuses done without one)."""

    def work(session):
        from okudesk.core.records import followups

        return followups.set_status(session, follow_up_id, status, note)

    return WriteOp(parent, work)
