"""The file envelope of bundles and receipts: a ZIP of STORED members holding a signed
manifest, encrypted parts and the signer's certificates.

The parts are sealed in chunks (AES-256-GCM, one key, a nonce per chunk made of a random
prefix, the chunk's counter and a last-chunk flag: the STREAM construction of Tink's and
age's streaming encryption), so a part of any size is written and read a chunk at a time.
Reading never holds a whole part in memory: every size is checked against the signed
manifest and against the hard limits below before anything is decrypted or inflated.

Writing goes to a temporary name, is flushed and fsynced, renamed, then read back and
verified, so a stick pulled mid-write never leaves a file that looks complete. Reading
checks the archive structure, manifest, signature and part hashes before anything is
decrypted. See docs/sync-format.md.
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
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, cast

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
SEALED = (PAYLOAD, PHOTOS)
WRAP_ALG = "ECDH-P256+HKDF-SHA256+AES-KW"
WRAP_INFO = b"okudesk key wrap v1"
STREAM_ALG = "AES-256-GCM-STREAM"  # nonce = 7-byte prefix | 4-byte counter | last flag
CHUNK = 1 << 20  # plaintext bytes per sealed chunk
MIN_CHUNK, MAX_CHUNK = 1 << 12, 1 << 24  # what a reader accepts from a manifest
TAG = 16
MAX_MANIFEST = 1 << 20
MAX_SIGNATURE = 1 << 10
MAX_SIGNER = 1 << 16
# The payload is parsed whole (JSON), so its inflated size bounds the memory of an import:
# 64 MiB holds about 180,000 records (100,000 incidents make 36 MiB). A manifest declaring
# more is refused before a byte is inflated; a frame inflating past its declared size is
# refused at that byte. Photos are streamed to the photo folder one at a time.
MAX_PAYLOAD = 64 << 20
MAX_PHOTO = 64 << 20  # one photo (they are resized to a few hundred KB when added)
COMPRESSION = "zstd"  # Zstandard level 1: 3x faster than zlib level 1 and a third smaller
COMPRESS_LEVEL = 1
READ = 1 << 20


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


# --- the streaming AEAD -------------------------------------------------------------------


def _nonce(prefix: bytes, index: int, last: bool) -> bytes:
    return prefix + index.to_bytes(4, "big") + (b"\x01" if last else b"\x00")


def _chunk_count(size: int, chunk: int) -> int:
    return max(1, -(-size // chunk))  # an empty part is one empty last chunk


def sealed_size(size: int, chunk: int = CHUNK) -> int:
    """Bytes of a part of ``size`` plaintext bytes once sealed (a tag per chunk)."""
    return size + _chunk_count(size, chunk) * TAG


def _seal(
    aes: AESGCM, prefix: bytes, aad: bytes, pieces: Iterable[bytes], size: int, chunk: int
) -> Iterator[bytes]:
    """Seal exactly ``size`` bytes arriving as ``pieces``, one chunk at a time."""
    count = _chunk_count(size, chunk)
    buf = bytearray()
    index = total = 0
    changed = _("Data berubah saat ditulis; ulangi ekspor")
    for piece in pieces:
        total += len(piece)
        if total > size:
            raise SyncRefused(changed)
        view, pos = memoryview(piece), 0
        while index < count - 1 and len(buf) + len(view) - pos >= chunk:
            need = chunk - len(buf)
            if buf:  # a chunk started by the previous piece
                buf += view[pos : pos + need]
                plain: bytes | memoryview = bytes(buf)
                buf.clear()
            else:  # a whole chunk inside this piece: no copy
                plain = view[pos : pos + need]
            yield aes.encrypt(_nonce(prefix, index, False), plain, aad)
            pos += need
            index += 1
        buf += view[pos:]
    if total != size:
        raise SyncRefused(changed)
    yield aes.encrypt(_nonce(prefix, count - 1, True), bytes(buf), aad)


def _open_sealed(
    aes: AESGCM, prefix: bytes, aad: bytes, stream: IO[bytes], size: int, chunk: int
) -> Iterator[bytes]:
    """The plaintext of a sealed part, a chunk at a time; a chunk moved, dropped, changed or
    cut short (the last flag is in the nonce) fails its tag."""
    count = _chunk_count(size, chunk)
    for index in range(count):
        last = index == count - 1
        want = (size - (count - 1) * chunk if last else chunk) + TAG
        data = stream.read(want)
        if len(data) != want:
            raise SyncRefused(_("Berkas rusak atau terpotong (bukan bundel okudesk yang utuh)"))
        yield aes.decrypt(_nonce(prefix, index, last), data, aad)


@dataclass(frozen=True)
class Source:
    """A part written as a stream: its exact size and the pieces that make it up."""

    size: int
    pieces: Callable[[], Iterable[bytes]]


def _pieces_of(data: bytes) -> Callable[[], Iterable[bytes]]:
    return lambda: [data]


@dataclass(frozen=True)
class Opened:
    """A checked envelope: its manifest, the file, and each sealed member's SHA-256."""

    manifest: dict
    manifest_bytes: bytes
    signer: tuple  # x509 certificates, signer first
    signature: bytes
    digests: dict[str, str]  # SHA-256 hex of each sealed member
    sha256: str  # of the whole file
    path: Path = field(default=Path())


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
    photos: bytes | Source,
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
    if payload_size > MAX_PAYLOAD:
        raise SyncRefused(
            _(
                "Terlalu banyak perubahan untuk satu bundel ({size} MB, batas {limit} MB)",
                size=payload_size >> 20,
                limit=MAX_PAYLOAD >> 20,
            )
        )
    if isinstance(photos, bytes):
        photos = Source(len(photos), _pieces_of(photos))
    nonces = {PAYLOAD: secrets.token_bytes(7), PHOTOS: secrets.token_bytes(7)}
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
        stream={"alg": STREAM_ALG, "chunk": CHUNK},
        nonces={k: _b64(v) for k, v in nonces.items()},
        compression=COMPRESSION,
        sizes={"payload": payload_size, "compressed": len(compressed), "photos": photos.size},
    )
    head = canonical(manifest)
    aes = AESGCM(content_key)
    digests = {PAYLOAD: hashlib.sha256(), PHOTOS: hashlib.sha256()}

    def sealed(member: str, pieces: Iterable[bytes], size: int) -> Iterator[bytes]:
        for block in _seal(aes, nonces[member], _aad(head, member), pieces, size, CHUNK):
            digests[member].update(block)
            yield block

    chain = b"".join(pki.cert_pem(c) for c in (signer.certificate, *signer.chain))
    signed: dict[str, bytes] = {}

    def closing() -> list[tuple[str, bytes]]:  # once the parts are written and hashed
        manifest["parts"] = {k: v.hexdigest() for k, v in digests.items()}
        signed["manifest"] = canonical(manifest)
        return [
            (MANIFEST, signed["manifest"]),
            (SIGNATURE, pki.sign(signer.key, signed["manifest"])),
            (SIGNER, chain),
        ]

    streams = [
        (
            PAYLOAD,
            sealed_size(len(compressed)),
            lambda: sealed(PAYLOAD, [compressed], len(compressed)),
        ),
        (PHOTOS, sealed_size(photos.size), lambda: sealed(PHOTOS, photos.pieces(), photos.size)),
    ]
    # the stick's file system and free space, now that the size is known (zip headers ~100
    # bytes a member): a FAT32 stick takes no file of 4 GiB, a full one would stop halfway
    expected = sum(size + 128 for _n, size, _p in streams) + len(head) + len(chain) + 2048
    room = volumes.room_problem(Path(path).parent, expected)
    if room:
        raise SyncRefused(room)
    _write_atomically(path, streams, closing)
    try:
        opened = open_file(path)  # read back what is on the stick
        good = opened.manifest_bytes == signed["manifest"] and verify_signature(opened)
    except SyncRefused:
        good = False
    if not good:
        files.discard(path)
        raise SyncRefused(
            _("Berkas yang ditulis ke {path} rusak saat dibaca kembali; coba media lain", path=path)
        )
    return manifest


