"""Encrypting a plain database in place, once (a store of an older okudesk, or a new one
whose first officer has just been given a passphrase).

An encrypted copy is written beside the database (``okudesk.sqlite3.encrypting``), fsynced,
and verified (SQLite's integrity check through the key, and the same number of rows in
every table as the plain file); only then does it replace the plain file, with one rename.
A power cut at any point loses nothing: before the rename the plain database is whole in
place and the copy is made again at the next login (the key file, written first, still
holds the key); after it the encrypted one is whole. The plain WAL is checkpointed into the
file first and removed before the rename, so no plain page is ever read as an encrypted one.

The plain database's earlier copies in ``backups/`` (daily backups and the copies taken
before migrations) hold the same data in plain text: they are removed once the encrypted
database is in place (the daily backup takes an encrypted one at the next start).
"""

from __future__ import annotations

import os
from pathlib import Path

from okudesk.core import files
from okudesk.core.errors import StoreError
from okudesk.core.i18n import _
from okudesk.core.store import DB_NAME, cipher

ENCRYPTING_NAME = DB_NAME + ".encrypting"


def _tables(con: cipher.Connection) -> dict[str, int]:
    names = [
        r[0]
        for r in con.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        )
    ]
    return {n: con.execute(f'SELECT count(*) FROM "{n}"').fetchone()[0] for n in names}


def encrypt_in_place(data_dir: Path, key: bytes) -> None:
    """Replace the plain database in ``data_dir`` by a verified copy encrypted with ``key``.
    Nobody else may have the database open (Store.open holds the folder)."""
    db = Path(data_dir) / DB_NAME
    copy = Path(data_dir) / ENCRYPTING_NAME
    files.discard(copy)  # a copy cut short by a crash: made again
    plain = cipher.connect(db, None)
    try:
        plain.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
        expected = _tables(plain)
    finally:
        plain.close()
    try:
        cipher.export_encrypted(db, copy, key)
        with open(copy, "rb+") as fh:
            os.fsync(fh.fileno())
        check = cipher.connect(copy, key, read_only=True)
        try:
            problems = [r[0] for r in check.execute("PRAGMA integrity_check")]
            found = _tables(check)
        finally:
            check.close()
        if problems != ["ok"] or found != expected:
            raise StoreError(
                _(
                    "Salinan terenkripsi basis data tidak sama dengan aslinya; basis data tidak "
                    "diubah ({problem})",
                    problem=problems[0] if problems != ["ok"] else _("jumlah baris berbeda"),
                )
            )
        for suffix in ("-wal", "-shm"):
            files.unlink(db.with_name(db.name + suffix))
        files.replace(copy, db)
        files.fsync_dir(Path(data_dir))
    except BaseException:
        files.discard(copy)
        raise
    _remove_plain_copies(Path(data_dir) / "backups")


def _remove_plain_copies(backup_dir: Path) -> None:
    """Remove the backups that hold the database in plain text (see the module's text)."""
    if not backup_dir.is_dir():
        return
    for path in [*backup_dir.glob("okudesk-*.zip"), *backup_dir.glob("okudesk-before-*")]:
        if path.suffix == ".sqlite3" and not cipher.is_plain(path):
            continue
        files.discard(path)
