"""A post's export: every change HQ has not acknowledged, in one bundle file.

Exporting marks nothing done and deletes nothing: only a receipt moves the
acknowledgement, so a lost stick costs nothing but a second export.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import Connection, func, select, union
from sqlalchemy.orm import Session

from okudesk import __version__
from okudesk.core import permissions, sealed
from okudesk.core.errors import OkudeskError
from okudesk.core.history import audit, versioning
from okudesk.core.i18n import _
from okudesk.core.models import Setting, SyncBase, SyncInstance, SyncMark
from okudesk.core.records import settings
from okudesk.core.records.photos import photo_path
from okudesk.core.security import pki
from okudesk.core.store import Store
from okudesk.core.store.migrate import SCHEMA_HEAD
from okudesk.core.sync import bundle, records, trail, trust

SEED = "seed"
LAST_EXPORTED_COUNTER = (
    settings.LAST_EXPORTED_COUNTER
)  # the status bar's "changes not yet exported"
LAST_EXPORT_AT = settings.LAST_EXPORTED_AT
LAST_EXPORT_FILE = "sync.last_exported_file"


@dataclass(frozen=True)
class ExportResult:
    path: Path
    bundle_id: str
    records: int
    counts: dict[str, int]
    photos: int
    ranges: tuple[dict, ...]


def acknowledgements(session: Session) -> dict[str, int]:
    return {
        m.instance: m.counter
        for m in session.scalars(select(SyncMark).where(SyncMark.kind == "ack"))
    }


def own_instances(session: Session) -> dict[str, int]:
    """This database's instances with changes (old ones after a restore too) -> highest counter."""
    foreign = set(session.scalars(select(SyncInstance.instance)))
    parts = [
        select(
            info.table.c.change_instance.label("i"),
            func.max(info.table.c.change_counter).label("c"),
        ).group_by(info.table.c.change_instance)
        for info in records.travelling()
    ]
    result: dict[str, int] = {}
    for inst, counter in session.execute(union(*parts)):
        if inst and inst != SEED and inst not in foreign:
            result[inst] = max(result.get(inst, 0), counter)
    current, counter = versioning.current(session.connection())
    result[current] = max(result.get(current, 0), counter)
    return result


def pending_changes(session: Session, *, include_audit: bool = False) -> int:
    """How many records HQ has not acknowledged yet (the status bar's 'changes waiting').

    Audit entries travel too, but every export and receipt writes one, so by default they
    are not counted: "0 waiting" means all the data people typed has reached HQ."""
    acks = acknowledgements(session)
    marks = {inst: acks.get(inst, 0) for inst in own_instances(session)}
    total = 0
    for info in records.travelling():
        if info.name == "audit_entry" and not include_audit:
            continue
        total += (
            session.scalar(
                select(func.count())
                .select_from(info.table)
                .where(records.version_filter(info, marks))
            )
            or 0
        )
    return total