def _member(name: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=(2020, 1, 1, 0, 0, 0))
    info.compress_type = zipfile.ZIP_STORED
    return info


def _write_atomically(
    path: Path,
    members: Sequence[tuple[str, bytes]] | Sequence[tuple[str, int, Callable[[], Iterable[bytes]]]],
    closing: Callable[[], list[tuple[str, bytes]]] | None = None,
) -> None:
    """Write ``members`` (name and bytes, or name, size and a stream of pieces), then the
    ones ``closing`` returns, to a temporary name; fsync, rename."""
    path = Path(path)
    partial = path.with_name(path.name + ".partial")
    try:
        with open(partial, "wb") as fh:
            with zipfile.ZipFile(fh, "w", compression=zipfile.ZIP_STORED) as archive:
                for item in members:
                    if len(item) == 2:
                        archive.writestr(_member(item[0]), item[1])
                        continue
                    name, size, pieces = item
                    info = _member(name)
                    info.file_size = size
                    with archive.open(info, "w", force_zip64=size >= 1 << 31) as out:
                        for block in pieces():
                            out.write(block)
                for name, data in closing() if closing else []:
                    archive.writestr(_member(name), data)
            fh.flush()
            os.fsync(fh.fileno())
        files.replace(partial, path, write_through=True)  # bundles go to USB sticks
        fsync_dir(path.parent)
    except OSError as exc:
        files.discard(partial)
        raise SyncRefused(
            _("Gagal menulis {path}: {reason}", path=path, reason=exc.strerror or exc)
        ) from exc
    except BaseException:
        files.discard(partial)
        raise


