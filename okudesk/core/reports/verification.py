"""Is this signed report what the officer signed, and do we trust the officer's certificate?

Each signature comes out as exactly one of:

* ``valid``: intact, the file unchanged since (or only validation data added), and the
  certificate chains to a trusted anchor (this data folder's post CA, HQ's root, --trust);
* ``untrusted``: intact and unchanged, but the signer's certificate is not trusted here;
* ``modified``: a signed byte changed, the signature does not check, or an update added
  after signing changes the document (pyHanko's difference analysis: anything beyond
  adding validation data counts, even a comment; and, stricter than pyHanko, which lets
  /Info and XMP metadata change freely, any change to either after signing).

What the report says about itself (document ID, number, title, content hash) is read from
the revision the officer signed, never from a later /Info or XMP. The register check
(:func:`check_register`) then looks the document ID up in this data folder's register and
compares the signer, the content hash (the one the QR code carries) and the number, so a
page changed and re-signed by another trusted officer is not "valid".
"""

from __future__ import annotations

import hashlib
import io
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from cryptography import x509

from okudesk.core.errors import OkudeskError
from okudesk.core.i18n import _
from okudesk.core.security import offline

if TYPE_CHECKING:
    from asn1crypto import x509 as asn1_x509
    from pyhanko.pdf_utils.reader import HistoricalResolver, PdfFileReader
    from pyhanko.sign.validation.status import PdfSignatureStatus
    from sqlalchemy.orm import Session

    from okudesk.core.records.register import ReportInfo

offline.install()  # pyHanko without requests (nothing here fetches)

VALID, UNTRUSTED, MODIFIED, UNSIGNED = "valid", "untrusted", "modified", "unsigned"
MISMATCH = "mismatch"  # a good signature, but not on what the register holds for this ID
KEYWORD_PREFIX = "okudesk-dokumen:"
CONTENT_PREFIX = "okudesk-isi:"  # the content hash, the same one the QR code carries
NUMBER_PREFIX = "okudesk-nomor:"  # the number, percent-encoded (a template may hold spaces)
# The register check's outcome
IDENTICAL, DIFFERS, SUPERSEDED, NOT_REGISTERED = (
    "identical",
    "differs",
    "superseded",
    "not_registered",
)


class NotAPdf(OkudeskError):
    pass


@dataclass(frozen=True)
class SignatureCheck:
    field_name: str
    signer_name: str
    nrp: str
    signed_at: datetime | None
    verdict: str
    intact: bool
    valid: bool
    trusted: bool
    modification: str
    detail: str
    certificate_sha256: str = ""
    signed_sha256: str = ""  # SHA-256 of the file as it was when this signature was made
    stamped_at: datetime | None = None  # HQ's time-stamp token's time (UTC), when one checks
    revoked_at: datetime | None = None  # when a certificate on the signer's path was revoked


@dataclass(frozen=True)
class SignedClaims:
    """What the signed revision says about itself."""

    document_id: str = ""
    number: str = ""
    title: str = ""
    content_sha256: str = ""


@dataclass(frozen=True)
class PdfVerification:
    sha256: str
    document_id: str
    signatures: tuple[SignatureCheck, ...]
    claims: SignedClaims = SignedClaims()

    @property
    def report_signature(self) -> SignatureCheck | None:
        """The officer's signature: the report's own field, else the earliest."""
        from okudesk.core.reports.signing import FIELD_NAME

        named = [s for s in self.signatures if s.field_name == FIELD_NAME]
        found = named or list(self.signatures)
        return found[0] if found else None

    @property
    def verdict(self) -> str:
        if not self.signatures:
            return UNSIGNED
        verdicts = {s.verdict for s in self.signatures}
        for v in (MODIFIED, UNTRUSTED):
            if v in verdicts:
                return v
        return VALID


def _name_part(cert: asn1_x509.Certificate | None, key: str) -> str:
    return str(cert.subject.native.get(key, "")) if cert is not None else ""


