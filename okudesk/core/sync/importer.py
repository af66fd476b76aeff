"""Applying bundles at HQ (and HQ's rows from receipts at a post): ledger, merge rules,
conflicts kept for a person, held records retried (docs/sync-format.md, "Import and merge").

Everything is verified before the database is touched, and a bundle is applied in one
transaction: all of it or none.
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from sqlalchemy.orm import Session

from okudesk.core import permissions
from okudesk.core.history import audit
from okudesk.core.i18n import _
from okudesk.core.models import SyncBundle, SyncInstance
from okudesk.core.records.photos import store_bytes
from okudesk.core.security import timestamps
from okudesk.core.store import Store, quick
from okudesk.core.sync import SyncRefused, authority, bundle, records, trail, trust, values
from okudesk.core.sync.merge import Merger, check_held, check_schema, load_payload
from okudesk.core.sync.records import IncomingTable
from okudesk.core.sync.values import RowRefused

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class BundleOutcome:
    """One bundle's result: applied (with counts and the receipt written) or refused."""

    file: Path
    ok: bool
    reason: str = ""
    post: str = ""
    bundle_id: str = ""
    counts: dict = field(default_factory=dict)
    receipt: Path | None = None
    enrolled: bool = False
    trail: tuple[str, ...] = ()  # what HQ found wrong with the post's audit trail (trail.py)


def _check_ranges(manifest: dict) -> list[dict]:
    ranges = manifest.get("ranges")
    ok = isinstance(ranges, list) and all(
        isinstance(r, dict)
        and isinstance(r.get("instance"), str)
        and isinstance(r.get("from"), int)
        and isinstance(r.get("to"), int)
        and 0 <= r["from"] < r["to"]
        for r in ranges
    )
    if not ok or not isinstance(ranges, list):
        raise SyncRefused(_("Berkas rusak: manifes tidak sah"))
    return ranges


def _store_photos(photo_dir: Path, index: object, contents: bundle.Contents) -> None:
    """Each photo of the bundle into the photo folder, one at a time (by offset), checked
    against its fingerprint: memory holds one photo and one chunk, whatever the part's size."""
    if not isinstance(index, list):
        raise SyncRefused(_("Berkas ditolak: isi data tidak sah"))
    for entry in index:
        if not (
            isinstance(entry, list)
            and len(entry) == 3
            and isinstance(entry[0], str)
            and isinstance(entry[1], int)
            and isinstance(entry[2], int)
            and 0 <= entry[1]
            and 0 <= entry[2]
            and entry[1] + entry[2] <= contents.photos_size
        ):
            raise SyncRefused(_("Berkas ditolak: isi data tidak sah"))
    entries = sorted(index, key=lambda e: e[1])
    blobs = contents.photos([(offset, size) for _sha, offset, size in entries])
    for (sha, _offset, _size), blob in zip(entries, blobs, strict=False):
        if hashlib.sha256(blob).hexdigest() != sha:
            raise SyncRefused(
                _("Berkas ditolak: foto {sha} tidak sesuai dengan sidik jarinya", sha=sha[:12])
            )
        store_bytes(photo_dir, sha, blob)
    for _rest in blobs:  # the part's last chunk authenticated
        pass


def verify_bundle(store: Store, path: Path, *, max_payload: int | None = None) -> tuple[dict, bool]:
    """Check a bundle completely without importing it; returns its manifest and whether it
    was imported here already (a genuine bundle stays genuine)."""
    opened = bundle.open_file(path)
    with store.read() as session:
        permissions.require(session, "sync.import")
        post, _first = _verified(session, opened, ledger=False)
        contents = bundle.decrypt(opened, trust.exchange_key(session), max_payload=max_payload)
        contents.check_photos()
        tables = records.decode_payload(load_payload(contents.payload))
        values.check_tables(tables)
        imported = session.get(SyncBundle, opened.manifest["id"]) is not None
        if not imported:  # would the import refuse a row of it? (nothing is set aside here)
            authority.check_bundle(session, tables, post.code)
    return opened.manifest, imported


def _verified(session: Session, opened: bundle.Opened, *, ledger: bool = True) -> tuple:
    m = opened.manifest
    post, first = trust.check_bundle_signer(session, m, opened.signer)
    if not bundle.verify_signature(opened):
        raise SyncRefused(_("Berkas ditolak: tanda tangan tidak sah atau isi diubah"))
    check_schema(m)
    _check_ranges(m)
    if ledger and session.get(SyncBundle, m["id"]) is not None:
        raise SyncRefused(
            _("Bundel ini sudah diimpor sebelumnya ({id}); tidak ada yang diubah", id=m["id"][:8])
        )
    return post, first


