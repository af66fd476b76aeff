"""The okudesk store: one data folder holding the SQLite database and the photos.

:class:`Store` (store/database.py) opens it through SQLAlchemy. This module itself imports
nothing heavy, so that store/peek.py can read the login list at start-up before SQLAlchemy
is loaded; ``Store`` is imported on first use.
"""

from __future__ import annotations

DB_NAME = "okudesk.sqlite3"
RESTORING_NAME = DB_NAME + ".restoring"  # a restored copy not yet in place (okudesk.core.backups)

TYPE_CHECKING = False  # as typing's, without importing typing (store/quick.py's path)
if TYPE_CHECKING:
    from typing import Any

    from okudesk.core.store.database import OkudeskSession, Store

__all__ = ["DB_NAME", "RESTORING_NAME", "OkudeskSession", "Store"]


def __getattr__(name: str) -> Any:
    if name in ("Store", "OkudeskSession"):
        from okudesk.core.store import database

        return getattr(database, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
