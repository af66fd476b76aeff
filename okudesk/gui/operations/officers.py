"""Officers' own things: the signature image their reports carry."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from okudesk.gui.operations import QueryOp, WriteOp


def signature_image(*, parent: QWidget | None, officer_id: str) -> QueryOp[bytes | None]:
    def work(session):
        from okudesk.core.records import officers

        return officers.signature_image(session, officer_id)

    return QueryOp(parent, work)


def set_signature_image(*, parent: QWidget | None, officer_id: str, png: bytes) -> WriteOp[None]:
    def work(session):
        from okudesk.core.records import officers

        officers.set_signature_image(session, officer_id, png)

    return WriteOp(parent, work)
