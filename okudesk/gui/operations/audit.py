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


def page(*, parent: QWidget | None, filters: dict, record: str, offset: int, limit: int) -> QueryOp:
    """One page of entries newest first, with how many match in all and the numbers of the
    records on it. ``record`` is a record's number (or part of one) or its internal ID."""

    def work(session):
        from okudesk.core.history import audit
        from okudesk.core.records import numbers

        flt = dict(filters)
        found: list = []
        if record:
            found = numbers.find(session, record)
            if found:
                flt["record_ids"] = numbers.family(session, [rid for _t, rid, _n in found])
            else:
                flt["record_id"] = record
        rows = audit.entries(session, limit=limit, offset=offset, **flt)
        return rows, audit.count(session, **flt), numbers.of(session, [e.record_id for e in rows])

    return QueryOp(parent, work)
