"""Keys and certificates (the ``cryptography`` library; nothing home-made).

Trust in okudesk is a small offline hierarchy:

    HQ root (Polres OKU, self-signed CA)
      +-- post CA certificate (one per post, issued by HQ at enrollment; may issue officers)
            +-- officer certificate (signs reports: digitalSignature + nonRepudiation)

Before a post is enrolled it makes its own self-signed post CA and issues its officers'
certificates from it; once HQ has issued the post's certificate, officer certificates are
re-issued under it, so report signatures chain to HQ. An officer may instead import a
PKCS#12 file from an official CA (:func:`load_pkcs12`). All keys are ECDSA P-256.
Private keys are stored as encrypted PKCS#8 (passphrase chosen by their owner).
"""

from __future__ import annotations

import asyncio
import base64
import hashlib
import json
import secrets
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.types import CertificatePublicKeyTypes
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

from okudesk.core.errors import OkudeskError
from okudesk.core.i18n import _
from okudesk.core.security import offline

ORGANISATION = "Kepolisian Resor Ogan Komering Ulu"
COUNTRY = "ID"
# id-kp-documentSigning (RFC 9336), understood by PDF readers for document signatures.
DOCUMENT_SIGNING = x509.ObjectIdentifier("1.3.6.1.5.5.7.3.36")

offline.install()  # pyHanko without requests (nothing here fetches)

PrivateKey = ec.EllipticCurvePrivateKey


class WrongPassphrase(OkudeskError):
    pass


class CertificateError(OkudeskError):
    pass


@dataclass(frozen=True)
class Identity:
    """A private key with its certificate and the chain above it (issuer first)."""

    key: PrivateKey
    certificate: x509.Certificate
    chain: tuple[x509.Certificate, ...] = ()


def generate_key() -> PrivateKey:
    return ec.generate_private_key(ec.SECP256R1())


WRAPPED_KEY = b"okudesk-wrapped-key/1\n"  # what begins a signing key wrapped by encrypt_key
_SIGNING_INFO = b"okudesk signing key"


def _signing_kek(passphrase: str, kdf: dict) -> bytes:
    from cryptography.hazmat.primitives.kdf.hkdf import HKDF

    from okudesk.core.store import keyring

    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=_SIGNING_INFO).derive(
        keyring.derive(passphrase, kdf)
    )


def encrypt_key(key: PrivateKey, passphrase: str, *, kdf: dict | None = None) -> bytes:
    """The private key wrapped under ``passphrase``: scrypt at the key file's parameters
    (store/keyring.py, the same derivation as the officer's wrap of the data key, so a
    login's derivation opens it too), HKDF to a key of its own, AES-256-GCM. ``kdf``: the
    parameters and salt of the officer's wrap in the key file (default: those this process
    last derived the passphrase with)."""
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    from okudesk.core.store import keyring

    if not passphrase:
        raise WrongPassphrase(_("Kata sandi tidak boleh kosong"))
    kdf = dict(kdf) if kdf is not None else keyring.kdf_for(passphrase)
    der = key.private_bytes(
        serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    nonce = secrets.token_bytes(12)
    sealed = AESGCM(_signing_kek(passphrase, kdf)).encrypt(nonce, der, WRAPPED_KEY)
    doc = {
        "kdf": kdf,
        "nonce": base64.b64encode(nonce).decode("ascii"),
        "key": base64.b64encode(sealed).decode("ascii"),
    }
    return WRAPPED_KEY + json.dumps(doc).encode("ascii")


def is_current_wrap(blob: bytes) -> bool:
    """Whether the key is wrapped as :func:`encrypt_key` wraps it now (older ones are PKCS#8
    with PBKDF2 at 2,048 iterations: rewrapped at the officer's next login)."""
    return blob.startswith(WRAPPED_KEY)


def wrap_kdf(blob: bytes) -> dict | None:
    """The key derivation (parameters and salt) a key wrapped by :func:`encrypt_key` is
    under; None for an older wrap or an unreadable one."""
    if not is_current_wrap(blob):
        return None
    try:
        kdf = json.loads(blob[len(WRAPPED_KEY) :].decode("ascii"))["kdf"]
    except (ValueError, KeyError, TypeError, UnicodeDecodeError):
        return None
    return kdf if isinstance(kdf, dict) else None


def _unwrap_key(blob: bytes, passphrase: str) -> PrivateKey:
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    if not passphrase:
        raise WrongPassphrase(_("Kata sandi salah"))
    try:
        doc = json.loads(blob[len(WRAPPED_KEY) :].decode("ascii"))
        nonce, sealed = base64.b64decode(doc["nonce"]), base64.b64decode(doc["key"])
        der = AESGCM(_signing_kek(passphrase, doc["kdf"])).decrypt(nonce, sealed, WRAPPED_KEY)
    except InvalidTag as exc:
        raise WrongPassphrase(_("Kata sandi salah")) from exc
    except (ValueError, KeyError, TypeError, UnicodeDecodeError) as exc:
        raise CertificateError(_("Kunci tanda tangan tersimpan rusak")) from exc
    key = serialization.load_der_private_key(der, None)
    if not isinstance(key, ec.EllipticCurvePrivateKey):
        raise CertificateError(_("Kunci bukan kunci ECDSA"))
    return key


def plain_key_pem(key: PrivateKey) -> bytes:
    """Unencrypted PKCS#8, for keys a machine must use unattended (the post CA); read it
    back with ``decrypt_key(pem, "")``."""
    return key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )


