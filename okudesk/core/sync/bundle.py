"""The file envelope of bundles and receipts: a ZIP of STORED members holding a signed
manifest, AES-256-GCM encrypted parts and the signer's certificates.

Writing goes to a temporary name, is flushed and fsynced, renamed, then read back and
verified, so a stick pulled mid-write never leaves a file that looks complete. Reading
checks the archive structure, manifest, signature and part hashes before anything is
decrypted; decryption and decompression are bounded. See docs/sync-format.md.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import queue
import secrets
import threading
import zipfile
import zlib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import zstandard
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from cryptography.hazmat.primitives.keywrap import InvalidUnwrap, aes_key_unwrap, aes_key_wrap

from okudesk.core import files, volumes
from okudesk.core.files import fsync_dir
from okudesk.core.i18n import _
from okudesk.core.security import pki
from okudesk.core.sync import FORMAT_VERSION, SyncRefused

MANIFEST, PAYLOAD, PHOTOS, SIGNATURE, SIGNER = (
    "manifest.json",
    "payload.bin",
    "photos.bin",
    "signature.der",
    "signer.pem",
)
MEMBERS = (MANIFEST, PAYLOAD, PHOTOS, SIGNATURE, SIGNER)
WRAP_ALG = "ECDH-P256+HKDF-SHA256+AES-KW"
WRAP_INFO = b"okudesk key wrap v1"
MAX_MANIFEST = 1 << 20
MAX_PAYLOAD = 2 << 30  # 2 GiB after decompression: far above any real bundle
COMPRESSION = "zstd"  # Zstandard level 1: 3x faster than zlib level 1 and a third smaller
COMPRESS_LEVEL = 1


def canonical(obj: object) -> bytes:
    return json.dumps(obj, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode(
        "utf-8"
    )


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: str | bytes) -> bytes:
    try:
        return base64.b64decode(text, validate=True)
    except (ValueError, TypeError) as exc:
        raise SyncRefused(_("Berkas rusak: manifes tidak sah")) from exc


def _kek(shared: bytes, envelope_id: str) -> bytes:
    return HKDF(
        algorithm=hashes.SHA256(), length=32, salt=bytes.fromhex(envelope_id), info=WRAP_INFO
    ).derive(shared)


def _aad(header: bytes, member: str) -> bytes:
    return header + b"|" + member.encode("ascii")


@dataclass(frozen=True)
class Opened:
    """A verified envelope: its manifest and (after :func:`decrypt`) its contents."""

    manifest: dict
    manifest_bytes: bytes
    signer: tuple  # x509 certificates, signer first
    parts: dict[str, bytes]  # ciphertexts
    sha256: str  # of the whole file


def compress_payload(pieces: Iterable[str | bytes]) -> tuple[bytes, int]:
    """Compress the payload (one Zstandard frame) as its pieces arrive; returns
    (compressed, plain size).

    The pieces come from database queries (which release the GIL while SQLite works) and
    zstandard releases it while compressing, so a worker thread compresses one piece while
    the next is being made."""
    work: queue.Queue = queue.Queue(maxsize=4)
    out: list[bytes] = []
    failure: list[BaseException] = []

    def deflate() -> None:
        packer = zstandard.ZstdCompressor(level=COMPRESS_LEVEL).compressobj()
        try:
            while (piece := work.get()) is not None:
                out.append(packer.compress(piece))
            out.append(packer.flush())
        except BaseException as exc:  # noqa: BLE001 - handed to the caller below
            failure.append(exc)
            while work.get() is not None:
                pass

    worker = threading.Thread(target=deflate, name="okudesk-compress", daemon=True)
    worker.start()
    size = 0
    try:
        for piece in pieces:
            data = piece.encode("utf-8") if isinstance(piece, str) else piece
            size += len(data)
            work.put(data)
    finally:
        work.put(None)
        worker.join()
    if failure:
        raise failure[0]
    return b"".join(out), size


def write(
    path: Path,
    *,
    header: dict,
    payload: bytes | tuple[bytes, int],
    photos: bytes,
    signer: pki.Identity,
    recipient: ec.EllipticCurvePublicKey,
) -> dict:
    """Encrypt, sign and write an envelope atomically; returns the manifest."""
    envelope_id = header["id"]
    content_key = AESGCM.generate_key(bit_length=256)
    ephemeral = ec.generate_private_key(ec.SECP256R1())
    kek = _kek(ephemeral.exchange(ec.ECDH(), recipient), envelope_id)
    # the payload, or (already compressed, its plain size) from compress_payload
    compressed, payload_size = (
        compress_payload([payload]) if isinstance(payload, bytes) else payload
    )
    nonces = {PAYLOAD: secrets.token_bytes(12), PHOTOS: secrets.token_bytes(12)}
    manifest = dict(header)
    manifest.update(
        format=FORMAT_VERSION,
        recipient_key=pki.public_key_id(recipient),
        sender_key=pki.public_key_id(signer.key.public_key()),
        wrap={
            "alg": WRAP_ALG,
            "epk": _b64(
                ephemeral.public_key().public_bytes(
                    serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint
                )
            ),
            "key": _b64(aes_key_wrap(kek, content_key)),
        },
        nonces={k: _b64(v) for k, v in nonces.items()},
        compression=COMPRESSION,
        sizes={"payload": payload_size, "compressed": len(compressed), "photos": len(photos)},
    )
    head = canonical(manifest)
    aes = AESGCM(content_key)
    parts = {
        PAYLOAD: aes.encrypt(nonces[PAYLOAD], compressed, _aad(head, PAYLOAD)),
        PHOTOS: aes.encrypt(nonces[PHOTOS], photos, _aad(head, PHOTOS)),
    }
    manifest["parts"] = {k: hashlib.sha256(v).hexdigest() for k, v in parts.items()}
    manifest_bytes = canonical(manifest)
    signature = pki.sign(signer.key, manifest_bytes)
    chain = b"".join(pki.cert_pem(c) for c in (signer.certificate, *signer.chain))
    members = [
        (MANIFEST, manifest_bytes),
        (PAYLOAD, parts[PAYLOAD]),
        (PHOTOS, parts[PHOTOS]),
        (SIGNATURE, signature),
        (SIGNER, chain),
    ]
    # the stick's file system and free space, now that the size is known (zip headers ~100
    # bytes a member): a FAT32 stick takes no file of 4 GiB, a full one would stop halfway
    room = volumes.room_problem(Path(path).parent, sum(len(d) + 128 for _n, d in members))
    if room:
        raise SyncRefused(room)
    _write_atomically(path, members)
    try:
        opened = open_file(path)  # read back what is on the stick
        good = opened.manifest_bytes == manifest_bytes and verify_signature(opened)
    except SyncRefused:
        good = False
    if not good:
        files.discard(path)
        raise SyncRefused(
            _("Berkas yang ditulis ke {path} rusak saat dibaca kembali; coba media lain", path=path)
        )
    return manifest


def _write_atomically(path: Path, members: list[tuple[str, bytes]]) -> None:
    path = Path(path)
    partial = path.with_name(path.name + ".partial")
    try:
        with open(partial, "wb") as fh:
            with zipfile.ZipFile(fh, "w", compression=zipfile.ZIP_STORED) as archive:
                for name, data in members:
                    info = zipfile.ZipInfo(name, date_time=(2020, 1, 1, 0, 0, 0))
                    info.compress_type = zipfile.ZIP_STORED
                    archive.writestr(info, data)
            fh.flush()
            os.fsync(fh.fileno())
        files.replace(partial, path, write_through=True)  # bundles go to USB sticks
        fsync_dir(path.parent)
    except OSError as exc:
        files.discard(partial)
        raise SyncRefused(
            _("Gagal menulis {path}: {reason}", path=path, reason=exc.strerror or exc)
        ) from exc


def open_file(path: Path) -> Opened:
    """Read and check the archive structure and manifest; no cryptography yet."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise SyncRefused(
            _("Berkas {path} tidak dapat dibaca: {reason}", path=path, reason=exc.strerror or exc)
        ) from exc
    return open_bytes(data)


