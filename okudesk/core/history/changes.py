"""What a transaction changed: the tables and record IDs it touched, once it is committed.

Like Anki's ``OpChanges``, the core says what changed instead of its callers guessing. An
``after_flush`` listener on the store's session class notes every row the ORM inserted,
modified (a soft delete is a modification: the tombstone) or deleted; rows of an attendee
association table (``meeting_officer``, ``post_kecamatan``...) count for their parent record,
whose collection changed. Writers that bypass the ORM (demo data, sync imports, a restore)
declare their rows with :func:`note` or :func:`note_everything` in the same transaction.

Only a commit makes the notes count: a rolled-back transaction reports nothing. Whoever
wants to know wraps the work in :func:`recording`::

    with changes.recording() as seen:
        with store.write() as session:
            meetings.create_meeting(session, data)
    seen.touched  # Touched(rows={"meeting": {...}, "attachment": {...}})

Entries of the audit trail (``audit_entry``) count like any row: printing a report changes
no record but adds to the trail. The store's counters (``store_meta``, ``number_sequence``)
are left out: they change with every write and no one shows them.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field

from sqlalchemy import event
from sqlalchemy.orm import Session, object_mapper

from okudesk.core.models import (
    NumberSequence,
    OfficerAccount,
    Setting,
    StoreMeta,
    Synced,
)

_PENDING = "okudesk_touched"  # Session.info: {table: set of ids} of the open transaction
_EVERYTHING = "okudesk_touched_everything"
_UNTRACKED = frozenset(m.__tablename__ for m in (StoreMeta, NumberSequence))


@dataclass(frozen=True)
class Touched:
    """Committed changes: per table, the IDs of the records touched (``everything`` after a
    restore or anything else that replaces the whole database)."""

    rows: Mapping[str, frozenset[str]] = field(default_factory=dict)
    everything: bool = False

    @property
    def tables(self) -> frozenset[str]:
        return frozenset(self.rows)

    @property
    def ids(self) -> frozenset[str]:
        return frozenset(i for ids in self.rows.values() for i in ids if i)

    def __bool__(self) -> bool:
        return self.everything or bool(self.rows)


class Recorder:
    """Collects what the transactions committed while it records (see :func:`recording`)."""

    def __init__(self) -> None:
        self._rows: dict[str, set[str]] = {}
        self._everything = False

    def _add(self, rows: Mapping[str, set[str]], everything: bool) -> None:
        for table, ids in rows.items():
            self._rows.setdefault(table, set()).update(ids)
        self._everything = self._everything or everything

    @property
    def touched(self) -> Touched:
        return Touched({t: frozenset(ids) for t, ids in self._rows.items()}, self._everything)


_recorders: ContextVar[tuple[Recorder, ...]] = ContextVar("okudesk_change_recorders", default=())


@contextmanager
def recording() -> Iterator[Recorder]:
    """Record what is committed in this thread (or task) until the block ends."""
    recorder = Recorder()
    token = _recorders.set((*_recorders.get(), recorder))
    try:
        yield recorder
    finally:
        _recorders.reset(token)


def note(session: Session, table: str, ids: Iterable[str] = ()) -> None:
    """Declare rows of ``table`` written without the ORM in this session's transaction."""
    if table in _UNTRACKED:
        return
    rows = session.info.setdefault(_PENDING, {}).setdefault(table, set())
    rows.update(str(i) for i in ids if i)


def note_everything(session: Session) -> None:
    """Declare that this transaction replaces the data as a whole (a restore)."""
    session.info[_EVERYTHING] = True


def _record_id(obj: object) -> str:
    if isinstance(obj, Synced):
        return obj.id or ""
    if isinstance(obj, OfficerAccount):
        return obj.officer_id
    if isinstance(obj, Setting):
        return obj.key
    key = object_mapper(obj).primary_key_from_instance(obj)
    return "/".join("" if k is None else str(k) for k in key)


def _after_flush(session: Session, _flush_context: object) -> None:
    # In after_flush the new/dirty/deleted sets still show what this flush wrote, and new
    # rows have their IDs.
    dirty = [o for o in session.dirty if session.is_modified(o, include_collections=True)]
    for obj in [*session.new, *dirty, *session.deleted]:
        note(session, object_mapper(obj).class_.__tablename__, [_record_id(obj)])


def _after_commit(session: Session) -> None:
    rows = session.info.pop(_PENDING, {})
    everything = session.info.pop(_EVERYTHING, False)
    if rows or everything:
        for recorder in _recorders.get():
            recorder._add(rows, everything)


def _forget(session: Session, *_args: object) -> None:
    session.info.pop(_PENDING, None)
    session.info.pop(_EVERYTHING, None)


def install(session_class: type[Session]) -> None:
    event.listen(session_class, "after_flush", _after_flush)
    event.listen(session_class, "after_commit", _after_commit)
    event.listen(session_class, "after_rollback", _forget)
