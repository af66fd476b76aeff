"""The audit trail between a post and HQ: signed checkpoints and HQ's append-only copy.

A post's audit chain is unkeyed (okudesk/core/history/audit.py): whoever holds the file can
rewrite it consistently. What anchors it is HQ:

- every bundle carries a **checkpoint**, the post's tip (chain, seq, hash), signed with the
  key that signs the post's bundles;
- HQ's copy of a post's trail is **append-only and the reference**: a post may send only
  entries of its own chains, an entry once received is never changed, and an incoming
  different version of a known entry (or a different entry in a place HQ already holds) is
  refused and reported, never applied;
- HQ keeps the checkpoints it received; a new one that does not extend the last, or that
  names an entry HQ holds differently, means the post's history was rewritten, truncated
  or forked, and HQ says so (import result, sync page, ``audit verify --post``);
- the receipt carries back the checkpoint HQ holds, signed by HQ; the post keeps it and
  ``audit verify`` checks that the trail still holds it (audit.ACK_KEY).

docs/security.md, "The audit trail: append-only at HQ, anchored by checkpoints".
"""

from __future__ import annotations

import base64
import json
from dataclasses import dataclass, field
from datetime import datetime

from cryptography import x509
from cryptography.hazmat.primitives.asymmetric import ec
from sqlalchemy import select
from sqlalchemy.orm import Session

from okudesk.core.history import audit
from okudesk.core.i18n import _
from okudesk.core.models import AuditEntry, StoreMeta, SyncInstance, utcnow
from okudesk.core.security import pki
from okudesk.core.store.bulk import BulkWriter
from okudesk.core.sync import SyncRefused
from okudesk.core.sync.bundle import canonical
from okudesk.core.sync.records import IncomingTable

CHECKPOINT_FIELDS = ("post", "chain", "seq", "hash")
_HQ_KEY = "trail.{code}"  # store_meta at HQ: the post's checkpoints and what was found
_KEEP_HISTORY = 200  # checkpoints kept per post (the newest; every problem is kept apart)


@dataclass
class Received:
    """What HQ did with a bundle's trail: entries added and what it found wrong."""

    new: int = 0
    unchanged: int = 0
    problems: list[str] = field(default_factory=list)


# --- the post: its checkpoint ---------------------------------------------------------------


def checkpoint(session: Session, post_code: str, key: pki.PrivateKey) -> dict | None:
    """This database's tip as a signed checkpoint for a bundle (None: no entry yet)."""
    tip = audit.tip(session.connection())
    if tip is None:
        return None
    body = {"post": post_code, "chain": tip[0], "seq": tip[1], "hash": tip[2]}
    return dict(body, signature=base64.b64encode(pki.sign(key, canonical(body))).decode("ascii"))


def _body(cp: object) -> dict | None:
    if not isinstance(cp, dict):
        return None
    body = {k: cp.get(k) for k in CHECKPOINT_FIELDS}
    if not (
        isinstance(body["post"], str)
        and isinstance(body["chain"], str)
        and type(body["seq"]) is int
        and body["seq"] > 0
        and isinstance(body["hash"], str)
        and len(body["hash"]) == 64
    ):
        return None
    return body


def _signed_by(cp: dict, key: object, name: str = "signature") -> bool:
    body = _body(cp)
    sig = cp.get(name)
    if body is None or not isinstance(sig, str):
        return False
    try:
        raw = base64.b64decode(sig, validate=True)
    except ValueError:
        return False
    return isinstance(key, ec.EllipticCurvePublicKey) and pki.verify_signature(
        key, raw, canonical(body)
    )


# --- HQ: receiving a post's trail -------------------------------------------------------------


def _label(chain: str, seq: object) -> str:
    return f"{chain[:8]}#{seq}"


def _when(value: object) -> datetime | None:
    if isinstance(value, datetime):
        return value
    if not isinstance(value, str):
        return None
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        return None


def _row_hash(row: dict, at: datetime) -> str:
    return audit.entry_hash(
        id=row["id"],
        chain=row["chain"],
        seq=row["seq"],
        prev_hash=row["prev_hash"],
        at=at,
        origin_post=row["origin_post"],
        actor_id=row["actor_id"],
        actor_name=row["actor_name"],
        actor_role=row["actor_role"],
        action=row["action"],
        record_type=row["record_type"],
        record_id=row["record_id"],
        summary=row["summary"],
        changes=row["changes"],
    )


