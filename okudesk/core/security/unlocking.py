"""Opening the store as an officer: their passphrase unwraps the data key.

:func:`open_as` is how the GUI's login and the command line's ``--officer`` open a data
folder. With a key file (store/keyring.py) the officer's wrap gives the data key and the
store opens encrypted. Without one the database is plain: a new installation whose first
officer has just been given a passphrase, or an older okudesk's. Then, when the passphrase
is right, the store is encrypted now (store/encrypting.py): a new data key, a wrap for every
officer with an account, and the recovery wrap to HQ when the post knows HQ's key. The
other officers' wraps are made under their login hashes (scrypt at the login's lighter
parameters, the only thing known of their passphrases); each is rewrapped under the full
parameters at that officer's next login (:func:`after_login`).

Whoever calls :func:`open_as` still logs in through ``accounts.login``: a wrong passphrase
for a plain store is counted there as always. A wrong one for an encrypted store cannot
reach the database, so it is counted in ``okudesk.attempts`` beside it, with the same waits
and the same lock as the accounts' (security/attempts.py); the next login that opens the
store writes those failures into the audit trail. That file holds no secret; deleting it
lifts a lock, which is why the key derivation's cost (not the lock) is what protects a
copied key file (docs/security.md).
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric import ec
from sqlalchemy import select
from sqlalchemy.orm import Session

from okudesk.core.history import audit
from okudesk.core.i18n import _
from okudesk.core.models import Officer, OfficerAccount, SyncIdentity, utcnow
from okudesk.core.permissions import Actor
from okudesk.core.security import accounts, attempts, pki
from okudesk.core.store import Store, keyring
from okudesk.core.store.keyring import Keyring


def open_as(
    data_dir: Path, passphrase: str, *, nrp: str | None = None, officer_id: str | None = None
) -> Store:
    """The store of ``data_dir`` opened with the key this officer's passphrase unwraps."""
    data_dir = Path(data_dir)
    keys = Keyring.load(data_dir)
    if keys is not None:
        data_key, who = attempts.unlock(data_dir, keys, passphrase, officer_id=officer_id, nrp=nrp)
        store = Store.open(data_dir, key=data_key)
        try:
            _carry_failures(store, unlocked_by=who)
        except BaseException:
            store.close()
            raise
        return store
    store = Store.open(data_dir)
    try:
        with store.read(actor=None) as session:
            made = _first_keyring(session, passphrase, nrp=nrp, officer_id=officer_id)
    except BaseException:
        store.close()
        raise
    if made is None:  # no such account, or the wrong passphrase: accounts.login says so
        return store
    keys, data_key = made
    store.close()
    keys.save(data_dir)  # first: from here on the key is never lost (encrypting.py)
    return Store.open(data_dir, key=data_key)


def encrypt_now(store: Store, passphrase: str, *, officer_id: str) -> Store:
    """The store reopened encrypted, once its first officer has a passphrase (the first
    admin of a new installation, demo data): ``store`` is closed."""
    if store.data_key is not None:
        return store
    data_dir = store.data_dir
    store.close()
    return open_as(data_dir, passphrase, officer_id=officer_id)


def _first_keyring(
    session: Session, passphrase: str, *, nrp: str | None, officer_id: str | None
) -> tuple[Keyring, bytes] | None:
    query = select(OfficerAccount, Officer).join(Officer, Officer.id == OfficerAccount.officer_id)
    rows = session.execute(query.where(Officer.deleted_at.is_(None), Officer.active.is_(True)))
    found = [(a, o) for a, o in rows]
    me = next(
        (
            (a, o)
            for a, o in found
            if (officer_id is not None and o.id == officer_id)
            or (officer_id is None and nrp is not None and o.nrp == nrp)
        ),
        None,
    )
    if me is None or not accounts.verify_passphrase(passphrase, me[0].passphrase_hash):
        return None
    data_key = keyring.new_data_key()
    keys = keyring.new_keyring(data_key).with_officer(data_key, accounts.holder(me[1]), passphrase)
    for account, officer in found:
        if officer.id == me[1].id:
            continue
        parsed = accounts.parse_hash(account.passphrase_hash)
        if parsed is not None:
            kdf, kek = parsed
            keys = keys.with_officer(data_key, accounts.holder(officer), "", kdf=kdf, kek=kek)
    hq = _hq_exchange_key(session)
    if hq is not None:
        keys = keys.with_recovery(data_key, hq)
    return keys, data_key