def decrypt_key(pem: bytes, passphrase: str) -> PrivateKey:
    if is_current_wrap(pem):
        return _unwrap_key(pem, passphrase)
    try:
        key = serialization.load_pem_private_key(
            pem, passphrase.encode("utf-8") if passphrase else None
        )
    except (ValueError, TypeError) as exc:
        raise WrongPassphrase(_("Kata sandi salah")) from exc
    if not isinstance(key, ec.EllipticCurvePrivateKey):
        raise CertificateError(_("Kunci bukan kunci ECDSA"))
    return key


def reencrypt_key(
    pem: bytes, old_passphrase: str, new_passphrase: str, *, kdf: dict | None = None
) -> bytes:
    return encrypt_key(decrypt_key(pem, old_passphrase), new_passphrase, kdf=kdf)


def public_key_id(public_key: CertificatePublicKeyTypes) -> str:
    """SHA-256 of the SubjectPublicKeyInfo, hex: names a key in manifests and ledgers
    (any key a certificate may carry, so a foreign key is named, then refused, not crashed on)."""
    der = public_key.public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    return hashlib.sha256(der).hexdigest()


def fingerprint(cert: x509.Certificate) -> str:
    return cert.fingerprint(hashes.SHA256()).hex()


def cert_pem(cert: x509.Certificate) -> bytes:
    return cert.public_bytes(serialization.Encoding.PEM)


def load_cert(pem_or_der: bytes) -> x509.Certificate:
    try:
        if pem_or_der.lstrip().startswith(b"-----"):
            return x509.load_pem_x509_certificate(pem_or_der)
        return x509.load_der_x509_certificate(pem_or_der)
    except ValueError as exc:
        raise CertificateError(_("Sertifikat tidak dapat dibaca")) from exc


def load_certs(pem: bytes) -> list[x509.Certificate]:
    return x509.load_pem_x509_certificates(pem) if pem.strip() else []


def certs_pem(certs: Iterable[x509.Certificate]) -> bytes:
    return b"".join(cert_pem(c) for c in certs)


def is_self_signed(cert: x509.Certificate) -> bool:
    return cert.issuer == cert.subject


def _name(common_name: str, *, unit: str = "", serial: str = "") -> x509.Name:
    attrs = [
        x509.NameAttribute(NameOID.COUNTRY_NAME, COUNTRY),
        x509.NameAttribute(NameOID.ORGANIZATION_NAME, ORGANISATION),
    ]
    if unit:
        attrs.append(x509.NameAttribute(NameOID.ORGANIZATIONAL_UNIT_NAME, unit))
    attrs.append(x509.NameAttribute(NameOID.COMMON_NAME, common_name))
    if serial:
        attrs.append(x509.NameAttribute(NameOID.SERIAL_NUMBER, serial))
    return x509.Name(attrs)


def _builder(
    subject: x509.Name,
    issuer: x509.Name,
    public_key: CertificatePublicKeyTypes,
    days: int,
    now: datetime | None,
) -> x509.CertificateBuilder:
    now = now or datetime.now(UTC)
    return (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(issuer)
        .public_key(public_key)
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(days=1))  # laptop clocks drift
        .not_valid_after(now + timedelta(days=days))
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(public_key), critical=False)
    )


def _key_usage(
    *, sign_certs: bool, digital_signature: bool = True, non_repudiation: bool = False
) -> x509.KeyUsage:
    return x509.KeyUsage(
        digital_signature=digital_signature,
        content_commitment=non_repudiation,
        key_encipherment=False,
        data_encipherment=False,
        key_agreement=False,
        key_cert_sign=sign_certs,
        crl_sign=sign_certs,
        encipher_only=False,
        decipher_only=False,
    )


def make_root(
    key: PrivateKey,
    *,
    common_name: str,
    unit: str = "",
    days: int = 3650,
    now: datetime | None = None,
) -> x509.Certificate:
    """A self-signed CA certificate: HQ's root, or a post's own before enrollment."""
    name = _name(common_name, unit=unit)
    return (
        _builder(name, name, key.public_key(), days, now)
        .add_extension(x509.BasicConstraints(ca=True, path_length=1), critical=True)
        .add_extension(_key_usage(sign_certs=True), critical=True)
        .sign(key, hashes.SHA256())
    )


