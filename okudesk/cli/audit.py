"""``okudesk audit``: check the tamper-evident audit trail and list its entries."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import datetime

from okudesk.cli import EXIT_FAILED, EXIT_OK, count, open_store


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "audit",
        help="periksa dan tampilkan jejak audit",
        description="Jejak audit: siapa mengubah apa dan kapan, dalam rantai hash.",
    )
    sub = p.add_subparsers(dest="audit_command", metavar="<aksi>", required=True)
    v = sub.add_parser(
        "verify",
        help="periksa bahwa rantai audit utuh",
        description=(
            "Keluar 0 bila setiap rantai utuh; 1 dengan menyebut entri rusak pertama bila ada "
            "entri yang diubah, dihapus atau diurutkan ulang."
        ),
    )
    v.add_argument(
        "--post", default=None, metavar="KODE", help="periksa rantai satu pos saja (di Polres)"
    )
    v.set_defaults(func=verify)
    ls = sub.add_parser(
        "list",
        help="tampilkan entri audit terbaru",
        description="Entri audit terbaru lebih dulu, dapat disaring.",
    )
    ls.add_argument(
        "--by",
        default=None,
        metavar="NRP",
        help="hanya tindakan petugas ini, atau 'sistem' untuk baris perintah dan tugas otomatis",
    )
    ls.add_argument("--record", default=None, metavar="ID", help="hanya entri untuk data ini")
    ls.add_argument(
        "--action", default=None, help="hanya jenis tindakan ini (create, update, login, ...)"
    )
    ls.add_argument(
        "--post", default=None, metavar="KODE", help="hanya entri dari pos ini (di Polres)"
    )
    ls.add_argument(
        "--since", type=_day, default=None, metavar="YYYY-MM-DD", help="sejak tanggal ini (UTC)"
    )
    ls.add_argument("--limit", type=count(0, 10**9), default=50, metavar="N")
    ls.add_argument("--json", action="store_true", help="satu objek JSON per baris")
    ls.set_defaults(func=list_entries)


def _day(text: str) -> datetime:
    try:
        return datetime.strptime(text, "%Y-%m-%d")
    except ValueError:
        raise argparse.ArgumentTypeError(f"bukan tanggal YYYY-MM-DD: {text!r}") from None


def verify(args: argparse.Namespace) -> int:
    from okudesk.core.history import audit
    from okudesk.core.sync import trail

    # read-only: says whether the chains are intact and how long, shows no entry's content
    with (
        open_store(args, login=False, installation="audit verify", look=True) as store,
        store.read() as session,
    ):
        result = audit.verify(session, origin_post=args.post)
        # at HQ: what the post's checkpoints showed (a rewritten, truncated or forked history)
        found = trail.verify_post(session, args.post) if args.post else []
    if not result.ok:
        print(f"okudesk: rantai audit RUSAK: {result.problem}", file=sys.stderr)
    for problem in found:
        print(f"okudesk: rantai audit pos {args.post}: {problem}", file=sys.stderr)
    if not result.ok or found:
        return EXIT_FAILED
    last = result.last_at.strftime("%Y-%m-%d %H:%M:%S UTC") if result.last_at else "-"
    print(
        f"Rantai audit utuh: {result.entries} entri dalam {result.chains} rantai, entri terakhir "
        f"{last}."
    )
    return EXIT_OK


def list_entries(args: argparse.Namespace) -> int:
    from sqlalchemy import select

    from okudesk.core import permissions
    from okudesk.core.history import audit
    from okudesk.core.models import Officer

    with open_store(args) as store, store.read() as session:
        actor_id = actor_role = None
        if args.by and args.by.lower() in ("sistem", "system"):
            actor_role = permissions.SYSTEM_ROLE
        elif args.by:
            actor_id = session.scalar(select(Officer.id).where(Officer.nrp == args.by)) or "-"
        rows = audit.entries(
            session,
            actor_id=actor_id,
            actor_role=actor_role,
            record_id=args.record,
            action=args.action,
            origin_post=args.post,
            since=args.since,
            limit=args.limit,
        )
    for e in rows:
        if args.json:
            print(
                json.dumps(
                    {
                        "id": e.id,
                        "entry": e.label,
                        "at": e.at.isoformat(),
                        "post": e.origin_post,
                        "actor": e.actor_name,
                        "actor_label": e.who,
                        "role": e.actor_role,
                        "action": e.action,
                        "record_type": e.record_type,
                        "record_id": e.record_id,
                        "summary": e.summary,
                        "changes": e.changes,
                    },
                    ensure_ascii=False,
                )
            )
        else:
            fields = ", ".join(sorted(e.changes))
            print(
                f"{e.at:%Y-%m-%d %H:%M:%S} {e.label:<14} {e.who:<30} {e.action:<12} "
                f"{e.record_type} {e.summary[:40]}{'  [' + fields + ']' if fields else ''}"
            )
    return EXIT_OK
