"""Hostile and damaged input: each bundle is refused with a clear reason and the HQ
database is left exactly as it was."""

from __future__ import annotations

import errno
import hashlib
import io
import os
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

import pytest
import rawdb
from sync_world import add_incident, add_meeting, enroll, export_to, make_hq, open_store

from okudesk.core.records import photos
from okudesk.core.security import pki
from okudesk.core.sync import bundle, export, importer, trust


def _jpeg() -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (64, 48), (200, 120, 40)).save(out, "JPEG")
    return out.getvalue()


@pytest.fixture(scope="module")
def world():
    root = Path(tempfile.mkdtemp(prefix="okudesk-sync-hostile-"))
    usb = root / "usb"
    usb.mkdir()
    hq = make_hq(root / "hq")
    post = enroll(hq, root / "post", "BTT", usb)
    meeting = add_meeting(post, "Rapat koordinasi")
    for n in range(3):
        add_incident(post, f"Kejadian {n}", meeting_id=meeting)
    with post.write() as s:
        photos.add_photo(s, post.photo_dir, _jpeg(), meeting_id=meeting, caption="Foto")
    first = export_to(post, usb)
    add_incident(post, "Kejadian kemudian")
    second = export_to(post, usb)
    other_hq = make_hq(root / "hq2", code="OKX")
    stranger = enroll(other_hq, root / "stranger", "BTT", root)
    add_meeting(stranger, "Rapat di Polres lain")
    foreign = export_to(stranger, usb)
    for s in (hq, other_hq, stranger):
        s.close()
    shutil.copytree(root / "hq", root / "hq-pristine")
    hq = open_store(root / "hq")
    assert importer.import_bundle(hq, first, write_receipt=False).ok
    hq.close()
    shutil.copytree(root / "hq", root / "hq-enrolled")
    yield {
        "root": root,
        "post": post,
        "first": first,
        "second": second,
        "foreign": foreign,
        "usb": usb,
    }
    post.close()
    shutil.rmtree(root, ignore_errors=True)


def _fresh(world, which: str = "hq-pristine") -> Path:
    folder = Path(tempfile.mkdtemp(dir=world["root"]))
    shutil.rmtree(folder)
    shutil.copytree(world["root"] / which, folder)
    return folder


def _digest(folder: Path, *, but_the_trail: bool = False) -> str:
    con = rawdb.connect(folder)
    skipped = ('INSERT INTO "audit_entry"', 'INSERT INTO "store_meta"')
    try:
        lines = [x for x in rawdb.dump(con) if not (but_the_trail and x.startswith(skipped))]
        return hashlib.sha256("\n".join(lines).encode()).hexdigest()
    finally:
        con.close()


def _refused(folder: Path, path: Path, *needles: str, audited: bool = False) -> str:
    """Refused with one of ``needles`` in the reason and nothing changed; ``audited``: a
    signed bundle from a known post, whose refusal is written to HQ's trail (and only that)."""
    before = _digest(folder, but_the_trail=audited)
    with open_store(folder) as hq:
        outcome = importer.import_bundle(hq, path)
    assert not outcome.ok, f"{path.name} was accepted"
    assert outcome.reason and "\n" not in outcome.reason
    assert any(n in outcome.reason for n in needles), outcome.reason
    assert _digest(folder, but_the_trail=audited) == before, "refused bundle changed HQ's data"
    if audited:
        con = rawdb.connect(folder)
        try:
            trail = con.execute(
                "SELECT summary FROM audit_entry WHERE action = 'import_refused'"
            ).fetchall()
        finally:
            con.close()
        assert [outcome.reason in s for (s,) in trail] == [True], trail
    return outcome.reason


def _write(world, name: str, data: bytes) -> Path:
    path = world["root"] / name
    path.write_bytes(data)
    return path


def _members(data: bytes) -> dict[str, tuple[int, int]]:
    """Where each member's bytes lie in the archive."""
    spans = {}
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        for info in z.infolist():
            name_len, extra_len = (
                int.from_bytes(data[info.header_offset + 26 : info.header_offset + 28], "little"),
                int.from_bytes(data[info.header_offset + 28 : info.header_offset + 30], "little"),
            )
            start = info.header_offset + 30 + name_len + extra_len
            spans[info.filename] = (start, start + info.compress_size)
    return spans


