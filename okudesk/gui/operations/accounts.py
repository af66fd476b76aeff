"""Officers' accounts: roles, temporary passphrases, unlocking, the idle lock."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from okudesk.gui.operations import QueryOp, StoreTask, WriteOp, hub


def people(*, parent: QWidget | None) -> QueryOp[tuple]:
    """(every officer, their accounts by officer ID if the actor manages accounts, idle-lock
    minutes)."""

    def work(session):
        from okudesk.core import permissions
        from okudesk.core.records import officers
        from okudesk.core.security import accounts

        everyone = officers.list_officers(session, active_only=False)
        acc = (
            {a.officer_id: a for a in accounts.list_accounts(session)}
            if permissions.may(session, "account.manage")
            else {}
        )
        return everyone, acc, accounts.idle_lock_minutes(session)

    return QueryOp(parent, work)


def set_account(
    *, parent: QWidget | None, officer_id: str, role: str, passphrase: str | None
) -> WriteOp:
    """Give an officer a role and (optionally) a temporary passphrase they must change."""

    def work(session):
        from okudesk.core.security import accounts

        return accounts.set_account(
            session, officer_id, role=role, passphrase=passphrase, must_change=True
        )

    return WriteOp(parent, work)


def unlock(*, parent: QWidget | None, officer_id: str) -> WriteOp:
    def work(session):
        from okudesk.core.security import accounts

        return accounts.unlock(session, officer_id)

    return WriteOp(parent, work)


def set_idle_lock_minutes(*, parent: QWidget | None, minutes: int) -> WriteOp[int]:
    def work(session):
        from okudesk.core.security import accounts

        return accounts.set_idle_lock_minutes(session, minutes)

    return WriteOp(parent, work)


def _unlocked_store(passphrase: str, officer_id: str):
    """The store the login acts on: the open one when it is encrypted (the lock screen of a
    running session); otherwise opened with the officer's passphrase (security/unlocking.py),
    which encrypts a plain store with accounts at its first login. On the worker."""
    from okudesk.core.security import unlocking

    h = hub()
    store = h.store
    if store is not None and store.data_key is not None:
        return store
    data_dir = store.data_dir if store is not None else h.data_dir
    if store is not None:  # a plain store is encrypted in place: nothing may hold it open
        h.store = None
        store.close()
    store = h.store = unlocking.open_as(data_dir, passphrase, officer_id=officer_id)
    return store


def log_in(*, parent: QWidget | None, officer_id: str, passphrase: str) -> StoreTask[tuple]:
    """(the actor, whether they must choose a new passphrase first); refused with a reason."""

    def work(_store):
        from okudesk.core.security import accounts

        store = _unlocked_store(passphrase, officer_id)
        actor = accounts.login(store, passphrase, officer_id=officer_id)
        with store.read(actor=actor) as s:
            return actor, accounts.must_change_passphrase(s, officer_id)

    return StoreTask(parent, work, needs_store=False)


def after_login(*, parent: QWidget | None, officer_id: str, passphrase: str) -> StoreTask:
    """The key file kept up to date after a login (unlocking.after_login: a wrap made when
    the store was encrypted rewrapped at full strength, the signing key under the same
    derivation, the recovery wrap to HQ). Run after the first page's reading is queued:
    nothing on the first screen waits for it."""

    def work(store):
        from okudesk.core.security import unlocking

        unlocking.after_login(store, officer_id, passphrase)

    return StoreTask(parent, work)


def create_first_admin(
    *, parent: QWidget | None, name: str, nrp: str, passphrase: str
) -> StoreTask:
    """The first administrator of a new database, logged in."""

    def work(store):
        from okudesk.core.security import accounts

        with store.write() as s:
            info = accounts.create_first_admin(s, name=name, nrp=nrp, passphrase=passphrase)
        # from the first passphrase on, the store is encrypted (security/unlocking.py)
        store = _unlocked_store(passphrase, info.officer_id)
        return accounts.login(store, passphrase, nrp=nrp)

    return StoreTask(parent, work)


def change_passphrase(*, parent: QWidget | None, officer_id: str, old: str, new: str) -> StoreTask:
    def work(store):
        from okudesk.core.security import accounts

        return accounts.change_passphrase(store, officer_id, old, new)

    return StoreTask(parent, work)


def login_choices(*, parent: QWidget | None) -> StoreTask[tuple]:
    """(whether the first administrator must be created, the officers who may log in); before
    an encrypted store is open, those its key file names (store/peek.py)."""

    def work(store):
        from okudesk.core.security import accounts

        if store is None:
            from okudesk.core.store import peek
            from okudesk.core.store.keyring import Keyring

            early = peek.login_screen(hub().data_dir)
            if early is None:  # a key file that cannot be read: refused with its reason
                Keyring.load(hub().data_dir)
                return False, []
            return early.first_admin, list(early.choices)
        with store.read() as s:
            return accounts.needs_first_admin(s), accounts.login_choices(s)

    return StoreTask(parent, work, needs_store=False)


def log_out(*, parent: QWidget | None, actor, reason: str) -> StoreTask[None]:
    def work(store):
        from okudesk.core.security import accounts
        from okudesk.core.store import keyring

        keyring.forget_derived()  # nothing derived from a passphrase outlives the session
        accounts.logout(store, actor, reason=reason)

    return StoreTask(parent, work)


def idle_lock_minutes(*, parent: QWidget | None) -> StoreTask[int]:
    def work(store):
        from okudesk.core.security import accounts

        with store.read() as s:
            return accounts.idle_lock_minutes(s)

    return StoreTask(parent, work)


def take_duty(*, parent: QWidget | None, officer_id: str) -> WriteOp[None]:
    """Who logged in is the officer on duty (the setting is only written when it changes)."""

    def work(session):
        from okudesk.core.records import settings

        if settings.get(session, settings.OFFICER_ON_DUTY) != officer_id:
            settings.put(session, settings.OFFICER_ON_DUTY, officer_id)

    return WriteOp(parent, work)
