"""Make a report: gather the record, number it, render it, sign it, register it, keep it.

All of it happens in one write transaction, so a failure (wrong passphrase, missing
photo, full disk) leaves no number taken and no register row. The signed PDF is kept in
the data folder (``reports/<document id>.pdf``); printing a locked record again returns
that file instead of signing a second report of the same content.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from reportlab.lib.units import cm
from sqlalchemy.orm import Session

from okudesk.core import permissions, sealed
from okudesk.core.errors import OkudeskError
from okudesk.core.files import write_atomically
from okudesk.core.history import audit
from okudesk.core.i18n import _
from okudesk.core.models import Incident, Meeting, Report, utcnow
from okudesk.core.records import incidents, meetings, posts, register
from okudesk.core.records.meetings import MeetingDetail
from okudesk.core.reports import context, incident_report, meeting_report, numbering, pdf, signing
from okudesk.core.reports.verification import CONTENT_PREFIX, KEYWORD_PREFIX, NUMBER_PREFIX
from okudesk.core.security import credentials, timestamps
from okudesk.core.store import Store

KINDS = ("meeting", "incident")
Progress = Callable[[str, int], None]  # (what is happening, percent)


@dataclass(frozen=True)
class ReportResult:
    pdf: bytes
    document_id: str  # '' for a draft
    number: str
    kind: str
    record_id: str
    pages: int
    sha256: str
    signed: bool
    reused: bool = False  # the record was locked: this is the report signed before
    path: Path | None = None  # the kept copy in the data folder


def reports_dir(store: Store) -> Path:
    return store.data_dir / "reports"


def kept_path(store: Store, document_id: str) -> Path:
    return reports_dir(store) / f"{document_id}.pdf"


verification_code = register.verification_code


def _keywords(document_id: str, number: str, content_sha256: str) -> str:
    """What ``verify`` reads back from the signed revision (the QR code carries the same)."""
    from urllib.parse import quote

    return (
        f"{KEYWORD_PREFIX}{document_id} {NUMBER_PREFIX}{quote(number, safe='/-.')} "
        f"{CONTENT_PREFIX}{content_sha256}"
    )


def _canonical(value: object) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False, default=str, separators=(",", ":"))


def resolve_record_id(store: Store, kind: str, ref: str) -> str:
    """``latest``, a record ID, or a register number such as ``BTT-RPT-2026-0042``."""
    from sqlalchemy import select

    model = Meeting if kind == "meeting" else Incident
    with store.read() as s:
        if ref == "latest":
            found = (
                meetings.latest_meeting_id(s)
                if kind == "meeting"
                else incidents.latest_incident_id(s)
            )
        else:
            found = s.scalar(
                select(model.id).where(
                    (model.id == ref) | (model.number == ref), model.deleted_at.is_(None)
                )
            )
    if not found:
        raise OkudeskError(
            _("{kind} tidak ditemukan: {id}", kind=register.KIND_LABELS[kind], id=ref)
        )
    return found


def make_report(
    store: Store,
    kind: str,
    record_id: str,
    *,
    passphrase: str | None = None,
    draft: bool = False,
    officer_nrp: str | None = None,
    progress: Progress | None = None,
    today: date | None = None,
) -> ReportResult:
    """Generate (and unless ``draft``, sign and register) the report of one record."""
    if kind not in KINDS:
        raise OkudeskError(_("Jenis laporan tidak dikenal: {kind}", kind=kind))
    step = progress or (lambda _what, _pct: None)
    step(_("Mengumpulkan data"), 5)
    with store.write() as session:
        detail = (
            meetings.get_meeting(session, record_id)
            if kind == "meeting"
            else incidents.get_incident(session, record_id)
        )
        here = posts.this_post(session)
        if here is not None and here.is_hq:
            # HQ issues no report of its own for a post's record: the post's kept signed copy
            # when it travelled here, else (asked for a draft) a marked copy
            locked = register.locked_by(session, kind, record_id)
            if locked is not None and _kept_intact(store, locked):
                return _reuse(store, locked)
            refusal = signing_refusal(session, kind, record_id)
            if not draft and refusal:
                raise OkudeskError(refusal)
        elif not draft:
            locked = register.locked_by(session, kind, record_id)
            if locked is not None:
                return _reuse(store, locked)
        place = (
            meeting_report.where(detail)
            if isinstance(detail, MeetingDetail)
            else incident_report.where(detail)
        )
        ctx = context.build(
            session,
            store.photo_dir,
            kind=kind,
            record_id=record_id,
            reported_by_id=detail.reported_by_id,
            officer_nrp=officer_nrp,
            place=place,
            activity_at=(
                detail.starts_at if isinstance(detail, MeetingDetail) else detail.occurred_at
            ),
            origin_post=detail.origin_post,
        )
        identity = None
        if draft:
            permissions.require(session, "data.read")
        else:
            assert ctx.signer is not None  # only HQ has none, and HQ signs nothing (above)
            permissions.require_own_or(session, ctx.signer.id, "report.sign_own", "report.sign_any")
            if passphrase is None:
                raise OkudeskError(
                    _("Kata sandi penanda tangan diperlukan untuk menandatangani laporan")
                )
            step(_("Membuka kunci tanda tangan"), 10)
            identity = credentials.signing_identity(session, ctx.signer.id, passphrase)
        day = today or datetime.now(signing.WIB).date()
        cfg = ctx.settings
        class_code = cfg.class_code(kind)
        if ctx.copy_of:
            number = ""  # a copy takes no number: neither the post's nor HQ's
            document_id = ""
        elif draft:
            number = numbering.draft_number(
                cfg.number_template,
                when=day,
                class_code=class_code,
                post_code=ctx.post.code,
                security_class=cfg.security_class,
            )
            document_id = ""
        else:
            number, _value = numbering.next_number(
                session,
                cfg.number_template,
                when=day,
                class_code=class_code,
                post_code=ctx.post.code,
                security_class=cfg.security_class,
            )
            document_id = str(uuid.uuid4())
        body = (
            meeting_report.content(detail)
            if isinstance(detail, MeetingDetail)
            else incident_report.content(detail)
        )
        shown = {
            "kind": kind,
            "record_id": record_id,
            "document_id": document_id,
            "number": number,
            "body": body,
            "signer": [ctx.reporter.name, ctx.reporter.rank_and_nrp, ctx.reporter.position],
            "photos": [[p.path.stem, p.caption] for p in ctx.photos],
            "amends": ctx.amends.number if ctx.amends else "",
            "date": day.isoformat(),
        }
        content_sha256 = hashlib.sha256(_canonical(shown).encode()).hexdigest()
        cred = (
            credentials.credential(session, ctx.signer.id)
            if not draft and ctx.signer is not None
            else None
        )
        step(_("Menyusun dokumen"), 25)
        # Photos are cut down to print size on other threads while the text is laid out
        # (started after the database work: a thread holding the GIL slows every query).
        photo_flowables = pdf.photo_pages(
            list(ctx.photos),
            "DOKUMENTASI KEGIATAN" if kind == "meeting" else "DOKUMENTASI",
            record=detail.number,
        )
        slot = None if draft else pdf.SignatureSlot(pdf.TEXT_W / 2 - 0.6 * cm, 1.35 * cm)
        builder = meeting_report if kind == "meeting" else incident_report
        code = verification_code(content_sha256)
        closing = (
            []
            if draft
            else pdf.qr_block(
                # QR alphanumeric mode: smaller, quicker
                f"OKUDESK1:{document_id.upper()}:{number}:{content_sha256.upper()}",
                "Dokumen ini ditandatangani secara elektronik oleh "
                f"{pdf.esc(ctx.reporter.name.upper())}.<br/>"
                f"ID dokumen: {document_id}<br/>Nomor: {pdf.esc(number)}<br/>"
                f"Kode verifikasi: <b>{code}</b><br/>"
                f"Periksa keaslian dengan: okudesk verify BERKAS.pdf",
            )
        )
        story = builder.story(ctx, detail, number, pdf.long_date(day), slot, closing)
        story += photo_flowables
        title = meeting_report.TITLE if kind == "meeting" else incident_report.TITLE
        furniture = pdf.Furniture(
            document_id=document_id,
            verification_code=code,
            security_class=cfg.security_class,
            draft=draft,
            title=f"{ctx.heading(title)} {number or detail.number}",
            paper=cfg.paper,
            copy=bool(ctx.copy_of),
        )
        rendered = pdf.render(
            furniture,
            story,
            slot,
            author=ctx.reporter.name,
            subject=detail.number,
            keywords=_keywords(document_id, number, content_sha256) if document_id else "",
        )
        if draft:
            step(_("Selesai"), 100)
            return ReportResult(
                rendered.pdf,
                "",
                number,
                kind,
                record_id,
                rendered.pages,
                hashlib.sha256(rendered.pdf).hexdigest(),
                signed=False,
            )
        step(_("Menandatangani"), 70)
        assert identity is not None  # unlocked above for every report that is not a draft
        assert ctx.signer is not None
        if rendered.slot_page is None or rendered.slot_box is None:
            raise OkudeskError(
                _("Tempat tanda tangan tidak tercetak pada dokumen; laporan tidak ditandatangani")
            )
        signed_pdf = signing.sign_pdf(
            rendered.pdf,
            identity,
            page=rendered.slot_page,
            box=rendered.slot_box,
            name=ctx.reporter.name,
            reason=f"Laporan {number}",
            location=ctx.post.place_name or ctx.post.name,
        )
        digest = hashlib.sha256(signed_pdf).hexdigest()
        step(_("Mendaftarkan laporan"), 90)
        session.add(
            Report(
                id=document_id,
                kind=kind,
                record_id=record_id,
                number=number,
                security_class=cfg.security_class,
                signer_id=ctx.signer.id,
                signer_name=ctx.signer.name,
                signer_nrp=ctx.signer.nrp,
                certificate_sha256=cred.fingerprint if cred else "",
                content_sha256=content_sha256,
                sha256=digest,
                signed_at=utcnow(),
                pages=rendered.pages,
                amends_id=ctx.amends.id if ctx.amends else None,
            )
        )
        session.flush()
        timestamps.stamp(session, digest)  # at HQ, its own time evidence at once (elsewhere none)
        audit.record(
            session,
            "sign",
            record_type=kind,
            record_id=record_id,
            summary=number,
            changes={"report": [None, document_id], "sha256": [None, digest]},
        )
        path = kept_path(store, document_id)
        sealed.write(path, signed_pdf)  # sealed with the store's key (core/sealed.py)
    step(_("Selesai"), 100)
    return ReportResult(
        signed_pdf,
        document_id,
        number,
        kind,
        record_id,
        rendered.pages,
        digest,
        signed=True,
        path=path,
    )


def signing_refusal(session: Session, kind: str, record_id: str) -> str | None:
    """Why this installation may not sign the report of a record (said before anyone types a
    passphrase), or None. HQ signs none: a post's record is reported by the post."""
    here = posts.this_post(session)
    if here is None or not here.is_hq:
        return None
    row = session.get(Meeting, record_id) if kind == "meeting" else session.get(Incident, record_id)
    origin = row.origin_post if row is not None else ""
    if origin and origin != here.code:
        return _(
            "Laporan bertanda tangan data ini dibuat oleh pos {post}: salinan bertanda tangan "
            "yang disimpan pos itulah dokumennya. Di Polres data pos hanya dicetak sebagai "
            "SALINAN (tanpa nomor dan tanda tangan).",
            post=origin,
        )
    return _("Polres tidak menandatangani laporan; cetak sebagai SALINAN.")


