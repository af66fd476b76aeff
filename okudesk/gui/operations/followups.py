"""Follow-ups (tindak lanjut) of meetings and incidents."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

from okudesk.gui.operations import WriteOp

if TYPE_CHECKING:
    from okudesk.core.records.followups import FollowUpInfo


def set_status(*, parent: QWidget | None, follow_up_id: str, status: str) -> WriteOp[FollowUpInfo]:
    def work(session):
        from okudesk.core.records import followups

        return followups.set_status(session, follow_up_id, status)

    return WriteOp(parent, work)