def issue_post_certificate(
    issuer: Identity,
    post_public_key: CertificatePublicKeyTypes,
    *,
    post_code: str,
    post_name: str,
    days: int = 1825,
    now: datetime | None = None,
) -> x509.Certificate:
    """HQ certifies a post's key: it signs bundles and may issue its officers' certificates,
    only under its own name (:func:`post_name_constraints`)."""
    return (
        _builder(
            _name(post_name, unit=post_code, serial=post_code),
            issuer.certificate.subject,
            post_public_key,
            days,
            now,
        )
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(_key_usage(sign_certs=True), critical=True)
        .add_extension(post_name_constraints(post_code), critical=True)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(issuer.key.public_key()),
            critical=False,
        )
        .sign(issuer.key, hashes.SHA256())
    )


def post_subtree(post_code: str) -> x509.Name:
    """The names a post may certify: its own unit (C, O, OU=post code), the start of every
    officer certificate it issues (:func:`_name`)."""
    return x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, COUNTRY),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, ORGANISATION),
            x509.NameAttribute(NameOID.ORGANIZATIONAL_UNIT_NAME, post_code),
        ]
    )


def post_name_constraints(post_code: str) -> x509.NameConstraints:
    """X.509 name constraints on a post CA: whatever it certifies is named under its own
    post (a certificate it makes for another post's name fails path validation)."""
    return x509.NameConstraints(
        permitted_subtrees=[x509.DirectoryName(post_subtree(post_code))], excluded_subtrees=None
    )


def issued_post_certificate(cert: x509.Certificate, root: x509.Certificate, post_code: str) -> bool:
    """Whether ``cert`` is a post CA certificate HQ's ``root`` itself issued for
    ``post_code``: signed directly by the root, a CA for end certificates only, named for
    that post and constrained to it. A certificate a post CA made never is."""
    if is_self_signed(cert) or cert.issuer != root.subject:
        return False
    try:
        cert.verify_directly_issued_by(root)
        basic = cert.extensions.get_extension_for_class(x509.BasicConstraints).value
        constraints = cert.extensions.get_extension_for_class(x509.NameConstraints).value
    except (ValueError, TypeError, x509.ExtensionNotFound, InvalidSignature):
        return False
    return (
        basic.ca
        and basic.path_length == 0
        and subject_field(cert, NameOID.SERIAL_NUMBER) == post_code
        and subject_field(cert, NameOID.ORGANIZATIONAL_UNIT_NAME) == post_code
        and constraints == post_name_constraints(post_code)
    )


def issue_officer_certificate(
    issuer: Identity,
    officer_public_key: CertificatePublicKeyTypes,
    *,
    name: str,
    nrp: str,
    post_code: str,
    days: int = 1825,
    now: datetime | None = None,
) -> x509.Certificate:
    """An officer's signing certificate: CN is the name, serialNumber the NRP."""
    return (
        _builder(
            _name(name, unit=post_code, serial=nrp),
            issuer.certificate.subject,
            officer_public_key,
            days,
            now,
        )
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(_key_usage(sign_certs=False, non_repudiation=True), critical=True)
        .add_extension(
            x509.ExtendedKeyUsage([DOCUMENT_SIGNING, ExtendedKeyUsageOID.EMAIL_PROTECTION]),
            critical=False,
        )
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(issuer.key.public_key()),
            critical=False,
        )
        .sign(issuer.key, hashes.SHA256())
    )


def subject_field(cert: x509.Certificate, oid: x509.ObjectIdentifier) -> str:
    values = cert.subject.get_attributes_for_oid(oid)
    return str(values[0].value) if values else ""


def load_pkcs12(data: bytes, passphrase: str) -> Identity:
    """An officer's certificate from an official CA, as a PKCS#12 (.p12/.pfx) file."""
    try:
        key, cert, extra = pkcs12.load_key_and_certificates(
            data, passphrase.encode("utf-8") if passphrase else None
        )
    except ValueError as exc:
        raise WrongPassphrase(
            _("Berkas PKCS#12 tidak dapat dibuka: kata sandi salah atau berkas rusak")
        ) from exc
    if key is None or cert is None:
        raise CertificateError(_("Berkas PKCS#12 tidak berisi kunci dan sertifikat"))
    if not isinstance(key, ec.EllipticCurvePrivateKey):
        raise CertificateError(_("Kunci bukan kunci ECDSA"))
    return Identity(key, cert, tuple(extra or ()))