# --- reading ------------------------------------------------------------------------------

_ZIP_ERRORS = (
    zipfile.BadZipFile,
    OSError,
    ValueError,
    EOFError,
    zlib.error,
    NotImplementedError,  # flag bits zipfile does not read (patched data, encryption)
    RuntimeError,  # "File is encrypted"
)


def _damaged() -> str:
    return _("Berkas rusak atau terpotong (bukan bundel okudesk yang utuh)")


def _size(m: dict, key: str) -> int:
    value = m["sizes"].get(key)
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise SyncRefused(_damaged())
    return value


def check_sizes(m: dict, *, max_payload: int | None = None) -> None:
    """Every size the manifest declares is one this reader accepts: the inflated payload
    under the limit (a decompression bomb stops here, before a byte is inflated)."""
    limit = MAX_PAYLOAD if max_payload is None else max_payload
    declared = _size(m, "payload")
    _size(m, "compressed"), _size(m, "photos")
    if declared > limit:
        raise SyncRefused(
            _(
                "Berkas ditolak: isi data menyatakan {size} MB, lebih dari batas {limit} MB "
                "(kemungkinan bom dekompresi)",
                size=declared >> 20,
                limit=limit >> 20,
            )
        )


def _chunk(m: dict) -> int:
    stream = m.get("stream")
    chunk = stream.get("chunk") if isinstance(stream, dict) else None
    if (
        not isinstance(stream, dict)
        or stream.get("alg") != STREAM_ALG
        or not isinstance(chunk, int)
        or not MIN_CHUNK <= chunk <= MAX_CHUNK
    ):
        raise SyncRefused(_damaged())
    return chunk


def open_file(path: Path) -> Opened:
    """Read and check the archive structure and manifest, and hash the file and its sealed
    members a block at a time; no cryptography yet."""
    path = Path(path)
    try:
        with open(path, "rb") as fh:
            return _open(path, fh)
    except OSError as exc:
        raise SyncRefused(
            _("Berkas {path} tidak dapat dibaca: {reason}", path=path, reason=exc.strerror or exc)
        ) from exc


