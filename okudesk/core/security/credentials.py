"""Where this data folder keeps signing keys, certificates and the certificates it trusts.

Officer keys live here, in local tables that never travel (``models``):

* ``officer_credential``: per officer, the signing key as encrypted PKCS#8 under the
  officer's own passphrase, the certificate and the chain above it (issuer first).
  :func:`change_passphrase` re-encrypts it (accounts); :func:`import_pkcs12` replaces it
  with a key and certificate from an official CA.
* ``trust_anchor``: certificates signatures may chain to besides HQ's root: every CA
  certificate this post ever issued officer certificates under (so old reports still
  verify after enrolment), official CAs of imported PKCS#12 files.

* ``post_authority``: the post's CA key (unencrypted: the post issues certificates with
  no person at hand) and certificate, self-signed until HQ certifies the same key. Sync
  signs the post's bundles with it (``sync.trust.signing_identity`` asks
  :func:`post_authority`) and installs HQ's certificate through
  :func:`install_post_certificate`. At HQ, HQ's root (the sync identity) is the CA.

An officer certificate issued under an earlier CA certificate is issued again under the
current one the next time the officer signs (only the public key is needed), so HQ's
chain slots in without anyone typing a passphrase.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.types import CertificatePublicKeyTypes
from cryptography.x509.oid import NameOID
from sqlalchemy import select
from sqlalchemy.orm import Session

from okudesk.core.errors import NotFound, OkudeskError
from okudesk.core.i18n import _
from okudesk.core.models import (
    Officer,
    OfficerCredential,
    OfficerRevocation,
    PostAuthority,
    SyncIdentity,
    TrustAnchor,
    utcnow,
)
from okudesk.core.permissions import require_own_or
from okudesk.core.records import posts
from okudesk.core.security import pki


class NoCredential(OkudeskError):
    pass


@dataclass(frozen=True)
class CredentialInfo:
    officer_id: str
    subject: str  # the certificate's common name
    nrp: str  # the certificate's serialNumber ('' for some official CAs)
    issuer: str
    source: str  # post | pkcs12
    not_after: datetime
    fingerprint: str  # SHA-256 of the certificate, hex
    key_id: str


def _info(row: OfficerCredential) -> CredentialInfo:
    cert = pki.load_cert(row.certificate_pem)
    return CredentialInfo(
        row.officer_id,
        pki.subject_field(cert, NameOID.COMMON_NAME),
        pki.subject_field(cert, NameOID.SERIAL_NUMBER),
        cert.issuer.rfc4514_string(),
        row.source,
        cert.not_valid_after_utc.replace(tzinfo=None),
        pki.fingerprint(cert),
        row.key_id,
    )


# --- the post's CA and the trust anchors --------------------------------------------------


def hq_identity(session: Session) -> pki.Identity | None:
    """HQ's root key and certificate when this installation is HQ (its officers'
    certificates chain to it); None elsewhere.

    A post's CA is the PostAuthority row below, also when the post is set up for sync: sync
    signs its bundles with that key (trust.signing_identity asks us), and HQ's certificate
    for it is installed there. Keys live only here; sync asks this module for them."""
    row = session.get(SyncIdentity, 1)
    if row is None or row.role != "hq":
        return None
    certs = pki.load_certs(row.certificate)
    return pki.Identity(pki.load_plain_key(row.signing_key), certs[0], tuple(certs[1:]))


def hq_root(session: Session) -> x509.Certificate | None:
    """HQ's root certificate: our own at HQ, the one from the enrollment kit at a post."""
    row = session.get(SyncIdentity, 1)
    if row is None:
        return None
    return pki.load_certs(row.certificate if row.role == "hq" else row.hq_root)[0]


