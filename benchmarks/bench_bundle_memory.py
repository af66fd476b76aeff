"""Peak memory (RSS) of importing hostile and huge bundles, each in its own process.

1. Baseline: a bare Python process importing okudesk's sync modules (its peak RSS).
2. A genuine bundle whose photos member is --photos-gib GiB (default 2; real keys, random
   photo files of 32 MiB written to a temporary folder): exported, then imported at HQ.
3. A 64 KB-class signed Zstandard bomb (a post's genuine key) declaring 1.9 GiB of payload:
   imported at HQ, refused from the manifest before anything is inflated.
Goal: every import's peak RSS under 300 MB (the cap), whatever the file. Linux (ru_maxrss).

Usage: python benchmarks/bench_bundle_memory.py [--photos-gib 2] [--keep DIR]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

CAP_MB = 300
PHOTO = 32 << 20  # each random "photo" file (under bundle.MAX_PHOTO)


def _peak_mb() -> float:
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KB on Linux


def _open(folder: Path):
    from okudesk.core import permissions
    from okudesk.core.store import Store

    store = Store.open(folder)
    store.actor = permissions.system_actor("benchmark")
    return store


def child_baseline() -> dict:
    import okudesk.core.sync.importer  # noqa: F401 - what an import loads

    return {"peak_mb": _peak_mb()}


def child_setup(root: str, gib: float) -> dict:
    """HQ, a post with ``gib`` GiB of photos, its bundle; and the bomb."""
    import hashlib
    import io

    import zstandard
    from PIL import Image

    from okudesk.core.records import meetings, photos, reference
    from okudesk.core.records.photos import photo_path
    from okudesk.core.sync import bundle, export, trust

    base = Path(root)
    usb = base / "usb"
    usb.mkdir()
    hq = _open(base / "hq")
    with hq.write() as s:
        trust.set_up_hq(s, name="Polres OKU", code="OKU")
        kit = trust.add_post(s, code="BTT", name="Polsek BTT", out_dir=usb)
    hq.close()
    post = _open(base / "post")
    with post.write() as s:
        trust.set_up_post(s, kit)
    from datetime import datetime

    with post.write() as s:
        kec = reference.kecamatan(s)[0]
        meeting = meetings.create_meeting(
            s,
            meetings.MeetingInput(
                starts_at=datetime(2026, 3, 10, 9), kecamatan_id=kec.id, purpose="Rapat"
            ),
        ).id
        out = io.BytesIO()
        Image.new("RGB", (64, 48), (200, 120, 40)).save(out, "JPEG")
        first = photos.add_photo(s, post.photo_dir, out.getvalue(), meeting_id=meeting)
    # the bomb (before the big photos, so it is small): 1.9 GiB of zeros in one frame,
    # streamed, declared as the payload's size
    declared = int(1.9 * (1 << 30))
    packer = zstandard.ZstdCompressor(level=19).compressobj()
    zero = b"\0" * (1 << 20)
    pieces = [packer.compress(zero) for _ in range(declared >> 20)]
    frame = b"".join(pieces) + packer.flush()
    real = bundle.compress_payload, bundle.MAX_PAYLOAD
    bundle.compress_payload = lambda pieces: (frame, declared)  # type: ignore[assignment]
    bundle.MAX_PAYLOAD = 2 << 30  # the writer's own check, lifted for the attacker
    bomb_dir = base / "bomb"
    bomb_dir.mkdir()
    bomb = export.export_bundle(post, bomb_dir).path
    bundle.compress_payload, bundle.MAX_PAYLOAD = real
    # the rest: random files under their hashes, attachment rows copied from the real one
    import sqlite3

    count = max(1, int(gib * (1 << 30)) // PHOTO)
    db = sqlite3.connect(base / "post" / "okudesk.sqlite3")
    cols = [r[1] for r in db.execute("PRAGMA table_info(attachment)")]
    row = dict(zip(cols, db.execute("SELECT * FROM attachment").fetchone(), strict=True))
    assert row["id"] == first.id
    block = os.urandom(1 << 20)
    for n in range(count):
        data = n.to_bytes(8, "big") + block[8:]
        data = data * (PHOTO >> 20)
        sha = hashlib.sha256(data).hexdigest()
        target = photo_path(post.photo_dir, sha)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        row.update(id=str(uuid.uuid4()), sha256=sha, size=len(data))
        db.execute(
            f"INSERT INTO attachment ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})",
            list(row.values()),
        )
    db.commit()
    db.close()
    post.close()
    shutil.copytree(base / "hq", base / "hq-bomb")
    return {"bomb": str(bomb)}


def child_export(root: str) -> dict:
    """The post's genuine export (its own process: its peak is the export's)."""
    from okudesk.core.sync import export

    post = _open(Path(root) / "post")
    genuine = export.export_bundle(post, Path(root) / "usb").path
    post.close()
    return {"genuine": str(genuine), "peak_mb": _peak_mb()}


def child_import(hq_dir: str, path: str) -> dict:
    import time

    from okudesk.core.sync import importer

    hq = _open(Path(hq_dir))
    started = time.perf_counter()
    outcome = importer.import_bundle(hq, Path(path), write_receipt=False)
    seconds = time.perf_counter() - started
    hq.close()
    return {
        "ok": outcome.ok,
        "reason": outcome.reason,
        "seconds": seconds,
        "peak_mb": _peak_mb(),
    }


def run_child(*args: str) -> dict:
    proc = subprocess.run(
        [sys.executable, __file__, "--child", *args],
        capture_output=True,
        text=True,
        env=dict(os.environ, PYTHONPATH=str(ROOT)),
        check=False,
    )
    if proc.returncode:
        raise SystemExit(proc.stderr)
    return json.loads(proc.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--photos-gib", type=float, default=2.0)
    parser.add_argument("--keep", type=Path)
    parser.add_argument("--child", nargs="+")
    args = parser.parse_args()
    if args.child:
        kind, *rest = args.child
        fn = {
            "baseline": child_baseline,
            "setup": child_setup,
            "export": child_export,
            "import": child_import,
        }[kind]
        if kind == "setup":
            print(json.dumps(fn(rest[0], float(rest[1]))))
        else:
            print(json.dumps(fn(*rest)))
        return
    root = Path(args.keep or tempfile.mkdtemp(prefix="okudesk-bundle-memory-"))
    root.mkdir(parents=True, exist_ok=True)
    try:
        base = run_child("baseline")["peak_mb"]
        print(f"baseline: bare python importing okudesk.core.sync.importer, peak RSS {base:.0f} MB")
        made = run_child("setup", str(root), str(args.photos_gib))
        made.update(run_child("export", str(root)))
        size = Path(made["genuine"]).stat().st_size
        print(
            f"export of {args.photos_gib:g} GiB of photos: {size / (1 << 30):.2f} GiB bundle, "
            f"export peak RSS {made['peak_mb']:.0f} MB"
        )
        for name, hq, path in (
            ("genuine bundle", root / "hq", made["genuine"]),
            ("zstd bomb", root / "hq-bomb", made["bomb"]),
        ):
            r = run_child("import", str(hq), path)
            size = Path(path).stat().st_size
            verdict = "imported" if r["ok"] else f"refused ({r['reason']})"
            ok = r["peak_mb"] < CAP_MB
            print(
                f"import {name} ({size / (1 << 20):,.1f} MiB file): {verdict} in "
                f"{r['seconds']:.1f} s, peak RSS {r['peak_mb']:.0f} MB "
                f"(baseline {base:.0f} MB; cap {CAP_MB} MB) {'MET' if ok else 'MISSED'}",
                flush=True,
            )
    finally:
        if not args.keep:
            shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
