"""Receipts: HQ's answer to a post (acknowledgement, certificates, revocations, HQ's
corrections and reference data), and the post applying it (docs/sync-format.md)."""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import ColumnElement, and_, select
from sqlalchemy.orm import Session

from okudesk import __version__
from okudesk.core import permissions
from okudesk.core.history import audit
from okudesk.core.i18n import _
from okudesk.core.models import (
    Setting,
    SyncBundle,
    SyncInstance,
    SyncMark,
    SyncPost,
    SyncReceipt,
    SyncRevocation,
)
from okudesk.core.security import pki, timestamps
from okudesk.core.store import Store
from okudesk.core.store.migrate import SCHEMA_HEAD
from okudesk.core.sync import SyncRefused, authority, bundle, records, trail, trust, values
from okudesk.core.sync.merge import Merger, acknowledgement, check_schema, load_payload

LAST_RECEIPT_AT = "sync.last_receipt_at"


@dataclass(frozen=True)
class ReceiptOutcome:
    file: Path
    ok: bool
    reason: str = ""
    receipt_id: str = ""
    counts: dict = field(default_factory=dict)
    acknowledged: dict = field(default_factory=dict)
    certificate_installed: bool = False
    revocations: int = 0


def _hq_selections(session: Session, post_code: str) -> list[records.Selection]:
    """HQ's own versions the post should have: reference lists and its records HQ corrected."""
    hq_instances = list(
        session.scalars(select(SyncInstance.instance).where(SyncInstance.is_hq.is_(True)))
    )
    selections: list[records.Selection] = []
    for info in records.travelling():
        t = info.table.c
        where: ColumnElement[bool] = t.change_instance.in_(hq_instances)
        if info.name not in records.REFERENCE_TABLES:
            where = and_(where, t.origin_post == post_code)
        selections.append((info, where, {}))
    return selections


def write_receipt(
    store: Store, post_code: str, out_dir: Path, *, now: datetime | None = None
) -> Path:
    """Write the receipt for ``post_code`` into ``out_dir`` (HQ)."""
    with store.write() as session:
        permissions.require(session, "sync.import")
        trust.require_role(session, "hq")
        trust.register_own_instance(session)
        post = session.get(SyncPost, post_code)
        if post is None or not post.exchange_key:
            raise SyncRefused(
                _(
                    "Pos {code} belum pernah mengirim bundel; belum ada tanda terima untuknya",
                    code=post_code,
                )
            )
        if post.status == "revoked":
            raise SyncRefused(
                _("Pos {code} telah dicabut; tidak ada tanda terima untuknya", code=post_code)
            )
        me = trust.require_role(session, "hq")
        acks = acknowledgement(session, post_code)
        extra = dict(
            acks=acks,
            bundles=sorted(
                session.scalars(select(SyncBundle.id).where(SyncBundle.post_code == post_code))
            ),
            certificate=trust.constrained_certificate(session, post).decode("ascii"),
            revocations=trust.revocations(session),
            timestamps=timestamps.for_post(session, post_code),
        )
        ack = trail.acknowledgement(session, post_code, trust.signing_identity(session).key)
        if ack:
            extra["checkpoint"] = ack
        payload, counts = records.build_payload(
            session.connection(), _hq_selections(session, post_code), extra
        )
        receipt_id = uuid.uuid4().hex
        when = now or datetime.now()
        header = {
            "kind": "receipt",
            "id": receipt_id,
            "created_at": when.isoformat(timespec="seconds"),
            "okudesk": __version__,
            "schema": SCHEMA_HEAD,
            "hq": me.code,
            "post": post_code,
            "counts": counts,
            "records": sum(counts.values()),
        }
        out_dir = Path(out_dir)
        path = (
            out_dir
            / f"okudesk-receipt-{post_code}-{when.strftime('%Y%m%d-%H%M%S')}-{receipt_id[:8]}.okr"
        )
        recipient = pki.load_public_key_pem(post.exchange_key)
        bundle.write(
            path,
            header=header,
            payload=payload,
            photos=b"",
            signer=trust.signing_identity(session),
            recipient=recipient,
        )
        session.add(
            SyncReceipt(
                id=receipt_id,
                direction="out",
                post_code=post_code,
                summary=json.dumps(
                    {"acks": acks, "records": sum(counts.values()), "file": path.name}
                ),
            )
        )
    return path


