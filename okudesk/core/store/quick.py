"""Answers the command line reads from the database file alone (SQLite only).

``okudesk stats`` and refusing a bundle that was imported already need a few counts and
one look-up, not SQLAlchemy and the mapped models (most of a command's half second). A
read-only sqlite3 connection (:func:`open_current`, which ``peek.py``'s login list uses too)
answers when the file is ordinary: it exists, no restore is waiting, its schema is this
okudesk's. Anything else returns None and the
command opens the store as always. tests/test_cli_quick.py keeps the answers equal to the
store's (``records/stats.py``, ``sync/importer.py``).
"""

from __future__ import annotations

from pathlib import Path

from okudesk.core.store import DB_NAME, RESTORING_NAME, cipher
from okudesk.core.store.migrate import SCHEMA_HEAD

# records/stats.py COUNTED: name -> table (tests/test_cli_quick.py checks they agree)
COUNTED = {
    "meetings": "meeting",
    "incidents": "incident",
    "stakeholders": "stakeholder",
    "follow_ups": "follow_up",
    "attachments": "attachment",
}


def open_current(data_dir: Path, key: bytes | None = None) -> cipher.Connection | None:
    """A read-only, query-only connection to the database in ``data_dir`` when the file is
    ordinary: it exists, no restore is waiting, its schema is this okudesk's. None
    otherwise: then only the opened store can answer. The caller closes it."""
    path = Path(data_dir) / DB_NAME
    if not path.is_file() or (Path(data_dir) / RESTORING_NAME).exists():
        return None
    try:
        con = cipher.connect(path, key, read_only=True)
    except cipher.Error:
        return None
    try:
        con.execute("PRAGMA query_only = ON")
        if cipher.revision_of(con) == SCHEMA_HEAD:
            return con
    except cipher.Error:
        pass
    con.close()
    return None


def may_act(con: cipher.Connection, officer_id: str) -> bool:
    """Whether a login of this officer would let them in and change nothing in the store: an
    account of a live, active officer (``accounts._find``), no one-time passphrase to change
    (the command line refuses those), no failure counted and no lock. False: only a login
    through the store may answer (and record what it must)."""
    try:
        row = con.execute(
            "SELECT a.must_change, a.failed_count, a.locked_until FROM officer_account a "
            "JOIN officer o ON o.id = a.officer_id "
            "WHERE a.officer_id = ? AND o.deleted_at IS NULL AND o.active",
            (officer_id,),
        ).fetchone()
    except cipher.Error:
        return False
    return row is not None and not row[0] and not row[1] and row[2] is None


def counts(
    data_dir: Path, key: bytes | None = None, *, officer_id: str | None = None
) -> dict | None:
    """``records.stats.counts`` read from the file (each from its covering index); with
    ``officer_id``, only when that officer :func:`may_act`."""
    con = open_current(data_dir, key)
    if con is None:
        return None
    if officer_id is not None and not may_act(con, officer_id):
        con.close()
        return None
    try:
        result: dict = {name: 0 for name in COUNTED}
        per_post: dict[str, dict[str, int]] = {}
        for name, table in COUNTED.items():
            rows = con.execute(
                f"SELECT origin_post, count(*) FROM {table} WHERE deleted_at IS NULL "
                "GROUP BY origin_post"
            )
            for post_code, n in rows:
                result[name] += n
                bucket = per_post.setdefault(post_code or "", {k: 0 for k in COUNTED})
                bucket[name] = n
    except cipher.Error:
        return None
    finally:
        con.close()
    result["posts"] = dict(sorted(per_post.items()))
    return result


def imported_bundle(data_dir: Path, sha256: str, key: bytes | None = None) -> str | None:
    """The ID of the bundle imported here whose file had this SHA-256 (None: none, or only
    the store can tell). The same bytes were verified when they were imported."""
    con = open_current(data_dir, key)
    if con is None:
        return None
    try:
        row = con.execute("SELECT id FROM sync_bundle WHERE sha256 = ?", (sha256,)).fetchone()
    except cipher.Error:
        return None
    finally:
        con.close()
    return row[0] if row else None
