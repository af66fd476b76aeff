"""Who is who: HQ as a small offline certificate authority, posts enrolled by a kit,
revocation of a stolen laptop's keys (docs/sync-format.md, "Roles and keys")."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import secrets
import uuid
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from sqlalchemy import select
from sqlalchemy.orm import Session

from okudesk.core import permissions
from okudesk.core.errors import OkudeskError
from okudesk.core.history import versioning
from okudesk.core.i18n import _
from okudesk.core.models import Post, SyncIdentity, SyncInstance, SyncPost, SyncRevocation, utcnow
from okudesk.core.records import posts
from okudesk.core.security import credentials, pki, timestamps
from okudesk.core.sync import SyncRefused
from okudesk.core.sync.bundle import canonical

KIT_KIND = "okudesk-enrollment-kit"
KIT_FORMAT = 1
POST_NAMESPACE = uuid.UUID("0f5e3c1e-8d7b-4a53-9c55-706f73742d6f")


@dataclass(frozen=True)
class Role:
    role: str  # "hq" | "post"
    code: str
    name: str
    hq_code: str
    enrolled: bool  # a post whose certificate HQ has issued (HQ: always)


@dataclass(frozen=True)
class RegisteredPost:
    code: str
    name: str
    status: str
    key_id: str
    registered_at: object
    enrolled_at: object
    revoked_at: object


def post_record_id(code: str) -> str:
    """The post's record ID: the same on every laptop the post is ever enrolled on."""
    return str(uuid.uuid5(POST_NAMESPACE, code))


def _identity_row(session: Session) -> SyncIdentity | None:
    return session.get(SyncIdentity, 1)


def _not_set_up() -> OkudeskError:
    return OkudeskError(
        _(
            "Instalasi ini belum disiapkan untuk sinkronisasi (jalankan 'setup hq' atau 'setup "
            "post')"
        )
    )


def _set_up_row(session: Session) -> SyncIdentity:
    row = _identity_row(session)
    if row is None:
        raise _not_set_up()
    return row


def role(session: Session) -> Role | None:
    row = _identity_row(session)
    return None if row is None else _role_of(session, row)


def set_up_role(session: Session) -> Role:
    """Like :func:`role`, but refuses (OkudeskError) when sync is not set up here."""
    return _role_of(session, _set_up_row(session))


def _role_of(session: Session, row: SyncIdentity) -> Role:
    if row.role == "hq":
        return Role("hq", row.code, row.name, row.code, True)
    cert = signing_identity(session).certificate
    return Role("post", row.code, row.name, row.hq_code, cert.issuer != cert.subject)


def require_role(session: Session, wanted: str) -> SyncIdentity:
    row = _set_up_row(session)
    if row.role != wanted:
        raise OkudeskError(
            _("Perintah ini hanya untuk Polres (HQ)")
            if wanted == "hq"
            else _("Perintah ini hanya untuk pos")
        )
    return row


def signing_identity(session: Session) -> pki.Identity:
    """This installation's signing key with its certificate and chain: HQ's root, or the
    post's CA (the one its officers' report certificates are issued from, credentials.py)."""
    if _set_up_row(session).role == "post":
        return credentials.post_authority(session)
    hq = credentials.hq_identity(session)
    if hq is None:  # neither "post" nor "hq": a row this version does not know
        raise _not_set_up()
    return hq


def exchange_key(session: Session) -> pki.PrivateKey:
    return pki.load_plain_key(_set_up_row(session).exchange_key)


def hq_root(session: Session) -> x509.Certificate:
    root = credentials.hq_root(session)
    if root is None:
        raise _not_set_up()
    return root


def register_own_instance(session: Session) -> str:
    """Remember this database's current instance ID as HQ's (the merge rule needs it)."""
    instance, _counter = versioning.current(session.connection())
    row = _identity_row(session)
    if row is not None and row.role == "hq" and session.get(SyncInstance, instance) is None:
        session.add(SyncInstance(instance=instance, post_code=row.code, is_hq=True))
        session.flush()
    return instance


