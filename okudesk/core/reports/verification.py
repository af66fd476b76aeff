"""Is this signed report what the officer signed, and do we trust the officer's certificate?

Each signature comes out as exactly one of:

* ``valid``: intact, the file unchanged since (or only validation data added), and the
  certificate chains to a trusted anchor (this data folder's post CA, HQ's root, --trust);
* ``untrusted``: intact and unchanged, but the signer's certificate is not trusted here;
* ``modified``: a signed byte changed, the signature does not check, or an update added
  after signing changes the document (pyHanko's difference analysis: anything beyond
  adding validation data counts, even a comment).
"""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from cryptography import x509

from okudesk.core.errors import OkudeskError
from okudesk.core.i18n import _

if TYPE_CHECKING:
    from asn1crypto import x509 as asn1_x509
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation.status import PdfSignatureStatus

VALID, UNTRUSTED, MODIFIED, UNSIGNED = "valid", "untrusted", "modified", "unsigned"
KEYWORD_PREFIX = "okudesk-dokumen:"


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


@dataclass(frozen=True)
class PdfVerification:
    sha256: str
    document_id: str
    signatures: tuple[SignatureCheck, ...]

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


def verify_pdf(data: bytes, anchors: list[x509.Certificate]) -> PdfVerification:
    """Check every signature in ``data`` against ``anchors``."""
    if not data.lstrip()[:5].startswith(b"%PDF"):
        raise NotAPdf(_("Berkas ini bukan PDF"))
    from pyhanko.pdf_utils.misc import PdfReadError
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.general import UnacceptableSignerError
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko_certvalidator import ValidationContext

    from okudesk.core.reports.signing import asn1_cert

    digest = hashlib.sha256(data).hexdigest()
    try:
        reader = PdfFileReader(io.BytesIO(data), strict=False)
        embedded = list(reader.embedded_signatures)
        document_id = _document_id(reader)
    except (PdfReadError, ValueError, KeyError) as exc:
        raise OkudeskError(_("PDF rusak dan tidak dapat dibaca: {reason}", reason=exc)) from exc
    checks = []
    for sig in embedded:
        context = ValidationContext(
            trust_roots=[asn1_cert(a) for a in anchors],
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
        checks.append(_judge(sig.field_name, status))
    return PdfVerification(digest, document_id, tuple(checks))


def _judge(field_name: str, status: PdfSignatureStatus) -> SignatureCheck:
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
    )


def _document_id(reader: PdfFileReader) -> str:
    info = reader.trailer_view.get("/Info")
    if info is None:
        return ""
    keywords = str(info.get_object().get("/Keywords", ""))
    for word in keywords.split():
        if word.startswith(KEYWORD_PREFIX):
            return word[len(KEYWORD_PREFIX) :]
    return ""
