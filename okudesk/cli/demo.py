"""``okudesk demo``: fill the data folder with realistic demo data."""

from __future__ import annotations

import argparse
import sys
import time

from okudesk.cli import EXIT_OK, count, open_store

# a million records of each is the benchmarks' size (minutes); more would run for hours
DEMO_COUNT = count(0, 1_000_000)


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "demo",
        help="isi folder data dengan data contoh",
        description=(
            "Mengisi folder data dengan data contoh yang realistis (pos, petugas, tokoh, rapat, "
            "kejadian)."
        ),
    )
    p.add_argument(
        "--meetings",
        type=DEMO_COUNT,
        default=120,
        metavar="N",
        help="jumlah rapat/kunjungan (bawaan 120)",
    )
    p.add_argument(
        "--incidents",
        type=DEMO_COUNT,
        default=200,
        metavar="N",
        help="jumlah kejadian (bawaan 200)",
    )
    p.add_argument(
        "--seed", type=int, default=1, metavar="S", help="benih acak, untuk data yang dapat diulang"
    )
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from okudesk.core import demo

    started = time.perf_counter()
    interactive = sys.stderr.isatty()

    def progress(kind: str, done: int, total: int) -> None:
        if interactive:
            print(f"\r{kind}: {done}/{total}", end="", file=sys.stderr, flush=True)

    # demo data into an empty folder is self-contained; into one with accounts, a login
    store = open_store(args, first_run=True)
    try:
        summary = demo.fill(
            store,
            meetings=args.meetings,
            incidents=args.incidents,
            seed=args.seed,
            progress=progress,
        )
        store = demo.encrypted(store)
    finally:
        store.close()
    if interactive:
        print(file=sys.stderr)
    print(
        f"Data contoh dibuat untuk pos {summary.post_code}: {summary.meetings} rapat, "
        f"{summary.incidents} kejadian, {summary.stakeholders} tokoh, {summary.officers} petugas "
        f"({time.perf_counter() - started:.1f} detik)."
    )
    return EXIT_OK