def verify_pdf(
    data: bytes,
    anchors: list[x509.Certificate],
    *,
    moment: datetime | None = None,
    evidence: Callable[[str], datetime | None] | None = None,
    revoked: Mapping[str, datetime] | None = None,
) -> PdfVerification:
    """Check every signature in ``data`` against ``anchors`` at ``moment`` (now if None).

    ``evidence`` gives the trusted time (naive UTC) for a signed file's SHA-256, or None
    (HQ's time-stamp tokens, :func:`verify_here`): a signature with one is judged at that
    time, so it stays valid after its certificate expires. ``revoked`` maps certificate
    SHA-256s and key IDs to when they were revoked: a signature whose path holds one is
    valid only when its trusted time (or, without one, ``moment``) is before that.
    """
    if not data.lstrip()[:5].startswith(b"%PDF"):
        raise NotAPdf(_("Berkas ini bukan PDF"))
    from pyhanko.pdf_utils.misc import PdfReadError
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.general import UnacceptableSignerError
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko_certvalidator import ValidationContext

    from okudesk.core.reports.signing import FIELD_NAME, asn1_cert

    digest = hashlib.sha256(data).hexdigest()
    try:
        reader = PdfFileReader(io.BytesIO(data), strict=False)
        embedded = list(reader.embedded_signatures)
        own = [s for s in embedded if s.field_name == FIELD_NAME] or embedded
        claims = _claims(reader, own[0].signed_revision) if own else SignedClaims()
    except (PdfReadError, ValueError, KeyError, TypeError) as exc:
        raise OkudeskError(_("PDF rusak dan tidak dapat dibaca: {reason}", reason=exc)) from exc
    checks = []
    for sig in embedded:
        signed_sha256 = _signed_sha256(data, sig.byte_range)
        stamped = evidence(signed_sha256) if evidence is not None and signed_sha256 else None
        context = ValidationContext(
            trust_roots=[asn1_cert(a) for a in anchors],
            moment=stamped.replace(tzinfo=UTC) if stamped else moment,
            allow_fetching=False,
            revocation_mode="soft-fail",
        )
        try:
            status = validate_pdf_signature(sig, context)
        except (PdfReadError, UnacceptableSignerError, ValueError, KeyError) as exc:
            checks.append(
                SignatureCheck(
                    sig.field_name, "", "", None, MODIFIED, False, False, False, "", str(exc)
                )
            )
            continue
        check = _judge(sig.field_name, status, signed_sha256)
        check = _in_time(check, status, stamped, moment, revoked or {})
        if check.verdict in (VALID, UNTRUSTED):
            changed = _metadata_changed_since(reader, sig.signed_revision)
            if changed:
                check = replace(check, verdict=MODIFIED, detail=changed)
        checks.append(check)
    return PdfVerification(digest, claims.document_id, tuple(checks), claims)


def _signed_sha256(data: bytes, byte_range: object) -> str:
    try:
        _start, _len1, start2, len2 = (int(v) for v in byte_range)  # type: ignore[attr-defined]
    except (TypeError, ValueError):
        return ""
    return hashlib.sha256(data[: start2 + len2]).hexdigest()


def _judge(field_name: str, status: PdfSignatureStatus, signed_sha256: str) -> SignatureCheck:
    from pyhanko.sign.diff_analysis import ModificationLevel

    cert = status.signing_cert
    level = status.modification_level
    untouched = (
        level in (None, ModificationLevel.NONE, ModificationLevel.LTA_UPDATES)
        and status.docmdp_ok is not False
    )
    if not (status.intact and status.valid):
        verdict, detail = MODIFIED, _("isi yang ditandatangani telah berubah")
    elif not untouched:
        verdict, detail = (
            MODIFIED,
            _(
                "dokumen diubah setelah ditandatangani ({level})",
                level=level.name if level else "?",
            ),
        )
    elif not status.trusted:
        verdict, detail = UNTRUSTED, _("sertifikat penanda tangan tidak dipercaya di sini")
    else:
        verdict, detail = VALID, ""
    return SignatureCheck(
        field_name,
        _name_part(cert, "common_name"),
        _name_part(cert, "serial_number"),
        status.signer_reported_dt,
        verdict,
        bool(status.intact),
        bool(status.valid),
        bool(status.trusted),
        level.name if level else "",
        detail,
        hashlib.sha256(cert.dump()).hexdigest() if cert is not None else "",
        signed_sha256,
    )


def _utc(moment: datetime | None) -> datetime:
    """``moment`` (now if None) as naive UTC, the way the database keeps times."""
    when = moment or datetime.now(UTC)
    return when.astimezone(UTC).replace(tzinfo=None) if when.tzinfo else when