def _hq_exchange_key(session: Session) -> ec.EllipticCurvePublicKey | None:
    """HQ's exchange public key as this post knows it from its enrolment (None: not yet)."""
    row = session.scalar(select(SyncIdentity))
    if row is None or not getattr(row, "hq_exchange", b""):
        return None
    try:
        key = pki.load_cert(row.hq_exchange).public_key()
    except Exception:  # noqa: BLE001 - not a usable certificate: no recovery wrap yet
        return None
    return key if isinstance(key, ec.EllipticCurvePublicKey) else None


def after_login(store: Store, officer_id: str, passphrase: str) -> None:
    """What a successful login keeps up to date in the key file: the officer's wrap under
    the full key derivation (a wrap made when an older store was encrypted is lighter), and
    the recovery wrap to HQ once the post knows HQ's key."""
    if store.data_key is None:
        return
    keys = Keyring.load(store.data_dir)
    if keys is None:
        return
    changed = keys
    if keys.needs_rewrap(officer_id) or len(keys.entries(officer_id=officer_id)) > 1:
        with store.read(actor=None) as session:
            officer = session.get(Officer, officer_id)
            # the signing key's own derivation, when it is at full strength: the new wrap
            # under it, one derivation opens both and the signing key stays as it is
            kdf = _signing_kdf(session, officer_id)
            if officer is not None:
                changed = changed.without_officer(officer_id).with_officer(
                    store.data_key,
                    accounts.holder(officer),
                    passphrase,
                    kdf=kdf,
                    kek=keyring.derive(passphrase, kdf) if kdf is not None else None,
                )
    entry = changed.entry(officer_id=officer_id)
    _rewrap_signing_key(store, officer_id, passphrase, entry["kdf"] if entry else None)
    if changed.recovery is None:
        with store.read(actor=None) as session:
            hq = _hq_exchange_key(session)
        if hq is not None:
            changed = changed.with_recovery(store.data_key, hq)
    if changed is not keys:
        changed.save(store.data_dir)


def _carry_failures(store: Store, *, unlocked_by: str) -> None:
    """The failures counted before the store was open become the accounts' own (their count
    and lock, as a failed login in the store would leave them) and are audited, once each;
    ``accounts.login`` then judges the lock as always. The file keeps an officer's count
    (the next failure waits longer) until that officer unlocks the store (``unlocked_by``),
    from then on the account's count is theirs."""
    doc = attempts.load(store.data_dir)
    if not doc:
        return
    with store.write(actor=None) as session:
        for officer_id, mine in doc.items():
            account = session.get(OfficerAccount, officer_id)
            if account is None or not isinstance(mine, dict):
                continue
            failed, carried = mine.get("failed"), mine.get("carried", 0)
            if not isinstance(failed, int) or not isinstance(carried, int) or failed <= carried:
                continue
            mine["carried"] = failed
            failed -= carried
            account.failed_count += failed
            account.last_failed_at = utcnow()
            try:
                until = datetime.fromisoformat(str(mine["until"])) if mine.get("until") else None
            except ValueError:
                until = None
            if until is not None and (account.locked_until is None or until > account.locked_until):
                account.locked_until = until
            audit.record(
                session,
                "login_failed",
                record_type="officer_account",
                record_id=officer_id,
                summary=_(
                    "Kata sandi salah {n} kali sebelum basis data dibuka (dihitung di {file})",
                    n=failed,
                    file=attempts.ATTEMPTS_NAME,
                ),
                actor=Actor(officer_id, account.officer.name, account.role),
            )
    doc.pop(unlocked_by, None)
    attempts.save(store.data_dir, doc)


