"""Answers the command line reads from the database file alone (SQLite only).

``okudesk stats`` and refusing a bundle that was imported already need a few counts and
one look-up, not SQLAlchemy and the mapped models (most of a command's half second). A
read-only sqlite3 connection (:func:`open_current`, which ``peek.py``'s login list uses too)
answers when the file is ordinary: it exists, no restore is waiting, it passes the start's
soundness checks (store/soundness.py), its schema is this okudesk's. Anything else returns
None and the
command opens the store as always. tests/test_cli_quick.py keeps the answers equal to the
store's (``records/stats.py``, ``sync/importer.py``).
"""

from __future__ import annotations

from pathlib import Path

from okudesk.core.store import DB_NAME, RESTORING_NAME, cipher, soundness
from okudesk.core.store.migrate import SCHEMA_HEAD

# records/stats.py COUNTED: name -> table (tests/test_cli_quick.py checks they agree)
COUNTED = {
    "meetings": "meeting",
    "incidents": "incident",
    "stakeholders": "stakeholder",
    "follow_ups": "follow_up",
    "attachments": "attachment",
}


def open_current(
    data_dir: Path, key: bytes | None = None, *, checked: bool = True
) -> cipher.Connection | None:
    """A read-only, query-only connection to the database in ``data_dir`` when the file is
    ordinary: it exists, no restore is waiting, its schema is this okudesk's. None
    otherwise: then only the opened store can answer. The caller closes it."""
    path = Path(data_dir) / DB_NAME
    if not path.is_file() or (Path(data_dir) / RESTORING_NAME).exists():
        return None
    size = path.stat().st_size
    if soundness.header_problem(path, size) is not None:
        return None  # the store's start names the damage and the last good backup
    try:
        con = cipher.connect(path, key, read_only=True)
    except cipher.Error:
        return None
    try:
        con.execute("PRAGMA query_only = ON")
        # the same check as the store's start (soundness.check): a small file read whole
        # (``checked=False``: the store opens next and checks it, peek.py's login list)
        sound = (
            not checked
            or size > soundness.QUICK_CHECK_BYTES
            or con.execute("PRAGMA quick_check(1)").fetchone() == ("ok",)
        )
        if sound and cipher.revision_of(con) == SCHEMA_HEAD:
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


# The bundles an encrypted HQ imported, by their files' SHA-256, beside the database: a
# refusal of a bundle imported already must not wait for a login's key derivation (~0.3 s).
# It holds the hashes of ciphertext files and random bundle IDs, nothing of their contents
# (docs/security.md). Its first line names the database file it speaks for by the file's
# first 16 bytes (an encrypted file's random salt): a database replaced by another file (a
# restore, a copy) makes it say nothing until the store, opened with the key, writes it
# again from its own register (database.Store.open).
IMPORTED_NAME = "okudesk.imported"
_IMPORTED_HEADER = "okudesk-imported/1 "


def _list_header(data_dir: Path) -> str | None:
    """The first line of the list that speaks for this database file: its first 16 bytes
    (an encrypted file's random salt) in hex. None: the file is plain, or missing."""
    try:
        with open(Path(data_dir) / DB_NAME, "rb") as fh:
            head = fh.read(16)
    except OSError:
        return None
    if len(head) < 16 or head == cipher.HEADER:
        return None
    return _IMPORTED_HEADER + head.hex()


def _list_lines(data_dir: Path, header: str) -> list[str] | None:
    """The list's lines after its first, when that is ``header``; None otherwise."""
    try:
        lines = (Path(data_dir) / IMPORTED_NAME).read_text("utf-8").split("\n")
    except (OSError, ValueError):
        return None
    return lines[1:] if lines[0] == header else None


def imported_list_current(data_dir: Path) -> bool:
    """Whether the list beside the database speaks for this database file."""
    header = _list_header(data_dir)
    if header is None:
        return False
    try:
        with open(Path(data_dir) / IMPORTED_NAME, encoding="utf-8") as fh:
            return fh.readline().rstrip("\n") == header
    except (OSError, ValueError):
        return False


def write_imported(data_dir: Path, bundles: list[tuple[str, str]]) -> None:
    """The list written anew for this database file: (SHA-256, bundle ID) of each bundle
    its register holds (Store.open after the file changed). Raises OSError."""
    header = _list_header(data_dir)
    if header is not None:
        _write_list(data_dir, header, bundles)


def _write_list(data_dir: Path, header: str, bundles: list[tuple[str, str]]) -> None:
    from okudesk.core import files

    lines = [header] + [f"{sha} {bundle_id}" for sha, bundle_id in bundles]
    files.write_atomically(Path(data_dir) / IMPORTED_NAME, ("\n".join(lines) + "\n").encode())


def note_imported(data_dir: Path, sha256: str, bundle_id: str) -> None:
    """Add a bundle just imported (its transaction committed) to :data:`IMPORTED_NAME`, for
    an encrypted store; a plain one is read directly. Raises OSError when it cannot be
    written (the import stands: the store still refuses the bundle, after a login)."""
    import os

    header = _list_header(data_dir)
    if header is None:
        return
    if _list_lines(data_dir, header) is None:  # none yet, or another file's
        _write_list(data_dir, header, [(sha256, bundle_id)])
        return
    with open(Path(data_dir) / IMPORTED_NAME, "a", encoding="utf-8") as fh:
        fh.write(f"{sha256} {bundle_id}\n")  # a line cut by a power cut is ignored
        fh.flush()
        os.fsync(fh.fileno())


def imported_bundle(data_dir: Path, sha256: str, key: bytes | None = None) -> str | None:
    """The ID of the bundle imported here whose file had this SHA-256 (None: none, or only
    the store can tell). The same bytes were verified when they were imported. An encrypted
    store without its key answers from :data:`IMPORTED_NAME`."""
    header = _list_header(data_dir) if key is None else None
    if header is not None:
        if (Path(data_dir) / RESTORING_NAME).exists():
            return None
        for line in _list_lines(data_dir, header) or ():
            sha, _sep, bundle_id = line.partition(" ")
            if sha == sha256 and bundle_id:
                return bundle_id
        return None
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