def _read_small(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> bytes:
    try:
        return archive.read(info)
    except _ZIP_ERRORS as exc:
        raise SyncRefused(_damaged()) from exc


def _open(path: Path, fh: IO[bytes]) -> Opened:
    damaged = _damaged()
    total = os.fstat(fh.fileno()).st_size
    try:
        archive = zipfile.ZipFile(fh)
        infos = archive.infolist()
    except _ZIP_ERRORS as exc:
        raise SyncRefused(damaged) from exc
    names = [i.filename for i in infos]
    if sorted(names) != sorted(MEMBERS):
        odd = sorted(set(names) - set(MEMBERS)) or sorted(set(MEMBERS) - set(names)) or names
        raise SyncRefused(
            _("Berkas ditolak: isi arsip tidak sah ({names})", names=", ".join(odd)[:120])
        )
    by_name = {i.filename: i for i in infos}
    limits = {MANIFEST: MAX_MANIFEST, SIGNATURE: MAX_SIGNATURE, SIGNER: MAX_SIGNER}
    for info in infos:
        if (
            info.compress_type != zipfile.ZIP_STORED
            or info.file_size > total
            or info.file_size != info.compress_size
        ):
            raise SyncRefused(
                _("Berkas ditolak: isi arsip tidak sah ({names})", names=info.filename)
            )
        if info.file_size > limits.get(info.filename, total):
            raise SyncRefused(damaged)
    if sum(i.file_size for i in infos) > total:  # members overlapping one another
        raise SyncRefused(_("Berkas ditolak: isi arsip tidak sah ({names})", names="zip"))
    manifest_bytes = _read_small(archive, by_name[MANIFEST])
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
    if fmt < FORMAT_VERSION:
        raise SyncRefused(
            _(
                "Berkas dibuat oleh okudesk versi lama (format {found}); perbarui okudesk di "
                "pengirimnya lalu buat berkasnya lagi (tidak ada data yang hilang)",
                found=fmt,
            )
        )
    for key in ("kind", "id", "hq", "post", "sender_key", "recipient_key", "schema"):
        if not isinstance(manifest.get(key), str):
            raise SyncRefused(damaged)
    for key in ("wrap", "nonces", "sizes", "parts"):
        if not isinstance(manifest.get(key), dict):
            raise SyncRefused(damaged)
    chunk = _chunk(manifest)
    _size(manifest, "payload")  # checked against the limit by decrypt, before inflating
    plain = {PAYLOAD: _size(manifest, "compressed"), PHOTOS: _size(manifest, "photos")}
    for name in SEALED:  # the declared sizes are exactly the members': nothing to guess
        if by_name[name].file_size != sealed_size(plain[name], chunk):
            raise SyncRefused(damaged)
    try:
        bytes.fromhex(manifest["id"])
        certs = tuple(pki.load_certs(_read_small(archive, by_name[SIGNER])))
    except ValueError as exc:
        raise SyncRefused(damaged) from exc
    if not certs:
        raise SyncRefused(damaged)
    signature = _read_small(archive, by_name[SIGNATURE])
    digests = {}
    try:
        for name in SEALED:
            digest = hashlib.sha256()
            with archive.open(by_name[name]) as member:  # its CRC is checked at the end
                while block := member.read(READ):
                    digest.update(block)
            digests[name] = digest.hexdigest()
        whole = hashlib.sha256()
        fh.seek(0)
        while block := fh.read(READ):
            whole.update(block)
    except _ZIP_ERRORS as exc:
        raise SyncRefused(damaged) from exc
    return Opened(manifest, manifest_bytes, certs, signature, digests, whole.hexdigest(), path)


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
    if not pki.verify_signature(public_key, opened.signature, opened.manifest_bytes):
        return False
    expected = opened.manifest["parts"]
    return all(opened.digests[name] == expected.get(name) for name in SEALED)


class _Chunks:
    """A file-like view of decrypted chunks, for the Zstandard stream reader."""

    def __init__(self, chunks: Iterator[bytes]):
        self._chunks = chunks
        self._buf = bytearray()

    def read(self, size: int = -1) -> bytes:
        while size < 0 or len(self._buf) < size:
            block = next(self._chunks, None)
            if block is None:
                break
            self._buf += block
        size = len(self._buf) if size < 0 else size
        out = bytes(self._buf[:size])
        del self._buf[:size]
        return out


@dataclass
class Contents:
    """A decrypted envelope: the payload (inflated, checked against its declared size) and
    the photo part, read again from the file when asked, a chunk at a time."""

    payload: bytearray
    photos_size: int
    _read_photos: Callable[[], Iterator[bytes]]

    def photos(self, entries: Iterable[tuple[int, int]]) -> Iterator[bytes]:
        """The photos at (offset, size) ``entries`` (by offset, each at most MAX_PHOTO), one
        at a time; the whole part is decrypted, so a damaged chunk anywhere is refused."""
        invalid = _("Berkas ditolak: isi data tidak sah")
        tampered = _("Berkas ditolak: isi terenkripsi rusak atau diubah")
        try:
            chunks = self._read_photos()
            buf = bytearray()
            pos = 0  # offset of buf[0] in the part
            for offset, size in entries:
                if offset < pos or size > MAX_PHOTO or offset + size > self.photos_size:
                    raise SyncRefused(invalid)
                while True:
                    drop = min(offset - pos, len(buf))
                    if drop:
                        del buf[:drop]
                        pos += drop
                    if pos + len(buf) >= offset + size:
                        break
                    block = next(chunks, None)
                    if block is None:
                        raise SyncRefused(invalid)
                    buf += block
                with memoryview(buf) as view:
                    photo = bytes(view[offset - pos : offset - pos + size])
                yield photo
            for _block in chunks:  # to the last chunk's tag
                pass
        except InvalidTag as exc:
            raise SyncRefused(tampered) from exc

    def check_photos(self) -> None:
        for _photo in self.photos([]):
            pass


def decrypt(
    opened: Opened, exchange_key: pki.PrivateKey, *, max_payload: int | None = None
) -> Contents:
    """The payload (decompressed) and the photo part. Call after the signer is trusted."""
    m = opened.manifest
    tampered = _("Berkas ditolak: isi terenkripsi rusak atau diubah")
    if m["recipient_key"] != pki.public_key_id(exchange_key.public_key()):
        raise SyncRefused(_("Berkas ini dienkripsi untuk instalasi lain"))
    check_sizes(m, max_payload=max_payload)  # before a byte is decrypted or inflated
    wrap = m["wrap"]
    if wrap.get("alg") != WRAP_ALG or m.get("compression") != COMPRESSION:
        raise SyncRefused(tampered)
    declared, chunk = _size(m, "payload"), _chunk(m)
    try:
        epk = ec.EllipticCurvePublicKey.from_encoded_point(ec.SECP256R1(), _unb64(wrap.get("epk")))
        content_key = aes_key_unwrap(
            _kek(exchange_key.exchange(ec.ECDH(), epk), m["id"]), _unb64(wrap.get("key"))
        )
        aes = AESGCM(content_key)
        prefixes = {name: _unb64(m["nonces"].get(name)) for name in SEALED}
    except (InvalidUnwrap, ValueError, TypeError) as exc:
        raise SyncRefused(tampered) from exc
    if any(len(p) != 7 for p in prefixes.values()):
        raise SyncRefused(tampered)
    head = canonical({k: v for k, v in m.items() if k != "parts"})

    def member(name: str, size: int) -> Iterator[bytes]:
        try:
            with open(opened.path, "rb") as fh, zipfile.ZipFile(fh) as archive:
                with archive.open(name) as stream:
                    yield from _open_sealed(
                        aes,
                        prefixes[name],
                        _aad(head, name),
                        stream,
                        size,
                        chunk,
                    )
        except _ZIP_ERRORS as exc:
            raise SyncRefused(_damaged()) from exc

    payload = bytearray(declared)
    got = 0
    try:  # never more than the declared size (+1 to notice a lie): no decompression bomb
        chunks = member(PAYLOAD, _size(m, "compressed"))
        with zstandard.ZstdDecompressor().stream_reader(
            cast(IO[bytes], _Chunks(chunks)), read_across_frames=True, read_size=chunk
        ) as reader:
            while got < declared:
                piece = reader.read(min(READ, declared - got))
                if not piece:
                    break
                payload[got : got + len(piece)] = piece
                got += len(piece)
            if got == declared and reader.read(1):
                got += 1
        for _block in chunks:  # to the last chunk's tag
            pass
    except (InvalidTag, zstandard.ZstdError) as exc:
        raise SyncRefused(tampered) from exc
    if got != declared:
        raise SyncRefused(
            _("Berkas ditolak: ukuran isi tidak sesuai manifes (kemungkinan bom dekompresi)")
        )
    photos_size = _size(m, "photos")
    return Contents(payload, photos_size, lambda: member(PHOTOS, photos_size))