def _signing_kdf(session: Session, officer_id: str) -> dict | None:
    """The derivation the officer's signing key is wrapped under, when it is the key file's
    full one (pki.encrypt_key); None otherwise."""
    from okudesk.core.models import OfficerCredential

    row = session.get(OfficerCredential, officer_id)
    kdf = pki.wrap_kdf(row.key_pem) if row is not None else None
    if kdf is None or not isinstance(kdf.get("salt"), str):
        return None
    return kdf if all(kdf.get(k) == keyring.KDF[k] for k in ("name", "n", "r", "p")) else None


def _rewrap_signing_key(
    store: Store, officer_id: str, passphrase: str, kdf: dict | None = None
) -> None:
    """The officer's signing key rewrapped, with the passphrase just proven, under ``kdf``:
    the derivation of the officer's wrap in the key file, so that the login's derivation
    opens it and signing costs no second one (~0.3 s). Rewrapped when it is still under the
    old PKCS#8 wrap (PBKDF2, 2,048 iterations) or under a derivation of its own (a key made
    before the store was encrypted, or before the officer's wrap was renewed)."""
    from okudesk.core.models import OfficerCredential
    from okudesk.core.security import credentials

    with store.read(actor=None) as session:
        row = session.get(OfficerCredential, officer_id)
        if row is None:
            return
        if pki.is_current_wrap(row.key_pem) and (kdf is None or pki.wrap_kdf(row.key_pem) == kdf):
            return
    try:
        with store.write(actor=None) as session:
            credentials.change_passphrase(session, officer_id, passphrase, passphrase, kdf=kdf)
    except pki.WrongPassphrase:
        pass  # a key with a passphrase of its own: it stays as it is until renewed


def recover_post(post_dir: Path, hq: Store, *, nrp: str, one_time: str) -> str:
    """HQ's recovery of a post whose officers are gone (or forgot their passphrases): HQ's
    exchange key unwraps the post's data key from its key file's recovery wrap, and the
    post's officer ``nrp`` gets the one-time passphrase ``one_time`` (changed at the first
    login, as after an admin's reset). Only HQ's administrator, logged in to HQ's store; both
    trails say who did it. Returns the post's code."""
    from okudesk.core import permissions
    from okudesk.core.errors import NotFound, PermissionDenied, StoreError

    with hq.read() as session:
        actor = permissions.require(session, "account.manage")
        row = session.scalar(select(SyncIdentity))
        if row is None or row.role != "hq" or actor.role != "hq_admin":
            raise PermissionDenied(
                _("Hanya admin Polres yang dapat memulihkan kunci pos, di instalasi Polres")
            )
        exchange = pki.load_plain_key(row.exchange_key)
    keys = Keyring.load(Path(post_dir))
    if keys is None:
        raise StoreError(_("Folder {path} tidak memuat berkas kunci okudesk", path=post_dir))
    data_key = keys.recover(exchange)
    with Store.open(Path(post_dir), key=data_key) as post:
        post.actor = permissions.system_actor(_("pemulihan Polres oleh {who}", who=actor.name))
        with post.write() as session:
            officer = session.scalar(
                select(Officer).where(Officer.nrp == nrp.strip(), Officer.deleted_at.is_(None))
            )
            account = session.get(OfficerAccount, officer.id) if officer else None
            if officer is None:
                raise NotFound(_("{kind} tidak ditemukan: {id}", kind="Petugas", id=nrp))
            accounts.set_account(
                session,
                officer.id,
                role=account.role if account is not None else "admin",
                passphrase=one_time,
                must_change=True,
            )
            code = session.scalar(select(SyncIdentity.code)) or ""
    with hq.write() as session:
        audit.record(
            session,
            "update",
            record_type="officer_account",
            summary=_(
                "Kunci data pos {post} dipulihkan; {nrp} diberi kata sandi sekali pakai",
                post=code or post_dir,
                nrp=nrp,
            ),
        )
    return code or str(post_dir)
