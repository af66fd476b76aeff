"""``okudesk rekap``: the recap of a period (the figures of Situasi wilayah), as text, as
JSON or as a workbook (.xlsx). The same core service as the GUI, so the numbers agree."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from pathlib import Path

from okudesk.cli import EXIT_OK, EXIT_USAGE, open_store, setup_logging


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"tanggal harus YYYY-MM-DD: {text!r}") from None


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "rekap",
        aliases=["recap"],
        help="rekapitulasi situasi satu periode",
        description=(
            "Rekap kejadian, rapat, tindak lanjut terlambat, cakupan pemangku kepentingan dan "
            "disiplin pelaporan satu periode, dibanding periode sebelumnya yang sama panjang."
        ),
    )
    p.add_argument("--from", dest="date_from", type=_day, required=True, metavar="YYYY-MM-DD")
    p.add_argument("--to", dest="date_to", type=_day, required=True, metavar="YYYY-MM-DD")
    p.add_argument("--post", default=None, metavar="KODE", help="hanya data satu pos (di Polres)")
    p.add_argument(
        "--out",
        type=Path,
        default=None,
        metavar="FILE",
        help="tulis laporan bertanda tangan (.pdf) atau buku kerja (.xlsx)",
    )
    p.add_argument("--json", action="store_true", help="keluaran satu objek JSON")
    p.add_argument("--draft", action="store_true", help="PDF: draf tanpa nomor dan tanda tangan")
    p.set_defaults(func=run)


def as_dict(r) -> dict:
    """The recap as plain JSON values (every count with its previous period's)."""

    def count(c) -> dict:
        out = {"key": c.key, "label": c.label, "value": c.value}
        if c.previous is not None:
            out["previous"] = c.previous
        return out

    m = r.by_kecamatan_category
    return {
        "period": {"from": r.period.start.isoformat(), "to": r.period.end.isoformat()},
        "previous": {"from": r.previous.start.isoformat(), "to": r.previous.end.isoformat()},
        "post": r.post_code,
        "incidents": count(r.incidents),
        "meetings": count(r.meetings),
        "by_kecamatan_category": [
            {"kecamatan": k_label, "category": c_label, **count(m.cell(k, c))}
            for k, k_label in m.rows
            for c, c_label in m.columns
            if m.cell(k, c).value or m.cell(k, c).previous
        ],
        "by_severity": [count(c) for c in r.by_severity],
        "escalated_open": r.escalated_open.value,
        "overdue_follow_ups": [count(c) for c in r.overdue_follow_ups],
        "meetings_by_activity": [count(c) for c in r.meetings_by_activity],
        "stakeholder_coverage": [
            {"type": c.label, "meetings": c.meetings.value, "people": c.people, "met": c.met}
            for c in r.stakeholder_coverage
        ],
        "discipline": [
            {
                "post": d.code,
                "status": d.status,
                "last": d.last_bundle_at.isoformat() if d.last_bundle_at else None,
                "days_since": d.days_since,
                "waiting": d.waiting,
                "conflicts": d.conflicts,
                "held": d.held,
            }
            for d in r.discipline
        ],
        "weekly": {
            "weeks": [w.isoformat() for w in r.weekly.weeks],
            "by_severity": {s: [c.value for c in counts] for s, counts in r.weekly.by_severity},
            "by_category": {n: [c.value for c in counts] for n, counts in r.weekly.by_category},
        },
    }


def run(args: argparse.Namespace) -> int:
    from okudesk.core.records import recap
    from okudesk.core.sync import discipline

    if args.date_to < args.date_from:
        print("okudesk rekap: --to lebih awal dari --from", file=sys.stderr)
        return EXIT_USAGE
    suffix = args.out.suffix.lower() if args.out is not None else ""
    if args.out is not None and suffix not in (".xlsx", ".pdf"):
        print("okudesk rekap: --out harus berakhiran .pdf atau .xlsx", file=sys.stderr)
        return EXIT_USAGE
    setup_logging(args)
    period = recap.Period(args.date_from, args.date_to)
    if suffix == ".pdf":
        return _pdf(args, period)
    with open_store(args) as store, store.read() as session:
        r = recap.build(
            session,
            period,
            post_code=args.post,
            discipline=discipline.of(session),
        )
    if args.out is not None:
        from okudesk.core.reports import recap_workbook

        print(recap_workbook.write(args.out, r))
        return EXIT_OK
    if args.json:
        print(json.dumps(as_dict(r), ensure_ascii=False))
        return EXIT_OK
    scope = f"pos {args.post}" if args.post else "semua pos"
    print(f"Rekap {r.period.start:%d/%m/%Y} - {r.period.end:%d/%m/%Y} ({scope})")
    for label, c in (("Kejadian", r.incidents), ("Rapat", r.meetings)):
        print(f"  {label:<24}{c.value:>8}  (sebelumnya {c.previous}, {c.change:+d})")
    for c in r.by_severity:
        print(f"  {'  ' + c.label:<24}{c.value:>8}")
    print(f"  {'Dieskalasi (terbuka)':<24}{r.escalated_open.value:>8}")
    print(f"  {'TL terlambat':<24}{sum(c.value for c in r.overdue_follow_ups):>8}")
    return EXIT_OK


def _pdf(args: argparse.Namespace, period) -> int:
    """The signed recap report (or a draft), written whole then renamed; prints its path.
    The logged-in officer signs it: the login's passphrase opens the key."""
    from okudesk.core.reports import recap_report, service
    from okudesk.core.sync import discipline

    with open_store(args) as store:
        with store.read() as session:
            rows = discipline.of(session)
        result = recap_report.make(
            store,
            period,
            post_code=args.post,
            discipline=rows,
            passphrase=None if args.draft else args.login_passphrase,
            draft=args.draft,
            officer_nrp=store.actor.nrp,
        )
    service.write_output(args.out, result.pdf)
    print(args.out)
    return EXIT_OK
