"""The tamper-evident audit trail: who changed what, when, in a hash chain.

Every data change is recorded from a ``before_flush`` listener (installed on the store's
session class before the versioning listener), so no service can forget one; events that
change no row (login, failed login, print, export, import, backup...) are recorded with
:func:`record`. Entries are append-only and travel to HQ like any record (``AuditEntry``
is ``Synced``).

Each entry carries the SHA-256 of its predecessor (``prev_hash``) and its own hash over a
canonical JSON serialisation of its content (:func:`entry_hash`). A chain is named by the
database instance that wrote it (``versioning``): a restored or copied database gets a new
instance ID, so it starts a new chain whose first entry links to the last entry it
inherited. The tip of this database's chain is kept in ``store_meta`` as well, so cutting
entries off the end is noticed too.

What the chain proves: an entry edited, removed or moved in the SQLite file no longer
verifies (:func:`verify`). The chain is unkeyed, so someone with the file could rewrite the
whole tail consistently; what anchors it is HQ: every bundle carries a signed checkpoint
(the tip), HQ keeps its copy append-only, and the checkpoint HQ acknowledged in its last
receipt is kept here (``ACK_KEY``) and checked by :func:`verify`, so entries HQ holds can
no longer be removed or rewritten here unseen (docs/security.md, "The audit trail").
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import Connection, Select, event, func, insert, inspect, select, update
from sqlalchemy.orm import Session

from okudesk.core import permissions
from okudesk.core.errors import OkudeskError
from okudesk.core.history import versioning
from okudesk.core.i18n import _
from okudesk.core.models import (
    AuditEntry,
    OfficerAccount,
    Setting,
    StoreMeta,
    Synced,
    new_id,
    utcnow,
)

GENESIS = "0" * 64
TIP_KEY = "audit_tip"
# The last checkpoint HQ acknowledged in a receipt (JSON: chain, seq, hash, HQ's signature),
# written by okudesk/core/sync/trail.py: the part of the trail HQ holds and vouches for.
ACK_KEY = "audit_ack"
HASH_VERSION = 1
_PENDING = "okudesk_audit_pending"  # entries to link into the chain at the next flush
_CHANGES = "okudesk_audit_changes"  # data changes of this transaction, written at commit

ACTION_LABELS = {
    "create": "Dibuat",
    "update": "Diubah",
    "delete": "Dihapus",
    "undelete": "Dipulihkan",
    "status": "Status diubah",
    "login": "Masuk",
    "login_failed": "Gagal masuk",
    "logout": "Keluar",
    "passphrase": "Kata sandi diganti",
    "sign": "Laporan ditandatangani",
    "print": "Laporan dicetak",
    "acknowledge": "Laporan diketahui",
    "export": "Ekspor",
    "import": "Impor",
    "import_refused": "Impor ditolak",
    "backup": "Cadangan dibuat",
    "restore": "Cadangan dipulihkan",
    "settings": "Pengaturan diubah",
    "demo": "Data contoh",
}

# Bookkeeping columns that are not "what changed" (the change version says when and where).
_NOT_CHANGES = frozenset(
    {"id", "created_at", "updated_at", "origin_post", "change_instance", "change_counter"}
)
# Per table: columns never recorded (login counters change on every attempt; the attempt
# itself is an audit event of its own).
_SKIPPED = {
    "officer_account": frozenset(
        {"failed_count", "last_failed_at", "locked_until", "last_login_at", "created_at"}
    ),
}
# Per table: columns whose values must not be copied into the trail (it travels to HQ).
_REDACTED = {"officer_account": frozenset({"passphrase_hash"})}
_REDACTION = "(disembunyikan)"


@dataclass(frozen=True)
class EntryInfo:
    id: str
    chain: str
    seq: int
    at: datetime
    origin_post: str
    actor_id: str | None
    actor_name: str
    actor_role: str
    action: str
    record_type: str
    record_id: str
    summary: str
    changes: dict

    @property
    def label(self) -> str:
        return f"{self.chain[:8]}#{self.seq}"

    @property
    def who(self) -> str:
        """Who acted, in words (the console named as the system, not as "(root)")."""
        return permissions.actor_label(self.actor_name, self.actor_role)


@dataclass(frozen=True)
class Verification:
    """The outcome of :func:`verify`: ``problem`` is None when every chain is intact."""

    entries: int
    chains: int
    last_at: datetime | None
    problem: str | None = None
    bad_entry_id: str | None = None

    @property
    def ok(self) -> bool:
        return self.problem is None


# --- writing ----------------------------------------------------------------------------


def record(
    session: Session,
    action: str,
    *,
    record_type: str = "",
    record_id: str = "",
    summary: str = "",
    changes: dict | None = None,
    actor: permissions.Actor | None = None,
) -> None:
    """Add an event to the trail in this session's transaction (linked on the next flush).

    ``actor`` defaults to the session's acting officer (``session.info``); login events
    pass the officer who tried. Use a write session: a read session rolls back. Data
    changes made so far in the transaction are written first, so the trail keeps order.
    """
    session.flush()
    _write_changes(session)
    _add(
        session,
        action,
        record_type=record_type,
        record_id=record_id,
        summary=summary,
        changes=changes,
        actor=actor,
    )


def _add(
    session: Session,
    action: str,
    *,
    record_type: str,
    record_id: str,
    summary: str,
    changes: dict | None,
    actor: permissions.Actor | None = None,
) -> None:
    actor = actor if actor is not None else session.info.get(permissions.ACTOR_KEY)
    entry = AuditEntry(
        id=new_id(),
        at=utcnow(),
        actor_id=getattr(actor, "officer_id", None),
        actor_name=(getattr(actor, "name", "") or "")[:160],
        actor_role=getattr(actor, "role", "") or "",
        action=action,
        record_type=record_type,
        record_id=record_id or "",
        summary=summary or "",
        changes=_dump(changes) if changes else "",
    )
    session.add(entry)
    session.info.setdefault(_PENDING, []).append(entry)


def _dump(changes: dict) -> str:
    return json.dumps(changes, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def entry_hash(
    *,
    id: str,
    chain: str,
    seq: int,
    prev_hash: str,
    at: datetime,
    origin_post: str,
    actor_id: str | None,
    actor_name: str,
    actor_role: str,
    action: str,
    record_type: str,
    record_id: str,
    summary: str,
    changes: str,
) -> str:
    """SHA-256 over the canonical form of one entry (a JSON array, fixed field order)."""
    payload = [
        HASH_VERSION,
        id,
        chain,
        seq,
        prev_hash,
        at.isoformat(timespec="microseconds"),
        origin_post or "",
        actor_id or "",
        actor_name or "",
        actor_role or "",
        action,
        record_type or "",
        record_id or "",
        summary or "",
        changes or "",
    ]
    return hashlib.sha256(
        json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    ).hexdigest()


def _hash_of(e: AuditEntry) -> str:
    return entry_hash(
        id=e.id,
        chain=e.chain,
        seq=e.seq,
        prev_hash=e.prev_hash,
        at=e.at,
        origin_post=e.origin_post,
        actor_id=e.actor_id,
        actor_name=e.actor_name,
        actor_role=e.actor_role,
        action=e.action,
        record_type=e.record_type,
        record_id=e.record_id,
        summary=e.summary,
        changes=e.changes,
    )


def _plain(value):
    if value is None or isinstance(value, str | int | float | bool):
        return value
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, bytes | bytearray | memoryview):
        data = bytes(value)
        return f"<{len(data)} bytes sha256:{hashlib.sha256(data).hexdigest()[:16]}>"
    if isinstance(value, Decimal):
        return str(value)
    return str(value)


def _audited(obj: object) -> bool:
    return isinstance(obj, Synced | Setting | OfficerAccount) and not isinstance(obj, AuditEntry)


def _ids(objs: Iterable[Any]) -> list[str]:
    return sorted(
        str(inspect(o).identity[0] if inspect(o).identity else getattr(o, "id", "")) for o in objs
    )


def _changes(obj: Any, is_new: bool) -> dict:
    state = inspect(obj)
    mapper = state.mapper
    table = mapper.local_table.name
    skipped = _NOT_CHANGES | _SKIPPED.get(table, frozenset())
    redacted = _REDACTED.get(table, frozenset())
    out: dict[str, list] = {}
    for attr in mapper.column_attrs:
        key = attr.key
        if key in skipped:
            continue
        hist = state.attrs[key].history
        if is_new:
            after = hist.added[0] if hist.added else None
            if after is None:
                continue
            before = None
        else:
            if not hist.added and not hist.deleted:
                continue
            before = hist.deleted[0] if hist.deleted else None
            after = hist.added[0] if hist.added else None
            if before == after:
                continue
        if key in redacted:
            out[key] = [None if before is None else _REDACTION, _REDACTION]
        else:
            out[key] = [_plain(before), _plain(after)]
    for rel in mapper.relationships:
        if not rel.uselist or rel.secondary is None:
            continue
        hist = state.attrs[rel.key].history
        if is_new:
            if hist.added:
                out[rel.key] = [[], _ids(hist.added)]
        elif hist.added or hist.deleted:
            out[rel.key] = [
                _ids(list(hist.unchanged) + list(hist.deleted)),
                _ids(list(hist.unchanged) + list(hist.added)),
            ]
    return out


def _describe(obj: Any) -> str:
    for attr in ("number", "name", "key", "to_status", "caption", "what"):
        value = getattr(obj, attr, None)
        if isinstance(value, str) and value:
            return value[:200]
    return ""


def _collect_changes(session: Session) -> None:
    """At each flush, fold what changed into one pending change per record; the entries are
    written at commit (:func:`_write_changes`), so a save that flushes three times (as
    services do while they look things up) is one entry with the first "before" and the
    last "after"."""
    collected: dict = session.info.setdefault(_CHANGES, {})
    for obj, is_new in [(o, True) for o in session.new] + [(o, False) for o in session.dirty]:
        if not _audited(obj) or (
            not is_new and not session.is_modified(obj, include_collections=True)
        ):
            continue
        if is_new and isinstance(obj, Synced) and obj.id is None:
            obj.id = new_id()
        changes = _changes(obj, is_new)
        if not changes and not is_new:
            continue
        key = (inspect(obj).mapper.local_table.name, _record_id(obj))
        entry = collected.get(key)
        if entry is None:
            collected[key] = {"new": is_new, "obj": obj, "changes": changes}
            continue
        merged = entry["changes"]
        for field, (before, after) in changes.items():
            merged[field] = [merged[field][0], after] if field in merged else [before, after]
        entry["obj"] = obj
    for obj in session.deleted:  # local rows only (a Synced record is never deleted outright)
        if _audited(obj):
            state = inspect(obj)
            table = state.mapper.local_table.name
            skipped = (
                _NOT_CHANGES | _SKIPPED.get(table, frozenset()) | _REDACTED.get(table, frozenset())
            )
            before = {
                a.key: [_plain(getattr(obj, a.key)), None]
                for a in state.mapper.column_attrs
                if a.key not in skipped
            }
            collected[(table, _record_id(obj))] = {
                "new": False,
                "obj": obj,
                "changes": before,
                "removed": True,
            }


def _write_changes(session: Session) -> None:
    collected = session.info.pop(_CHANGES, None)
    if not collected:
        return
    for (table, record_id), entry in collected.items():
        obj, changes = (
            entry["obj"],
            {k: v for k, v in entry["changes"].items() if v[0] != v[1] or entry["new"]},
        )
        if entry.get("removed"):
            action = "delete"
        elif entry["new"]:
            action = "settings" if isinstance(obj, Setting) else "create"
        elif not changes:
            continue
        elif "deleted_at" in changes:
            action = "delete" if changes["deleted_at"][1] is not None else "undelete"
        elif "status" in changes:
            action = "status"
        elif isinstance(obj, Setting):
            action = "settings"
        else:
            action = "update"
        _add(
            session,
            action,
            record_type=table,
            record_id=record_id,
            summary=_describe(obj),
            changes=changes,
        )


def _record_id(obj: Any) -> str:
    if isinstance(obj, Synced):
        return obj.id
    if isinstance(obj, OfficerAccount):
        return obj.officer_id
    if isinstance(obj, Setting):
        return obj.key
    return ""


def tip(conn: Connection) -> tuple[str, int, str] | None:
    """(chain, seq, hash) of the last entry this database wrote (None: it wrote none)."""
    return _tip(conn)


def acknowledged(conn: Connection) -> tuple[str, int, str] | None:
    """(chain, seq, hash) of the checkpoint HQ acknowledged last (None: none yet)."""
    row = conn.execute(select(StoreMeta.value).where(StoreMeta.key == ACK_KEY)).first()
    if row is None or not row[0]:
        return None
    try:
        data = json.loads(row[0])
        return str(data["chain"]), int(data["seq"]), str(data["hash"])
    except (ValueError, KeyError, TypeError):
        return ("", 0, "")  # unreadable: verify says so


def descends(links: dict[str, str], start: str, ancestor: str) -> bool:
    """Whether following ``prev_hash`` links (entry hash -> previous hash) back from the
    entry ``start`` reaches the entry ``ancestor``."""
    seen = 0
    current: str | None = start
    while current is not None and seen <= len(links):
        if current == ancestor:
            return True
        current = links.get(current)
        seen += 1
    return False


def _tip(conn: Connection) -> tuple[str, int, str] | None:
    """(chain, seq, hash) of the last entry this database wrote, from ``store_meta``."""
    row = conn.execute(
        select(StoreMeta.value, StoreMeta.number).where(StoreMeta.key == TIP_KEY)
    ).first()
    if row is None or not row[0]:
        return None
    chain, _sep, digest = row[0].partition(" ")
    return chain, row[1], digest


def _link(session: Session, pending: list[AuditEntry]) -> None:
    conn = session.connection()
    instance, _counter = versioning.current(conn)
    tip = _tip(conn)
    if tip is None:
        chain, seq, prev = instance, 0, GENESIS
    elif tip[0] == instance:
        chain, seq, prev = tip
    else:  # restored or copied database: a new chain that links to the one it inherited
        chain, seq, prev = instance, 0, tip[2]
    post_code = session.info.get(versioning.POST_CODE_KEY)
    if post_code is None:
        post_code = session.info[versioning.POST_CODE_KEY] = versioning.this_post_code(conn)
    for entry in pending:
        seq += 1
        entry.chain, entry.seq, entry.prev_hash = chain, seq, prev
        if not entry.origin_post:
            entry.origin_post = post_code
        entry.entry_hash = prev = _hash_of(entry)
    value = f"{chain} {prev}"
    if tip is None:
        conn.execute(insert(StoreMeta).values(key=TIP_KEY, value=value, number=seq))
    else:
        conn.execute(
            update(StoreMeta).where(StoreMeta.key == TIP_KEY).values(value=value, number=seq)
        )


def _before_flush(session: Session, _flush_context: object, _instances: object) -> None:
    importing = session.info.get(versioning.KEEP_VERSIONS)
    if not importing:
        for obj in session.dirty:
            if isinstance(obj, AuditEntry) and session.is_modified(obj):
                raise OkudeskError("audit entries are append-only")
        _collect_changes(session)
    pending = session.info.pop(_PENDING, None)
    if pending:
        _link(session, [e for e in pending if e in session.new])


def _before_commit(session: Session) -> None:
    session.flush()  # collect what is still unflushed
    _write_changes(session)  # the commit's own flush links them


def _forget_pending(session: Session, *_args: object) -> None:
    session.info.pop(_PENDING, None)
    session.info.pop(_CHANGES, None)


def install(session_class: type[Session]) -> None:
    """Listen on ``session_class``; must come before ``versioning.install`` (it stamps our
    entries)."""
    event.listen(session_class, "before_flush", _before_flush)
    event.listen(session_class, "before_commit", _before_commit)
    event.listen(session_class, "after_rollback", _forget_pending)


# --- reading and verifying --------------------------------------------------------------


def _info(e: AuditEntry) -> EntryInfo:
    return EntryInfo(
        e.id,
        e.chain,
        e.seq,
        e.at,
        e.origin_post,
        e.actor_id,
        e.actor_name,
        e.actor_role,
        e.action,
        e.record_type,
        e.record_id,
        e.summary,
        json.loads(e.changes) if e.changes else {},
    )


def _where(
    stmt: Select,
    *,
    actor_id: str | None = None,
    actor_role: str | None = None,
    record_id: str | None = None,
    record_ids: Sequence[str] | None = None,
    record_type: str | None = None,
    action: str | None = None,
    origin_post: str | None = None,
    since: datetime | None = None,
    until: datetime | None = None,
) -> Select:
    if actor_id:
        stmt = stmt.where(AuditEntry.actor_id == actor_id)
    if actor_role:  # "system": what the console and the start-up jobs did
        stmt = stmt.where(AuditEntry.actor_role == actor_role)
    if record_id:
        stmt = stmt.where(AuditEntry.record_id == record_id)
    if record_ids is not None:  # the records found by their number ([] matches nothing)
        stmt = stmt.where(AuditEntry.record_id.in_(list(record_ids)))
    if record_type:
        stmt = stmt.where(AuditEntry.record_type == record_type)
    if action:
        stmt = stmt.where(AuditEntry.action == action)
    if origin_post:
        stmt = stmt.where(AuditEntry.origin_post == origin_post)
    if since:
        stmt = stmt.where(AuditEntry.at >= since)
    if until:
        stmt = stmt.where(AuditEntry.at < until)
    return stmt


def entries(
    session: Session,
    *,
    limit: int = 500,
    offset: int = 0,
    **filters: Any,
) -> list[EntryInfo]:
    """Entries newest first, filtered (actor_id, actor_role, record_id, record_ids,
    record_type, action, origin_post, since, until); for commanders and admins
    (``audit.read``)."""
    from okudesk.core.permissions import require

    require(session, "audit.read")
    stmt = _where(select(AuditEntry), **filters)
    stmt = stmt.order_by(AuditEntry.at.desc(), AuditEntry.seq.desc()).limit(limit).offset(offset)
    return [_info(e) for e in session.scalars(stmt)]


def count(session: Session, **filters: Any) -> int:
    """How many entries :func:`entries` pages through with the same filters."""
    from okudesk.core.permissions import require

    require(session, "audit.read")
    stmt = _where(select(func.count()).select_from(AuditEntry), **filters)
    return session.scalar(stmt) or 0


_COLUMNS = (
    AuditEntry.id,
    AuditEntry.chain,
    AuditEntry.seq,
    AuditEntry.prev_hash,
    AuditEntry.entry_hash,
    AuditEntry.at,
    AuditEntry.origin_post,
    AuditEntry.actor_id,
    AuditEntry.actor_name,
    AuditEntry.actor_role,
    AuditEntry.action,
    AuditEntry.record_type,
    AuditEntry.record_id,
    AuditEntry.summary,
    AuditEntry.changes,
)


def anchor_problem(session: Session, anchor: tuple[str, int, str]) -> str | None:
    """Whether this database's trail holds ``anchor`` (a checkpoint HQ acknowledged to the
    installation) and continues from it; used after a restore (backups.py)."""
    rows = session.execute(select(*_COLUMNS)).all()
    return check_anchor(rows, _tip(session.connection()), anchor)


def verify(session: Session, *, origin_post: str | None = None) -> Verification:
    """Check every chain (or one post's) link by link; names the first bad entry."""
    stmt = select(*_COLUMNS)
    if origin_post:  # every chain the post wrote, whole (its first entries may predate its code)
        stmt = stmt.where(
            AuditEntry.chain.in_(
                select(AuditEntry.chain).where(AuditEntry.origin_post == origin_post)
            )
        )
    rows = session.execute(stmt.order_by(AuditEntry.chain, AuditEntry.seq)).all()
    chains: dict[str, list] = {}
    for row in rows:
        chains.setdefault(row.chain, []).append(row)
    known = {row.entry_hash for row in rows}
    last_at = max((row.at for row in rows), default=None)
    # Check the chains in the order they were started, so "first bad entry" means first in time.
    ordered = sorted(chains.values(), key=lambda c: (c[0].at, c[0].chain))

    def bad(row: Any, message: str) -> Verification:
        where = _(
            "entri {label} ({at}, {action} {record})",
            label=f"{row.chain[:8]}#{row.seq}",
            at=row.at.strftime("%Y-%m-%d %H:%M:%S"),
            action=row.action,
            record=f"{row.record_type} {row.record_id}".strip(),
        )
        return Verification(len(rows), len(chains), last_at, f"{where}: {message}", row.id)

    for chain in ordered:
        expected, prev = 1, None
        for row in chain:
            if row.seq != expected:
                return bad(
                    row,
                    _(
                        "entri {first} sampai {last} sebelumnya hilang",
                        first=expected,
                        last=row.seq - 1,
                    ),
                )
            if _hash_of(row) != row.entry_hash:
                return bad(row, _("isinya diubah (hash tidak cocok)"))
            if prev is None:
                if row.prev_hash != GENESIS and row.prev_hash not in known:
                    return bad(row, _("entri sebelumnya dalam rantai hilang"))
            elif row.prev_hash != prev.entry_hash:
                return bad(
                    row, _("tidak tersambung ke entri sebelumnya (dihapus atau diurutkan ulang)")
                )
            expected, prev = expected + 1, row
    tip = _tip(session.connection())
    here = versioning.this_post_code(session.connection())
    if tip is not None and (origin_post is None or origin_post == here):
        chain_id, seq, digest = tip
        chain = chains.get(chain_id, [])
        last = chain[-1] if chain else None
        if last is None or last.seq != seq or last.entry_hash != digest:
            have = f"#{last.seq}" if last else "-"
            return Verification(
                len(rows),
                len(chains),
                last_at,
                _(
                    "entri {label} hilang: rantai berakhir di {have}, padahal basis data mencatat "
                    "sampai #{seq}",
                    label=f"{chain_id[:8]}#{(last.seq + 1) if last else 1}",
                    have=have,
                    seq=seq,
                ),
                None,
            )
    elif tip is None and rows and origin_post is None:
        local = [c for c in chains.values() if c[0].origin_post == here]
        if local:
            return Verification(
                len(rows), len(chains), last_at, _("ujung rantai audit tidak tercatat"), None
            )
    if origin_post is None or origin_post == here:
        problem = _against_acknowledged(session.connection(), rows, tip)
        if problem:
            return Verification(len(rows), len(chains), last_at, problem, None)
    return Verification(len(rows), len(chains), last_at)


def _against_acknowledged(
    conn: Connection, rows: Sequence[Any], tip: tuple[str, int, str] | None
) -> str | None:
    """The trail here must still hold, unchanged, the entry HQ acknowledged last, and this
    database's tip must descend from it: entries HQ holds cannot be removed or rewritten here
    unseen (what came after that checkpoint can, by someone with the file)."""
    anchor = acknowledged(conn)
    if anchor is None:
        return None
    return check_anchor(rows, tip, anchor)


def check_anchor(
    rows: Sequence[Any], tip: tuple[str, int, str] | None, anchor: tuple[str, int, str]
) -> str | None:
    """What is wrong when the entries ``rows`` (all of a database's, with ``chain``,
    ``seq``, ``entry_hash``, ``prev_hash``) and its ``tip`` do not hold the entry ``anchor``
    (chain, seq, hash) unchanged, or the tip does not descend from it (None: they do)."""
    chain, seq, digest = anchor
    if not chain:
        return _("titik periksa yang diakui Polres tidak terbaca")
    label = f"{chain[:8]}#{seq}"
    held = next((r for r in rows if r.chain == chain and r.seq == seq), None)
    if held is None:
        return _(
            "entri {label} yang sudah diakui Polres tidak ada lagi di sini (rantai audit "
            "dipotong atau dihapus)",
            label=label,
        )
    if held.entry_hash != digest:
        return _(
            "entri {label} berbeda dengan yang sudah diakui Polres (riwayat audit ditulis ulang)",
            label=label,
        )
    if tip is not None:
        links = {r.entry_hash: r.prev_hash for r in rows}
        if not descends(links, tip[2], digest):
            return _(
                "ujung rantai audit tidak melanjutkan entri {label} yang sudah diakui Polres",
                label=label,
            )
    return None


def chains_by_post(session: Session) -> dict[str, list[tuple[str, int, datetime]]]:
    """For HQ: each post's chains as (chain, entries, last time), oldest chain first."""
    from sqlalchemy import func

    stmt = (
        select(
            func.max(AuditEntry.origin_post),
            AuditEntry.chain,
            func.count(),
            func.min(AuditEntry.at),
            func.max(AuditEntry.at),
        )
        .group_by(AuditEntry.chain)
        .order_by(func.min(AuditEntry.at))
    )
    out: dict[str, list[tuple[str, int, datetime]]] = {}
    for post, chain, count, _first, last in session.execute(stmt):
        out.setdefault(post, []).append((chain, count, last))
    return out