def export_bundle(
    store: Store,
    out_dir: Path,
    *,
    progress: Callable[[str, int, int], None] | None = None,
    now: datetime | None = None,
) -> ExportResult:
    """Write one bundle with every unacknowledged change into ``out_dir``."""
    out_dir = Path(out_dir)
    if not out_dir.is_dir():
        raise OkudeskError(_("Folder tujuan {path} tidak ada", path=out_dir))
    with store.read() as session:
        permissions.require(session, "sync.export")
        me = trust.require_role(session, "post")
        hq_code, post_code = me.hq_code, me.code
        identity = trust.signing_identity(session)
        exchange = trust.exchange_key(session)
        hq_exchange = pki.certificate_key(pki.load_certs(me.hq_exchange)[0])
        acks = acknowledgements(session)
        instances = own_instances(session)
        marks = {inst: acks.get(inst, 0) for inst in instances}
        bases: dict[str, dict[str, tuple[str, int]]] = {}
        for b in session.scalars(select(SyncBase)):
            bases.setdefault(b.table_name, {})[b.record_id] = (b.instance, b.counter)
        conn = session.connection()
        selections = []
        for info in records.travelling():
            where = records.version_filter(info, marks)
            base = {}
            if info.name in bases:
                table_bases = bases[info.name]
                exported = conn.execute(
                    select(info.table.c.id).where(where, info.table.c.id.in_(list(table_bases)))
                ).scalars()
                base = {rid: table_bases[rid] for rid in exported}
            selections.append((info, where, base))
        photo_index, photo_source = _photos(store, conn, marks)
        counts: dict[str, int] = {}
        if progress:
            progress("read", 0, 1)
        payload = bundle.compress_payload(
            records.payload_pieces(conn, selections, {"photos": photo_index}, counts)
        )
        ranges = [
            {"instance": inst, "from": marks[inst], "to": top}
            for inst, top in sorted(instances.items())
            if top > marks[inst]
        ]
        proof = trust.enrollment_proof(session, pki.public_key_id(identity.key.public_key()))
        anchor = trail.checkpoint(session, post_code, identity.key)  # HQ anchors the trail on it
    bundle_id = uuid.uuid4().hex
    when = now or datetime.now()
    header = {
        "kind": "bundle",
        "id": bundle_id,
        "created_at": when.isoformat(timespec="seconds"),
        "okudesk": __version__,
        "schema": SCHEMA_HEAD,
        "hq": hq_code,
        "post": post_code,
        "ranges": ranges,
        "counts": counts,
        "records": sum(counts.values()),
        "photos": len(photo_index),
        "exchange_key": pki.public_key_pem(exchange.public_key()).decode("ascii"),
    }
    if proof:
        header["enrollment"] = proof
    if anchor:
        header["checkpoint"] = anchor
    path = out_dir / f"okudesk-{post_code}-{when.strftime('%Y%m%d-%H%M%S')}-{bundle_id[:8]}.okb"
    if progress:
        progress("read", 1, 1)
        progress("write", 0, 1)
    bundle.write(
        path,
        header=header,
        payload=payload,
        photos=photo_source,
        signer=identity,
        recipient=hq_exchange,
    )
    if progress:
        progress("write", 1, 1)
    top = max(
        (top for inst, top in instances.items() if top > marks[inst]),
        default=max(marks.values(), default=0),
    )
    with store.write() as session:
        audit.record(
            session,
            "export",
            record_type="bundle",
            record_id=bundle_id,
            summary=(
                f"Bundel sinkronisasi {path.name}: {sum(counts.values())} catatan, "
                f"{len(photo_index)} foto"
            ),
        )
        _set(session, LAST_EXPORTED_COUNTER, str(top))
        _set(session, LAST_EXPORT_AT, when.isoformat(timespec="seconds"))
        _set(session, LAST_EXPORT_FILE, str(path))
    return ExportResult(
        path, bundle_id, sum(counts.values()), counts, len(photo_index), tuple(ranges)
    )


def _set(session: Session, key: str, value: str) -> None:
    row = session.get(Setting, key)
    if row is None:
        session.add(Setting(key=key, value=value))
    else:
        row.value = value


def _photos(store: Store, conn: Connection, marks: dict[str, int]) -> tuple[list, bundle.Source]:
    """Photo files of the exported attachments, each once (by content hash): their index
    now, their bytes read one file at a time while the bundle is written."""
    info = records.table_info("attachment")
    t = info.table.c
    hashes = conn.execute(
        select(t.sha256)
        .where(records.version_filter(info, marks), t.deleted_at.is_(None))
        .distinct()
        .order_by(t.sha256)
    ).scalars()
    index, paths, offset = [], [], 0
    for sha in hashes:
        path = photo_path(store.photo_dir, sha)
        try:
            size = sealed.plain_size(path)
        except OSError as exc:
            raise _missing(sha, exc) from exc
        index.append([sha, offset, size])
        paths.append((sha, path))
        offset += size

    def pieces() -> Iterator[bytes]:
        for sha, path in paths:
            try:
                yield sealed.read(path)
            except OSError as exc:
                raise _missing(sha, exc) from exc

    return index, bundle.Source(offset, pieces)


def _missing(sha: str, exc: OSError) -> OkudeskError:
    return OkudeskError(
        _(
            "Foto {sha} hilang dari folder data ({reason}); bundel tidak dibuat",
            sha=sha[:12],
            reason=exc.strerror or exc,
        )
    )
