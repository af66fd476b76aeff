"""PAdES signatures with pyHanko: the officer's ECDSA P-256 key signs the finished PDF.

Signing is a separate step on the finished bytes (an incremental update), with a visible
stamp in the room the report left for it: "Ditandatangani secara elektronik oleh NAME".
"""

from __future__ import annotations

import io
from datetime import datetime, timedelta, timezone

from asn1crypto import keys as asn1_keys
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import serialization

from okudesk.core.errors import OkudeskError
from okudesk.core.i18n import _
from okudesk.core.security import offline, pki

FIELD_NAME = "TandaTanganPelapor"
# Room for the CMS signature: an ECDSA signature and three certificates need about 3 KB.
# Saying so spares pyHanko a dry-run signature to measure it (a third of the signing time).
BYTES_RESERVED = 12_288
STAMP_TEXT = "Ditandatangani secara elektronik oleh\n%(nama)s,\n%(waktu)s"
WIB = timezone(timedelta(hours=7), "WIB")  # Ogan Komering Ulu; fixed, Windows has no tz database

offline.install()  # pyHanko without requests (nothing here fetches)


def asn1_cert(cert: x509.Certificate) -> asn1_x509.Certificate:
    return asn1_x509.Certificate.load(cert.public_bytes(serialization.Encoding.DER))


def _stamp_font():
    from pyhanko.pdf_utils.font.opentype import GlyphAccumulatorFactory

    from okudesk.core.paths import resource

    return GlyphAccumulatorFactory(str(resource("fonts", "DejaVuSans-Stamp.ttf")), font_size=10)


def sign_pdf(
    pdf: bytes,
    identity: pki.Identity,
    *,
    page: int,
    box: tuple[float, float, float, float],
    name: str,
    reason: str = "",
    location: str = "",
) -> bytes:
    """Sign ``pdf`` (PAdES baseline B, SHA-256) with a visible stamp at ``box`` on ``page``
    (1-based)."""
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.pdf_utils.text import TextBoxStyle
    from pyhanko.sign import fields, signers
    from pyhanko.stamp import TextStampStyle
    from pyhanko_certvalidator.registry import SimpleCertificateStore

    key_der = identity.key.private_bytes(
        serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    signer = signers.SimpleSigner(
        signing_cert=asn1_cert(identity.certificate),
        signing_key=asn1_keys.PrivateKeyInfo.load(key_der),
        cert_registry=SimpleCertificateStore.from_certs([asn1_cert(c) for c in identity.chain]),
    )
    meta = signers.PdfSignatureMetadata(
        field_name=FIELD_NAME,
        subfilter=fields.SigSeedSubFilter.PADES,
        md_algorithm="sha256",
        reason=reason or None,
        location=location or None,
        name=name,
    )
    # The stamp's text in an embedded TrueType font (pyHanko's default is an unembedded
    # Courier, which garbles a name outside WinAnsi: "Dédé Ḥasan", Arabic script)
    style = TextStampStyle(
        stamp_text=STAMP_TEXT,
        border_width=1,
        text_box_style=TextBoxStyle(font=_stamp_font()),
    )
    now = datetime.now(WIB)
    x0, y0, x1, y1 = (round(v, 2) for v in box)
    # pyhanko annotates the box as ints, but it is PDF points and takes (and writes) floats
    spec = fields.SigFieldSpec(FIELD_NAME, on_page=page - 1, box=(x0, y0, x1, y1))  # type: ignore[arg-type]
    pdf_signer = signers.PdfSigner(meta, signer, stamp_style=style, new_field_spec=spec)
    out = io.BytesIO()
    try:
        pdf_signer.sign_pdf(
            IncrementalPdfFileWriter(io.BytesIO(pdf)),
            output=out,
            bytes_reserved=BYTES_RESERVED,
            appearance_text_params={"nama": name.upper(), "waktu": f"{now:%d-%m-%Y %H:%M:%S} WIB"},
        )
    except Exception as exc:  # pyHanko raises several types; the user needs one clear message
        raise OkudeskError(_("Laporan tidak dapat ditandatangani: {reason}", reason=exc)) from exc
    return out.getvalue()