def set_up_hq(session: Session, *, name: str, code: str) -> Role:
    permissions.require(session, "settings.write")  # an admin's act (first run: the wizard)
    code = posts.validate_code(code)
    exchange_name = " (enkripsi sinkronisasi)"  # its exchange certificate's name adds this
    name = posts.validate_name(name, code, at_most=posts.MAX_NAME - len(exchange_name))
    existing = _identity_row(session)
    if existing is not None:
        current = _role_of(session, existing)
        raise OkudeskError(
            _(
                "Instalasi ini sudah disiapkan sebagai {role} {code}",
                role=current.role.upper(),
                code=current.code,
            )
        )
    key, exchange = pki.generate_key(), pki.generate_key()
    root = pki.make_root(key, common_name=name, unit=code)
    hq = pki.Identity(key, root)
    exchange_cert = pki.issue_exchange_certificate(
        hq, exchange.public_key(), common_name=f"{name}{exchange_name}", unit=code
    )
    session.add(
        SyncIdentity(
            id=1,
            role="hq",
            code=code,
            name=name,
            hq_code=code,
            signing_key=pki.plain_key_pem(key),
            certificate=pki.cert_pem(root),
            exchange_key=pki.plain_key_pem(exchange),
            exchange_certificate=pki.cert_pem(exchange_cert),
        )
    )
    posts.set_up_this_post(session, code=code, name=name, is_hq=True)
    session.flush()
    timestamps.tsa_identity(session)  # HQ's time-stamp authority, beside its other keys
    register_own_instance(session)
    return set_up_role(session)


def add_post(session: Session, *, code: str, name: str, out_dir: Path) -> Path:
    """Register a post at HQ (or re-kit a revoked/pending one) and write its enrollment kit."""

    permissions.require(session, "hq.posts")
    me = require_role(session, "hq")
    code = posts.validate_code(code)
    name = posts.validate_name(name, code)
    if code == me.code:
        raise OkudeskError(_("Kode pos {code} sudah terdaftar", code=code))
    row = session.get(SyncPost, code)
    if row is not None and row.status == "active":
        raise OkudeskError(
            _(
                "Pos {code} sudah aktif; cabut dulu ('post revoke') sebelum membuat kit baru",
                code=code,
            )
        )
    secret = secrets.token_bytes(32)
    if row is None:
        row = SyncPost(code=code, name=name, secret=secret)
        session.add(row)
    row.name, row.secret, row.status, row.key_id = name, secret, "pending", ""
    row.exchange_key, row.certificate, row.enrolled_at = b"", b"", None
    session.flush()
    body = {
        "kind": KIT_KIND,
        "format": KIT_FORMAT,
        "hq": {
            "code": me.code,
            "name": me.name,
            "root": me.certificate.decode("ascii"),
            "exchange": me.exchange_certificate.decode("ascii"),
        },
        "post": {"code": code, "name": name, "id": post_record_id(code)},
        "secret": base64.b64encode(secret).decode("ascii"),
    }
    signature = pki.sign(signing_identity(session).key, canonical(body))
    kit = dict(body, signature=base64.b64encode(signature).decode("ascii"))
    out_dir = Path(out_dir)
    path = out_dir / f"okudesk-kit-{code}.json"
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        partial = path.with_name(path.name + ".partial")
        partial.write_text(json.dumps(kit, indent=1, ensure_ascii=False), encoding="utf-8")
        partial.replace(path)
    except OSError as exc:
        raise OkudeskError(
            _("Gagal menulis {path}: {reason}", path=path, reason=exc.strerror or exc)
        ) from exc
    return path