def open_bytes(data: bytes) -> Opened:
    import io

    damaged = _("Berkas rusak atau terpotong (bukan bundel okudesk yang utuh)")
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
        raise SyncRefused(damaged) from exc
    names = [i.filename for i in infos]
    if sorted(names) != sorted(MEMBERS):
        odd = sorted(set(names) - set(MEMBERS)) or sorted(set(MEMBERS) - set(names)) or names
        raise SyncRefused(
            _("Berkas ditolak: isi arsip tidak sah ({names})", names=", ".join(odd)[:120])
        )
    parts: dict[str, bytes] = {}
    for info in infos:
        if (
            info.compress_type != zipfile.ZIP_STORED
            or info.file_size > len(data)
            or info.file_size != info.compress_size
        ):
            raise SyncRefused(
                _("Berkas ditolak: isi arsip tidak sah ({names})", names=info.filename)
            )
        if info.filename == MANIFEST and info.file_size > MAX_MANIFEST:
            raise SyncRefused(damaged)
        try:
            parts[info.filename] = archive.read(info)
        except (
            zipfile.BadZipFile,
            OSError,
            ValueError,
            EOFError,
            zlib.error,
            NotImplementedError,  # flag bits zipfile does not read (patched data, encryption)
            RuntimeError,  # "File is encrypted"
        ) as exc:
            raise SyncRefused(damaged) from exc
    manifest_bytes = parts.pop(MANIFEST)
    try:
        manifest = json.loads(manifest_bytes)
    except (ValueError, UnicodeDecodeError) as exc:
        raise SyncRefused(damaged) from exc
    if not isinstance(manifest, dict):
        raise SyncRefused(damaged)
    fmt = manifest.get("format")
    if not isinstance(fmt, int):
        raise SyncRefused(damaged)
    if fmt > FORMAT_VERSION:
        raise SyncRefused(
            _(
                "Berkas dibuat oleh okudesk yang lebih baru (format {found}); perbarui okudesk di "
                "sini terlebih dahulu",
                found=fmt,
            )
        )
    for key in ("kind", "id", "hq", "post", "sender_key", "recipient_key", "schema"):
        if not isinstance(manifest.get(key), str):
            raise SyncRefused(damaged)
    for key in ("wrap", "nonces", "sizes", "parts"):
        if not isinstance(manifest.get(key), dict):
            raise SyncRefused(damaged)
    try:
        bytes.fromhex(manifest["id"])
        certs = tuple(pki.load_certs(parts.pop(SIGNER)))
    except ValueError as exc:
        raise SyncRefused(damaged) from exc
    if not certs:
        raise SyncRefused(damaged)
    return Opened(manifest, manifest_bytes, certs, parts, hashlib.sha256(data).hexdigest())


