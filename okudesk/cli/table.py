"""``okudesk table meetings|incidents|stakeholders|follow_ups --out FILE``: a list as a
spreadsheet (.xlsx or .csv by the extension), filtered as the list pages filter it; prints
the number of rows written. The file is written under a temporary name, then renamed."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from okudesk.cli import EXIT_OK, EXIT_USAGE, open_store, setup_logging

TABLES = {
    "meetings": "meeting",
    "incidents": "incident",
    "stakeholders": "stakeholder",
    "follow_ups": "follow_up",
}


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"tanggal {text!r} bukan YYYY-MM-DD") from None


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "table",
        help="tulis daftar ke Excel atau CSV",
        description=(
            "Menulis satu daftar (rapat, kejadian, tokoh, tindak lanjut) ke .xlsx atau .csv "
            "menurut akhiran berkas, dengan saringan seperti di halaman daftarnya; mencetak "
            "jumlah baris yang ditulis."
        ),
    )
    p.add_argument("list", choices=tuple(TABLES), help="daftar yang ditulis")
    p.add_argument("--out", type=Path, required=True, metavar="FILE", help=".xlsx atau .csv")
    p.add_argument("--from", dest="date_from", type=_day, metavar="YYYY-MM-DD")
    p.add_argument("--to", dest="date_to", type=_day, metavar="YYYY-MM-DD")
    p.add_argument("--post", metavar="KODE", help="hanya data satu pos (di Polres)")
    p.add_argument("--kecamatan", metavar="NAMA", help="nama kecamatan")
    p.add_argument(
        "--category", metavar="NAMA", help="kategori kejadian / jenis kegiatan / jenis tokoh"
    )
    p.add_argument("--status", metavar="NAMA", help="status kejadian atau tindak lanjut")
    p.set_defaults(func=run)


def _by_name(items, name: str, what: str) -> str:
    wanted = " ".join(name.split()).casefold()
    for item in items:
        if item.name.casefold() == wanted:
            return item.id
    from okudesk.core.errors import ValidationError
    from okudesk.core.i18n import _

    names = ", ".join(sorted(i.name for i in items))
    raise ValidationError(
        _("{what} {name} tidak dikenal; pilihannya: {names}", what=what, name=name, names=names)
    )


def run(args: argparse.Namespace) -> int:
    from okudesk.core.errors import ValidationError
    from okudesk.core.i18n import _
    from okudesk.core.models import FOLLOW_UP_STATUSES, INCIDENT_STATUSES
    from okudesk.core.records import fields, listing, reference, spreadsheet

    if args.out.suffix.lower() not in (".xlsx", ".csv"):
        print("okudesk table: --out harus berakhiran .xlsx atau .csv", file=sys.stderr)
        return EXIT_USAGE
    if args.date_from and args.date_to and args.date_to < args.date_from:
        print("okudesk table: --to lebih awal dari --from", file=sys.stderr)
        return EXIT_USAGE
    setup_logging(args)
    table = TABLES[args.list]
    lst = listing.LISTINGS[table]
    with open_store(args) as store, store.read() as session:
        kecamatan_id = (
            _by_name(reference.kecamatan(session), args.kecamatan, "Kecamatan")
            if args.kecamatan
            else None
        )
        kind_id = None
        if args.category:
            kinds = {
                "incident": reference.incident_categories,
                "meeting": reference.activity_types,
                "stakeholder": reference.stakeholder_types,
            }.get(table)
            if kinds is None:
                raise ValidationError(_("--category tidak berlaku untuk daftar ini"))
            kind_id = _by_name(kinds(session), args.category, "Kategori")
        status = None
        if args.status:
            allowed = {"incident": INCIDENT_STATUSES, "follow_up": FOLLOW_UP_STATUSES}.get(table)
            status = args.status.strip().casefold()
            if allowed is None or status not in allowed:
                raise ValidationError(
                    _(
                        "Status {status} tidak berlaku; pilihannya: {names}",
                        status=args.status,
                        names=", ".join(allowed or ()),
                    )
                )
        flt = listing.ListFilter(
            date_from=args.date_from,
            date_to=args.date_to,
            kecamatan_id=kecamatan_id,
            kind_id=kind_id,
            status=status,
            post_code=args.post,
        )
        listed = fields.record(table).listed
        keys = [f.list_key for f in listed if f.list_key in lst.column_keys]
        header = [f.column_caption() for f in listed if f.list_key in keys]
        _count, rows = spreadsheet.list_rows(session, lst, flt, keys)
        written = spreadsheet.write(args.out, header, rows)
    print(written)
    return EXIT_OK
