"""Local settings kept in the database (``setting`` table: never travels to HQ)."""

from __future__ import annotations

from sqlalchemy.orm import Session

from okudesk.core.models import Setting

OFFICER_ON_DUTY = "gui.officer_on_duty"
LAST_EXPORTED_COUNTER = "sync.last_exported_counter"  # written by the sync export
LAST_EXPORTED_AT = "sync.last_exported_at"  # ISO local time of the last export
EXPORT_WARNING_DAYS = "gui.export_warning_days"


def get(session: Session, key: str, default: str = "") -> str:
    row = session.get(Setting, key)
    return row.value if row is not None else default


def get_int(session: Session, key: str, default: int = 0) -> int:
    try:
        return int(get(session, key, str(default)) or default)
    except ValueError:
        return default


def put(session: Session, key: str, value: str) -> None:
    row = session.get(Setting, key)
    if row is None:
        session.add(Setting(key=key, value=value))
    else:
        row.value = value
    session.flush()
