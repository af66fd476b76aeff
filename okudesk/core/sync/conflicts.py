"""A kept conflict as a person at HQ decides it: the two versions of the record side by side,
the fields that differ (labelled by the record's field table), who changed each and when,
why the merge chose the version in use, and the decision with its audit entry.

A record's status and the last line of its status history can come from two branches when
a conflict is kept (the history is append-only and travels whole, the status field is the
winner's): the review names that (sync/consistency.py), and deciding makes them agree again.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from okudesk.core import permissions
from okudesk.core.i18n import _
from okudesk.core.models import (
    AuditEntry,
    Base,
    SyncConflict,
    SyncInstance,
)
from okudesk.core.records import fields
from okudesk.core.sync import SyncRefused, consistency, records
from okudesk.core.sync.status import summarise

# Kept in every row, not what a person compares.
BOOKKEEPING = frozenset(
    {"id", "created_at", "updated_at", "origin_post", "change_instance", "change_counter"}
)


@dataclass(frozen=True)
class FieldDiff:
    name: str
    label: str
    current: object  # the version in use (the merge's winner)
    kept: object  # the version kept aside (the loser)
    current_text: str = ""  # as a person reads it (a reference by its name)
    kept_text: str = ""

    @property
    def differs(self) -> bool:
        return self.current != self.kept


@dataclass(frozen=True)
class Side:
    """One version: where it was made and by whom, with the time on that computer's clock."""

    instance: str
    post_code: str  # "" when made at HQ
    is_hq: bool
    changed_at: datetime | None  # updated_at as written there (that computer's clock)
    changed_by: str  # from the trail that travelled with it, "" when unknown
    deleted: bool


@dataclass(frozen=True)
class Review:
    table: str
    record_id: str
    instance: str  # the kept version's instance (the conflict's key)
    number: str
    title: str
    current: Side
    kept: Side
    fields: tuple[FieldDiff, ...]
    reason: str  # why the version in use won ("versi ini menang karena ...")
    problems: tuple[str, ...]  # e.g. the status and its history disagree

    @property
    def differing(self) -> tuple[FieldDiff, ...]:
        return tuple(f for f in self.fields if f.differs)

    @property
    def exists(self) -> bool:
        return bool(self.current.instance)


def _kept(session: Session, table: str, record_id: str, instance: str) -> SyncConflict:
    kept = session.get(SyncConflict, (table, record_id, instance))
    if kept is None or kept.resolved_at is not None:
        raise SyncRefused(_("{kind} tidak ditemukan: {id}", kind="Konflik", id=record_id))
    return kept


def _current_row(session: Session, table: str, record_id: str) -> dict | None:
    info = records.table_info(table)
    rows = records.read_rows(session.connection(), info, info.table.c.id == record_id)
    return dict(zip(info.columns, rows[0], strict=True)) if rows else None


def _who(session: Session, record_id: str, instance: str) -> str:
    """The officer of the latest trail entry for the record written by that instance."""
    name = session.scalar(
        select(AuditEntry.actor_name)
        .where(AuditEntry.record_id == record_id, AuditEntry.chain == instance)
        .order_by(AuditEntry.seq.desc())
        .limit(1)
    )
    return name or ""


def _when(value: object) -> datetime | None:
    if isinstance(value, datetime) or value is None:
        return value
    try:
        return datetime.fromisoformat(str(value))
    except ValueError:
        return None


def _side(session: Session, row: dict, record_id: str, hq: set[str], posts: dict) -> Side:
    inst = str(row.get("change_instance") or "")
    return Side(
        inst,
        posts.get(inst, ""),
        inst in hq,
        _when(row.get("updated_at")),
        _who(session, record_id, inst),
        row.get("deleted_at") is not None,
    )


def _labelled(table: str) -> list[tuple[str, str]]:
    """(column, label) in the order the record's form shows them, then any other column."""
    info = records.table_info(table)
    out: list[tuple[str, str]] = []
    if table in fields.RECORDS:
        for f in fields.record(table).stored:
            if f.name in info.columns:
                out.append((f.name, f.caption()))
    seen = {n for n, _l in out}
    out += [(c, c) for c in info.columns if c not in seen and c not in BOOKKEEPING]
    return out