def post_authority(session: Session) -> pki.Identity:
    """The CA officer certificates are issued under: HQ's root at HQ; at a post the
    ``post_authority`` row, made (self-signed, and trusted) the first time it is needed."""
    synced = hq_identity(session)
    if synced is not None:
        if pki.is_self_signed(
            synced.certificate
        ):  # not yet enrolled (or HQ's root): trust it for good
            add_trust_anchor(
                session,
                synced.certificate,
                label=_(
                    "CA pos {code} (sebelum pendaftaran ke Polres)",
                    code=pki.subject_field(synced.certificate, NameOID.ORGANIZATIONAL_UNIT_NAME),
                ),
            )
        return synced
    post = posts.require_this_post(session)
    row = session.get(PostAuthority, post.code)
    if row is None:
        key = pki.generate_key()
        cert = pki.make_root(key, common_name=post.name, unit=post.code)
        row = PostAuthority(
            post_code=post.code,
            key_pem=pki.plain_key_pem(key),
            certificate_pem=pki.cert_pem(cert),
            chain_pem=b"",
        )
        session.add(row)
        add_trust_anchor(
            session, cert, label=_("CA pos {code} (sebelum pendaftaran ke Polres)", code=post.code)
        )
        session.flush()
        return pki.Identity(key, cert, ())
    return pki.Identity(
        pki.decrypt_key(row.key_pem, ""),
        pki.load_cert(row.certificate_pem),
        tuple(pki.load_certs(row.chain_pem)),
    )


def install_post_certificate(
    session: Session, certificate: x509.Certificate, chain: list[x509.Certificate]
) -> int:
    """Use ``certificate`` (issued by HQ for this post's CA key) from now on.

    The top of ``chain`` (HQ's root) becomes a trust anchor; the old self-signed certificate
    stays trusted so reports signed before enrolment still verify. Every officer certificate
    issued by the post is re-issued under the new certificate (no passphrase needed: only
    the public keys are certified). Returns how many officer certificates were re-issued.
    """
    if hq_identity(session) is not None:
        raise OkudeskError(
            _("Sertifikat pos dikelola oleh sinkronisasi; pasang melalui tanda terima dari Polres")
        )
    current = post_authority(session)
    if pki.public_key_id(certificate.public_key()) != pki.public_key_id(current.key.public_key()):
        raise OkudeskError(_("Sertifikat pos tidak cocok dengan kunci pos ini"))
    pki.validate_chain(
        certificate,
        intermediates=list(chain),
        anchors=[chain[-1]] if chain else [certificate],
        key_usage={"key_cert_sign"},
    )
    row = session.get(PostAuthority, posts.require_this_post(session).code)
    assert row is not None, "post_authority() above made it"
    row.certificate_pem = pki.cert_pem(certificate)
    row.chain_pem = pki.certs_pem(chain)
    row.updated_at = utcnow()
    if chain and pki.is_self_signed(chain[-1]):
        add_trust_anchor(session, chain[-1], label=_("Polres (HQ)"))
    session.flush()
    return reissue_officer_certificates(session)


def add_trust_anchor(session: Session, certificate: x509.Certificate, *, label: str = "") -> None:
    fp = pki.fingerprint(certificate)
    if session.get(TrustAnchor, fp) is None:
        session.add(
            TrustAnchor(sha256=fp, certificate_pem=pki.cert_pem(certificate), label=label[:120])
        )
        session.flush()


def trust_anchors(session: Session) -> list[x509.Certificate]:
    """What signatures must chain to here: HQ's root (sync) and the ``trust_anchor`` rows."""
    anchors = [
        pki.load_cert(pem)
        for pem in session.scalars(
            select(TrustAnchor.certificate_pem).order_by(TrustAnchor.added_at)
        )
    ]
    root = hq_root(session)
    if root is not None and all(pki.fingerprint(root) != pki.fingerprint(a) for a in anchors):
        anchors.insert(0, root)
    return anchors


# --- officers' signing credentials --------------------------------------------------------


def _officer(session: Session, officer_id: str, *, deleted_too: bool = False) -> Officer:
    officer = session.get(Officer, officer_id)
    if officer is None or (officer.deleted_at is not None and not deleted_too):
        raise NotFound(_("{kind} tidak ditemukan: {id}", kind="Petugas", id=officer_id))
    return officer


