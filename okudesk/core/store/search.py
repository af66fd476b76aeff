"""Full-text search over the free-text fields, with SQLite FTS5 (SQLite-only: this module).

Each searchable table has an external-content FTS5 index ``<table>_fts`` whose rows share
the table's ``rowid``; triggers keep it current on INSERT, on UPDATE of the indexed
columns only (a status change or a version stamp does not touch the index) and on DELETE.
The tables and triggers are created by migration 0002_search (frozen text: the indexed
fields are ``searchable`` in okudesk.core.records.fields, and a test compares the two);
:func:`rebuild` refills an index from its table (after a restore, or when a bulk load ran
without the triggers).

The list queries use the ``rowid`` as a compact integer key (4 bytes per row in memory
instead of a 36-character UUID), so :func:`row_key` lives here too. A PostgreSQL
counterpart of this module would use ``tsvector`` columns and an identity column.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Connection, Integer, column, literal_column, text
from sqlalchemy.sql import ColumnElement

# The tables with a full-text index. Which of their fields are indexed is written in the
# record field tables (okudesk.core.records.fields, ``searchable``) and, as the database
# holds it, in the migrations' DDL (frozen text); this module reads the columns from the
# database, so it never disagrees with the file it works on.
TABLES = ("meeting", "incident", "stakeholder", "follow_up")
TOKENIZER = "unicode61 remove_diacritics 2"
FTS_SUFFIXES = ("_fts", "_fts_data", "_fts_idx", "_fts_docsize", "_fts_config", "_fts_content")


def fts_table(table: str) -> str:
    return f"{table}_fts"


def is_search_table(name: str) -> bool:
    """Whether a table belongs to a search index (Alembic must not compare or drop these)."""
    return any(name == t + s for t in TABLES for s in FTS_SUFFIXES)


def ddl(table: str, columns: tuple[str, ...]) -> list[str]:
    """The index of ``table`` over ``columns`` and its triggers: print it to write the literal
    text of a migration that changes the indexed fields (migrations never call this)."""
    fts = fts_table(table)
    names = ", ".join(columns)
    new = ", ".join(f"new.{c}" for c in columns)
    old = ", ".join(f"old.{c}" for c in columns)
    return [
        f"CREATE VIRTUAL TABLE {fts} USING fts5({names}, content='{table}', content_rowid='rowid', "
        f"tokenize='{TOKENIZER}', prefix='2 3')",
        f"CREATE TRIGGER {fts}_ai AFTER INSERT ON {table} BEGIN "
        f"INSERT INTO {fts}(rowid, {names}) VALUES (new.rowid, {new}); END",
        f"CREATE TRIGGER {fts}_ad AFTER DELETE ON {table} BEGIN "
        f"INSERT INTO {fts}({fts}, rowid, {names}) VALUES ('delete', old.rowid, {old}); END",
        f"CREATE TRIGGER {fts}_au AFTER UPDATE OF {names} ON {table} BEGIN "
        f"INSERT INTO {fts}({fts}, rowid, {names}) VALUES ('delete', old.rowid, {old}); "
        f"INSERT INTO {fts}(rowid, {names}) VALUES (new.rowid, {new}); END",
    ]


def drop_ddl(table: str) -> list[str]:
    fts = fts_table(table)
    return [f"DROP TRIGGER IF EXISTS {fts}_{s}" for s in ("ai", "ad", "au")] + [
        f"DROP TABLE IF EXISTS {fts}"
    ]


def indexed_columns(conn: Connection, table: str) -> tuple[str, ...]:
    """The columns the database's index of ``table`` holds."""
    rows = conn.exec_driver_sql(f"PRAGMA table_info({fts_table(table)})").fetchall()
    return tuple(r[1] for r in rows)


def available(conn: Connection) -> bool:
    return conn.dialect.name == "sqlite"


def rebuild(conn: Connection, tables: tuple[str, ...] | None = None) -> None:
    """Refill the indexes of ``tables`` (all by default) from their tables."""
    if not available(conn):
        return
    for table in tables or TABLES:
        fts = fts_table(table)
        conn.exec_driver_sql(f"INSERT INTO {fts}({fts}) VALUES ('rebuild')")


@contextmanager
def bulk_load(conn: Connection, tables: tuple[str, ...]) -> Iterator[None]:
    """Insert many rows without the per-row triggers, then index the new rows in one pass.

    Only for rows INSERTed inside the block (rows with a rowid above the current maximum)."""
    if not available(conn):
        yield
        return
    before = {
        t: conn.exec_driver_sql(f"SELECT coalesce(max(rowid), 0) FROM {t}").scalar() for t in tables
    }
    triggers = {
        t: conn.exec_driver_sql(
            "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?",
            (f"{fts_table(t)}_ai",),
        ).scalar_one()
        for t in tables
    }
    for t in tables:
        conn.exec_driver_sql(f"DROP TRIGGER IF EXISTS {fts_table(t)}_ai")
    try:
        yield
    finally:
        for t in tables:
            fts, cols = fts_table(t), ", ".join(indexed_columns(conn, t))
            conn.exec_driver_sql(
                f"INSERT INTO {fts}(rowid, {cols}) SELECT rowid, {cols} FROM {t} WHERE rowid > ?",
                (before[t],),
            )
            conn.exec_driver_sql(triggers[t])


def row_key(table: str) -> ColumnElement:
    """The integer key of a row (SQLite's rowid), for compact lists and FTS joins."""
    return literal_column(f"{table}.rowid")


_WORD = re.compile(r"\w+", re.UNICODE)


def word_expressions(query: str) -> list[str]:
    """Each word typed by a person as an FTS5 term: a word prefix (one letter: a whole word,
    as a prefix it would match half the index); at most twelve words."""
    return [f'"{w}"*' if len(w) > 1 else f'"{w}"' for w in _WORD.findall(query or "")[:12]]


def match_expression(query: str) -> str | None:
    """Words typed by a person as an FTS5 query: every word must occur, as a word prefix."""
    words = word_expressions(query)
    return " ".join(words) if words else None


def matching(table: str, query: str) -> ColumnElement | None:
    """A WHERE clause keeping the rows of ``table`` that match ``query`` (None: no words)."""
    expression = match_expression(query)
    if expression is None:
        return None
    return matching_expression(table, expression)


def matching_expression(table: str, expression: str, name: str = "") -> ColumnElement:
    """The rows of ``table`` whose index matches the FTS5 ``expression``; ``name`` keeps the
    bound parameter apart when one statement holds several."""
    fts, param = fts_table(table), f"fts_{table}{name}"
    inner = text(f"SELECT rowid FROM {fts} WHERE {fts} MATCH :{param}").bindparams(
        **{param: expression}
    )
    return row_key(table).in_(inner.columns(column("rowid", Integer)))
