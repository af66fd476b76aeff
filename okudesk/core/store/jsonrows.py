"""SQLite-only: the rows of a query as one JSON text, made by the database itself.

A sync bundle holds hundreds of thousands of rows; building a Python object for every value
only to serialise it again costs more than everything else in an export. SQLite's JSON
functions (json_group_array/json_array) write the JSON in C. Other databases get the same
text from a plain fetch (PostgreSQL would use json_agg here).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date, datetime

from sqlalchemy import (
    ColumnElement,
    Connection,
    Date,
    DateTime,
    Integer,
    LargeBinary,
    String,
    Table,
    and_,
    cast,
    func,
    literal_column,
    select,
)


def rows_json_chunks(
    conn: Connection,
    table: Table,
    columns: list,
    where: ColumnElement[bool],
    *,
    chunk: int = 20_000,
) -> Iterator[tuple[int, str]]:
    """Like :func:`rows_json`, a slice of the table at a time (by rowid on SQLite), so the
    caller can compress one slice while the database writes the next."""
    if conn.dialect.name != "sqlite":
        yield rows_json(conn, columns, where)
        return
    rowid: ColumnElement[int] = literal_column(f'"{table.name}".rowid', Integer)
    low, high = conn.execute(select(func.min(rowid), func.max(rowid)).select_from(table)).one()
    if low is None:
        return
    for start in range(low - 1, high, chunk):
        n, text = rows_json(
            conn, columns, and_(where, rowid > start, rowid <= start + chunk), select_from=table
        )
        if n:
            yield n, text


def rows_json(
    conn: Connection, columns: list, where: ColumnElement[bool], *, select_from: Table | None = None
) -> tuple[int, str]:
    """``(count, '[[v, ...], ...]')`` for ``columns`` of the rows matching ``where``.

    Datetimes come out as the text SQLite stores (``YYYY-MM-DD HH:MM:SS.ffffff``), bytes as
    hexadecimal text."""
    if conn.dialect.name == "sqlite":
        exprs = [func.hex(c) if isinstance(c.type, LargeBinary) else c for c in columns]
        stmt = select(func.count(), func.json_group_array(func.json_array(*exprs))).where(where)
        if select_from is not None:
            stmt = stmt.select_from(select_from)
        count, text = conn.execute(stmt).one()
        return count, text or "[]"
    exprs = [cast(c, String) if isinstance(c.type, (DateTime, Date)) else c for c in columns]
    stmt = select(*exprs).where(where)
    if select_from is not None:
        stmt = stmt.select_from(select_from)
    rows = [[_plain(v) for v in r] for r in conn.execute(stmt)]
    return len(rows), json.dumps(rows, separators=(",", ":"), ensure_ascii=False)


def _plain(value):
    if isinstance(value, bytes):
        return value.hex().upper()
    if isinstance(value, datetime):
        return value.isoformat(" ", "microseconds")
    if isinstance(value, date):
        return value.isoformat()
    return value