def read_kit(path: Path) -> dict:
    try:
        kit: dict = json.loads(
            Path(path).read_text(encoding="utf-8")
        )  # not a dict: .items() fails below
        body = {k: v for k, v in kit.items() if k != "signature"}
        if kit.get("kind") != KIT_KIND:
            raise ValueError("kind")
        if kit.get("format", 0) > KIT_FORMAT:
            raise OkudeskError(
                _("Kit dibuat oleh okudesk yang lebih baru; perbarui okudesk terlebih dahulu")
            )
        root = pki.load_certs(kit["hq"]["root"].encode("ascii"))[0]
        if not pki.verify_signature(
            pki.certificate_key(root), base64.b64decode(kit["signature"]), canonical(body)
        ):
            raise ValueError("signature")
        pki.load_certs(kit["hq"]["exchange"].encode("ascii"))
        posts.validate_code(kit["post"]["code"])
        base64.b64decode(kit["secret"], validate=True)
    except OSError as exc:
        raise OkudeskError(
            _("Berkas {path} tidak dapat dibaca: {reason}", path=path, reason=exc.strerror or exc)
        ) from exc
    except (
        ValueError,
        KeyError,
        TypeError,
        AttributeError,
        IndexError,
        pki.CertificateError,
    ) as exc:
        raise OkudeskError(
            _("Kit pendaftaran rusak atau bukan kit okudesk: {path}", path=path)
        ) from exc
    return kit


def set_up_post(session: Session, kit_path: Path) -> Role:
    """Make this installation the post named in the kit; its keys are made here."""
    permissions.require(session, "settings.write")  # an admin's act (first run: the wizard)
    kit = read_kit(kit_path)
    existing_row = _identity_row(session)
    if existing_row is not None:
        current = _role_of(session, existing_row)
        raise OkudeskError(
            _(
                "Instalasi ini sudah disiapkan sebagai {role} {code}",
                role=current.role.upper(),
                code=current.code,
            )
        )
    code, name = kit["post"]["code"], kit["post"]["name"]
    existing = posts.this_post(session)
    if existing is not None and existing.code != code:
        raise OkudeskError(
            _("Data di folder ini milik pos {code}; gunakan folder data baru", code=existing.code)
        )
    if session.scalar(select(Post).where(Post.code == code)) is None:
        session.add(Post(id=kit["post"]["id"], code=code, name=name, origin_post=code))
        session.flush()
    posts.set_up_this_post(session, code=code, name=name)
    _adopt_rows_made_before(session, code)
    authority = credentials.post_authority(session)  # the post's CA key signs its bundles
    exchange = pki.generate_key()
    root = pki.load_certs(kit["hq"]["root"].encode("ascii"))[0]
    session.add(
        SyncIdentity(
            id=1,
            role="post",
            code=code,
            name=name,
            hq_code=kit["hq"]["code"],
            signing_key=b"",
            certificate=pki.cert_pem(authority.certificate),
            exchange_key=pki.plain_key_pem(exchange),
            hq_root=kit["hq"]["root"].encode("ascii"),
            hq_exchange=kit["hq"]["exchange"].encode("ascii"),
        )
    )
    credentials.add_trust_anchor(session, root, label=_("Polres (HQ)"))
    from okudesk.core.models import Setting

    session.add(Setting(key="sync.enrollment", value=json.dumps({"secret": kit["secret"]})))
    session.flush()
    return set_up_role(session)


def _adopt_rows_made_before(session: Session, code: str) -> None:
    """Rows made on this laptop before it became post ``code`` carry no post: the first
    admin above all, made at the first start before the wizard reads the enrolment kit.
    They become this post's, or HQ would refuse every bundle holding them ("data baru atas
    nama -"). Not the seeded reference rows (HQ's to keep, whatever their origin) nor the
    audit trail, whose entries are hashed as written (HQ takes them as the post's trail)."""
    from sqlalchemy import or_, update

    from okudesk.core.sync import records

    for info in records.travelling():
        if info.name in records.REFERENCE_TABLES or info.name == "audit_entry":
            continue
        column = info.table.c.origin_post
        session.execute(
            update(info.table).where(or_(column == "", column.is_(None))).values(origin_post=code)
        )