def import_receipt(store: Store, path: Path) -> ReceiptOutcome:
    """Verify and apply a receipt at the post; never raises SyncRefused (see ``ok``)."""
    path = Path(path)
    try:
        opened = bundle.open_file(path)
        m = opened.manifest
        with store.write() as session:
            permissions.require(session, "sync.import")
            trust.check_receipt_signer(session, m, opened.signer)
            if not bundle.verify_signature(opened):
                raise SyncRefused(_("Berkas ditolak: tanda tangan tidak sah atau isi diubah"))
            check_schema(m)
            if session.get(SyncReceipt, m["id"]) is not None:
                raise SyncRefused(
                    _(
                        "Tanda terima ini sudah diimpor sebelumnya ({id}); tidak ada yang diubah",
                        id=m["id"][:8],
                    )
                )
            doc = load_payload(bundle.decrypt(opened, trust.exchange_key(session)).payload)
            acks = doc.get("acks", {})
            revocations = doc.get("revocations", [])
            if not (
                isinstance(acks, dict)
                and all(isinstance(k, str) and isinstance(v, int) for k, v in acks.items())
                and isinstance(revocations, list)
                and all(
                    isinstance(r, dict) and isinstance(r.get("key_id"), str) for r in revocations
                )
                and isinstance(doc.get("certificate", ""), str)
            ):
                raise SyncRefused(_("Berkas ditolak: isi data tidak sah"))
            tables = records.decode_payload(doc)
            values.check_tables(tables)
            authority.check_receipt(tables, trust.require_role(session, "post").code)
            trail.keep_acknowledgement(
                session, m["post"], doc.get("checkpoint"), trust.hq_root(session)
            )
            installed = False
            if doc.get("certificate"):
                installed = trust.install_post_certificate(
                    session, doc["certificate"].encode("ascii")
                )
            added = 0
            for r in revocations:
                if session.get(SyncRevocation, r["key_id"]) is None:
                    session.add(
                        SyncRevocation(
                            key_id=r["key_id"],
                            post_code=str(r.get("post", ""))[:12],
                            revoked_at=_revoked_at(r.get("at")),
                        )
                    )
                    added += 1
            stamps = doc.get("timestamps", [])
            if isinstance(stamps, list):  # HQ's time evidence for this post's reports
                timestamps.keep(session, stamps, [trust.hq_root(session)])
            from okudesk.core.sync.export import own_instances

            own = own_instances(session)
            for t in tables:
                for inst in {r[t.info.index("change_instance")] for r in t.rows}:
                    if inst in own:
                        raise SyncRefused(_("Berkas ditolak: versi data milik pos lain"))
                    if session.get(SyncInstance, inst) is None:
                        session.add(SyncInstance(instance=inst, post_code=m["hq"], is_hq=True))
            session.flush()
            for inst, counter in acks.items():
                mark = session.get(SyncMark, ("ack", inst))
                if mark is None:
                    session.add(SyncMark(kind="ack", instance=inst, counter=counter))
                elif counter > mark.counter:
                    mark.counter = counter
            session.flush()
            merger = Merger(session, mode="post", sender=m["hq"])
            merger.own = set(own)
            merger.own_acks = {k: max(v, acks.get(k, 0)) for k, v in _marks(session).items()}
            for t in tables:
                merger.apply(t)
            merger.retry_held()
            counts = merger.counts.as_dict()
            session.add(
                SyncReceipt(
                    id=m["id"], direction="in", post_code=m["post"], summary=json.dumps(counts)
                )
            )
            audit.record(
                session,
                "import",
                record_type="receipt",
                record_id=m["id"],
                summary=f"Tanda terima Polres {m['hq']} {path.name}",
            )
            row = session.get(Setting, LAST_RECEIPT_AT)
            stamp = datetime.now().isoformat(timespec="seconds")
            if row is None:
                session.add(Setting(key=LAST_RECEIPT_AT, value=stamp))
            else:
                row.value = stamp
    except (SyncRefused, pki.CertificateError) as exc:
        return ReceiptOutcome(path, False, str(exc))
    return ReceiptOutcome(path, True, "", m["id"], counts, dict(acks), installed, added)


def _revoked_at(text: object) -> datetime:
    """When HQ revoked a key (naive UTC, as HQ wrote it); now if HQ did not say."""
    try:
        return datetime.fromisoformat(str(text))
    except ValueError:
        return datetime.now(UTC).replace(tzinfo=None)


def _marks(session: Session) -> dict[str, int]:
    return {
        m.instance: m.counter
        for m in session.scalars(select(SyncMark).where(SyncMark.kind == "ack"))
    }
