"""The register of signed reports, and the lock it puts on the records they show.

Once a report is signed, the meeting or incident it shows is locked: a plain update is
refused. A change must be made as an amendment (with a reason); the next signed report
of that record amends the previous one and gets its own number. The old PDF is left as
it was and still verifies.
"""

from __future__ import annotations

import base64
import re
from dataclasses import dataclass
from datetime import UTC, datetime, timezone

from sqlalchemy import select
from sqlalchemy.orm import Session

from okudesk.core.errors import NotFound, ValidationError
from okudesk.core.i18n import _
from okudesk.core.models import Incident, Meeting, Report, ReportAmendment

KIND_LABELS = {"meeting": "Rapat", "incident": "Kejadian"}


class RecordLocked(ValidationError):
    """The record is shown in a signed report; change it as an amendment."""


@dataclass(frozen=True)
class ReportInfo:
    id: str  # the document ID
    kind: str
    record_id: str
    number: str
    security_class: str
    signer_id: str | None
    signer_name: str
    signer_nrp: str
    sha256: str
    content_sha256: str
    signed_at: datetime
    pages: int
    amends_id: str | None
    origin_post: str
    certificate_sha256: str = ""


def info(r: Report) -> ReportInfo:
    return ReportInfo(
        r.id,
        r.kind,
        r.record_id,
        r.number,
        r.security_class,
        r.signer_id,
        r.signer_name,
        r.signer_nrp,
        r.sha256,
        r.content_sha256,
        r.signed_at,
        r.pages,
        r.amends_id,
        r.origin_post,
        r.certificate_sha256,
    )


def reports_of(session: Session, kind: str, record_id: str) -> list[ReportInfo]:
    """Signed reports of one record, oldest first."""
    stmt = (
        select(Report)
        .where(Report.kind == kind, Report.record_id == record_id, Report.deleted_at.is_(None))
        .order_by(Report.signed_at, Report.change_counter)
    )
    return [info(r) for r in session.scalars(stmt)]


def latest_report(session: Session, kind: str, record_id: str) -> ReportInfo | None:
    found = reports_of(session, kind, record_id)
    return found[-1] if found else None


def find(
    session: Session, *, document_id: str | None = None, sha256: str | None = None
) -> ReportInfo | None:
    if document_id:
        r = session.get(Report, document_id)
        return info(r) if r is not None else None
    r = session.scalar(select(Report).where(Report.sha256 == sha256).limit(1))
    return info(r) if r is not None else None


def newest_amendment(session: Session, document_id: str) -> ReportInfo | None:
    """The newest signed report that amends this one (directly or along a chain), or None."""
    newest = None
    seen = {document_id}
    current = document_id
    while True:
        r = session.scalar(
            select(Report)
            .where(Report.amends_id == current, Report.deleted_at.is_(None))
            .order_by(Report.signed_at.desc(), Report.change_counter.desc())
            .limit(1)
        )
        if r is None or r.id in seen:
            return newest
        newest, current = info(r), r.id
        seen.add(r.id)


def verification_code(content_sha256: str) -> str:
    """The short code printed on every page, from the hash of what the report shows:
    ``ABCD-EFGH`` (40 bits: enough to tell the reports of one regency apart)."""
    code = base64.b32encode(bytes.fromhex(content_sha256)[:5]).decode()
    return f"{code[:4]}-{code[4:]}"


QR_PREFIX = "OKUDESK1:"
_CODE = re.compile(r"^[A-Z2-7]{8}$")


@dataclass(frozen=True)
class CodeLookup:
    """What the register says about a code read from a paper copy."""

    report: ReportInfo
    record_number: str  # the meeting's or incident's own register number
    superseded_by: ReportInfo | None


def find_by_code(session: Session, text: str) -> list[CodeLookup]:
    """Reports whose verification code (``ABCD-EFGH``, dash and case optional) or QR text
    (``OKUDESK1:ID:NUMBER:HASH``) is ``text``. ValidationError for text that is neither."""
    raw = (text or "").strip().upper()
    if raw.startswith(QR_PREFIX):
        parts = raw[len(QR_PREFIX) :].split(":")
        if len(parts) < 3:
            raise ValidationError(_("Teks kode QR tidak lengkap"), "code")
        document_id, content = parts[0].lower(), parts[-1].lower()
        r = session.get(Report, document_id)
        found = [r] if r is not None and r.content_sha256 == content else []
    else:
        code = re.sub(r"[\s-]", "", raw)
        if not _CODE.match(code):
            raise ValidationError(
                _("Kode verifikasi terdiri dari 8 huruf/angka, misalnya ABCD-EFGH"), "code"
            )
        wanted = f"{code[:4]}-{code[4:]}"
        found = [
            r
            for r in session.scalars(select(Report).where(Report.deleted_at.is_(None)))
            if r.content_sha256 and verification_code(r.content_sha256) == wanted
        ]
    out = []
    for r in sorted(found, key=lambda r: r.signed_at):
        number = (
            session.scalar(select(Meeting.number).where(Meeting.id == r.record_id))
            if r.kind == "meeting"
            else session.scalar(select(Incident.number).where(Incident.id == r.record_id))
        )
        out.append(CodeLookup(info(r), number or "", newest_amendment(session, r.id)))
    return out