def enrollment_proof(session: Session, key_id: str) -> str | None:
    """HMAC-SHA256(kit secret, key ID) until HQ has issued this post's certificate."""
    from okudesk.core.models import Setting

    row = session.get(Setting, "sync.enrollment")
    if row is None:
        return None
    secret = base64.b64decode(json.loads(row.value)["secret"])
    return base64.b64encode(
        hmac.new(secret, key_id.encode("ascii"), hashlib.sha256).digest()
    ).decode("ascii")


def install_post_certificate(session: Session, cert_pem: bytes) -> bool:
    """A certificate HQ issued for this post's key (from a receipt); returns whether it
    changed. The post then re-issues its officers' certificates under it (credentials.py),
    so their report signatures chain to HQ."""
    row = require_role(session, "post")
    cert = pki.load_certs(cert_pem)[0]
    current = signing_identity(session)
    if pki.public_key_id(cert.public_key()) != pki.public_key_id(current.key.public_key()):
        raise SyncRefused(_("Sertifikat dari Polres bukan untuk kunci pos ini"))
    if cert == current.certificate:
        return False
    root = pki.load_certs(row.hq_root)[0]
    credentials.install_post_certificate(session, cert, [root])
    row.certificate = pki.cert_pem(cert) + row.hq_root
    from okudesk.core.models import Setting

    enrollment = session.get(Setting, "sync.enrollment")
    if enrollment is not None:
        session.delete(enrollment)
    session.flush()
    return True


def check_bundle_signer(session: Session, manifest: dict, signer: tuple) -> tuple[SyncPost, bool]:
    """Whether HQ trusts the bundle's signer; returns the post and whether this is its
    first contact (enrollment). Raises SyncRefused with the reason otherwise."""
    me = require_role(session, "hq")
    if manifest["hq"] != me.code:
        raise SyncRefused(
            _(
                "Bundel ini untuk Polres lain ({found}), bukan {code}",
                found=manifest["hq"],
                code=me.code,
            )
        )
    if manifest.get("kind") != "bundle":
        raise SyncRefused(_("Berkas ini bukan bundel pos"))
    exchange_id = pki.public_key_id(exchange_key(session).public_key())
    if manifest["recipient_key"] != exchange_id:
        raise SyncRefused(
            _(
                "Bundel ini dienkripsi untuk Polres lain (kunci {key})",
                key=manifest["recipient_key"][:12],
            )
        )
    post = session.get(SyncPost, manifest["post"])
    if post is None:
        raise SyncRefused(_("Pos {code} tidak dikenal di Polres ini", code=manifest["post"][:12]))
    key_id = manifest["sender_key"]
    if post.status == "revoked" or key_id in post.revoked_keys.split():
        raise SyncRefused(
            _(
                "Pos {code} telah dicabut; bundel yang ditandatangani kuncinya ditolak",
                code=post.code,
            )
        )
    if post.key_id:
        if key_id != post.key_id:
            raise SyncRefused(
                _("Pos {code} sudah terdaftar dengan kunci lain; bundel ditolak", code=post.code)
            )
        cert = signer[0]
        if cert.issuer != cert.subject:
            pki.validate_chain(
                cert,
                intermediates=list(signer[1:]),
                anchors=[hq_root(session)],
                key_usage={"key_cert_sign"},
            )
        return post, False
    proof = manifest.get("enrollment")
    expected = base64.b64encode(
        hmac.new(post.secret, key_id.encode("ascii"), hashlib.sha256).digest()
    ).decode("ascii")
    if post.status == "pending" and isinstance(proof, str) and hmac.compare_digest(proof, expected):
        return post, True
    cert = signer[0]
    if post.status == "pending" and pki.issued_post_certificate(cert, hq_root(session), post.code):
        # HQ certified this key before (its registry was restored from an older backup): the
        # post code is read from a certificate HQ's root itself signed for this post, never
        # from one a post CA made (a post CA could name any post in a certificate of its own)
        pki.validate_chain(
            cert,
            intermediates=list(signer[1:]),
            anchors=[hq_root(session)],
            key_usage={"key_cert_sign"},
        )
        return post, True
    raise SyncRefused(
        _("Bundel pertama pos {code} tidak membawa bukti pendaftaran yang sah", code=post.code)
    )


