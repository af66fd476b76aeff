"""The daily backup at start-up, on a thread of its own."""

from __future__ import annotations

import logging
import threading


def daily_backup(store) -> threading.Thread:
    """At start-up: a backup into ``backups/`` when the last is a day old.

    It runs on a thread of its own, not the operation worker, so logging in does not wait
    for a large photo folder to be copied (SQLite's backup API reads beside the worker's
    connection). A failure (a full disk, a damaged database) is logged; it does not keep
    anyone from working, and the next start tries again.
    """

    def work() -> None:
        from okudesk.core import backups

        try:
            backups.daily_if_due(store)
        except Exception:  # noqa: BLE001 - logged; the next start tries again
            logging.getLogger(__name__).exception("daily backup failed")

    thread = threading.Thread(target=work, name="okudesk-daily-backup", daemon=True)
    thread.start()
    return thread
