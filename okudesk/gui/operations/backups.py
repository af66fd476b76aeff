"""Backups: one to a USB drive, and a restore in place of the database in use."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QWidget

from okudesk.gui.operations import StoreTask, hub


def write_backup(*, parent: QWidget | None, folder: Path | str) -> StoreTask:
    def work(store):
        from okudesk.core import backups

        return backups.write_backup(store, folder)

    return StoreTask(parent, work)


def restore(*, parent: QWidget | None, source: Path | str) -> StoreTask:
    """Put the backup ``source`` in place of the database in use (kept aside) and reopen
    the store; the operation reports that everything changed."""
    h = hub()
    actor, data_dir = h.store.actor, h.store.data_dir

    def work(_store):  # the single worker: no other operation holds the database now
        from okudesk.core import backups
        from okudesk.core.store import Store

        h.store.close()
        try:
            return backups.restore(data_dir, source, actor=actor)
        finally:
            h.store = Store.open(data_dir)

    return StoreTask(parent, work)
