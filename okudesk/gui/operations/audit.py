"""The audit trail: its entries and the check of its hash chain."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from okudesk.gui.operations import QueryOp


def entries(*, parent: QWidget | None, filters: dict) -> QueryOp[list]:
    """Entries newest first (``filters``: the keyword arguments of core ``audit.entries``)."""

    def work(session):
        from okudesk.core.history import audit

        return audit.entries(session, **filters)

    return QueryOp(parent, work)


def verify(*, parent: QWidget | None) -> QueryOp:
    def work(session):
        from okudesk.core.history import audit

        return audit.verify(session)

    return QueryOp(parent, work)
