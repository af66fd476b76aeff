"""Bulk inserts for generated data (demo data, load tests, sync import of many rows).

SQLAlchemy's executemany spends most of its time processing parameters row by row. For
large, already-validated batches we compile the INSERT once for the connection's dialect
and hand plain tuples to the driver. Dates and times are formatted the way SQLAlchemy
stores them on SQLite, so the ORM reads them back unchanged; other dialects take Python
objects as they are.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

from sqlalchemy import Connection, Table, insert


class BulkWriter:
    def __init__(self, conn: Connection):
        self.conn = conn
        self.sqlite = conn.dialect.name == "sqlite"
        self._statements: dict[tuple[str, tuple[str, ...]], tuple[str, list[int] | None]] = {}

    def dt(self, value: datetime | None) -> datetime | str | None:
        """A datetime as the driver wants it (SQLite: SQLAlchemy's own text form)."""
        if value is None or not self.sqlite:
            return value
        return value.isoformat(" ", "microseconds")

    def day(self, value: date | None) -> date | str | None:
        if value is None or not self.sqlite:
            return value
        return value.isoformat()

    def insert(self, table: Table, columns: Sequence[str], rows: list[tuple]) -> None:
        if not rows:
            return
        key = (table.name, tuple(columns))
        if key not in self._statements:
            self._statements[key] = self._compile(table, columns)
        sql, order = self._statements[key]
        params: list[tuple] | list[dict[str, object]]
        if self.conn.dialect.positional:
            params = rows if order is None else [tuple(r[i] for i in order) for r in rows]
        else:
            params = [dict(zip(columns, r, strict=True)) for r in rows]
        self.conn.exec_driver_sql(sql, params)

    def _compile(self, table: Table, columns: Sequence[str]) -> tuple[str, list[int] | None]:
        dialect = self.conn.dialect
        marks = {"qmark": "?", "format": "%s"}.get(dialect.paramstyle)
        if marks:  # our column order, so rows go to the driver untouched
            quote = dialect.identifier_preparer.quote
            names = ", ".join(quote(c) for c in columns)
            values = ", ".join([marks] * len(columns))
            return f"INSERT INTO {quote(table.name)} ({names}) VALUES ({values})", None
        compiled = insert(table).compile(dialect=dialect, column_keys=list(columns))
        if not dialect.positional:
            return str(compiled), None
        position = {name: i for i, name in enumerate(columns)}
        assert compiled.positiontup is not None  # a positional dialect numbers its parameters
        return str(compiled), [position[name] for name in compiled.positiontup]