def _in_time(
    check: SignatureCheck,
    status: PdfSignatureStatus,
    stamped: datetime | None,
    moment: datetime | None,
    revoked: Mapping[str, datetime],
) -> SignatureCheck:
    """Judge the signature by time: its trusted time (HQ's token) or, without one, the
    validation moment, against the signer's certificate's expiry and any revocation."""
    check = replace(check, stamped_at=stamped)
    when = stamped or _utc(moment)
    path = status.validation_path
    if check.verdict == VALID and path is not None:
        certs = list(path.iter_certs(include_root=True))
        found = [
            revoked[k]
            for c in certs
            for k in (
                hashlib.sha256(c.dump()).hexdigest(),
                hashlib.sha256(c.public_key.dump()).hexdigest(),
            )
            if k in revoked
        ]
        if found and when >= min(found):
            at = min(found)
            return replace(
                check,
                verdict=UNTRUSTED,
                revoked_at=at,
                detail=(
                    _(
                        "sertifikat dicabut {when}; cap waktu Polres {stamp} sesudahnya",
                        when=_local(at),
                        stamp=_local(stamped),
                    )
                    if stamped
                    else _(
                        "sertifikat dicabut {when}; tidak ada cap waktu Polres yang membuktikan "
                        "tanda tangan dibuat sebelumnya",
                        when=_local(at),
                    )
                ),
            )
        if found:
            check = replace(check, revoked_at=min(found))
    if check.verdict == VALID and stamped is not None:
        return replace(
            check,
            detail=_(
                "sah pada waktu penandatanganan (cap waktu Polres {time})", time=_local(stamped)
            ),
        )
    cert = status.signing_cert
    if check.verdict == UNTRUSTED and cert is not None and stamped is None:
        expiry = cert["tbs_certificate"]["validity"]["not_after"].native
        if _utc(expiry) < when:
            return replace(
                check,
                detail=_(
                    "sertifikat penanda tangan kedaluwarsa {when}, dan tidak ada cap waktu "
                    "Polres yang membuktikan tanda tangan dibuat sebelumnya",
                    when=_local(_utc(expiry)),
                ),
            )
    return check


def _local(when: datetime | None) -> str:
    """A naive UTC time as people here read it (the post's zone, WIB)."""
    from okudesk.core.reports.signing import WIB

    if when is None:
        return "-"
    return when.replace(tzinfo=UTC).astimezone(WIB).strftime("%d-%m-%Y %H:%M WIB")


def verify_here(
    session: Session,
    data: bytes,
    extra: list[x509.Certificate] | None = None,
    *,
    moment: datetime | None = None,
) -> PdfVerification:
    """:func:`verify_pdf` with what this installation knows: its trust anchors (and
    ``extra``), HQ's time-stamp tokens kept here, and the revocations it has heard of."""
    from okudesk.core.security import credentials, timestamps

    anchors = credentials.trust_anchors(session)
    root = credentials.hq_root(session)
    tsa_anchors = [root] if root is not None else []

    def evidence(sha256_hex: str) -> datetime | None:
        return timestamps.trusted_time(session, sha256_hex, tsa_anchors, moment=moment)

    return verify_pdf(
        data,
        anchors + list(extra or []),
        moment=moment,
        evidence=evidence if tsa_anchors else None,
        revoked=timestamps.revocation_times(session),
    )


# Every writer stamps these on each save, also one that only adds validation data
WRITER_STAMPS = {"/ModDate", "/Producer"}


def _resolved(resolver: HistoricalResolver, value: object) -> object:
    """``value`` as it was in the resolver's revision (IndirectObject.get_object() would
    give the newest version)."""
    from pyhanko.pdf_utils import generic

    if isinstance(value, generic.IndirectObject):
        return resolver.get_object(value.reference)
    return value


def _info_of(resolver: HistoricalResolver) -> dict[str, str]:
    info = resolver.trailer_view.raw_get("/Info") if "/Info" in resolver.trailer_view else None
    found = _resolved(resolver, info)
    if not isinstance(found, dict):
        return {}
    return {
        str(k): str(_resolved(resolver, found.raw_get(k)))  # type: ignore[attr-defined]
        for k in found
        if k not in WRITER_STAMPS
    }


# pyHanko rewrites the XMP packet on every save with its time and name, also when it only
# adds validation data: those stamps are not what the document says.
_XMP_STAMPS = re.compile(
    rb'\s(?:xmp:ModifyDate|xmp:MetadataDate|pdf:Producer|x:xmptk)\s*=\s*"[^"]*"'
    rb"|<(xmp:ModifyDate|xmp:MetadataDate|pdf:Producer)>[^<]*</\1>"
)


