"""Officer accounts, roles, and the permission check every service makes.

Who acts: an :class:`Actor` in ``session.info`` (key ``permissions.ACTOR_KEY``), put there
by ``Store.write(actor=...)`` / ``Store.read(actor=...)`` or by the store's default
``store.actor`` (the GUI sets it at login and clears it when the window locks; the command
line sets :func:`system_actor`). Services call :func:`require`; a session with nobody in it
is refused, so a caller that forgets to say who acts fails loudly instead of acting as
everyone.

Passphrases are hashed with scrypt from the standard library (``hashlib.scrypt``, the
parameters Django uses: N=2**14, r=8, p=1, 16 MiB per hash) and a random salt; the stored
string names the parameters so they can be raised later (:func:`login` rehashes). Repeated
failures make the next attempt wait, then lock the account for a while; the counters live
in the database, so restarting okudesk does not reset them. An admin (or the commander)
can unlock and reset.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
import unicodedata
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from okudesk.core import permissions
from okudesk.core.errors import LoginFailed, NotFound, PermissionDenied, ValidationError
from okudesk.core.history import audit
from okudesk.core.i18n import _
from okudesk.core.models import Officer, OfficerAccount, Setting, utcnow
from okudesk.core.permissions import (
    ROLE_LABELS,
    ROLE_PERMISSIONS,
    ROLES,
    SYSTEM_ROLE,
    Actor,
    require,
    system_actor,
)
from okudesk.core.security.attempts import (  # noqa: F401 - accounts.wait_after etc. stay here too
    FREE_ATTEMPTS,
    LOCK_AFTER,
    LOCK_MINUTES,
    WAIT_STEP_SECONDS,
    locked_error,
    wait_after,
)
from okudesk.core.store import keyring

if TYPE_CHECKING:
    from okudesk.core.store import Store

# --- passphrases ----------------------------------------------------------------------------

SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**14, 8, 1
SALT_BYTES = 16
KEY_BYTES = 32
MIN_LENGTH = 8
_MAXMEM = 64 * 1024 * 1024


def _bytes(passphrase: str) -> bytes:
    return unicodedata.normalize("NFC", passphrase).encode("utf-8")


def _scrypt(passphrase: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    return hashlib.scrypt(
        _bytes(passphrase), salt=salt, n=n, r=r, p=p, maxmem=_MAXMEM, dklen=KEY_BYTES
    )


def hash_passphrase(passphrase: str) -> str:
    salt = os.urandom(SALT_BYTES)
    key = _scrypt(passphrase, salt, SCRYPT_N, SCRYPT_R, SCRYPT_P)
    b64 = base64.b64encode
    return f"scrypt${SCRYPT_N}${SCRYPT_R}${SCRYPT_P}${b64(salt).decode()}${b64(key).decode()}"


def parse_hash(stored: str) -> tuple[dict, bytes] | None:
    """A stored hash ``scrypt$N$r$p$salt$key`` as (its scrypt parameters with the salt in
    base64, the derived key); None for a hash of another kind or a damaged one."""
    try:
        scheme, n, r, p, salt, key = stored.split("$")
        if scheme != "scrypt":
            return None
        kdf = {"name": "scrypt", "n": int(n), "r": int(r), "p": int(p), "salt": salt}
        return kdf, base64.b64decode(key, validate=True)
    except (ValueError, TypeError):
        return None


def verify_passphrase(passphrase: str, stored: str) -> bool:
    """Constant-time comparison of the derived key with the stored one."""
    parsed = parse_hash(stored)
    if parsed is None:
        return False
    kdf, expected = parsed
    try:
        got = _scrypt(passphrase, base64.b64decode(kdf["salt"]), kdf["n"], kdf["r"], kdf["p"])
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(got, expected)


def needs_rehash(stored: str) -> bool:
    return not stored.startswith(f"scrypt${SCRYPT_N}${SCRYPT_R}${SCRYPT_P}$")


def check_new_passphrase(passphrase: str) -> str:
    if passphrase is None or len(passphrase) < MIN_LENGTH:
        raise ValidationError(_("Kata sandi minimal {n} karakter", n=MIN_LENGTH), "passphrase")
    if not passphrase.strip():
        raise ValidationError(_("Kata sandi tidak boleh kosong"), "passphrase")
    return passphrase


_DUMMY_HASH = None


def _spend_equal_time(passphrase: str) -> None:
    """Unknown account: spend the same work as a real check (no timing oracle)."""
    global _DUMMY_HASH
    if _DUMMY_HASH is None:
        _DUMMY_HASH = hash_passphrase("okudesk-dummy-passphrase")
    verify_passphrase(passphrase, _DUMMY_HASH)


# --- failed logins ----------------------------------------------------------------------------

# FREE_ATTEMPTS, WAIT_STEP_SECONDS, LOCK_AFTER, LOCK_MINUTES, wait_after, locked_error:
# security/attempts.py (the key file's failures are counted with the same waits)


def _remaining(account: OfficerAccount, now: datetime) -> float:
    if account.locked_until is None or account.locked_until <= now:
        return 0.0
    # A clock set backwards must not lock someone out for days.
    return min((account.locked_until - now).total_seconds(), LOCK_MINUTES * 60.0)


# --- accounts ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class AccountInfo:
    officer_id: str
    name: str
    rank: str
    nrp: str
    position: str
    role: str
    must_change: bool
    locked_seconds: float
    last_login_at: datetime | None

    @property
    def display(self) -> str:
        return f"{self.rank} {self.name}".strip()


def _account_info(a: OfficerAccount, now: datetime | None = None) -> AccountInfo:
    o = a.officer
    return AccountInfo(
        a.officer_id,
        o.name,
        o.rank.name if o.rank else "",
        o.nrp,
        o.position,
        a.role,
        a.must_change,
        _remaining(a, now or utcnow()),
        a.last_login_at,
    )


def _actor_of(a: OfficerAccount) -> Actor:
    o = a.officer
    return Actor(o.id, f"{o.rank.name} {o.name}".strip() if o.rank else o.name, a.role, o.nrp)


def login_choices(session: Session) -> list[AccountInfo]:
    """Officers who can log in here, by name (the login screen's list; no login needed)."""
    stmt = (
        select(OfficerAccount)
        .join(Officer, Officer.id == OfficerAccount.officer_id)
        .where(Officer.deleted_at.is_(None), Officer.active.is_(True))
        .order_by(Officer.name)
    )
    now = utcnow()
    return [_account_info(a, now) for a in session.scalars(stmt)]


def list_accounts(session: Session) -> list[AccountInfo]:
    require(session, "account.manage")
    return login_choices(session)


def needs_first_admin(session: Session) -> bool:
    """True until the first account exists (the first-run wizard then creates an admin)."""
    return not session.scalar(select(func.count()).select_from(OfficerAccount))


def _valid_role(role: str) -> str:
    if role not in ROLE_PERMISSIONS:
        raise ValidationError(_("Peran tidak dikenal: {role}", role=role), "role")
    return role


def create_first_admin(
    session: Session,
    *,
    name: str,
    nrp: str,
    passphrase: str,
    rank_id: str | None = None,
    position: str = "",
    post_id: str | None = None,
    role: str | None = None,
) -> AccountInfo:
    """The first-run wizard's first account: allowed only while there is no account at all.

    ``role`` defaults to ``hq_admin`` on HQ's installation (set up as HQ by ``okudesk sync
    init-hq``) and to ``admin`` at a post.
    """
    if role is None:
        from okudesk.core.records import posts

        here = posts.this_post(session)
        role = "hq_admin" if here is not None and here.is_hq else "admin"
    if role not in ("admin", "hq_admin", "kapolsek"):
        raise ValidationError(_("Peran tidak dikenal: {role}", role=role), "role")
    if not needs_first_admin(session):
        raise PermissionDenied(_("Akun pertama sudah dibuat; minta admin membuatkan akun"))
    check_new_passphrase(passphrase)
    previous = session.info.get(permissions.ACTOR_KEY)
    session.info[permissions.ACTOR_KEY] = system_actor("panduan awal")
    try:
        existing = session.scalar(
            select(Officer).where(Officer.nrp == (nrp or "").strip(), Officer.deleted_at.is_(None))
        )
        if existing is not None:
            officer_id = existing.id
        else:
            from okudesk.core.records import officers

            officer_id = officers.add_officer(
                session, name=name, nrp=nrp, rank_id=rank_id, position=position, post_id=post_id
            ).id
        account = OfficerAccount(officer_id=officer_id, role=role, passphrase_hash="")
        session.add(account)
        session.flush()
        _passphrase_is(session, account, passphrase)
    finally:
        session.info[permissions.ACTOR_KEY] = previous
    return _account_info(account)


POST_ROLES = ("petugas", "kapolsek", "admin")
# Which roles each role may hand out (and reset, unlock, take away): HQ roles only at HQ.
GRANTS: dict[str, tuple[str, ...]] = {
    "kapolsek": POST_ROLES,
    "admin": POST_ROLES,
    "hq_admin": ROLES,
}


def _grantable(actor: Actor, role: str) -> None:
    """A post's commander or admin manages the post's roles; HQ roles only HQ's admin."""
    if actor.role != SYSTEM_ROLE and role not in GRANTS.get(actor.role, ()):
        raise PermissionDenied(
            _(
                "Peran {role} tidak dapat diberikan oleh {mine}",
                role=ROLE_LABELS[role],
                mine=ROLE_LABELS.get(actor.role, actor.role),
            )
        )


def _live_officer(session: Session, officer_id: str) -> Officer:
    officer = session.get(Officer, officer_id)
    if officer is None or officer.deleted_at is not None:
        raise NotFound(_("{kind} tidak ditemukan: {id}", kind="Petugas", id=officer_id))
    return officer


def set_account(
    session: Session,
    officer_id: str,
    *,
    role: str,
    passphrase: str | None = None,
    must_change: bool = True,
    enforce_policy: bool = True,
) -> AccountInfo:
    """Give an officer an account (or change its role); a new passphrase must be changed at
    first login unless ``must_change`` is False. ``enforce_policy=False`` is for demo data."""
    actor = require(session, "account.manage")
    _valid_role(role)
    _grantable(actor, role)
    _live_officer(session, officer_id)
    account = session.get(OfficerAccount, officer_id)
    new_account = account is None
    if account is None:
        if passphrase is None:
            raise ValidationError(_("Kata sandi minimal {n} karakter", n=MIN_LENGTH), "passphrase")
        account = OfficerAccount(officer_id=officer_id, role=role, passphrase_hash="")
        session.add(account)
    elif account.role != role:
        _grantable(actor, account.role)  # nor takes it away from someone above them
    account.role = role
    if passphrase is not None:
        if enforce_policy:
            check_new_passphrase(passphrase)
        if must_change:
            _reset_by_admin(session, account, actor, passphrase, new_account=new_account)
        else:
            _set_hash(session, account, old=None, new=passphrase)
        account.must_change = must_change
        account.failed_count = 0
        account.locked_until = None
    session.flush()
    return _account_info(account)


def reset_passphrase(session: Session, officer_id: str, new_passphrase: str) -> AccountInfo:
    """An admin's reset: a temporary passphrase the officer must change, and no lock."""
    require(session, "account.manage")
    account = session.get(OfficerAccount, officer_id)
    if account is None:
        raise NotFound(_("{kind} tidak ditemukan: {id}", kind="Akun", id=officer_id))
    return set_account(
        session, officer_id, role=account.role, passphrase=new_passphrase, must_change=True
    )


def unlock(session: Session, officer_id: str) -> AccountInfo:
    actor = require(session, "account.manage")
    account = session.get(OfficerAccount, officer_id)
    if account is None:
        raise NotFound(_("{kind} tidak ditemukan: {id}", kind="Akun", id=officer_id))
    _grantable(actor, account.role)
    account.failed_count = 0
    account.locked_until = None
    audit.record(
        session,
        "update",
        record_type="officer_account",
        record_id=officer_id,
        summary=_("Kunci akun dibuka"),
    )
    session.flush()
    return _account_info(account)


def _reset_by_admin(
    session: Session, account: OfficerAccount, actor: Actor, one_time: str, *, new_account: bool
) -> None:
    """A one-time passphrase set by someone else (an admin): the officer must replace it at
    the next login. The signing key is not made under it (the admin knows it): the old
    certificate is revoked and the key deleted, and the new key is made when the officer
    chooses a passphrase of their own (:func:`change_passphrase`)."""
    from okudesk.core.security import credentials

    _passphrase_is(session, account, one_time)
    revoked = credentials.revoke_for_reset(session, account.officer_id, revoked_by=actor.name)
    audit.record(
        session,
        "update",
        record_type="officer_account",
        record_id=account.officer_id,
        summary=(
            _("Akun diberikan oleh {who} dengan kata sandi sekali pakai", who=actor.name)
            if new_account
            else _(
                "Kata sandi diatur ulang oleh {who}; sertifikat tanda tangan lama dicabut",
                who=actor.name,
            )
            if revoked
            else _("Kata sandi diatur ulang oleh {who}", who=actor.name)
        ),
    )


def _passphrase_is(session: Session, account: OfficerAccount, passphrase: str) -> None:
    """Set the account's passphrase: its hash, and (in an encrypted store, once committed)
    the officer's wrap of the data key (store/keyring.py)."""
    account.passphrase_hash = hash_passphrase(passphrase)
    officer = session.get(Officer, account.officer_id)
    if officer is not None:
        keyring.stage_wrap(session.info, holder(officer), passphrase)


def holder(officer: Officer) -> keyring.Holder:
    """How the key file names the officer (the login screen's line)."""
    return keyring.Holder(
        officer.id, officer.name, officer.rank.name if officer.rank else "", officer.nrp or ""
    )


def _set_hash(session: Session, account: OfficerAccount, *, old: str | None, new: str) -> None:
    _passphrase_is(session, account, new)
    _signing_key_follows_passphrase(session, account.officer_id, old, new)


def _signing_key_follows_passphrase(
    session: Session, officer_id: str, old: str | None, new: str
) -> None:
    """THE hook: the officer's signing key is encrypted with the login passphrase.

    A change (``old`` known) re-encrypts the key (``credentials.change_passphrase``). After
    an admin reset (``old`` None) the key cannot be opened any more, and a key that had a
    passphrase of its own cannot either: the officer gets a new key certified by the post
    (reports signed with the old key stay valid: their PDFs carry the old certificate).
    """
    from okudesk.core.security import credentials, pki

    if credentials.credential(session, officer_id) is None:
        if credentials.renew_after_reset(session, officer_id, new) is not None:
            audit.record(
                session,
                "update",
                record_type="officer_credential",
                record_id=officer_id,
                summary=_("Kunci tanda tangan baru dibuat dengan kata sandi petugas sendiri"),
            )
        return
    if old is not None:
        try:
            credentials.change_passphrase(session, officer_id, old, new)
            return
        except pki.WrongPassphrase:
            pass
    credentials.enroll_officer(session, officer_id, new)
    audit.record(
        session,
        "update",
        record_type="officer_credential",
        record_id=officer_id,
        summary=_("Kunci tanda tangan baru diterbitkan karena kata sandi diatur ulang"),
    )


# --- logging in -------------------------------------------------------------------------------


def _find(session: Session, officer_id: str | None, nrp: str | None) -> OfficerAccount | None:
    if officer_id:
        account = session.get(OfficerAccount, officer_id)
    else:
        account = session.scalar(
            select(OfficerAccount)
            .join(Officer, Officer.id == OfficerAccount.officer_id)
            .where(Officer.nrp == (nrp or "").strip(), Officer.deleted_at.is_(None))
        )
    if account is None or account.officer.deleted_at is not None or not account.officer.active:
        return None
    return account


def _attempt(
    session: Session, account: OfficerAccount | None, passphrase: str, who: str, now: datetime
) -> Actor | LoginFailed:
    """Check one attempt and record it; returns the actor, or the error the caller raises
    once the attempt is committed."""
    if account is None:
        _spend_equal_time(passphrase)
        audit.record(
            session,
            "login_failed",
            record_type="officer_account",
            summary=_("Akun tidak dikenal: {who}", who=who),
            actor=Actor(None, who, ""),
        )
        return LoginFailed(_("Tidak ada akun untuk {who}", who=who))
    actor = _actor_of(account)
    wait = _remaining(account, now)
    if wait > 0:
        audit.record(
            session,
            "login_failed",
            record_type="officer_account",
            record_id=account.officer_id,
            summary=_("Ditolak: akun terkunci"),
            actor=actor,
        )
        return locked_error(account.failed_count, wait, just_failed=False)
    if not verify_passphrase(passphrase or "", account.passphrase_hash):
        account.failed_count += 1
        account.last_failed_at = now
        delay = wait_after(account.failed_count)
        account.locked_until = now + delay if delay else None
        audit.record(
            session,
            "login_failed",
            record_type="officer_account",
            record_id=account.officer_id,
            summary=_("Kata sandi salah (percobaan ke-{n})", n=account.failed_count),
            actor=actor,
        )
        if delay:
            return locked_error(account.failed_count, delay.total_seconds())
        return LoginFailed(_("Kata sandi salah"))
    account.failed_count = 0
    account.locked_until = None
    account.last_login_at = now
    session.info[permissions.ACTOR_KEY] = actor
    if needs_rehash(account.passphrase_hash):
        account.passphrase_hash = hash_passphrase(passphrase)
    return actor


class PassphraseChangeRequired(LoginFailed):
    """The passphrase was right but is a one-time passphrase an admin set: the officer must
    choose their own before acting (the GUI asks at once; the command line refuses)."""


def login(
    store: Store,
    passphrase: str,
    *,
    officer_id: str | None = None,
    nrp: str | None = None,
    own_passphrase_only: bool = False,
) -> Actor:
    """Check an officer's passphrase; returns the :class:`Actor` to act as.

    Takes the store, not a session: a failed attempt must be committed (counted and
    audited) even though the login raises ``LoginFailed``. With ``own_passphrase_only``
    a right one-time passphrase (set by an admin) is refused with
    :class:`PassphraseChangeRequired`: the command line, which has no form to ask for a
    new one in the same breath, lets nobody act on it.
    """
    now = utcnow()
    with store.write(actor=None) as session:
        account = _find(session, officer_id, nrp)
        outcome = _attempt(session, account, passphrase, nrp or officer_id or "?", now)
        if (
            own_passphrase_only
            and isinstance(outcome, Actor)
            and account is not None
            and account.must_change
        ):
            session.info[permissions.ACTOR_KEY] = None
            audit.record(
                session,
                "login_failed",
                record_type="officer_account",
                record_id=account.officer_id,
                summary=_("Ditolak: kata sandi sekali pakai harus diganti dulu"),
                actor=outcome,
            )
            outcome = PassphraseChangeRequired(
                _(
                    "Kata sandi {nrp} diatur ulang oleh admin dan harus diganti sebelum "
                    "dipakai: buat kata sandi baru dengan 'okudesk --officer {nrp} account "
                    "passphrase' atau saat masuk di aplikasi",
                    nrp=account.officer.nrp,
                )
            )
        if isinstance(outcome, Actor) and account is not None:  # (no account lets no one in)
            audit.record(
                session,
                "login",
                record_type="officer_account",
                record_id=account.officer_id,
                actor=outcome,
            )
    if isinstance(outcome, LoginFailed):
        raise outcome
    return outcome


def must_change_passphrase(session: Session, officer_id: str) -> bool:
    account = session.get(OfficerAccount, officer_id)
    return bool(account and account.must_change)


def change_passphrase(store: Store, officer_id: str, old: str, new: str) -> Actor:
    """The officer changes their own passphrase (the old one is checked like a login)."""
    check_new_passphrase(new)
    now = utcnow()
    with store.write(actor=None) as session:
        account = _find(session, officer_id, None)
        outcome = _attempt(session, account, old, officer_id, now)
        if isinstance(outcome, Actor) and account is not None:  # (no account lets no one in)
            session.info[permissions.ACTOR_KEY] = outcome
            _set_hash(session, account, old=old, new=new)
            account.must_change = False
            audit.record(
                session,
                "passphrase",
                record_type="officer_account",
                record_id=officer_id,
                actor=outcome,
            )
    if isinstance(outcome, LoginFailed):
        raise outcome
    return outcome


def logout(store: Store, actor: Actor, *, reason: str = "") -> None:
    """Record that the officer left (or the window locked); the caller forgets the actor."""
    with store.write(actor=actor) as session:
        audit.record(
            session,
            "logout",
            record_type="officer_account",
            record_id=actor.officer_id or "",
            summary=reason,
        )


# --- settings that belong to accounts ------------------------------------------------------

IDLE_LOCK_KEY = "idle_lock_minutes"
DEFAULT_IDLE_LOCK_MINUTES = 15


def idle_lock_minutes(session: Session) -> int:
    row = session.get(Setting, IDLE_LOCK_KEY)
    try:
        return int(row.value) if row else DEFAULT_IDLE_LOCK_MINUTES
    except ValueError:
        return DEFAULT_IDLE_LOCK_MINUTES


def set_idle_lock_minutes(session: Session, minutes: int) -> int:
    require(session, "settings.write")
    if not 1 <= int(minutes) <= 240:
        raise ValidationError(_("Waktu kunci layar harus 1 sampai 240 menit"), "idle_lock_minutes")
    row = session.get(Setting, IDLE_LOCK_KEY)
    if row is None:
        row = Setting(key=IDLE_LOCK_KEY, value="")
        session.add(row)
    row.value = str(int(minutes))
    session.flush()
    return int(minutes)