def _issue(
    session: Session, officer: Officer, public_key: CertificatePublicKeyTypes
) -> tuple[x509.Certificate, tuple[x509.Certificate, ...]]:
    authority = post_authority(session)
    cert = pki.issue_officer_certificate(
        authority,
        public_key,
        name=officer.name,
        nrp=officer.nrp,
        post_code=posts.require_this_post(session).code,
    )
    return cert, (authority.certificate, *authority.chain)


def enroll_officer(session: Session, officer_id: str, passphrase: str) -> CredentialInfo:
    """A new signing key for the officer, encrypted with ``passphrase``, certified by the post."""
    require_own_or(session, officer_id, "report.sign_own", "officer.manage")
    officer = _officer(session, officer_id)
    key = pki.generate_key()
    key_pem = pki.encrypt_key(key, passphrase)
    cert, chain = _issue(session, officer, key.public_key())
    return _store(
        session,
        officer_id,
        key_pem,
        cert,
        chain,
        source="post",
        key_id=pki.public_key_id(key.public_key()),
    )


def import_pkcs12(
    session: Session, officer_id: str, data: bytes, file_passphrase: str, passphrase: str
) -> CredentialInfo:
    """Use a key and certificate from an official CA (.p12/.pfx) instead of the post's."""
    require_own_or(session, officer_id, "report.sign_own", "officer.manage")
    _officer(session, officer_id)
    identity = pki.load_pkcs12(data, file_passphrase)
    try:
        usage = identity.certificate.extensions.get_extension_for_class(x509.KeyUsage).value
    except x509.ExtensionNotFound:
        usage = None
    if usage is None or not usage.digital_signature:
        raise pki.CertificateError(_("Sertifikat ini tidak boleh dipakai untuk tanda tangan"))
    chain = tuple(identity.chain)
    if chain and pki.is_self_signed(chain[-1]):
        add_trust_anchor(
            session,
            chain[-1],
            label=_("CA resmi: {name}", name=pki.subject_field(chain[-1], NameOID.COMMON_NAME)),
        )
    return _store(
        session,
        officer_id,
        pki.encrypt_key(identity.key, passphrase),
        identity.certificate,
        chain,
        source="pkcs12",
        key_id=pki.public_key_id(identity.key.public_key()),
    )


def _store(
    session: Session,
    officer_id: str,
    key_pem: bytes,
    cert: x509.Certificate,
    chain: Sequence[x509.Certificate],
    *,
    source: str,
    key_id: str,
) -> CredentialInfo:
    row = session.get(OfficerCredential, officer_id)
    if row is None:
        row = OfficerCredential(officer_id=officer_id)
        session.add(row)
    row.key_pem = key_pem
    row.certificate_pem = pki.cert_pem(cert)
    row.chain_pem = pki.certs_pem(chain)
    row.source = source
    row.key_id = key_id
    row.updated_at = utcnow()
    session.flush()
    return _info(row)


def credential(session: Session, officer_id: str) -> CredentialInfo | None:
    row = session.get(OfficerCredential, officer_id)
    return _info(row) if row else None


def _require(session: Session, officer_id: str) -> OfficerCredential:
    row = session.get(OfficerCredential, officer_id)
    if row is None:
        officer = _officer(session, officer_id)
        raise NoCredential(
            _(
                "{name} belum memiliki sertifikat tanda tangan; buat dulu di Laporan > Sertifikat…",
                name=officer.name,
            )
        )
    return row


def change_passphrase(
    session: Session,
    officer_id: str,
    old_passphrase: str,
    new_passphrase: str,
    *,
    kdf: dict | None = None,
) -> None:
    """Re-encrypt the officer's signing key (raises WrongPassphrase when ``old`` is wrong);
    ``kdf``: the derivation to wrap it under (pki.encrypt_key)."""
    row = _require(session, officer_id)
    row.key_pem = pki.reencrypt_key(row.key_pem, old_passphrase, new_passphrase, kdf=kdf)
    row.updated_at = utcnow()
    session.flush()


