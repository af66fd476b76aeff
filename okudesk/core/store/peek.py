"""Who may log in, read from the database file before the store is open (SQLite only).

Importing SQLAlchemy and mapping the models is most of a cold start (half a second and
more on a post's laptop), and the first thing a user sees needs none of it: the login
screen needs the list of officers with an account. The GUI reads that list here, with the
standard library's sqlite3 through a read-only connection, shows it at once, and opens the
store on the operation worker meanwhile; logging in then goes through
``okudesk.core.security.accounts`` as always.

Anything out of the ordinary returns None and the GUI waits for the store instead: no
database yet, a restore to finish, a schema other than this okudesk's (it is migrated first), a
damaged or locked file. tests/test_peek.py keeps the answer equal to ``accounts.login_choices`` and
``accounts.needs_first_admin``.
"""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

from okudesk.core.errors import StoreError
from okudesk.core.store.keyring import Holder, Keyring

# The rows of accounts.login_choices: active, not deleted officers with an account, by name.
_CHOICES = """
SELECT o.id, o.name, coalesce(r.name, ''), o.nrp
FROM officer_account AS a
JOIN officer AS o ON o.id = a.officer_id
LEFT JOIN rank AS r ON r.id = o.rank_id
WHERE o.deleted_at IS NULL AND o.active = 1
ORDER BY o.name
"""


# An officer on the login screen: the key file's holder (officer ID, name, rank, NRP).
LoginChoice = Holder


# NamedTuples, not dataclasses: making a dataclass compiles its methods, at every start.
class LoginScreen(NamedTuple):
    first_admin: bool  # no account exists yet: the first admin is created
    choices: tuple[LoginChoice, ...]


def login_screen(data_dir: Path) -> LoginScreen | None:
    """What the login screen shows for the database in ``data_dir``, or None when only the
    opened store can tell.

    An encrypted store lists the officers its key file names (store/keyring.py: who holds a
    wrap of the data key); a plain one (first run, or an older okudesk's, encrypted at its
    first login) those with an account."""
    try:
        keys = Keyring.load(data_dir)
    except StoreError:  # a damaged key file: opening the store says what is wrong
        return None
    if keys is not None:
        choices = tuple(keys.holders())
        return LoginScreen(first_admin=False, choices=choices)
    from okudesk.core.store import cipher  # a plain store only: SQLCipher loads now
    from okudesk.core.store.quick import open_current

    con = open_current(data_dir, checked=False)  # the store's start checks it after
    if con is None:
        return None
    try:
        accounts = con.execute("SELECT count(*) FROM officer_account").fetchone()[0]
        choices = tuple(LoginChoice(*row) for row in con.execute(_CHOICES))
    except cipher.Error:
        return None
    finally:
        con.close()
    return LoginScreen(first_admin=accounts == 0, choices=choices)
