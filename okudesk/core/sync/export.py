"""A post's export: every change HQ has not acknowledged, in one bundle file.

Exporting marks nothing done and deletes nothing: only a receipt moves the
acknowledgement, so a lost stick costs nothing but a second export.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import func, select, union
from sqlalchemy.orm import Session

from okudesk import __version__
from okudesk.core import pki, versioning
from okudesk.core.errors import OkudeskError
from okudesk.core.i18n import _
from okudesk.core.models import Setting, SyncBase, SyncInstance, SyncMark
from okudesk.core.photos import photo_path
from okudesk.core.store import Store
from okudesk.core.store.migrate import SCHEMA_HEAD
from okudesk.core.sync import bundle, records, trust

SEED = "seed"
LAST_EXPORTED_COUNTER = "sync.last_exported_counter"
LAST_EXPORT_AT = "sync.last_export_at"
LAST_EXPORT_FILE = "sync.last_export_file"


@dataclass(frozen=True)
class ExportResult:
    path: Path
    bundle_id: str
    records: int
    counts: dict[str, int]
    photos: int
    ranges: tuple[dict, ...]


def acknowledgements(session: Session) -> dict[str, int]:
    return {m.instance: m.counter for m in session.scalars(select(SyncMark).where(SyncMark.kind == "ack"))}


def own_instances(session: Session) -> dict[str, int]:
    """This database's instances with changes (old ones after a restore too) -> highest counter."""
    foreign = set(session.scalars(select(SyncInstance.instance)))
    parts = [
        select(info.table.c.change_instance.label("i"), func.max(info.table.c.change_counter).label("c"))
        .group_by(info.table.c.change_instance)
        for info in records.travelling()
    ]
    result: dict[str, int] = {}
    for inst, counter in session.execute(union(*parts)):
        if inst and inst != SEED and inst not in foreign:
            result[inst] = max(result.get(inst, 0), counter)
    current, counter = versioning.current(session.connection())
    result[current] = max(result.get(current, 0), counter)
    return result


def pending_changes(session: Session) -> int:
    """How many records people changed that HQ has not acknowledged yet (the status bar's
    'changes waiting'). The audit trail travels in every bundle too, but is not counted:
    exporting and importing receipts write audit entries themselves, so counting them would
    never let the figure reach zero."""
    acks = acknowledgements(session)
    marks = {inst: acks.get(inst, 0) for inst in own_instances(session)}
    total = 0
    for info in records.travelling():
        if info.table.name == "audit_entry":
            continue
        total += session.scalar(select(func.count()).select_from(info.table).where(records.version_filter(info, marks))) or 0
    return total


def export_bundle(store: Store, out_dir: Path, *, progress: Callable[[str, int, int], None] | None = None,
                  now: datetime | None = None) -> ExportResult:
    """Write one bundle with every unacknowledged change into ``out_dir``."""
    from okudesk.core import accounts

    accounts.check(store.actor, "sync.export")
    out_dir = Path(out_dir)
    if not out_dir.is_dir():
        raise OkudeskError(_("Folder tujuan {path} tidak ada", path=out_dir))
    with store.read() as session:
        me = trust.require_role(session, "post")
        hq_code, post_code = me.hq_code, me.code
        identity = trust.signing_identity(session)
        exchange = trust.exchange_key(session)
        hq_exchange = pki.load_certs(me.hq_exchange)[0].public_key()
        acks = acknowledgements(session)
        instances = own_instances(session)
        marks = {inst: acks.get(inst, 0) for inst in instances}
        bases = {}
        for b in session.scalars(select(SyncBase)):
            bases.setdefault(b.table_name, {})[b.record_id] = [b.instance, b.counter]
        conn = session.connection()
        selections = []
        tables = records.travelling()
        for k, info in enumerate(tables):
            rows = records.read_rows(conn, info, records.version_filter(info, marks))
            base = {}
            if rows and info.name in bases:
                table_bases = bases[info.name]
                base = {r[0]: table_bases[r[0]] for r in rows if r[0] in table_bases}
            selections.append((info, rows, base))
            if progress:
                progress("read", k + 1, len(tables))
        doc, counts = records.encode_tables(conn, selections)
        photo_index, photo_bytes = _photos(store, selections)
        doc["photos"] = photo_index
        ranges = [{"instance": inst, "from": marks[inst], "to": top} for inst, top in sorted(instances.items()) if top > marks[inst]]
        proof = trust.enrollment_proof(session, pki.public_key_id(identity.key.public_key()))
    payload = json.dumps(doc, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
    bundle_id = uuid.uuid4().hex
    when = now or datetime.now()
    header = {
        "kind": "bundle", "id": bundle_id, "created_at": when.isoformat(timespec="seconds"), "okudesk": __version__,
        "schema": SCHEMA_HEAD, "hq": hq_code, "post": post_code, "ranges": ranges, "counts": counts,
        "records": sum(counts.values()), "photos": len(photo_index),
        "exchange_key": pki.public_key_pem(exchange.public_key()).decode("ascii"),
    }
    if proof:
        header["enrollment"] = proof
    path = out_dir / f"okudesk-{post_code}-{when.strftime('%Y%m%d-%H%M%S')}-{bundle_id[:8]}.okb"
    if progress:
        progress("write", 0, 1)
    bundle.write(path, header=header, payload=payload, photos=photo_bytes, signer=identity, recipient=hq_exchange)
    if progress:
        progress("write", 1, 1)
    top = max((r["to"] for r in ranges), default=max(marks.values(), default=0))
    with store.write() as session:
        _set(session, LAST_EXPORTED_COUNTER, str(top))
        _set(session, LAST_EXPORT_AT, when.isoformat(timespec="seconds"))
        _set(session, LAST_EXPORT_FILE, str(path))
        from okudesk.core import audit

        audit.record(session, "export", record_type="sync_bundle", record_id=bundle_id, summary=str(path),
                     changes={"records": [None, sum(counts.values())], "photos": [None, len(photo_index)]})
    return ExportResult(path, bundle_id, sum(counts.values()), counts, len(photo_index), tuple(ranges))


def _set(session: Session, key: str, value: str) -> None:
    row = session.get(Setting, key)
    if row is None:
        session.add(Setting(key=key, value=value))
    else:
        row.value = value


def _photos(store: Store, selections) -> tuple[list, bytes]:
    """Photo files of the exported attachments, each once (by content hash)."""
    index, chunks, offset, seen = [], [], 0, set()
    for info, rows, _base in selections:
        if info.name != "attachment":
            continue
        k = info.index("sha256")
        deleted = info.index("deleted_at")
        for r in rows:
            sha = r[k]
            if sha in seen or r[deleted] is not None:
                continue
            path = photo_path(store.photo_dir, sha)
            try:
                data = path.read_bytes()
            except OSError as exc:
                raise OkudeskError(_("Foto {sha} hilang dari folder data ({reason}); bundel tidak dibuat", sha=sha[:12], reason=exc.strerror or exc)) from exc
            seen.add(sha)
            index.append([sha, offset, len(data)])
            chunks.append(data)
            offset += len(data)
    return index, b"".join(chunks)
