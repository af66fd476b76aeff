"""Copies of the SQLite database made with SQLite's online backup API.

The backup API copies a consistent snapshot page by page even while the app has the
database open, which a plain file copy of a WAL database does not guarantee.
"""

from __future__ import annotations

import os
from pathlib import Path

from okudesk.core.store import cipher


def read_only(path: Path, key: bytes | None = None) -> cipher.Connection:
    """A connection that cannot change the file (``key``: the data key of an encrypted one)."""
    return cipher.connect(path, key, read_only=True)


def backup_database(source: Path, target: Path, key: bytes | None = None) -> Path:
    """Copy ``source`` to ``target`` (written beside it under a temporary name first),
    encrypted with the same ``key`` as the source."""
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".partial")
    if partial.exists():
        partial.unlink()
    try:
        src = read_only(source, key)
        try:
            cipher.backup(src, partial, key)
        finally:
            src.close()
        with open(partial, "rb+") as fh:
            os.fsync(fh.fileno())
        os.replace(partial, target)
    finally:
        if partial.exists():  # a failed copy leaves nothing behind
            partial.unlink()
    return target


def integrity_problems(path: Path, *, quick: bool = False, key: bytes | None = None) -> list[str]:
    """What ``PRAGMA integrity_check`` reports; an empty list means the file is sound.

    ``quick``: ``PRAGMA quick_check``, everything but whether each index matches its table
    (a third of the time on a large database; a damaged index is rebuilt by REINDEX)."""
    try:
        con = read_only(path, key)
    except cipher.DatabaseError as exc:
        return [str(exc)]
    try:
        pragma = "quick_check" if quick else "integrity_check"
        rows = [r[0] for r in con.execute(f"PRAGMA {pragma}")]
    except cipher.DatabaseError as exc:
        return [str(exc)]
    finally:
        con.close()
    return [] if rows == ["ok"] else rows


def revision_of(con: cipher.Connection) -> str | None:
    """The Alembic revision stamped in the database ``con`` is open on (None: not stamped).

    Raises cipher.DatabaseError when the file is not an SQLite database."""
    has_table = con.execute(
        "SELECT 1 FROM sqlite_master WHERE type='table' AND name='alembic_version'"
    ).fetchone()
    if not has_table:
        con.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return None
    row = con.execute("SELECT version_num FROM alembic_version").fetchone()
    return row[0] if row else None


def read_revision(path: Path, key: bytes | None = None) -> str | None:
    """The Alembic revision stamped in a database, read without changing the file.

    Raises cipher.DatabaseError when the file is not an SQLite database.
    """
    con = read_only(path, key)
    try:
        return revision_of(con)
    finally:
        con.close()