def _xmp_of(resolver: HistoricalResolver) -> bytes | None:
    root = resolver.get_object(resolver.root_ref)
    if "/Metadata" not in root:
        return None
    metadata = _resolved(resolver, root.raw_get("/Metadata"))
    data = bytes(getattr(metadata, "data", b"")) or b"?"
    return b" ".join(_XMP_STAMPS.sub(b"", data).split())


def _revision(reader: PdfFileReader, revision: int | None = None) -> HistoricalResolver:
    last = reader.xrefs.total_revisions - 1
    return reader.get_historical_resolver(last if revision is None else revision)


def _claims(reader: PdfFileReader, revision: int) -> SignedClaims:
    """Document ID, number, title and content hash as the signed revision has them."""
    from urllib.parse import unquote

    info = _info_of(_revision(reader, revision))
    found = {KEYWORD_PREFIX: "", CONTENT_PREFIX: "", NUMBER_PREFIX: ""}
    for word in info.get("/Keywords", "").split():
        for prefix in found:
            if word.startswith(prefix) and not found[prefix]:
                found[prefix] = word[len(prefix) :]
    return SignedClaims(
        document_id=found[KEYWORD_PREFIX],
        number=unquote(found[NUMBER_PREFIX]),
        title=info.get("/Title", ""),
        content_sha256=found[CONTENT_PREFIX].lower(),
    )


def _metadata_changed_since(reader: PdfFileReader, revision: int) -> str:
    """Why /Info or the XMP metadata now differ from the signed revision, or ''."""
    signed, latest = _revision(reader, revision), _revision(reader)
    if _info_of(signed) != _info_of(latest):
        return _("keterangan dokumen (/Info) diubah setelah ditandatangani")
    if _xmp_of(signed) != _xmp_of(latest):
        return _("metadata XMP diubah setelah ditandatangani")
    return ""


# --- the register ----------------------------------------------------------------------------


@dataclass(frozen=True)
class RegisterCheck:
    """How a verified PDF compares with this data folder's register of signed reports."""

    entry: ReportInfo | None
    differences: tuple[str, ...] = ()  # what differs, one line each (translated)
    superseded_by: ReportInfo | None = None  # the newest amendment of this report

    @property
    def state(self) -> str:
        if self.entry is None:
            return NOT_REGISTERED
        if self.differences:
            return DIFFERS
        return SUPERSEDED if self.superseded_by is not None else IDENTICAL


def check_register(session: Session, result: PdfVerification) -> RegisterCheck:
    """Look the report up by the document ID it signed, and say what differs."""
    from okudesk.core.records import register

    document_id = result.claims.document_id
    entry = register.find(session, document_id=document_id) if document_id else None
    if entry is None:
        return RegisterCheck(None)
    sig = result.report_signature
    differences: list[str] = []
    if sig is None or sig.signed_sha256 != entry.sha256:
        if sig is None or (sig.nrp, sig.certificate_sha256) != (
            entry.signer_nrp,
            entry.certificate_sha256,
        ):
            differences.append(
                _(
                    "penanda tangan: berkas {found}, register {registered}",
                    found=f"{sig.signer_name} ({sig.nrp})" if sig else "-",
                    registered=f"{entry.signer_name} ({entry.signer_nrp})",
                )
            )
        if result.claims.content_sha256 != entry.content_sha256:
            differences.append(
                _(
                    "hash isi: berkas {found}, register {registered}",
                    found=result.claims.content_sha256[:16] or "-",
                    registered=entry.content_sha256[:16],
                )
            )
        if result.claims.number != entry.number:
            differences.append(
                _(
                    "nomor: berkas {found}, register {registered}",
                    found=result.claims.number or "-",
                    registered=entry.number,
                )
            )
        if not differences:  # same claims, other bytes: still not the file that was signed
            differences.append(_("isi berkas tidak sama byte demi byte dengan yang didaftarkan"))
    return RegisterCheck(entry, tuple(differences), register.newest_amendment(session, entry.id))


def overall_verdict(result: PdfVerification, check: RegisterCheck | None) -> str:
    """The signature's verdict, except that a good signature on something other than what
    the register holds for that document ID is a :data:`MISMATCH`."""
    verdict = result.verdict
    if verdict in (VALID, UNTRUSTED) and check is not None and check.state == DIFFERS:
        return MISMATCH
    return verdict
