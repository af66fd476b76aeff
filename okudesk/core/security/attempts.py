"""Failed unlocks, counted beside the key file (``okudesk.attempts``), and the waits and lock
that follow failed logins.

A wrong passphrase for an encrypted store cannot reach the database, so it is counted in
this small JSON file, with the same waits and the same lock as the accounts'
(:func:`wait_after`); ``unlocking.open_as`` carries the failures into the accounts and the
audit trail when the store next opens. The file holds no secret; deleting it lifts a lock,
which is why the key derivation's cost, not the lock, protects a copied key file
(docs/security.md). Light on purpose (no SQLAlchemy): ``okudesk stats`` unlocks through it.
"""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from pathlib import Path

from okudesk.core import files
from okudesk.core.clock import utcnow
from okudesk.core.errors import LoginFailed
from okudesk.core.i18n import _

TYPE_CHECKING = False  # as typing's, without importing typing
if TYPE_CHECKING:
    from okudesk.core.store.keyring import Keyring

FREE_ATTEMPTS = 3  # failures before the next attempt must wait
WAIT_STEP_SECONDS = 15  # 4th attempt waits 15 s, 5th 30 s
LOCK_AFTER = 5  # failures in a row that lock the account
LOCK_MINUTES = 15


def wait_after(failures: int) -> timedelta:
    if failures >= LOCK_AFTER:
        return timedelta(minutes=LOCK_MINUTES)
    if failures >= FREE_ATTEMPTS:
        return timedelta(seconds=WAIT_STEP_SECONDS * (failures - FREE_ATTEMPTS + 1))
    return timedelta(0)


def locked_error(failed_count: int, seconds: float, *, just_failed: bool = True) -> LoginFailed:
    """What an officer is told after ``failed_count`` wrong passphrases in a row, with
    ``seconds`` to wait."""
    if failed_count >= LOCK_AFTER:
        minutes = max(1, round(seconds / 60))
        return LoginFailed(
            _(
                "Akun dikunci {n} menit karena kata sandi salah berulang kali; admin dapat "
                "membukanya",
                n=minutes,
            ),
            seconds,
        )
    if just_failed:
        return LoginFailed(
            _("Kata sandi salah; coba lagi dalam {n} detik", n=int(seconds + 0.999)), seconds
        )
    return LoginFailed(
        _("Terlalu banyak percobaan; coba lagi dalam {n} detik", n=int(seconds + 0.999)), seconds
    )


ATTEMPTS_NAME = "okudesk.attempts"


def load(data_dir: Path) -> dict:
    """The failures counted so far, by officer id (empty when none)."""
    try:
        doc = json.loads((data_dir / ATTEMPTS_NAME).read_text("utf-8"))
        return doc if isinstance(doc, dict) else {}
    except (OSError, ValueError):
        return {}


def save(data_dir: Path, doc: dict) -> None:
    if doc:
        files.write_atomically(data_dir / ATTEMPTS_NAME, json.dumps(doc).encode("utf-8"))
    else:
        files.unlink(data_dir / ATTEMPTS_NAME)


def unlock(
    data_dir: Path,
    keys: Keyring,
    passphrase: str,
    *,
    officer_id: str | None = None,
    nrp: str | None = None,
) -> tuple[bytes, str]:
    """The data key and whose wrap gave it; a wrong passphrase is counted, and waits or
    locks like a login's."""
    entry = keys.entry(officer_id=officer_id, nrp=nrp)
    if entry is None:
        keys.unlock(passphrase, officer_id=officer_id, nrp=nrp)  # raises: no such officer
    assert entry is not None
    who = str(entry["officer_id"])
    doc = load(data_dir)
    found = doc.get(who)
    mine: dict = found if isinstance(found, dict) else {}
    failed = int(mine.get("failed", 0)) if isinstance(mine.get("failed", 0), int) else 0
    now = utcnow()
    try:
        until = datetime.fromisoformat(str(mine["until"])) if mine.get("until") else None
    except ValueError:
        until = None
    if until is not None and until > now:
        wait = min((until - now).total_seconds(), LOCK_MINUTES * 60.0)
        raise locked_error(failed, wait, just_failed=False)
    try:
        data_key = keys.unlock(passphrase, officer_id=who)
    except LoginFailed:
        failed += 1
        delay = wait_after(failed)
        mine.update(failed=failed, until=(now + delay).isoformat() if delay else None)
        doc[who] = mine
        save(data_dir, doc)
        if delay:
            raise locked_error(failed, delay.total_seconds()) from None
        raise
    return data_key, who


def pending(data_dir: Path, officer_id: str) -> bool:
    """Whether failures of this officer are counted here and not yet carried into the
    store (``unlocking.open_as`` carries them, audited, when the store opens)."""
    mine = load(data_dir).get(officer_id)
    return isinstance(mine, dict) and bool(mine.get("failed") or mine.get("until"))


def unlock_quietly(data_dir: Path, passphrase: str, *, nrp: str) -> tuple[bytes, str] | None:
    """:func:`unlock` for a look that records nothing (``okudesk stats`` as an officer): the
    data key and the officer's id, or None when only a login through the store may go on
    (a plain store, which that login encrypts; failures of theirs waiting to be carried into
    the store). A wrong passphrase is counted and raises as :func:`unlock`'s; whether the
    officer may act is the caller's to check (store/quick.py ``may_act``)."""
    from okudesk.core.store.keyring import Keyring

    keys = Keyring.load(data_dir)
    entry = keys.entry(nrp=nrp) if keys is not None else None
    if keys is None or entry is None or pending(data_dir, str(entry["officer_id"])):
        return None
    return unlock(data_dir, keys, passphrase, nrp=nrp)
