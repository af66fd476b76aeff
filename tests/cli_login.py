"""Who the command line logs in as in tests: the CLI acts only as a logged-in officer
(docs/security.md, "The console acts as a logged-in officer"), so a test that drives it
names a real officer of the data folder, with that officer's real passphrase."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from sqlalchemy import select

from okudesk.core.models import Incident, Meeting, Officer, OfficerAccount
from okudesk.core.store import Store

DEMO_PASSPHRASE = "demo"  # every demo officer's (okudesk/core/demo.py)


@cache
def _key(folder: str, key_id: str) -> bytes:
    from okudesk.core.errors import LoginFailed
    from okudesk.core.store.keyring import Keyring

    keys = Keyring.load(Path(folder))
    assert keys is not None and keys.key_id == key_id
    for holder in keys.holders():
        for passphrase in TEST_PASSPHRASES:
            try:
                return keys.unlock(passphrase, officer_id=holder.officer_id)
            except LoginFailed:
                continue
    raise AssertionError(f"no test passphrase opens {folder}")


def key_of(folder: Path | str) -> bytes | None:
    """The data key of the store in ``folder``, unwrapped by the first of its officers whose
    passphrase is one of the tests' (demo data's, or the first admin's below); None for a
    plain store (no passphrase yet). Unwrapped directly: a test's looking counts no failure."""
    from okudesk.core.store.keyring import Keyring

    keys = Keyring.load(Path(folder))
    return None if keys is None else _key(str(Path(folder).resolve()), keys.key_id)


def open_folder(data_dir: Path | str) -> Store:
    """The data folder's store, opened with its key (:func:`key_of`)."""
    return Store.open(Path(data_dir), key=key_of(data_dir))


def officer_with_role(data_dir: Path | str, role: str) -> str:
    """The NRP of an officer with an account of ``role`` (the first by NRP)."""
    with open_folder(data_dir) as store, store.read(actor=None) as s:
        nrp = s.scalar(
            select(Officer.nrp)
            .join(OfficerAccount, OfficerAccount.officer_id == Officer.id)
            .where(OfficerAccount.role == role, Officer.deleted_at.is_(None))
            .order_by(Officer.nrp)
        )
    assert nrp, f"no {role} account in {data_dir}"
    return nrp


def reporter_of_latest(data_dir: Path | str, kind: str) -> str:
    """The NRP of the officer who reported the latest meeting or incident (who signs it)."""
    model = Meeting if kind == "meeting" else Incident
    column = model.starts_at if kind == "meeting" else model.occurred_at
    with open_folder(data_dir) as store, store.read(actor=None) as s:
        nrp = s.scalar(
            select(Officer.nrp)
            .join(model, model.reported_by_id == Officer.id)
            .where(model.deleted_at.is_(None))
            .order_by(column.desc())
        )
    assert nrp, f"no {kind} with a reporting officer in {data_dir}"
    return nrp


def as_officer(nrp: str) -> list[str]:
    """The leading options that log the command in as ``nrp``."""
    return ["--officer", nrp]


ADMIN_NRP = "80010001"
ADMIN_PASSPHRASE = "admin-pos-123"
# the first admins' passphrases the tests choose (a key file opens with any of its officers')
TEST_PASSPHRASES = (ADMIN_PASSPHRASE, DEMO_PASSPHRASE, "admin-polres-1")


def first_admin(store: Store, monkeypatch, *, nrp: str = ADMIN_NRP, role: str | None = None):
    """Give the data folder its first account (an admin; at HQ an HQ admin) and let the
    command line log in as it: returns the leading options, the passphrase goes in
    ``$OKUDESK_PASSPHRASE`` as a scheduled task would give it."""
    from okudesk.core.security import accounts

    with store.write() as s:
        accounts.create_first_admin(
            s, name="Admin Pos", nrp=nrp, passphrase=ADMIN_PASSPHRASE, role=role
        )
    monkeypatch.setenv("OKUDESK_PASSPHRASE", ADMIN_PASSPHRASE)
    return as_officer(nrp)
