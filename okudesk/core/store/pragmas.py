"""SQLite connection set-up: the pragmas and the transaction handling, in one place.

pysqlite (Python < 3.12) opens transactions lazily and commits before DDL, which breaks
atomic migrations. We switch it to autocommit and issue BEGIN ourselves, as the SQLAlchemy
documentation recommends; a session that will write asks for BEGIN IMMEDIATE so that two
writers wait for each other (busy timeout) instead of failing on lock upgrade.
"""

from __future__ import annotations

import sqlite3

from sqlalchemy import Connection, event
from sqlalchemy.engine import Engine

BUSY_TIMEOUT_MS = 10_000
WRITE_OPTION = "okudesk_write"
# 64 MiB of page cache: random UUID keys touch pages all over the indexes, and the 2 MiB
# default makes large imports and demo loads spend their time re-reading pages.
CACHE_KIB = 65536
# Reading sessions (the GUI's lists, counts, reports) get a small cache: a scan over a
# million incidents' keys reads each page once, so the cache is full after the first list
# whatever its size, and it is all held memory (a full 64 MiB cache per connection would
# double what the workstation needs). 4 MiB keeps a search's and a screen's pages hot;
# 8 MiB was measured no faster (benchmarks/README.md).
READ_CACHE_KIB = 4096


def install(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: sqlite3.Connection, _record: object) -> None:
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA synchronous = FULL")
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Connection) -> None:
        write = connection.get_execution_options().get(WRITE_OPTION)
        connection.exec_driver_sql(f"PRAGMA cache_size = -{CACHE_KIB if write else READ_CACHE_KIB}")
        connection.exec_driver_sql(f"BEGIN {'IMMEDIATE' if write else 'DEFERRED'}")
