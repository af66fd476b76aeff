"""Bundles are read and written as streams: a declared size over the limit is refused
before a byte is inflated, photos travel a chunk at a time (memory does not grow with
them), and the chunked encryption refuses chunks moved, cut off or changed."""

from __future__ import annotations

import io
import random
import tracemalloc

import pytest
import zstandard
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from sync_world import add_meeting, enroll, export_to, make_hq

from okudesk.core.records import photos
from okudesk.core.sync import SyncRefused, bundle, export, importer


def _noise_jpeg(seed: int) -> bytes:
    from PIL import Image

    rnd = random.Random(seed)
    im = Image.frombytes("RGB", (640, 480), rnd.randbytes(640 * 480 * 3))
    out = io.BytesIO()
    im.save(out, "JPEG", quality=95)
    return out.getvalue()


@pytest.fixture
def pair(tmp_path):
    usb = tmp_path / "usb"
    usb.mkdir()
    hq = make_hq(tmp_path / "hq")
    post = enroll(hq, tmp_path / "post", "BTT", usb)
    yield hq, post, usb
    hq.close()
    post.close()


def test_a_bomb_declaring_more_than_the_limit_is_refused_before_inflating(
    pair, monkeypatch, tmp_path
):
    """A post's genuine key signs a 64 MiB-of-zeros frame (a few KB) that declares 60 MiB
    over a 1 MiB limit: refused from the manifest, the decompressor never runs."""
    hq, post, usb = pair
    add_meeting(post, "Rapat")
    bomb = zstandard.ZstdCompressor(level=19).compress(b"\0" * (64 << 20))
    monkeypatch.setattr(bundle, "compress_payload", lambda pieces: (bomb, 60 << 20))
    path = export.export_bundle(post, tmp_path).path
    monkeypatch.undo()
    assert path.stat().st_size < 200_000
    inflated = []
    real = zstandard.ZstdDecompressor

    def counting(*args, **kwargs):
        inflated.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(zstandard, "ZstdDecompressor", counting)
    outcome = importer.import_bundle(hq, path, write_receipt=False, max_payload=1 << 20)
    assert not outcome.ok and "bom dekompresi" in outcome.reason
    assert "60 MB" in outcome.reason and not inflated
    # the same code path with the shipped limit: a genuine small bundle still imports
    good = export_to(post, usb)
    assert importer.import_bundle(hq, good, write_receipt=False, max_payload=1 << 20).ok
    assert inflated


def test_photos_travel_a_chunk_at_a_time(pair, monkeypatch, tmp_path):
    """Export and import hold one photo and one chunk, not the photo part: the peak of
    Python's allocations stays far under the photos' total (on the old format it was
    above it: the whole part was read, encrypted and decrypted in memory)."""
    hq, post, usb = pair
    monkeypatch.setattr(bundle, "CHUNK", 64 << 10)
    meeting = add_meeting(post, "Rapat dengan foto")
    with post.write() as s:
        for n in range(72):
            photos.add_photo(s, post.photo_dir, _noise_jpeg(n), meeting_id=meeting)
    total = sum(p.stat().st_size for p in post.photo_dir.rglob("*.jpg"))
    assert total > 12 << 20
    tracemalloc.start()
    try:
        path = export.export_bundle(post, usb).path
        _size, exported_peak = tracemalloc.get_traced_memory()
        tracemalloc.reset_peak()
        outcome = importer.import_bundle(hq, path, write_receipt=False)
        _size, imported_peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert outcome.ok, outcome.reason
    assert exported_peak < total / 4, (exported_peak, total)
    assert imported_peak < total / 4, (imported_peak, total)
    for p in post.photo_dir.rglob("*.jpg"):
        assert (hq.photo_dir / p.relative_to(post.photo_dir)).read_bytes() == p.read_bytes()


def _sealed(data: bytes, chunk: int = 4096) -> tuple[AESGCM, bytes, list[bytes]]:
    aes = AESGCM(AESGCM.generate_key(bit_length=256))
    prefix = b"\x07" * 7
    return aes, prefix, list(bundle._seal(aes, prefix, b"head", [data], len(data), chunk))


