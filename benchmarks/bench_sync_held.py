"""Import time with many rows held (waiting for a parent that never arrives) vs none.

One HQ, copied twice: one copy with no held rows, one with --held rows (default 100,000,
spread over five posts at the per-post limit of 20,000, as real held rows: an incident's
JSON waiting for a meeting). A genuine bundle of --incidents incidents from another post is
imported into fresh copies of each, alternating, best of --runs. Goal: <= 1.2x.

Usage: python benchmarks/bench_sync_held.py [--held 100000] [--incidents 2000] [--runs 3]
"""

from __future__ import annotations

import argparse
import json
import shutil
import sqlite3
import tempfile
import uuid
from datetime import datetime, timedelta
from pathlib import Path

from _common import report, timed

from okudesk.core import permissions
from okudesk.core.records import incidents, reference
from okudesk.core.store import Store
from okudesk.core.sync import export, importer, trust


def open_store(folder: Path) -> Store:
    store = Store.open(folder)
    store.actor = permissions.system_actor("benchmark")
    return store


def build(root: Path, count: int) -> Path:
    usb = root / "usb"
    usb.mkdir()
    hq = open_store(root / "hq")
    with hq.write() as s:
        trust.set_up_hq(s, name="Polres OKU", code="OKU")
        kit = trust.add_post(s, code="MRT", name="Polsek MRT", out_dir=usb)
    hq.close()
    post = open_store(root / "post")
    with post.write() as s:
        trust.set_up_post(s, kit)
    when = datetime(2026, 3, 10, 9)
    with post.write() as s:
        kec = reference.kecamatan(s)[0]
        cat = reference.incident_categories(s)[0]
        for n in range(count):
            incidents.create_incident(
                s,
                incidents.IncidentInput(
                    occurred_at=when - timedelta(minutes=n),
                    category_id=cat.id,
                    kecamatan_id=kec.id,
                    title=f"Kejadian {n}",
                    description="Uraian kejadian untuk pengukuran.",
                ),
            )
    path = export.export_bundle(post, usb).path
    post.close()
    return path


def add_held(folder: Path, held: int) -> None:
    db = sqlite3.connect(folder / "okudesk.sqlite3")
    row = json.dumps(
        {
            "id": "",
            "title": "Kejadian yang menunggu rapatnya",
            "description": "x" * 300,
            "meeting_id": "",
            "change_instance": "",
            "change_counter": 1,
        }
    )
    now = datetime(2026, 3, 1).isoformat(sep=" ")
    rows = []
    for n in range(held):
        rid, inst = str(uuid.uuid4()), str(uuid.uuid4())
        rows.append(
            ("incident", rid, inst, 1, f"P{n % 5 + 1}", f"meeting:{uuid.uuid4()}", row, "", now)
        )
    db.executemany(
        "INSERT INTO sync_held (table_name, record_id, instance, counter, post_code, missing, "
        "row, base, held_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        rows,
    )
    db.commit()
    db.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--held", type=int, default=100_000)
    parser.add_argument("--incidents", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    root = Path(tempfile.mkdtemp(prefix="okudesk-held-"))
    try:
        bundle = build(root, args.incidents)
        shutil.copytree(root / "hq", root / "hq-held")
        add_held(root / "hq-held", args.held)
        times: dict[str, list[float]] = {"none": [], "held": []}
        for run in range(args.runs):
            for name, source in (("none", root / "hq"), ("held", root / "hq-held")):
                folder = root / f"{name}-{run}"
                shutil.copytree(source, folder)
                store = open_store(folder)
                seconds, outcome = timed(importer.import_bundle, store, bundle, write_receipt=False)
                store.close()
                assert outcome.ok, outcome.reason  # type: ignore[attr-defined]
                times[name].append(seconds)
                shutil.rmtree(folder)
        none, held = min(times["none"]), min(times["held"])
        report(
            "sync import with held rows",
            f"{args.incidents:,} incidents imported in {held * 1000:.0f} ms with {args.held:,} "
            f"rows held / {none * 1000:.0f} ms with none",
            held / none,
            "<= 1.2x",
            held / none <= 1.2,
        )
    finally:
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
