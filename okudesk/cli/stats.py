"""``okudesk stats``: counts of live records, in all and per post."""

from __future__ import annotations

import argparse
import json

from okudesk.cli import EXIT_OK, data_dir, open_store, setup_logging


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "stats",
        help="hitung data yang tersimpan",
        description=(
            "Menghitung rapat, kejadian, tokoh, tindak lanjut dan foto (yang tidak dihapus), "
            "semuanya dan per pos."
        ),
    )
    p.add_argument("--json", action="store_true", help="keluaran satu objek JSON")
    p.set_defaults(func=run, quick=True)


LABELS = {
    "meetings": "Rapat",
    "incidents": "Kejadian",
    "stakeholders": "Tokoh",
    "follow_ups": "Tindak lanjut",
    "attachments": "Foto",
}


def run(args: argparse.Namespace) -> int:
    counts = None
    if not args.officer:  # the console: read from the file, no store needed (store/quick.py)
        from okudesk.core.store import quick

        counts = quick.counts(data_dir(args))
    if counts is None:
        from okudesk.core.records import stats

        setup_logging(args)
        with open_store(args, login=False, installation="stats") as store, store.read() as session:
            counts = stats.counts(session)
    if args.json:
        print(json.dumps(counts, ensure_ascii=False))
        return EXIT_OK
    for key, label in LABELS.items():
        print(f"{label:<15}{counts[key]:>10}")
    for code, per_post in counts["posts"].items():
        print(f"\nPos {code or '(tanpa pos)'}")
        for key, label in LABELS.items():
            print(f"  {label:<13}{per_post[key]:>10}")
    return EXIT_OK
