"""Time evidence: HQ is the regency's offline time-stamp authority (docs/security.md, "Time
evidence").

An officer's certificate lasts five years, and the time a PDF signature claims is the
signer's laptop clock. So that a report signed while its certificate was valid stays valid
when the certificate has expired (and one signed after a revocation does not), HQ
time-stamps the SHA-256 of every signed report file that reaches it in a bundle with an
RFC 3161 TimeStampToken signed by its time-stamp authority (TSA) certificate, issued by
HQ's root. The tokens travel back to the post in receipts; both keep them in
``report_timestamp``. The tokens are made and checked by pyHanko (CMS signing, TSTInfo
from asn1crypto; validation by ``validate_tst_signed_data`` with pyhanko-certvalidator).
"""

from __future__ import annotations

import asyncio
import hashlib
import secrets
from collections.abc import Iterable
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from cryptography.hazmat.primitives import serialization
from sqlalchemy import select
from sqlalchemy.orm import Session

from okudesk.core.models import ReportTimestamp, SyncIdentity, SyncPost, SyncRevocation
from okudesk.core.security import offline, pki

if TYPE_CHECKING:
    from asn1crypto import x509 as asn1_x509
    from cryptography import x509

offline.install()  # pyHanko without requests (nothing here fetches)

# okudesk's own TSA policy: an OID under 2.25 (RFC 4122 section 5: a UUID, as an integer),
# needing no registration.
POLICY = "2.25.296333915134587836581739808148985483609"


def _asn1(cert: x509.Certificate) -> asn1_x509.Certificate:
    from asn1crypto import x509 as asn1_x509

    return asn1_x509.Certificate.load(cert.public_bytes(serialization.Encoding.DER))