def validate_chain(
    cert: x509.Certificate,
    *,
    intermediates: list[x509.Certificate],
    anchors: list[x509.Certificate],
    moment: datetime | None = None,
    key_usage: set[str] | None = None,
) -> list[x509.Certificate]:
    """Path validation by pyhanko-certvalidator; returns the path (anchor first).

    Raises CertificateError when the certificate does not chain to an anchor, is expired
    at ``moment``, or lacks ``key_usage`` (names as in asn1crypto, e.g. 'digital_signature').
    """
    from asn1crypto import x509 as asn1_x509
    from pyhanko_certvalidator import CertificateValidator, ValidationContext
    from pyhanko_certvalidator.errors import PathBuildingError, PathValidationError

    def conv(c: x509.Certificate) -> asn1_x509.Certificate:
        return asn1_x509.Certificate.load(c.public_bytes(serialization.Encoding.DER))

    context = ValidationContext(
        trust_roots=[conv(a) for a in anchors],
        other_certs=[conv(c) for c in intermediates],
        moment=moment,
        allow_fetching=False,
        revocation_mode="soft-fail",
    )
    validator = CertificateValidator(conv(cert), validation_context=context)
    try:
        path = asyncio.run(validator.async_validate_usage(key_usage or {"digital_signature"}))
    except (PathBuildingError, PathValidationError) as exc:
        raise CertificateError(_("Sertifikat tidak dipercaya: {reason}", reason=exc)) from exc
    return [x509.load_der_x509_certificate(c.dump()) for c in path]


# --- sync additions (bundle encryption and signatures; docs/sync-format.md) ---------------


def load_plain_key(pem: bytes) -> PrivateKey:
    return decrypt_key(pem, "")


def public_key_pem(public_key: ec.EllipticCurvePublicKey) -> bytes:
    return public_key.public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )


def certificate_key(cert: x509.Certificate) -> ec.EllipticCurvePublicKey:
    """The ECDSA key a certificate carries; okudesk issues and accepts no other kind."""
    key = cert.public_key()
    if not isinstance(key, ec.EllipticCurvePublicKey):
        raise CertificateError(_("Kunci bukan kunci ECDSA"))
    return key


def load_public_key_pem(pem: bytes) -> ec.EllipticCurvePublicKey:
    try:
        key = serialization.load_pem_public_key(pem)
    except ValueError as exc:
        raise CertificateError(_("Kunci publik tidak dapat dibaca")) from exc
    if not isinstance(key, ec.EllipticCurvePublicKey) or key.curve.name != "secp256r1":
        raise CertificateError(_("Kunci bukan kunci ECDSA"))
    return key


def issue_exchange_certificate(
    issuer: Identity,
    public_key: CertificatePublicKeyTypes,
    *,
    common_name: str,
    unit: str,
    days: int = 3650,
    now: datetime | None = None,
) -> x509.Certificate:
    """HQ certifies its own key-agreement key: posts encrypt bundles to it (ECDH)."""
    usage = x509.KeyUsage(
        digital_signature=False,
        content_commitment=False,
        key_encipherment=False,
        data_encipherment=False,
        key_agreement=True,
        key_cert_sign=False,
        crl_sign=False,
        encipher_only=False,
        decipher_only=False,
    )
    return (
        _builder(_name(common_name, unit=unit), issuer.certificate.subject, public_key, days, now)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(usage, critical=True)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(issuer.key.public_key()),
            critical=False,
        )
        .sign(issuer.key, hashes.SHA256())
    )


def sign(key: PrivateKey, data: bytes) -> bytes:
    """ECDSA P-256 with SHA-256, DER-encoded."""
    return key.sign(data, ec.ECDSA(hashes.SHA256()))


def verify_signature(public_key: ec.EllipticCurvePublicKey, signature: bytes, data: bytes) -> bool:
    from cryptography.exceptions import InvalidSignature

    try:
        public_key.verify(signature, data, ec.ECDSA(hashes.SHA256()))
    except InvalidSignature:
        return False
    return True


def issue_tsa_certificate(
    issuer: Identity,
    public_key: CertificatePublicKeyTypes,
    *,
    common_name: str,
    unit: str,
    now: datetime | None = None,
) -> x509.Certificate:
    """HQ certifies its time-stamp authority key (RFC 3161: timeStamping is its only
    extended key usage, marked critical). It lasts as long as the root above it."""
    now = now or datetime.now(UTC)
    days = max(1, (issuer.certificate.not_valid_after_utc - now).days)
    return (
        _builder(_name(common_name, unit=unit), issuer.certificate.subject, public_key, days, now)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(_key_usage(sign_certs=False, non_repudiation=True), critical=True)
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.TIME_STAMPING]), critical=True)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(issuer.key.public_key()),
            critical=False,
        )
        .sign(issuer.key, hashes.SHA256())
    )
