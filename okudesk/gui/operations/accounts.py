"""Officers' accounts: roles, temporary passphrases, unlocking, the idle lock."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from okudesk.gui.operations import QueryOp, WriteOp


def people(*, parent: QWidget | None) -> QueryOp[tuple]:
    """(every officer, their accounts by officer ID if the actor manages accounts, idle-lock minutes)."""

    def work(session):
        from okudesk.core import permissions
        from okudesk.core.records import officers
        from okudesk.core.security import accounts

        everyone = officers.list_officers(session, active_only=False)
        acc = {a.officer_id: a for a in accounts.list_accounts(session)} if permissions.may(session, "account.manage") else {}
        return everyone, acc, accounts.idle_lock_minutes(session)

    return QueryOp(parent, work)


def set_account(*, parent: QWidget | None, officer_id: str, role: str, passphrase: str | None) -> WriteOp:
    """Give an officer a role and (optionally) a temporary passphrase they must change."""

    def work(session):
        from okudesk.core.security import accounts

        return accounts.set_account(session, officer_id, role=role, passphrase=passphrase, must_change=True)

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
