"""Situasi wilayah's figures: the recap of a period, with the posts' reporting discipline."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtWidgets import QWidget

from okudesk.gui.operations import QueryOp


def situation(
    *,
    parent: QWidget | None,
    start: date,
    end: date,
    post_code: str | None,
    today: date,
    kept: dict[str, Any] | None = None,
) -> QueryOp[Any]:
    """The recap (okudesk.core.records.recap.Recap) of ``start``..``end`` for one post or all.

    ``kept`` is the caller's store for a ``recap.Memo`` (made here, on the worker, the first
    time): the parts a change of period or post leaves alone are read once while the caller
    keeps the dict, which it must replace when the data changes."""

    def work(session):
        from okudesk.core.records import recap
        from okudesk.core.sync import discipline

        memo = None if kept is None else kept.setdefault("memo", recap.Memo())
        return recap.build(
            session,
            recap.Period(start, end),
            post_code=post_code,
            today=today,
            discipline=discipline.of(session),
            memo=memo,
        )

    return QueryOp(parent, work)
