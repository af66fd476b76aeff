"""A record's list as a table of its ``exported`` fields, for Excel or CSV.

The columns are the field table's (records/fields.py), headed by their labels in the current
language; a reference shows the name (or number) of the row it points to, a choice its code,
a date a ``date``/``datetime``. The rows are those of the record's list with the same filter,
in its default order, streamed (a million incidents never sit in memory).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from okudesk.core.models import Base
from okudesk.core.records import fields, listing
from okudesk.core.records.fields import Kind

# the column that names a referenced row (default: "name")
SHOWN_AS = {"meeting": "number", "incident": "number", "political_party": "abbreviation"}


@dataclass(frozen=True)
class Tabular:
    header: list[str]
    rows: Iterator[list]


def export_rows(session: Session, record: str, flt: listing.ListFilter | None = None) -> Tabular:
    """The header labels and the rows of ``record``'s exported fields (those of its list
    with ``flt``)."""
    described = fields.record(record)
    shown = described.exported
    lst = listing.LISTINGS[record]
    table = Base.metadata.tables[lst.model.__tablename__]
    values = []
    references = []
    for k, f in enumerate(shown):
        if f.kind is Kind.REFERENCE and f.reference:
            other = Base.metadata.tables[f.reference].alias(f"x{k}_{f.reference}")
            values.append(other.c[SHOWN_AS.get(f.reference, "name")])
            references.append((other, table.c[f.name]))
        else:
            values.append(table.c[f.name])
    readers = [(k, r) for k, v in enumerate(values) if (r := listing.reader(v)) is not None]
    stmt = select(*(listing.as_text(v) for v in values)).select_from(lst.model)
    stmt = stmt.where(table.c.deleted_at.is_(None))
    stmt, joins = lst.apply_filter(stmt, flt or listing.ListFilter())
    for name in lst.joins:  # the filter's own joins, in their fixed order
        if name in joins:
            stmt = lst.joins[name](stmt)
    for other, column in references:
        stmt = stmt.outerjoin(other, other.c.id == column)
    order = lst.column(lst.default_sort)
    key = order.sort if order.sort is not None else order.value
    stmt = stmt.order_by(key.desc() if lst.default_descending else key.asc(), table.c.id)

    def rows() -> Iterator[list]:
        for row in session.execute(stmt.execution_options(yield_per=2000)):
            out = list(row)
            for k, read in readers:
                out[k] = read(out[k])
            yield out

    return Tabular([f.caption() for f in shown], rows())