def code_lines(hit: CodeLookup) -> list[str]:
    """What a code found in the register says, line by line (the command line and the GUI's
    "Periksa kode verifikasi" show the same): code, number, record, signer and time (WIB),
    and whether an amendment superseded it."""
    from okudesk.core import clock

    r = hit.report
    when = r.signed_at if r.signed_at.tzinfo else r.signed_at.replace(tzinfo=UTC)  # stored UTC
    local = when.astimezone(timezone(clock.POST_UTC_OFFSET, clock.POST_ZONE_NAME))
    lines = [
        _("Kode verifikasi: {code}", code=verification_code(r.content_sha256)),
        _("Laporan nomor {number}", number=r.number),
        _(
            "Tentang: {kind} {number}",
            kind=KIND_LABELS.get(r.kind, r.kind),
            number=hit.record_number or r.record_id,
        ),
        _(
            "Ditandatangani oleh {name} (NRP {nrp}) pada {when}",
            name=r.signer_name,
            nrp=r.signer_nrp,
            when=local.strftime(f"%d-%m-%Y %H:%M {clock.POST_ZONE_NAME}"),
        ),
    ]
    if hit.superseded_by is None:
        lines.append(_("Status: berlaku"))
    else:
        lines.append(
            _(
                "Status: sudah diganti oleh perubahan laporan nomor {number}",
                number=hit.superseded_by.number,
            )
        )
    return lines


def list_reports(session: Session, *, limit: int = 500) -> list[ReportInfo]:
    stmt = (
        select(Report)
        .where(Report.deleted_at.is_(None))
        .order_by(Report.signed_at.desc())
        .limit(limit)
    )
    return [info(r) for r in session.scalars(stmt)]


def subjects(session: Session, reports: list[ReportInfo]) -> dict[str, str]:
    """record ID -> what a report is about, as staff know it: the record's number and its
    purpose (a meeting) or title (an incident)."""
    out: dict[str, str] = {}
    for model, text in ((Meeting, Meeting.purpose), (Incident, Incident.title)):
        kind = "meeting" if model is Meeting else "incident"
        ids = {r.record_id for r in reports if r.kind == kind}
        if not ids:
            continue
        for record_id, number, about in session.execute(
            select(model.id, model.number, text).where(model.id.in_(ids))
        ):
            first = " ".join((about or "").split())
            out[record_id] = f"{number} · {first[:80]}" if first else number
    return out


def open_amendment(session: Session, kind: str, record_id: str) -> ReportAmendment | None:
    """The amendment opened since the latest signed report, if any."""
    latest = latest_report(session, kind, record_id)
    if latest is None:
        return None
    return session.scalar(
        select(ReportAmendment)
        .where(ReportAmendment.report_id == latest.id, ReportAmendment.deleted_at.is_(None))
        .limit(1)
    )


def locked_by(session: Session, kind: str, record_id: str) -> ReportInfo | None:
    """The signed report that locks the record, or None when it may be changed."""
    latest = latest_report(session, kind, record_id)
    if latest is None or open_amendment(session, kind, record_id) is not None:
        return None
    return latest


def ensure_editable(
    session: Session, kind: str, record_id: str, amendment_reason: str | None = None
) -> None:
    """Called by the services before they change a record.

    Unlocked: nothing happens. Locked and no reason: :class:`RecordLocked`. Locked with a
    reason: an amendment is opened and the change may go ahead.
    """
    report = locked_by(session, kind, record_id)
    if report is None:
        return
    reason = (amendment_reason or "").strip()
    if not reason:
        raise RecordLocked(
            _(
                "{kind} ini sudah ditandatangani dalam laporan {number}; perubahan hanya dapat "
                "dibuat sebagai perubahan laporan (amandemen) dengan alasan",
                kind=KIND_LABELS.get(kind, kind),
                number=report.number,
            ),
            "amendment_reason",
        )
    session.add(
        ReportAmendment(report_id=report.id, kind=kind, record_id=record_id, reason=reason[:2000])
    )
    session.flush()


def amendment_reason(session: Session, kind: str, record_id: str) -> tuple[ReportInfo, str] | None:
    """(the report being amended, why) for the next report of this record, if it is an amendment."""
    amendment = open_amendment(session, kind, record_id)
    if amendment is None:
        return None
    r = session.get(Report, amendment.report_id)
    if r is None:
        raise NotFound(_("{kind} tidak ditemukan: {id}", kind="Laporan", id=amendment.report_id))
    return info(r), amendment.reason
