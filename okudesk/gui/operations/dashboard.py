"""The home page's figures."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from okudesk.gui.operations import QueryOp


def summary(*, parent: QWidget | None) -> QueryOp:
    def work(session):
        from okudesk.core.records import dashboard

        return dashboard.summary(session)

    return QueryOp(parent, work)
