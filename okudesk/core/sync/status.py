"""What the sync screens and ``post list`` show: per-post status at HQ, the waiting
changes and last export/receipt at a post, conflicts and held records, file checks."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from okudesk.core.i18n import _
from okudesk.core.models import Setting, SyncBundle, SyncConflict, SyncHeld, SyncPost
from okudesk.core.store import Store
from okudesk.core.sync import SyncRefused, bundle, trail, trust


@dataclass(frozen=True)
class PostStatus:
    code: str
    name: str
    status: str
    bundles: int
    last_bundle_at: datetime | None
    days_since: int | None
    acknowledged: int  # highest counter acknowledged (current instance of the post)
    lag: int  # counters seen in bundles beyond the acknowledged run: >0 means a bundle is missing
    conflicts: int
    held: int
    trail_problems: tuple[str, ...] = ()  # the post's audit trail disagreed with HQ's copy


@dataclass(frozen=True)
class LocalStatus:
    role: str
    code: str
    hq_code: str
    enrolled: bool
    waiting: int
    last_export_at: str
    last_export_file: str
    last_receipt_at: str


# The fields that say what a row is about, looked for in this order (an incident's title,
# a stakeholder's name, a meeting's purpose, a follow-up's what, ...).
SUMMARY_FIELDS = ("title", "name", "purpose", "description", "what", "summary", "number")


def summarise(row: dict, width: int = 80) -> str:
    """A kept conflicting version in one line for a person choosing between versions (the
    Sinkronisasi page and ``okudesk sync conflict list``): its first telling field."""
    for key in SUMMARY_FIELDS:
        if row.get(key):
            return " ".join(str(row[key]).split())[:width]
    return ""


@dataclass(frozen=True)
class ConflictInfo:
    table: str
    record_id: str
    post_code: str
    instance: str
    counter: int
    row: dict
    detected_at: datetime

    @property
    def summary(self) -> str:
        return summarise(self.row)


@dataclass(frozen=True)
class HeldInfo:
    table: str
    record_id: str
    post_code: str
    missing: str
    held_at: datetime


def held_count(session: Session, *, post: str = "") -> int:
    stmt = select(func.count()).select_from(SyncHeld)
    if post:
        stmt = stmt.where(SyncHeld.post_code == post)
    return session.scalar(stmt) or 0


def post_statuses(session: Session, now: datetime | None = None) -> list[PostStatus]:
    from okudesk.core.sync.merge import acknowledgement

    now = now or datetime.now()
    out = []
    for p in session.scalars(select(SyncPost).order_by(SyncPost.code)):
        n, last = session.execute(
            select(func.count(), func.max(SyncBundle.imported_at)).where(
                SyncBundle.post_code == p.code
            )
        ).one()
        acks = acknowledgement(session, p.code)
        seen: dict[str, int] = {}
        for ranges in session.scalars(
            select(SyncBundle.ranges).where(SyncBundle.post_code == p.code)
        ):
            for r in json.loads(ranges):
                seen[r["instance"]] = max(seen.get(r["instance"], 0), r["to"])
        lag = sum(top - acks.get(inst, 0) for inst, top in seen.items())
        conflicts = session.scalar(
            select(func.count())
            .select_from(SyncConflict)
            .where(SyncConflict.post_code == p.code, SyncConflict.resolved_at.is_(None))
        )
        held = session.scalar(
            select(func.count()).select_from(SyncHeld).where(SyncHeld.post_code == p.code)
        )
        days = (now - last).days if last else None
        out.append(
            PostStatus(
                p.code,
                p.name,
                p.status,
                n,
                last,
                days,
                max(acks.values(), default=0),
                lag,
                conflicts or 0,
                held or 0,
                tuple(trail.problems(session, p.code)),
            )
        )
    return out


def _setting(session: Session, key: str) -> str:
    row = session.get(Setting, key)
    return row.value if row else ""


def local_status(session: Session) -> LocalStatus | None:
    from okudesk.core.sync import export

    me = trust.role(session)
    if me is None:
        return None
    waiting = export.pending_changes(session) if me.role == "post" else 0
    return LocalStatus(
        me.role,
        me.code,
        me.hq_code,
        me.enrolled,
        waiting,
        _setting(session, export.LAST_EXPORT_AT),
        _setting(session, export.LAST_EXPORT_FILE),
        _setting(session, "sync.last_receipt_at"),
    )


def conflicts(session: Session) -> list[ConflictInfo]:
    stmt = (
        select(SyncConflict)
        .where(SyncConflict.resolved_at.is_(None))
        .order_by(SyncConflict.detected_at, SyncConflict.record_id)
    )
    return [
        ConflictInfo(
            c.table_name,
            c.record_id,
            c.post_code,
            c.instance,
            c.counter,
            json.loads(c.row),
            c.detected_at,
        )
        for c in session.scalars(stmt)
    ]


def held_records(session: Session, *, post: str = "", limit: int = 1000) -> list[HeldInfo]:
    """The oldest held rows (of ``post``), at most ``limit``: a list, not the whole table."""
    stmt = select(SyncHeld).order_by(SyncHeld.held_at, SyncHeld.record_id).limit(limit)
    if post:
        stmt = stmt.where(SyncHeld.post_code == post)
    return [
        HeldInfo(h.table_name, h.record_id, h.post_code, h.missing, h.held_at)
        for h in session.scalars(stmt)
    ]


def verify_file(store: Store, path: Path) -> str:
    """Check a bundle or receipt without importing it; returns a one-line description.

    HQ checks a bundle completely (signer, signature, hashes, decryption, payload); a post
    checks a receipt completely, and a bundle it wrote itself as far as it can (structure,
    its own signature, part hashes: only HQ can decrypt it)."""
    from okudesk.core.sync import importer

    opened = bundle.open_file(path)
    m = opened.manifest
    note = ""
    with store.read() as session:
        me = trust.set_up_role(session)
        if m["kind"] == "bundle" and me.role == "hq":
            _manifest, imported = importer.verify_bundle(store, path)
            note = ", sudah diimpor di sini" if imported else ", belum diimpor"
        elif m["kind"] == "receipt" and me.role == "post":
            trust.check_receipt_signer(session, m, opened.signer)
            if not bundle.verify_signature(opened):
                raise SyncRefused(_("Berkas ditolak: tanda tangan tidak sah atau isi diubah"))
            bundle.decrypt(opened, trust.exchange_key(session)).check_photos()
        elif m["kind"] == "bundle" and m["post"] == me.code:
            own = trust.signing_identity(session)
            from okudesk.core.security import pki

            if m["sender_key"] != pki.public_key_id(
                own.key.public_key()
            ) or not bundle.verify_signature(opened):
                raise SyncRefused(_("Berkas ditolak: tanda tangan tidak sah atau isi diubah"))
        else:
            raise SyncRefused(
                _(
                    "Berkas ini tidak dapat diperiksa di instalasi ini (bukan untuk {code})",
                    code=me.code,
                )
            )
    kind = "bundel" if m["kind"] == "bundle" else "tanda terima"
    return (
        f"{kind} {m['id'][:8]} pos {m['post']} -> Polres {m['hq']}, {m.get('records', 0)} "
        f"catatan, dibuat {m.get('created_at', '?')}{note}"
    )
