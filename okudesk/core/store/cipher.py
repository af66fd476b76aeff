"""The database engine: SQLite with SQLCipher's page encryption (SQLite only).

Every connection to a data folder's database is made here, so that one module knows the
engine: :func:`connect` opens a file with the data key (``okudesk.core.store.keyring``) or,
for a store that has no officer yet (first run) and for databases of older versions, without
one. SQLCipher encrypts every page with AES-256 and authenticates it with HMAC-SHA512; the
key is the raw 256-bit data key (``PRAGMA key = "x'…'"``), so opening costs no key
derivation here: the memory-hard derivation is the keyring's, once per login.

The binding is ``sqlcipher3`` (the ``sqlcipher3-wheels`` distribution: SQLCipher 4 with FTS5,
wheels for Windows x64 and Linux). It is a copy of the standard library's ``sqlite3``
module, with its own exception classes: catch :data:`Error` and :data:`DatabaseError` from
here, never ``sqlite3``'s.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote

from sqlcipher3 import dbapi2 as dbapi

Connection = dbapi.Connection
Error = dbapi.Error
DatabaseError = dbapi.DatabaseError
OperationalError = dbapi.OperationalError
IntegrityError = dbapi.IntegrityError

KEY_BYTES = 32
PAGE_SIZE = 4096  # SQLCipher 4's page size: an encrypted file is whole pages of it
SQLITE_FULL = dbapi.SQLITE_FULL  # the result code of a full disk
HEADER = b"SQLite format 3\x00"  # what begins a plain SQLite file (an encrypted one: its salt)


def _key_pragma(key: bytes) -> str:
    if len(key) != KEY_BYTES:
        raise ValueError("the data key is 32 bytes")
    return f"PRAGMA key = \"x'{key.hex()}'\""


def _uri(path: Path, *, read_only: bool) -> str:
    """A ``file:`` URI for ``path`` (SQLite takes read-only mode only in one), quoted: spaces,
    ``#`` and ``%`` are common in Windows folder names. ``/data`` -> ``file:///data``,
    ``C:/data`` -> ``file:///C:/data``, a network share ``//pc/share`` -> ``file:////pc/share``.
    """
    target = Path(path).resolve().as_posix()
    if not target.startswith("/"):
        target = "/" + target
    return "file://" + quote(target, safe="/:") + ("?mode=ro" if read_only else "")


def connect(
    path: Path, key: bytes | None, *, read_only: bool = False, check_same_thread: bool = True
) -> Connection:
    """A connection to the database file ``path``, keyed with ``key`` (None: a plain file).

    The key is the connection's first statement, as SQLCipher requires. A wrong key, or a
    key for a plain file, fails at the first read with :data:`DatabaseError` ("file is not a
    database"): :func:`check` makes that read."""
    con = dbapi.connect(
        _uri(path, read_only=read_only), uri=True, check_same_thread=check_same_thread
    )
    if key is not None:
        con.execute(_key_pragma(key))
    return con


def check(con: Connection) -> None:
    """Read the schema once: raises :data:`DatabaseError` when the key does not open the
    file (or the file is not a database)."""
    con.execute("SELECT count(*) FROM sqlite_master").fetchone()


def revision_of(con: Connection) -> str | None:
    """The Alembic revision stamped in the database ``con`` is open on (None: not stamped).

    Raises :data:`DatabaseError` when the file is not an SQLite database."""
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

    Raises :data:`DatabaseError` when the file is not an SQLite database.
    """
    con = connect(path, key, read_only=True)
    try:
        return revision_of(con)
    finally:
        con.close()


def is_plain(path: Path) -> bool:
    """Whether ``path`` is an unencrypted SQLite database (its first 16 bytes say so; an
    encrypted file begins with its random salt)."""
    try:
        with open(path, "rb") as fh:
            return fh.read(16) == HEADER
    except OSError:
        return False


def backup(source: Connection, target: Path, key: bytes | None) -> None:
    """Copy the open database ``source`` into a new file ``target`` with SQLite's online
    backup API (a consistent snapshot while others write), encrypted with ``key`` (it must be
    the source's key: SQLCipher copies pages between databases of the same key)."""
    dst = connect(target, key)
    try:
        # no journal and no syncs while copying (a copy cut short is thrown away, never
        # used); the caller fsyncs the whole file once
        dst.execute("PRAGMA journal_mode = OFF")
        dst.execute("PRAGMA synchronous = OFF")
        source.backup(dst)
        dst.execute("PRAGMA journal_mode = DELETE")
    finally:
        dst.close()


def export_encrypted(plain: Path, target: Path, key: bytes) -> None:
    """Write the plain database ``plain`` into a new file ``target`` encrypted with ``key``
    (SQLCipher's ``sqlcipher_export``: schema, rows, indexes, triggers and search tables)."""
    con = connect(plain, None, read_only=True)
    try:
        con.execute("ATTACH DATABASE ? AS encrypted KEY \"x'" + key.hex() + "'\"", (str(target),))
        con.execute("SELECT sqlcipher_export('encrypted')").fetchall()
        version = con.execute("PRAGMA main.user_version").fetchone()[0]
        con.execute(f"PRAGMA encrypted.user_version = {int(version)}")
        con.execute("DETACH DATABASE encrypted")
    finally:
        con.close()


def rekey(path: Path, old: bytes, new: bytes) -> None:
    """The database file ``path`` encrypted with ``new`` instead of ``old`` (SQLCipher
    rewrites every page); nobody else may have it open."""
    con = connect(path, old)
    try:
        check(con)
        con.execute(f"PRAGMA rekey = \"x'{new.hex()}'\"")
    finally:
        con.close()