def _rezip(members: list[tuple[str, bytes]]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as z:
        for name, data in members:
            z.writestr(name, data)
    return out.getvalue()


def _read_members(path: Path) -> list[tuple[str, bytes]]:
    with zipfile.ZipFile(path) as z:
        return [(i.filename, z.read(i)) for i in z.infolist()]


def test_the_genuine_bundle_is_accepted(world):
    folder = _fresh(world)
    with open_store(folder) as hq:
        assert importer.import_bundle(hq, world["first"], receipt_dir=world["root"]).ok


def test_truncation_at_many_offsets(world):
    folder = _fresh(world)
    data = world["first"].read_bytes()
    offsets = sorted(
        {*range(0, len(data), max(1, len(data) // 40)), len(data) - 1, len(data) - 22, 1, 4}
    )
    for k in offsets:
        _refused(folder, _write(world, "cut.okb", data[:k]), "rusak", "tidak sah", "terpotong")


def test_bit_flips_in_every_part(world):
    folder = _fresh(world)
    data = world["first"].read_bytes()
    spans = _members(data)
    assert set(spans) == set(bundle.MEMBERS)
    spots = []
    for start, end in spans.values():
        spots += [start, (start + end) // 2, end - 1]
    spots += [len(data) - 30, len(data) - 5]  # central directory and its end record
    for spot in spots:
        flipped = bytearray(data)
        flipped[spot] ^= 0x10
        _refused(
            folder,
            _write(world, "flip.okb", bytes(flipped)),
            "rusak",
            "tidak sah",
            "diubah",
            "tidak dikenal",
            "lain",
            "bukti",
            "terpotong",
            "dipercaya",
        )


def test_bit_flip_in_payload_with_recomputed_crc_is_caught_by_the_signature(world):
    folder = _fresh(world)
    members = dict(_read_members(world["first"]))
    payload = bytearray(members[bundle.PAYLOAD])
    payload[len(payload) // 2] ^= 1
    members[bundle.PAYLOAD] = bytes(payload)
    _refused(
        folder, _write(world, "crc.okb", _rezip(list(members.items()))), "tanda tangan tidak sah"
    )


def test_bundle_for_another_hq(world):
    _refused(_fresh(world), world["foreign"], "Polres lain")


def test_unknown_post(world):
    folder = _fresh(world)
    with open_store(folder) as hq, hq.write() as s:
        from okudesk.core.models import SyncPost

        s.delete(s.get(SyncPost, "BTT"))
    _refused(folder, world["first"], "tidak dikenal")


def test_revoked_post(world):
    folder = _fresh(world, "hq-enrolled")
    with open_store(folder) as hq, hq.write() as s:
        trust.revoke_post(s, "BTT")
    _refused(folder, world["second"], "dicabut")


def _forged(world, *, swap_signature_from: Path | None = None) -> bytes:
    members = dict(_read_members(world["second"]))
    if swap_signature_from is not None:
        members[bundle.SIGNATURE] = dict(_read_members(swap_signature_from))[bundle.SIGNATURE]
        return _rezip(list(members.items()))
    import json

    attacker = pki.generate_key()
    cert = pki.make_root(attacker, common_name="Polsek BTT", unit="BTT")
    manifest = json.loads(members[bundle.MANIFEST])
    manifest["sender_key"] = pki.public_key_id(attacker.public_key())
    body = bundle.canonical(manifest)
    members[bundle.MANIFEST] = body
    members[bundle.SIGNATURE] = pki.sign(attacker, body)
    members[bundle.SIGNER] = pki.cert_pem(cert)
    return _rezip(list(members.items()))


def test_forged_signature(world):
    _refused(
        _fresh(world, "hq-enrolled"), _write(world, "forged.okb", _forged(world)), "kunci lain"
    )
    _refused(_fresh(world), _write(world, "forged.okb", _forged(world)), "bukti pendaftaran")


def test_swapped_signature(world):
    data = _forged(world, swap_signature_from=world["first"])
    _refused(
        _fresh(world, "hq-enrolled"), _write(world, "swapped.okb", data), "tanda tangan tidak sah"
    )


def test_replayed_bundle(world):
    _refused(_fresh(world, "hq-enrolled"), world["first"], "sudah diimpor")


def test_archive_member_with_parent_path(world):
    members = _read_members(world["first"]) + [("../../evil.txt", b"owned")]
    _refused(_fresh(world), _write(world, "traversal.okb", _rezip(members)), "isi arsip tidak sah")
    assert not (world["root"].parent / "evil.txt").exists()
    renamed = [
        ("../" + n if n == bundle.PAYLOAD else n, d) for n, d in _read_members(world["first"])
    ]
    _refused(_fresh(world), _write(world, "traversal2.okb", _rezip(renamed)), "isi arsip tidak sah")


def test_compressed_member_is_refused(world):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in _read_members(world["first"]):
            z.writestr(name, data)
    _refused(_fresh(world), _write(world, "deflated.okb", out.getvalue()), "isi arsip tidak sah")


def test_decompression_bomb(world, monkeypatch, tmp_path):
    """A post's genuine key signing a payload that inflates far beyond what it declares."""
    import zstandard

    bomb = zstandard.ZstdCompressor(level=19).compress(b"\0" * (64 << 20))
    monkeypatch.setattr(bundle, "compress_payload", lambda pieces: (bomb, len("".join(pieces))))
    path = export.export_bundle(world["post"], tmp_path).path
    monkeypatch.undo()
    _refused(_fresh(world, "hq-enrolled"), path, "bom dekompresi")


def test_newer_format_and_newer_schema(world, monkeypatch, tmp_path):
    monkeypatch.setattr(bundle, "FORMAT_VERSION", bundle.FORMAT_VERSION + 1)
    newer_format = export.export_bundle(world["post"], tmp_path).path
    monkeypatch.undo()
    assert "lebih baru" in _refused(_fresh(world, "hq-enrolled"), newer_format, "lebih baru")
    monkeypatch.setattr(export, "SCHEMA_HEAD", "9999_from_the_future")
    newer_schema = export.export_bundle(world["post"], tmp_path).path
    monkeypatch.undo()
    _refused(_fresh(world, "hq-enrolled"), newer_schema, "lebih baru")


KILL_SCRIPT = """
import sys, time
from pathlib import Path
from okudesk.core.store import Store
from okudesk.core.sync import importer, merge

real = merge.Merger.apply
def slow(self, t, counts=None):
    real(self, t, counts)
    if t.info.name == "incident":
        print("applying", flush=True)
        time.sleep(60)
merge.Merger.apply = slow
from okudesk.core import permissions
with Store.open(Path(sys.argv[1])) as hq:
    hq.actor = permissions.system_actor("pytest")
    importer.import_bundle(hq, Path(sys.argv[2]))
"""


def test_kill_during_import_rolls_back(world):
    folder = _fresh(world)
    before = _digest(folder)
    proc = subprocess.Popen(
        [sys.executable, "-c", KILL_SCRIPT, str(folder), str(world["first"])],
        stdout=subprocess.PIPE,
        text=True,
        env=dict(os.environ, PYTHONPATH=str(Path(__file__).parents[1])),
    )
    try:
        assert proc.stdout.readline().strip() == "applying"
    finally:
        proc.kill()  # SIGKILL; TerminateProcess on Windows, which has no SIGKILL
        proc.wait(timeout=30)
    assert _digest(folder) == before
    with open_store(folder) as hq:
        outcome = importer.import_bundle(hq, world["first"], receipt_dir=world["root"])
    assert outcome.ok and outcome.counts["new"] > 0


def test_full_disk_during_export_leaves_no_complete_looking_file(world, monkeypatch, tmp_path):
    real_fsync = os.fsync

    def full(fd):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(bundle.os, "fsync", full)
    with pytest.raises(Exception) as caught:
        export.export_bundle(world["post"], tmp_path)
    monkeypatch.setattr(bundle.os, "fsync", real_fsync)
    assert "Gagal menulis" in str(caught.value) and os.strerror(errno.ENOSPC) in str(caught.value)
    assert list(tmp_path.iterdir()) == []


def test_stick_pulled_after_rename_is_detected_on_read_back(world, monkeypatch, tmp_path):
    real_open = bundle.open_file

    def damaged_on_stick(path):
        Path(path).write_bytes(Path(path).read_bytes()[:100])
        return real_open(path)

    monkeypatch.setattr(bundle, "open_file", damaged_on_stick)
    with pytest.raises(Exception, match="rusak saat dibaca kembali"):
        export.export_bundle(world["post"], tmp_path)
    assert list(tmp_path.iterdir()) == []


def test_receipt_for_another_post_or_tampered_is_refused(world, tmp_path):
    folder = _fresh(world)
    with open_store(folder) as hq:
        outcome = importer.import_bundle(hq, world["first"], receipt_dir=tmp_path)
    assert outcome.ok
    from okudesk.core.sync import receipt

    data = outcome.receipt.read_bytes()
    spans = _members(data)
    start, end = spans[bundle.PAYLOAD]
    flipped = bytearray(data)
    flipped[(start + end) // 2] ^= 1
    bad = tmp_path / "flipped.okr"
    bad.write_bytes(bytes(flipped))
    got = receipt.import_receipt(world["post"], bad)
    assert not got.ok and got.reason
    with open_store(world["root"] / "stranger") as other:  # post BTT of another HQ
        refused = receipt.import_receipt(other, outcome.receipt)
    assert not refused.ok and "bukan untuk pos ini" in refused.reason


def test_bundle_from_an_older_okudesk_gets_defaults_for_new_columns(world):
    """Version skew: a payload without a column this okudesk has is filled with its default."""
    from okudesk.core.sync import records

    info = records.table_info("incident")
    row = []
    for name in info.columns:
        row.append(
            {
                "id": "11111111-2222-4333-8444-555555555555",
                "change_instance": "i",
                "change_counter": 1,
                "occurred_at": "2026-01-01 10:00:00.000000",
                "reported_at": "2026-01-01 11:00:00.000000",
                "origin_post": "BTT",
                "number": "BTT-KJD-2026-0001",
            }.get(name)
        )
    old_columns = [c for c in info.columns if c != "recommendation"]
    old_row = [v for c, v in zip(info.columns, row, strict=True) if c != "recommendation"]
    (table,) = records.decode_payload(
        {
            "tables": [{"name": "incident", "columns": old_columns, "rows": 1, "data": [old_row]}],
            "links": [],
        }
    )
    assert table.rows[0][info.index("recommendation")] == ""
    assert table.rows[0][info.index("number")] == "BTT-KJD-2026-0001"


@pytest.mark.parametrize(
    "field, bad, needle",
    [
        ("title", "x" * 201, "Judul singkat terlalu panjang (maksimal 200 karakter)"),
        ("severity", "gawat", "Tingkat kerawanan tidak dikenal: gawat"),
        ("description", "   ", "Uraian kejadian wajib diisi"),
    ],
)
def test_a_signed_bundle_with_a_row_that_breaks_the_field_table_is_refused(
    tmp_path, field, bad, needle
):
    """A post running a modified okudesk signs rows its services would refuse: HQ checks every
    row against the field table and refuses the whole bundle, naming the row and the field."""
    from okudesk.core.models import Incident

    usb = tmp_path / "usb"
    usb.mkdir()
    hq = make_hq(tmp_path / "hq")
    post = enroll(hq, tmp_path / "post", "BTT", usb)
    hq.close()
    good = add_incident(post, "Kejadian biasa")
    bad_id = add_incident(post, "Kejadian lain")
    with post.write() as s:  # past the service: straight onto the model, version-stamped as usual
        setattr(s.get(Incident, bad_id), field, bad)
    path = export_to(post, usb)
    post.close()
    reason = _refused(tmp_path / "hq", path, needle, audited=True)
    assert reason.startswith("Berkas ditolak: incident " + bad_id), reason
    with open_store(tmp_path / "hq") as hq:
        from okudesk.core.records import incidents

        with hq.read() as s, pytest.raises(Exception, match="tidak ditemukan"):
            incidents.get_incident(s, good)  # nothing of the bundle was applied
