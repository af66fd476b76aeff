"""``okudesk stats``: counts of live records, in all and per post."""

from __future__ import annotations

import argparse
import json

from okudesk.cli import (
    EXIT_OK,
    data_dir,
    login_required,
    open_store,
    read_passphrase,
    setup_logging,
)


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
    p.set_defaults(func=run, quick=True, brief=True)


LABELS = {
    "meetings": "Rapat",
    "incidents": "Kejadian",
    "stakeholders": "Tokoh",
    "follow_ups": "Tindak lanjut",
    "attachments": "Foto",
}


def run(args: argparse.Namespace) -> int:
    counts = _quick_counts(args)
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


def _quick_counts(args: argparse.Namespace) -> dict | None:
    """The counts read from the file alone, without SQLAlchemy (store/quick.py): by the
    console on a plain store, or by an officer on an encrypted one: their passphrase
    unwraps the key (a failure counted as at any login: security/attempts.py) and the counts
    are read when a login would let them in and change nothing. Counting records nothing in
    the trail, as the console's count never did. None: the store answers, after a login."""
    from okudesk.core.store import quick

    folder = data_dir(args)
    if not args.officer:
        return quick.counts(folder)
    from okudesk.core.security import attempts

    passphrase = read_passphrase(args)
    if passphrase is None:
        raise login_required()
    unlocked = attempts.unlock_quietly(folder, passphrase, nrp=args.officer)
    if unlocked is None:
        return None
    key, officer_id = unlocked
    return quick.counts(folder, key, officer_id=officer_id)
