"""Backups: one to a USB drive, and a restore in place of the database in use."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QWidget

from okudesk.gui.operations import StoreTask, hub


def write_backup(*, parent: QWidget | None, folder: Path | str) -> StoreTask:
    def work(store):  # encrypted with the store's key: a lost stick shows only ciphertext
        from okudesk.core import backups

        return backups.write_backup(store, folder)

    return StoreTask(parent, work)


def start_daily(*, parent: QWidget | None, data_dir: Path, now: bool = False) -> StoreTask:
    """Start the daily backup's own process (okudesk/gui/daily_backup.py) when it is due;
    ``now``: even when the last is less than a day old. Succeeds with whether it started.
    Not due, no process is started: it would load the store only to find nothing to do,
    on the laptop's two cores, while someone logs in."""

    def work(store):
        from okudesk.core import backups
        from okudesk.gui import daily_backup

        if not now and store is not None and not backups.daily_due(store.backup_dir):
            return False
        key = store.data_key if store is not None else None
        return daily_backup.start(data_dir, now=now, key=key) is not None

    return StoreTask(parent, work, needs_store=False)


def last_daily(*, parent: QWidget | None) -> StoreTask:
    """When the newest daily backup was made (None: never)."""

    def work(store):
        from okudesk.core import backups

        return backups.last_daily(store.backup_dir)

    return StoreTask(parent, work)


def restore(*, parent: QWidget | None, source: Path | str, reenrol: bool = False) -> StoreTask:
    """Put the backup ``source`` in place of the database in use (kept aside) and reopen
    the store; the operation reports that everything changed."""
    h = hub()
    actor, data_dir, key = h.store.actor, h.store.data_dir, h.store.data_key

    def work(_store):  # the single worker: no other operation holds the database now
        from okudesk.core import backups
        from okudesk.core.store import Store

        h.store.close()
        restored = False
        try:
            info = backups.restore(data_dir, source, actor=actor, reenrol=reenrol, key=key)
            restored = True
            key_now = info.data_key
            return info
        except BaseException:
            key_now = key
            raise
        finally:
            h.store = Store.open(data_dir, key=key_now)
            if not restored:  # nothing was replaced: the same person goes on working
                h.store.actor = actor

    return StoreTask(parent, work)