def import_bundle(
    store: Store,
    path: Path,
    *,
    receipt_dir: Path | None = None,
    write_receipt: bool = True,
    progress: Callable[[str, int, int], None] | None = None,
    max_payload: int | None = None,
    max_held: int | None = None,
) -> BundleOutcome:
    """Verify and apply one bundle at HQ, then write the post's receipt. Never raises
    SyncRefused: a refused bundle comes back with ``ok=False`` and the reason.
    ``max_payload`` and ``max_held`` lower the limits on the inflated payload
    (bundle.MAX_PAYLOAD) and on the post's held rows (merge.MAX_HELD_PER_POST)."""
    path = Path(path)
    sender = ""
    try:
        opened = bundle.open_file(path)
        m = opened.manifest
        with store.write() as session:
            permissions.require(session, "sync.import")
            post, first = _verified(session, opened)
            sender = post.code
            trust.register_own_instance(session)
            ranges = _check_ranges(m)
            contents = bundle.decrypt(opened, trust.exchange_key(session), max_payload=max_payload)
            doc = load_payload(contents.payload)
            del contents.payload  # parsed: its bytes are not needed while the rows apply
            tables = records.decode_payload(doc)
            _check_versions(tables, ranges)
            values.check_tables(tables)
            if first:
                exchange = m.get("exchange_key")
                if not isinstance(exchange, str):
                    raise SyncRefused(_("Berkas rusak: manifes tidak sah"))
                trust.enroll(session, post, opened.signer[0], exchange.encode("ascii"))
            for r in ranges:
                owner = session.get(SyncInstance, r["instance"])
                if owner is None:
                    session.add(
                        SyncInstance(instance=r["instance"], post_code=post.code, is_hq=False)
                    )
                elif owner.post_code != post.code or owner.is_hq:
                    raise SyncRefused(_("Berkas ditolak: versi data milik pos lain"))
            session.flush()
            _store_photos(store.photo_dir, doc.get("photos", []), contents)
            aside = authority.check_bundle(session, tables, post.code)
            merger = Merger(session, mode="hq", sender=post.code)
            merger.aside = aside
            # the post's audit trail: append-only at HQ, never merged like a record
            received = trail.receive(session, post.code, tables, m, opened.signer[0])
            for k, t in enumerate(tables):
                if t.info.name != "audit_entry":
                    merger.apply(t)
                if progress:
                    progress("apply", k + 1, len(tables))
            merger.retry_held()
            check_held(session, post.code, max_held)
            timestamps.stamp_register(session)  # time evidence for the reports that arrived
            created = _parse_time(m.get("created_at"))
            session.add(
                SyncBundle(
                    id=m["id"],
                    post_code=post.code,
                    created_at=created,
                    ranges=json.dumps(ranges),
                    summary=json.dumps(merger.counts.as_dict()),
                    file_name=path.name[:200],
                    sha256=opened.sha256,
                )
            )
            c = merger.counts
            audit.record(
                session,
                "import",
                record_type="bundle",
                record_id=m["id"],
                summary=(
                    f"Bundel pos {post.code} {path.name}: {c.new} baru, {c.updated} diperbarui, "
                    f"{c.unchanged} tidak berubah, {c.conflicts} konflik, {c.held} ditahan"
                    + (f", {c.set_aside} disisihkan untuk ditinjau" if c.set_aside else "")
                ),
            )
            counts = merger.counts.as_dict()
            counts["audit"] = received.new
        _note_imported(store, opened.sha256, m["id"])
    except RowRefused as exc:  # signed by a known post: the refusal stays in HQ's trail
        _record_refusal(store, path, sender, m["id"], str(exc))
        return BundleOutcome(path, False, str(exc), sender, m["id"])
    except SyncRefused as exc:
        return BundleOutcome(path, False, str(exc))
    except trust.pki.CertificateError as exc:
        return BundleOutcome(path, False, str(exc))
    if not write_receipt:
        return BundleOutcome(
            path, True, "", post.code, m["id"], counts, None, first, tuple(received.problems)
        )
    from okudesk.core.sync import receipt

    try:
        written = receipt.write_receipt(
            store, post.code, Path(receipt_dir) if receipt_dir else path.parent
        )
    except SyncRefused as exc:
        reason = str(exc)
    except OSError as exc:  # the stick is full, pulled out, read-only: the import stands
        reason = _("Tanda terima tidak dapat ditulis: {reason}", reason=exc.strerror or exc)
    else:
        return BundleOutcome(
            path, True, "", post.code, m["id"], counts, written, first, tuple(received.problems)
        )
    return BundleOutcome(
        path, True, reason, post.code, m["id"], counts, None, first, tuple(received.problems)
    )


def _note_imported(store: Store, sha256: str, bundle_id: str) -> None:
    """The bundle in the list beside an encrypted store (store/quick.py), so that the same
    file is refused again without a login; the import stands if it cannot be written."""
    if store.data_key is None:
        return
    try:
        quick.note_imported(store.data_dir, sha256, bundle_id)
    except OSError:
        log.warning("%s not updated", quick.IMPORTED_NAME, exc_info=True)


def _check_versions(tables: list[IncomingTable], ranges: list[dict]) -> None:
    """Every row version must lie in a range the signed manifest declares for this post."""
    spans = {r["instance"]: (r["from"], r["to"]) for r in ranges}
    for t in tables:
        i_inst, i_counter = t.info.index("change_instance"), t.info.index("change_counter")
        for r in t.rows:
            span = spans.get(r[i_inst])
            if span is None or not span[0] < r[i_counter] <= span[1]:
                raise SyncRefused(_("Berkas ditolak: versi data di luar rentang manifes"))


def _record_refusal(store: Store, path: Path, post_code: str, bundle_id: str, reason: str) -> None:
    """The whole import was rolled back; the refusal itself is written in its own transaction."""
    with store.write() as session:
        audit.record(
            session,
            "import_refused",
            record_type="bundle",
            record_id=bundle_id[:36],
            summary=f"Bundel pos {post_code} {path.name} ditolak: {reason}"[:1000],
        )


def _parse_time(text: object) -> datetime | None:
    if not isinstance(text, str):
        return None
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        return None
