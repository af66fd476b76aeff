"""Situasi wilayah's figures: the recap of a period, with the posts' reporting discipline."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtWidgets import QWidget

from okudesk.gui.operations import QueryOp


def situation(
    *, parent: QWidget | None, start: date, end: date, post_code: str | None, today: date
) -> QueryOp[Any]:
    """The recap (okudesk.core.records.recap.Recap) of ``start``..``end`` for one post or all."""

    def work(session):
        from okudesk.core.records import recap
        from okudesk.core.sync import discipline

        return recap.build(
            session,
            recap.Period(start, end),
            post_code=post_code,
            today=today,
            discipline=discipline.of(session),
        )

    return QueryOp(parent, work)
