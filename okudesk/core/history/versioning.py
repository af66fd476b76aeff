"""Change versions: every change to a travelling record gets (instance ID, counter).

The counter lives in one row of ``store_meta`` and only goes up; the instance ID names
this copy of the database (a restored or copied database gets a new one). Wall-clock time
never orders changes: laptop clocks are wrong too often (see ../shared/guide/sync.md).
"""

from __future__ import annotations

import uuid

from sqlalchemy import Connection, event, insert, select, update
from sqlalchemy.orm import Session

from okudesk.core.errors import OkudeskError
from okudesk.core.models import StoreMeta, Synced, utcnow

COUNTER_KEY = "change_counter"
POST_CODE_KEY = "post_code"

# Session.info keys
KEEP_VERSIONS = "okudesk_keep_versions"  # sync import applies versions made elsewhere


def ensure_instance(conn: Connection) -> str:
    row = conn.execute(select(StoreMeta.value).where(StoreMeta.key == COUNTER_KEY)).first()
    if row:
        return str(row[0])
    instance_id = str(uuid.uuid4())
    conn.execute(insert(StoreMeta).values(key=COUNTER_KEY, value=instance_id, number=0))
    return instance_id


def renew_instance(conn: Connection) -> str:
    """Give this database a new instance ID (after a restore or copy); the counter stays."""
    instance_id = str(uuid.uuid4())
    conn.execute(update(StoreMeta).where(StoreMeta.key == COUNTER_KEY).values(value=instance_id))
    return instance_id


def reserve(conn: Connection, count: int) -> tuple[str, int]:
    """Take ``count`` counter values; returns the instance ID and the first value taken."""
    row = conn.execute(
        update(StoreMeta)
        .where(StoreMeta.key == COUNTER_KEY)
        .values(number=StoreMeta.number + count)
        .returning(StoreMeta.value, StoreMeta.number)
    ).one()
    return row[0], row[1] - count + 1


def current(conn: Connection) -> tuple[str, int]:
    row = conn.execute(
        select(StoreMeta.value, StoreMeta.number).where(StoreMeta.key == COUNTER_KEY)
    ).one()
    return row[0], row[1]


def this_post_code(conn: Connection) -> str:
    row = conn.execute(select(StoreMeta.value).where(StoreMeta.key == POST_CODE_KEY)).first()
    return row[0] if row else ""


def _before_flush(session: Session, _flush_context: object, _instances: object) -> None:
    for obj in session.deleted:
        if isinstance(obj, Synced):
            raise OkudeskError(
                f"{type(obj).__name__} records are never deleted outright; use soft deletion"
            )
    if session.info.get(KEEP_VERSIONS):
        return
    changed = [o for o in session.new if isinstance(o, Synced)]
    changed += [
        o
        for o in session.dirty
        if isinstance(o, Synced) and session.is_modified(o, include_collections=True)
    ]
    if not changed:
        return
    conn = session.connection()
    instance_id, counter = reserve(conn, len(changed))
    post_code = session.info.get(POST_CODE_KEY)
    if post_code is None:
        post_code = session.info[POST_CODE_KEY] = this_post_code(conn)
    now = utcnow()
    for obj in changed:
        obj.change_instance = instance_id
        obj.change_counter = counter
        counter += 1
        obj.updated_at = now
        if obj in session.new:
            if obj.created_at is None:
                obj.created_at = now
            if not obj.origin_post:
                obj.origin_post = post_code


def install(session_class: type[Session]) -> None:
    event.listen(session_class, "before_flush", _before_flush)
