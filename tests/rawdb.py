"""Raw SQL on a test's database file, as someone holding the file and its key would run it.

Through SQLCipher (okudesk.core.store.cipher), never the standard library's sqlite3: two
SQLite libraries in one process break each other's file locks. The key comes from the
store, or from the data folder's key file and the tests' passphrases."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from cli_login import ADMIN_PASSPHRASE, DEMO_PASSPHRASE

from okudesk.core.errors import LoginFailed
from okudesk.core.store import DB_NAME, Store, cipher
from okudesk.core.store.keyring import Keyring


@cache
def _key(folder: str, key_id: str) -> bytes:
    keys = Keyring.load(Path(folder))
    assert keys is not None and keys.key_id == key_id
    for holder in keys.holders():
        for passphrase in (ADMIN_PASSPHRASE, DEMO_PASSPHRASE):
            try:
                return keys.unlock(passphrase, officer_id=holder.officer_id)
            except LoginFailed:
                continue
    raise AssertionError(f"no test passphrase opens {folder}")


def key_of(folder: Path | str) -> bytes | None:
    """The data key of the store in ``folder`` (None: a plain store)."""
    keys = Keyring.load(Path(folder))
    return None if keys is None else _key(str(Path(folder).resolve()), keys.key_id)


def connect(target: Store | Path | str) -> cipher.Connection:
    """A connection to the store's database (a Store, its data folder or its file)."""
    if isinstance(target, Store):
        return cipher.connect(target.db_path, target.data_key)
    path = Path(target)
    db = path / DB_NAME if path.is_dir() else path
    key = key_of(db.parent) if db.name == DB_NAME else None
    return cipher.connect(db, key)