def _kept_intact(store: Store, report: register.ReportInfo) -> bool:
    path = kept_path(store, report.id)
    try:
        return hashlib.sha256(sealed.read(path)).hexdigest() == report.sha256
    except OSError:
        return False


def _reuse(store: Store, report: register.ReportInfo) -> ReportResult:
    path = kept_path(store, report.id)
    try:
        data = sealed.read(path) if path.exists() else b""
    except OSError:
        data = b""
    if hashlib.sha256(data).hexdigest() != report.sha256:
        raise OkudeskError(
            _(
                "Laporan {number} sudah ditandatangani, tetapi salinannya di folder data hilang "
                "atau rusak; ubah data sebagai perubahan laporan untuk membuat laporan baru",
                number=report.number,
            )
        )
    return ReportResult(
        data,
        report.id,
        report.number,
        report.kind,
        report.record_id,
        report.pages,
        report.sha256,
        signed=True,
        reused=True,
        path=path,
    )


def write_output(path: Path, data: bytes) -> None:
    """Write a report where the user asked (written whole, then renamed into place)."""
    try:
        write_atomically(Path(path), data)
    except OSError as exc:
        raise OkudeskError(
            _("Berkas {path} tidak dapat ditulis: {reason}", path=path, reason=exc.strerror or exc)
        ) from exc