def _open(aes, prefix, blocks, size, chunk=4096) -> bytes:
    stream = io.BytesIO(b"".join(blocks))
    return b"".join(bundle._open_sealed(aes, prefix, b"head", stream, size, chunk))


def test_the_chunked_encryption_refuses_moved_dropped_and_changed_chunks():
    data = bytes(random.Random(1).getrandbits(8) for _ in range(4096 * 3 + 100))
    aes, prefix, blocks = _sealed(data)
    assert len(blocks) == 4 and sum(map(len, blocks)) == bundle.sealed_size(len(data), 4096)
    assert _open(aes, prefix, blocks, len(data)) == data
    with pytest.raises(InvalidTag):  # two chunks swapped
        _open(aes, prefix, [blocks[1], blocks[0], *blocks[2:]], len(data))
    with pytest.raises(InvalidTag):  # cut at a chunk boundary: the new end is not "last"
        _open(aes, prefix, blocks[:3], 4096 * 3)
    with pytest.raises(InvalidTag):  # another header (manifest) as associated data
        b"".join(
            bundle._open_sealed(
                aes, prefix, b"other", io.BytesIO(b"".join(blocks)), len(data), 4096
            )
        )
    flipped = bytearray(blocks[2])
    flipped[5] ^= 1
    with pytest.raises(InvalidTag):
        _open(aes, prefix, [*blocks[:2], bytes(flipped), blocks[3]], len(data))
    empty_aes, empty_prefix, empty = _sealed(b"")
    assert len(empty) == 1 and _open(empty_aes, empty_prefix, empty, 0) == b""


def test_a_photo_part_larger_than_the_archive_or_its_declaration_is_refused(pair, tmp_path):
    """The sealed members' sizes follow from the signed manifest: a member that does not
    match is refused before any cryptography (no guessing, no reading past it)."""
    import zipfile

    hq, post, usb = pair
    add_meeting(post, "Rapat")
    path = export_to(post, usb)
    with zipfile.ZipFile(path) as z:
        members = [(i.filename, z.read(i)) for i in z.infolist()]
    bad = tmp_path / "padded.okb"
    with zipfile.ZipFile(bad, "w", zipfile.ZIP_STORED) as z:
        for name, data in members:
            z.writestr(name, data + (b"\0" * 32 if name == bundle.PHOTOS else b""))
    outcome = importer.import_bundle(hq, bad, write_receipt=False)
    assert not outcome.ok and "rusak" in outcome.reason


def test_a_bundle_of_the_previous_format_is_refused_with_a_plain_reason(pair, tmp_path):
    """A post still on the one-piece format (signed with its genuine key): HQ says to update
    the post and export again; nothing changes, and the post keeps its changes."""
    import json
    import zipfile

    from okudesk.core.security import pki
    from okudesk.core.sync import trust

    hq, post, usb = pair
    add_meeting(post, "Rapat")
    path = export_to(post, usb)
    with zipfile.ZipFile(path) as z:
        members = {i.filename: z.read(i) for i in z.infolist()}
    manifest = json.loads(members[bundle.MANIFEST])
    manifest["format"] = 1
    del manifest["stream"]
    members[bundle.MANIFEST] = bundle.canonical(manifest)
    with post.read() as s:
        key = trust.signing_identity(s).key
    members[bundle.SIGNATURE] = pki.sign(key, members[bundle.MANIFEST])
    old = tmp_path / "old.okb"
    with zipfile.ZipFile(old, "w", zipfile.ZIP_STORED) as z:
        for name, data in members.items():
            z.writestr(name, data)
    outcome = importer.import_bundle(hq, old, write_receipt=False)
    assert not outcome.ok and "versi lama (format 1)" in outcome.reason
    assert "perbarui okudesk di pengirimnya" in outcome.reason


def test_export_refuses_a_payload_over_the_limit_plainly(pair, monkeypatch, tmp_path):
    hq, post, usb = pair
    add_meeting(post, "Rapat")
    out = tmp_path / "stick"
    out.mkdir()
    monkeypatch.setattr(bundle, "MAX_PAYLOAD", 1000)
    with pytest.raises(SyncRefused, match="Terlalu banyak perubahan"):
        export.export_bundle(post, out)
    assert not list(out.iterdir())