def enroll(
    session: Session, post: SyncPost, signer_cert: x509.Certificate, exchange_pem: bytes
) -> None:
    """First contact: record the post's keys and issue its certificate."""
    public = signer_cert.public_key()
    cert = pki.issue_post_certificate(
        signing_identity(session), public, post_code=post.code, post_name=post.name
    )
    post.key_id = pki.public_key_id(public)
    post.exchange_key = pki.public_key_pem(pki.load_public_key_pem(exchange_pem))
    post.certificate = pki.cert_pem(cert)
    post.status = "active"
    post.enrolled_at = utcnow()
    session.flush()


def constrained_certificate(session: Session, post: SyncPost) -> bytes:
    """The post's certificate for its next receipt: one HQ issued before post CAs carried
    name constraints is issued again (the same key) with them, so the post installs it and
    from then on can certify names under its own post only."""
    cert = pki.load_certs(post.certificate)[0] if post.certificate else None
    if cert is None or not post.key_id:
        return post.certificate
    try:
        cert.extensions.get_extension_for_class(x509.NameConstraints)
        return post.certificate
    except x509.ExtensionNotFound:
        pass
    if pki.public_key_id(cert.public_key()) != post.key_id:
        return post.certificate
    renewed = pki.issue_post_certificate(
        signing_identity(session), cert.public_key(), post_code=post.code, post_name=post.name
    )
    post.certificate = pki.cert_pem(renewed)
    session.flush()
    return post.certificate


def check_receipt_signer(session: Session, manifest: dict, signer: tuple) -> None:
    me = require_role(session, "post")
    if manifest.get("kind") != "receipt":
        raise SyncRefused(_("Berkas ini bukan tanda terima Polres"))
    if manifest["hq"] != me.hq_code or manifest["post"] != me.code:
        raise SyncRefused(
            _(
                "Tanda terima ini untuk pos {post} dari Polres {hq}, bukan untuk pos ini",
                post=manifest["post"][:12],
                hq=manifest["hq"][:12],
            )
        )
    root = pki.load_certs(me.hq_root)[0]
    if pki.public_key_id(signer[0].public_key()) != pki.public_key_id(
        root.public_key()
    ) or manifest["sender_key"] != pki.public_key_id(root.public_key()):
        raise SyncRefused(_("Tanda terima tidak ditandatangani oleh Polres {hq}", hq=me.hq_code))


def revoke_post(session: Session, code: str) -> RegisteredPost:

    permissions.require(session, "hq.revoke")
    require_role(session, "hq")
    row = session.get(SyncPost, posts.validate_code(code))
    if row is None:
        raise OkudeskError(_("Pos {code} tidak dikenal di Polres ini", code=code))
    if row.key_id and row.key_id not in row.revoked_keys.split():
        row.revoked_keys = (row.revoked_keys + "\n" + row.key_id).strip()
    row.status, row.revoked_at = "revoked", utcnow()
    row.key_id = ""
    session.flush()
    return _registered(row)


def revocations(session: Session) -> list[dict]:
    """Every revoked key: at HQ from the registry, at a post as received."""
    me = _identity_row(session)
    if me is not None and me.role == "hq":
        out = []
        for p in session.scalars(select(SyncPost).where(SyncPost.revoked_keys != "")):
            for key_id in p.revoked_keys.split():
                out.append({"key_id": key_id, "post": p.code, "at": str(p.revoked_at or "")})
        return out
    return [
        {"key_id": r.key_id, "post": r.post_code, "at": str(r.revoked_at)}
        for r in session.scalars(select(SyncRevocation))
    ]


def revoked_key_ids(session: Session) -> set[str]:
    return {r["key_id"] for r in revocations(session)}


def _registered(p: SyncPost) -> RegisteredPost:
    return RegisteredPost(
        p.code, p.name, p.status, p.key_id, p.registered_at, p.enrolled_at, p.revoked_at
    )