def receive(
    session: Session,
    post_code: str,
    tables: list[IncomingTable],
    manifest: dict,
    signer: x509.Certificate,
) -> Received:
    """Take the post's audit entries and checkpoint into HQ's append-only copy.

    Raises SyncRefused (the whole bundle) for entries of another post's chain and for a
    checkpoint the bundle's signer did not sign; everything else that disagrees with what
    HQ holds is kept out, reported in the result and remembered for the post."""
    result = Received()
    cp = manifest.get("checkpoint")
    if cp is not None and (not _signed_by(cp, signer.public_key()) or cp.get("post") != post_code):
        raise SyncRefused(_("Berkas ditolak: titik periksa rantai audit tidak sah"))
    own = set(
        session.scalars(
            select(SyncInstance.instance).where(
                SyncInstance.post_code == post_code, SyncInstance.is_hq.is_(False)
            )
        )
    )
    table = next((t for t in tables if t.info.name == "audit_entry"), None)
    if table is not None:
        _take_entries(session, post_code, table, own, result)
    _take_checkpoint(session, post_code, cp, manifest, own, result)
    return result


def _take_entries(
    session: Session, post_code: str, table: IncomingTable, own: set[str], result: Received
) -> None:
    columns = table.info.columns
    rows = [dict(zip(columns, r, strict=True)) for r in table.rows]
    for row in rows:
        if (
            not isinstance(row.get("chain"), str)
            or row["chain"] not in own
            or row.get("origin_post") not in (post_code, "", None)
            or row.get("change_instance") != row["chain"]
        ):
            raise SyncRefused(
                _(
                    "Berkas ditolak: entri audit {label} bukan dari rantai pos {code}",
                    label=_label(str(row.get("chain")), row.get("seq")),
                    code=post_code,
                )
            )
    if not rows:
        return
    ids = [r["id"] for r in rows]
    held_by_id: dict[str, AuditEntry] = {}
    for start in range(0, len(ids), 500):  # SQLite's limit on bound parameters
        chunk = ids[start : start + 500]
        for e in session.scalars(select(AuditEntry).where(AuditEntry.id.in_(chunk))):
            held_by_id[e.id] = e
    chains = list({r["chain"] for r in rows})
    taken: set[tuple[str, int]] = {
        (chain, seq)
        for chain, seq in session.execute(
            select(AuditEntry.chain, AuditEntry.seq).where(AuditEntry.chain.in_(chains))
        )
    }
    bulk = BulkWriter(session.connection())
    fresh: list[tuple] = []
    seen: set[str] = set(held_by_id)
    for raw, row in zip(table.rows, rows, strict=True):
        label = _label(row["chain"], row["seq"])
        at = _when(row.get("at"))
        good = (
            at is not None
            and type(row.get("seq")) is int
            and isinstance(row.get("prev_hash"), str)
            and _row_hash(row, at) == row.get("entry_hash")
        )
        held = held_by_id.get(row["id"])
        if held is None and row["id"] in seen:
            continue  # twice in one bundle: once is enough
        if held is not None:
            if (
                good
                and at is not None
                and held.entry_hash == row["entry_hash"]
                and _same(held, row, at)
            ):
                result.unchanged += 1
            else:
                result.problems.append(
                    _(
                        "entri audit {label} yang sudah diterima dikirim lagi dengan isi lain; "
                        "salinan Polres dipertahankan",
                        label=label,
                    )
                )
            continue
        if (row["chain"], row["seq"]) in taken:
            result.problems.append(
                _(
                    "di tempat entri audit {label} Polres sudah menyimpan entri lain (riwayat "
                    "ditulis ulang); entri baru tidak disimpan",
                    label=label,
                )
            )
            continue
        if not good:
            result.problems.append(
                _("entri audit {label} rusak (hash tidak cocok); tidak disimpan", label=label)
            )
            continue
        fresh.append(tuple(raw))
        taken.add((row["chain"], row["seq"]))
        seen.add(row["id"])
        result.new += 1
    bulk.insert(table.info.table, columns, fresh)


def _same(held: AuditEntry, row: dict, at: datetime) -> bool:
    return (
        held.chain == row["chain"]
        and held.seq == row["seq"]
        and held.prev_hash == row["prev_hash"]
        and held.at == at
    )


def _state(session: Session, post_code: str) -> dict:
    row = session.get(StoreMeta, _HQ_KEY.format(code=post_code))
    if row is None or not row.value:
        return {"last": None, "history": [], "problems": []}
    try:
        data = json.loads(row.value)
    except ValueError:
        data = {}
    return {
        "last": data.get("last"),
        "history": list(data.get("history", [])),
        "problems": list(data.get("problems", [])),
    }


def _save(session: Session, post_code: str, state: dict) -> None:
    key = _HQ_KEY.format(code=post_code)
    value = json.dumps(state, ensure_ascii=False, sort_keys=True)
    last = state.get("last") or {}
    row = session.get(StoreMeta, key)
    if row is None:
        session.add(StoreMeta(key=key, value=value, number=int(last.get("seq", 0))))
    else:
        row.value, row.number = value, int(last.get("seq", 0))
    session.flush()


def _links(session: Session, chains: set[str]) -> dict[str, str]:
    """entry hash -> previous hash for every entry HQ holds of these chains (all of a post's:
    a restored post's new chain links to its old one)."""
    return {
        digest: prev
        for digest, prev in session.execute(
            select(AuditEntry.entry_hash, AuditEntry.prev_hash).where(AuditEntry.chain.in_(chains))
        )
    }