def verify_signature(opened: Opened) -> bool:
    """The signer's certificate names the sender key, signed the manifest, and every part
    is the one the manifest names."""
    cert = opened.signer[0]
    public_key = cert.public_key()
    if (
        not isinstance(public_key, ec.EllipticCurvePublicKey)
        or pki.public_key_id(public_key) != opened.manifest["sender_key"]
    ):
        return False
    if not pki.verify_signature(public_key, opened.parts[SIGNATURE], opened.manifest_bytes):
        return False
    expected = opened.manifest["parts"]
    return all(
        hashlib.sha256(opened.parts[name]).hexdigest() == expected.get(name)
        for name in (PAYLOAD, PHOTOS)
    )


def decrypt(opened: Opened, exchange_key: pki.PrivateKey) -> tuple[bytes, bytes]:
    """The payload (decompressed) and the photo bytes. Call after the signer is trusted."""
    m = opened.manifest
    tampered = _("Berkas ditolak: isi terenkripsi rusak atau diubah")
    if m["recipient_key"] != pki.public_key_id(exchange_key.public_key()):
        raise SyncRefused(_("Berkas ini dienkripsi untuk instalasi lain"))
    wrap = m["wrap"]
    if wrap.get("alg") != WRAP_ALG:
        raise SyncRefused(tampered)
    try:
        epk = ec.EllipticCurvePublicKey.from_encoded_point(ec.SECP256R1(), _unb64(wrap.get("epk")))
        content_key = aes_key_unwrap(
            _kek(exchange_key.exchange(ec.ECDH(), epk), m["id"]), _unb64(wrap.get("key"))
        )
        aes = AESGCM(content_key)
        header = {k: v for k, v in m.items() if k != "parts"}
        head = canonical(header)
        compressed = aes.decrypt(
            _unb64(m["nonces"].get(PAYLOAD)), opened.parts[PAYLOAD], _aad(head, PAYLOAD)
        )
        photos = aes.decrypt(
            _unb64(m["nonces"].get(PHOTOS)), opened.parts[PHOTOS], _aad(head, PHOTOS)
        )
    except (InvalidTag, InvalidUnwrap, ValueError, TypeError) as exc:
        raise SyncRefused(tampered) from exc
    declared = m["sizes"].get("payload")
    if not isinstance(declared, int) or declared < 0 or declared > MAX_PAYLOAD:
        raise SyncRefused(tampered)
    if m.get("compression") != COMPRESSION:
        raise SyncRefused(tampered)
    try:  # never more than the declared size (+1 to notice a lie): no decompression bomb
        with zstandard.ZstdDecompressor().stream_reader(
            compressed, read_across_frames=True
        ) as reader:
            payload = reader.read(declared + 1)
    except zstandard.ZstdError as exc:
        raise SyncRefused(tampered) from exc
    if len(payload) != declared:
        raise SyncRefused(
            _("Berkas ditolak: ukuran isi tidak sesuai manifes (kemungkinan bom dekompresi)")
        )
    return payload, photos