def _text(session: Session, table: str, name: str, value: object) -> str:
    """A value as the review shows it: a reference by the referenced row's name, a time as
    people write it."""
    if value is None:
        return ""
    f = (
        fields.record(table)[name]
        if table in fields.RECORDS and name in fields.record(table)
        else None
    )
    if f is not None and f.kind is fields.Kind.REFERENCE and f.reference and value:
        ref = Base.metadata.tables.get(f.reference)
        if ref is not None and "name" in ref.c:
            found = session.execute(select(ref.c.name).where(ref.c.id == value)).scalar()
            return str(found) if found else str(value)
    if f is not None and f.kind in (fields.Kind.DATETIME, fields.Kind.DATE):
        when = _when(value)
        if when is not None:
            return when.strftime("%d/%m/%Y %H:%M" if f.kind is fields.Kind.DATETIME else "%d/%m/%Y")
    return str(value)


def reason(current: Side, kept: Side, origin: str) -> str:
    """Why the merge's fixed order chose ``current`` (docs/sync-format.md, the conflict rule)."""
    if current.deleted and not kept.deleted:
        return _("versi ini menang karena datanya dihapus, dan penghapusan selalu menang")
    if current.is_hq and not kept.is_hq:
        return _("versi ini menang karena dibuat di Polres, dan koreksi Polres menang atas pos")
    own = bool(origin) and current.post_code == origin
    if own and kept.post_code != origin:
        return _("versi ini menang karena dibuat oleh pos pemilik data ({post})", post=origin)
    return _(
        "versi ini menang karena kedua versi setara (pos yang sama, mis. sesudah pemulihan "
        "cadangan) dan urutan tetap menurut ID instalasi memilihnya; urutan berkas tiba tidak "
        "mengubah pemenang. Periksa isinya sebelum memutuskan"
    )


def review(session: Session, table: str, record_id: str, instance: str) -> Review:
    """Everything a person needs to choose between the two versions. Needs ``sync.import``."""
    permissions.require(session, "sync.import")
    kept = _kept(session, table, record_id, instance)
    kept_row = json.loads(kept.row)
    kept_row.pop("_links", None)
    cur = _current_row(session, table, record_id) or {}
    instances = list(
        session.execute(select(SyncInstance.instance, SyncInstance.post_code, SyncInstance.is_hq))
    )
    hq = {i for i, _p, is_hq in instances if is_hq}
    posts = {i: ("" if is_hq else p) for i, p, is_hq in instances}
    diffs = tuple(
        FieldDiff(
            name,
            label,
            cur.get(name),
            kept_row.get(name),
            _text(session, table, name, cur.get(name)),
            _text(session, table, name, kept_row.get(name)),
        )
        for name, label in _labelled(table)
        if cur or name in kept_row
    )
    current_side = _side(session, cur, record_id, hq, posts)
    kept_side = _side(session, kept_row, record_id, hq, posts)
    origin = str(cur.get("origin_post") or kept_row.get("origin_post") or "")
    number = str(cur.get("number") or kept_row.get("number") or "")
    title = summarise(cur or kept_row)
    return Review(
        table,
        record_id,
        instance,
        number,
        title,
        current_side,
        kept_side,
        diffs,
        reason(current_side, kept_side, origin) if cur else "",
        tuple(consistency.inconsistencies(session, table, record_id)),
    )


def open_ids(session: Session, table: str) -> set[str]:
    """The records of ``table`` with a conflict still open (to mark them in every list)."""
    return set(
        session.scalars(
            select(SyncConflict.record_id).where(
                SyncConflict.table_name == table, SyncConflict.resolved_at.is_(None)
            )
        )
    )


def open_for(session: Session, table: str, record_id: str) -> list[str]:
    """The kept versions' instances of one record still to decide (its detail pane's mark)."""
    return list(
        session.scalars(
            select(SyncConflict.instance).where(
                SyncConflict.table_name == table,
                SyncConflict.record_id == record_id,
                SyncConflict.resolved_at.is_(None),
            )
        )
    )


def _plain(value: object) -> object:
    return value.isoformat(sep=" ") if isinstance(value, datetime) else value


def decide(session: Session, table: str, record_id: str, instance: str, *, adopt: bool) -> Review:
    """Close a kept conflict (keep the version in use, or adopt the kept one) with one audit
    entry naming the fields that changed; an incident's status and history are made to agree.
    Returns the review as it was decided."""
    from okudesk.core.sync import merge

    seen = review(session, table, record_id, instance)
    changed = {
        f.name: [_plain(f.current), _plain(f.kept)] for f in seen.differing if adopt and seen.exists
    }
    merge.resolve_conflict(session, table, record_id, instance, adopt=adopt, audit_changes=changed)
    return seen