def make_token(tsa: pki.Identity, sha256: bytes, *, now: datetime | None = None) -> bytes:
    """An RFC 3161 TimeStampToken (DER ContentInfo) over ``sha256``, signed by ``tsa``."""
    from asn1crypto import cms, keys, tsp
    from asn1crypto import x509 as asn1_x509
    from pyhanko.sign.signers.pdf_cms import SimpleSigner
    from pyhanko_certvalidator.registry import SimpleCertificateStore

    when = (now or datetime.now(UTC)).astimezone(UTC)  # fractions kept: a revocation may be near
    cert = _asn1(tsa.certificate)
    info = tsp.TSTInfo(
        {
            "version": "v1",
            "policy": POLICY,
            "message_imprint": {
                "hash_algorithm": {"algorithm": "sha256"},
                "hashed_message": sha256,
            },
            "serial_number": secrets.randbits(120),
            "gen_time": when,
            "tsa": asn1_x509.GeneralName(name="directory_name", value=cert.subject),
        }
    )
    key = keys.PrivateKeyInfo.load(
        tsa.key.private_bytes(
            serialization.Encoding.DER,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    signer = SimpleSigner(
        signing_cert=cert,
        signing_key=key,
        cert_registry=SimpleCertificateStore.from_certs([_asn1(c) for c in tsa.chain]),
    )
    content = cms.EncapsulatedContentInfo(
        {"content_type": "tst_info", "content": cms.ParsableOctetString(info.dump())}
    )
    signed = asyncio.run(signer.async_sign_general_data(content, "sha256", detached=False))
    token: bytes = signed.dump()
    return token


def token_time(
    token: bytes,
    sha256: bytes,
    anchors: list[x509.Certificate],
    *,
    moment: datetime | None = None,
) -> datetime | None:
    """The time ``token`` vouches for ``sha256``, or None when it does not: unreadable, not
    over this hash, not intact, or its TSA certificate does not chain to ``anchors`` (with the
    timeStamping usage) at ``moment`` (now if None). Returned naive, UTC."""
    from asn1crypto import cms, tsp
    from pyhanko.sign.validation.generic_cms import validate_tst_signed_data
    from pyhanko.sign.validation.status import TimestampSignatureStatus
    from pyhanko_certvalidator import ValidationContext

    try:
        info = cms.ContentInfo.load(token)
        signed = info["content"]
        if info["content_type"].native != "signed_data" or not isinstance(signed, cms.SignedData):
            return None
        tst = signed["encap_content_info"]["content"].parsed
        if not isinstance(tst, tsp.TSTInfo):
            return None
        if tst["message_imprint"]["hash_algorithm"]["algorithm"].native != "sha256":
            return None
        context = ValidationContext(
            trust_roots=[_asn1(a) for a in anchors],
            moment=moment,
            allow_fetching=False,
            revocation_mode="soft-fail",
        )
        found = asyncio.run(validate_tst_signed_data(signed, context, sha256))
        status = TimestampSignatureStatus(**found)
    except (ValueError, TypeError, KeyError):  # pyHanko's validation errors are ValueErrors
        return None
    if not (status.intact and status.valid and status.trusted):
        return None
    return status.timestamp.astimezone(UTC).replace(tzinfo=None)


# --- HQ's time-stamp authority ------------------------------------------------------------


def tsa_identity(session: Session) -> pki.Identity | None:
    """HQ's TSA key and certificate (chain: HQ's root); made the first time it is needed, so
    an HQ set up by an earlier version gets one too. None when this is not HQ."""
    from okudesk.core.security import credentials

    row = session.get(SyncIdentity, 1)
    hq = credentials.hq_identity(session)
    if row is None or hq is None:
        return None
    if not row.tsa_key:
        key = pki.generate_key()
        cert = pki.issue_tsa_certificate(
            hq,
            key.public_key(),
            common_name=f"{row.name} (cap waktu)",
            unit=row.code,
        )
        row.tsa_key, row.tsa_certificate = pki.plain_key_pem(key), pki.cert_pem(cert)
        session.flush()
    return pki.Identity(
        pki.load_plain_key(row.tsa_key), pki.load_cert(row.tsa_certificate), (hq.certificate,)
    )


def stamp(
    session: Session, sha256_hex: str, *, origin_post: str = "", now: datetime | None = None
) -> ReportTimestamp | None:
    """Time-stamp one signed file's SHA-256 at HQ (kept; an existing token is returned)."""
    found = session.get(ReportTimestamp, sha256_hex)
    if found is not None:
        return found
    tsa = tsa_identity(session)
    if tsa is None:
        return None
    when = (now or datetime.now(UTC)).astimezone(UTC)
    row = ReportTimestamp(
        sha256=sha256_hex,
        token=make_token(tsa, bytes.fromhex(sha256_hex), now=when),
        stamped_at=when.replace(tzinfo=None),
        origin_post=origin_post,
    )
    session.add(row)
    session.flush()
    return row


def stamp_register(session: Session, *, now: datetime | None = None) -> int:
    """At HQ: time-stamp every signed report in the register that has no token yet (those a
    bundle just brought, and any from before this version). Returns how many."""
    from okudesk.core.models import Report

    missing = session.execute(
        select(Report.sha256, Report.origin_post)
        .outerjoin(ReportTimestamp, ReportTimestamp.sha256 == Report.sha256)
        .where(ReportTimestamp.sha256.is_(None), Report.sha256 != "")
    ).all()
    count = 0
    origins: dict[str, str] = {row[0]: row[1] for row in missing}
    for sha256_hex, origin in origins.items():
        if len(sha256_hex) == 64 and stamp(session, sha256_hex, origin_post=origin, now=now):
            count += 1
    return count


def for_post(session: Session, post_code: str) -> list[dict]:
    """The tokens a post's receipt carries: those over its own reports."""
    import base64

    return [
        {"sha256": r.sha256, "token": base64.b64encode(r.token).decode("ascii")}
        for r in session.scalars(
            select(ReportTimestamp)
            .where(ReportTimestamp.origin_post == post_code)
            .order_by(ReportTimestamp.sha256)
        )
    ]


def keep(session: Session, items: Iterable[object], anchors: list[x509.Certificate]) -> int:
    """At the post: keep the tokens from a receipt that check (over the hash they are filed
    under, by a TSA under HQ's root); anything else is left out. Returns how many are new."""
    import base64
    import binascii

    added = 0
    for item in items:
        if not isinstance(item, dict):
            continue
        sha256_hex, text = item.get("sha256"), item.get("token")
        if not (isinstance(sha256_hex, str) and isinstance(text, str) and len(sha256_hex) == 64):
            continue
        try:
            digest, token = bytes.fromhex(sha256_hex), base64.b64decode(text, validate=True)
        except (ValueError, binascii.Error):
            continue
        if session.get(ReportTimestamp, sha256_hex.lower()) is not None:
            continue
        when = token_time(token, digest, anchors)
        if when is None:
            continue
        session.add(ReportTimestamp(sha256=sha256_hex.lower(), token=token, stamped_at=when))
        added += 1
    session.flush()
    return added


def trusted_time(
    session: Session,
    sha256_hex: str,
    anchors: list[x509.Certificate],
    *,
    moment: datetime | None = None,
) -> datetime | None:
    """The time HQ's token here vouches for this signed file's hash, or None."""
    row = session.get(ReportTimestamp, sha256_hex.lower()) if sha256_hex else None
    if row is None:
        return None
    return token_time(row.token, bytes.fromhex(row.sha256), anchors, moment=moment)


def revocation_times(session: Session) -> dict[str, datetime]:
    """What this installation knows was revoked, and when (naive UTC): key IDs (SHA-256 of
    the public key, as in sync manifests) of post CA keys HQ revoked. A signature whose
    certificate path holds one of them is trusted only with a token from before that time."""
    found: dict[str, datetime] = {}
    row = session.get(SyncIdentity, 1)
    if row is not None and row.role == "hq":
        for post in session.scalars(select(SyncPost).where(SyncPost.revoked_keys != "")):
            for key_id in post.revoked_keys.split():
                found[key_id] = post.revoked_at or datetime.now(UTC).replace(tzinfo=None)
    else:
        for r in session.scalars(select(SyncRevocation)):
            found[r.key_id] = r.revoked_at
    return found


def key_id_of(cert: asn1_x509.Certificate) -> str:
    """The key ID (:func:`pki.public_key_id`) of an asn1crypto certificate's key."""
    return hashlib.sha256(cert.public_key.dump()).hexdigest()