def signing_identity(session: Session, officer_id: str, passphrase: str) -> pki.Identity:
    """The officer's key (decrypted with ``passphrase``), certificate and chain.

    A post-issued certificate made under an earlier CA certificate of this post (before
    enrolment, before the sync set-up) is issued again under the current one first.
    """
    row = _require(session, officer_id)
    key = pki.decrypt_key(row.key_pem, passphrase)
    cert = pki.load_cert(row.certificate_pem)
    if row.source == "post" and not _issued_by(cert, post_authority(session).certificate):
        cert, chain = _issue(
            session, _officer(session, officer_id, deleted_too=True), cert.public_key()
        )
        row.certificate_pem, row.chain_pem, row.updated_at = (
            pki.cert_pem(cert),
            pki.certs_pem(chain),
            utcnow(),
        )
        session.flush()
    return pki.Identity(key, cert, tuple(pki.load_certs(row.chain_pem)))


def _issued_by(cert: x509.Certificate, issuer: x509.Certificate) -> bool:
    try:
        cert.verify_directly_issued_by(issuer)
    except (ValueError, TypeError, InvalidSignature):
        return False
    return True


def reissue_officer_certificates(session: Session) -> int:
    """Certify every post-issued officer key again under the post's current CA certificate."""
    count = 0
    for row in session.scalars(select(OfficerCredential).where(OfficerCredential.source == "post")):
        officer = _officer(
            session, row.officer_id, deleted_too=True
        )  # a deleted officer's reports still verify
        cert, chain = _issue(session, officer, pki.load_cert(row.certificate_pem).public_key())
        row.certificate_pem = pki.cert_pem(cert)
        row.chain_pem = pki.certs_pem(chain)
        row.updated_at = utcnow()
        count += 1
    session.flush()
    return count


# --- revocation when an admin resets a passphrase -----------------------------------------


def revoke_for_reset(session: Session, officer_id: str, *, revoked_by: str) -> bool:
    """An admin reset the officer's passphrase: revoke the officer's certificate and delete
    the key (nobody signs with it again; reports signed before keep their PDFs' certificate).
    The new key is made by :func:`renew_after_reset` once the officer has chosen a
    passphrase of their own. Returns whether there was a certificate to revoke."""
    row = session.get(OfficerCredential, officer_id)
    if row is None:
        return False
    cert = pki.load_cert(row.certificate_pem)
    fp = pki.fingerprint(cert)
    if session.get(OfficerRevocation, fp) is None:
        session.add(
            OfficerRevocation(
                sha256=fp,
                officer_id=officer_id,
                key_id=row.key_id or pki.public_key_id(cert.public_key()),
                certificate_pem=row.certificate_pem,
                revoked_by=revoked_by[:120],
                renew=True,
            )
        )
    session.delete(row)
    session.flush()
    return True


def renewal_due(session: Session, officer_id: str) -> bool:
    """Whether the officer's key was revoked by a reset and no new one is made yet."""
    return session.get(OfficerCredential, officer_id) is None and bool(
        session.scalar(
            select(OfficerRevocation.sha256).where(
                OfficerRevocation.officer_id == officer_id, OfficerRevocation.renew.is_(True)
            )
        )
    )


def renew_after_reset(session: Session, officer_id: str, passphrase: str) -> CredentialInfo | None:
    """The officer's own new passphrase is set: a new signing key under it (None when no
    renewal was due)."""
    if not renewal_due(session, officer_id):
        return None
    info = enroll_officer(session, officer_id, passphrase)
    for row in session.scalars(
        select(OfficerRevocation).where(
            OfficerRevocation.officer_id == officer_id, OfficerRevocation.renew.is_(True)
        )
    ):
        row.renew = False
    session.flush()
    return info


def revoked_certificate(session: Session, sha256: str) -> OfficerRevocation | None:
    """The revocation of the certificate with this SHA-256 fingerprint (hex), if any."""
    return session.get(OfficerRevocation, sha256.lower())
