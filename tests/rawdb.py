"""Raw SQL on a test's database file, as someone holding the file and its key would run it.

Through SQLCipher (okudesk.core.store.cipher), never the standard library's sqlite3: two
SQLite libraries in one process break each other's file locks. The key comes from the
store, or from the data folder's key file and the tests' passphrases."""

from __future__ import annotations

from pathlib import Path

from cli_login import key_of

from okudesk.core.store import DB_NAME, Store, cipher


def connect(target: Store | Path | str) -> cipher.Connection:
    """A connection to the store's database (a Store, its data folder or its file)."""
    if isinstance(target, Store):
        return cipher.connect(target.db_path, target.data_key)
    path = Path(target)
    db = path / DB_NAME if path.is_dir() else path
    key = key_of(db.parent) if db.name == DB_NAME else None
    return cipher.connect(db, key)


def dump(con: cipher.Connection):
    """Every table's rows as text lines, ``INSERT INTO "table" VALUES(...)`` (as sqlite3's
    ``iterdump`` gives them; SQLCipher's binding has no iterdump)."""
    tables = [
        r[0]
        for r in con.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
            "ORDER BY name"
        )
    ]
    for table in tables:
        rows = [
            f'INSERT INTO "{table}" VALUES{row!r}'
            for row in con.execute(f'SELECT * FROM "{table}"')
        ]
        yield from sorted(rows)