def _take_checkpoint(
    session: Session,
    post_code: str,
    cp: dict | None,
    manifest: dict,
    own: set[str],
    result: Received,
) -> None:
    state = _state(session, post_code)
    now = utcnow().isoformat(timespec="seconds")
    if cp is None:
        result.problems.append(_("bundel tidak membawa titik periksa rantai audit"))
    else:
        body = _body(cp)
        assert body is not None  # checked in receive
        label = _label(body["chain"], body["seq"])
        held = session.scalar(
            select(AuditEntry.entry_hash).where(
                AuditEntry.chain == body["chain"], AuditEntry.seq == body["seq"]
            )
        )
        last = state["last"]
        if body["chain"] not in own:
            result.problems.append(
                _("titik periksa {label} menunjuk rantai yang bukan milik pos", label=label)
            )
        elif held is None:
            result.problems.append(
                _("titik periksa {label}: Polres tidak menyimpan entri itu", label=label)
            )
        elif held != body["hash"]:
            result.problems.append(
                _(
                    "titik periksa {label} tidak cocok dengan entri yang disimpan Polres "
                    "(riwayat ditulis ulang)",
                    label=label,
                )
            )
        elif last is not None and last["hash"] != body["hash"]:
            links = _links(session, own)
            if not audit.descends(links, body["hash"], last["hash"]):
                result.problems.append(
                    _(
                        "titik periksa {new} tidak melanjutkan titik periksa sebelumnya {old}: "
                        "riwayat audit pos ditulis ulang, dipotong atau bercabang",
                        new=label,
                        old=_label(last["chain"], last["seq"]),
                    )
                )
        entry = dict(cp, received_at=now, bundle=str(manifest.get("id", ""))[:32])
        state["history"] = (state["history"] + [entry])[-_KEEP_HISTORY:]
        if held is not None and held == body["hash"]:
            state["last"] = entry  # the newest checkpoint whose entry HQ holds
    if result.problems:
        state["problems"] = state["problems"] + [
            {"at": now, "bundle": str(manifest.get("id", ""))[:32], "problem": p}
            for p in result.problems
        ]
    _save(session, post_code, state)


def problems(session: Session, post_code: str) -> list[str]:
    """Everything HQ found wrong with this post's trail, oldest first (kept for good)."""
    return [
        f"{p.get('at', '')}: {p.get('problem', '')}" for p in _state(session, post_code)["problems"]
    ]


def verify_post(session: Session, post_code: str) -> list[str]:
    """HQ: what ``audit verify --post`` adds to the chain check: the problems found at
    import, and whether HQ still holds, unchanged, the last checkpoint it received."""
    found = problems(session, post_code)
    last = _state(session, post_code)["last"]
    if last is not None:
        held = session.scalar(
            select(AuditEntry.entry_hash).where(
                AuditEntry.chain == last["chain"], AuditEntry.seq == last["seq"]
            )
        )
        if held != last["hash"]:
            found.append(
                _(
                    "entri {label} dari titik periksa terakhir pos tidak ada atau berubah di "
                    "basis data Polres",
                    label=_label(last["chain"], last["seq"]),
                )
            )
    return found


# --- the receipt: HQ's acknowledgement back to the post --------------------------------------


def acknowledgement(session: Session, post_code: str, key: pki.PrivateKey) -> dict | None:
    """HQ: the last checkpoint it holds for the post, signed by HQ, for the receipt."""
    last = _state(session, post_code)["last"]
    body = _body(last)
    if body is None:
        return None
    sig = base64.b64encode(pki.sign(key, canonical(body))).decode("ascii")
    return dict(body, hq_signature=sig)


def keep_acknowledgement(
    session: Session, post_code: str, ack: object, hq_root: x509.Certificate
) -> bool:
    """The post: keep the checkpoint HQ acknowledged (signed by HQ's root) for ``audit
    verify``; returns whether it was kept. One that is not HQ's, or not this post's, is
    refused with the receipt."""
    if ack is None:
        return False
    if (
        not isinstance(ack, dict)
        or ack.get("post") != post_code
        or not _signed_by(ack, hq_root.public_key(), "hq_signature")
    ):
        raise SyncRefused(_("Berkas ditolak: titik periksa rantai audit dari Polres tidak sah"))
    body = _body(ack)
    assert body is not None
    current = audit.acknowledged(session.connection())
    if current is not None and current[0] == body["chain"] and current[1] > body["seq"]:
        return False  # an older receipt applied late: keep the newer acknowledgement
    value = json.dumps(dict(body, hq_signature=ack["hq_signature"]), sort_keys=True)
    row = session.get(StoreMeta, audit.ACK_KEY)
    if row is None:
        session.add(StoreMeta(key=audit.ACK_KEY, value=value, number=body["seq"]))
    else:
        row.value, row.number = value, body["seq"]
    session.flush()
    return True
