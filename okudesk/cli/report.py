"""``okudesk report meeting|incident <ID|latest> --out FILE.pdf [--draft]``: print a signed
report."""

from __future__ import annotations

import argparse
from pathlib import Path

from okudesk.cli import EXIT_OK, open_store
from okudesk.core.i18n import _


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "report",
        help="buat laporan PDF bertanda tangan",
        description=(
            "Membuat laporan PDF format Polri dari satu rapat (Laporan Hasil Kegiatan) atau satu "
            "kejadian (Laporan Informasi), lalu menandatanganinya secara elektronik dengan kunci "
            "petugas."
        ),
    )
    kinds = p.add_subparsers(dest="kind", metavar="<jenis>", required=True)
    for kind, label in (("meeting", "rapat / kunjungan"), ("incident", "kejadian")):
        k = kinds.add_parser(kind, help=f"laporan {label}", description=f"Laporan {label}.")
        k.add_argument(
            "record",
            metavar="ID|latest",
            help="ID atau nomor register, atau 'latest' untuk yang terbaru",
        )
        k.add_argument(
            "--out", type=Path, required=True, metavar="FILE.pdf", help="berkas PDF yang ditulis"
        )
        k.add_argument(
            "--draft",
            action="store_true",
            help="draf bertanda air DRAFT, tanpa nomor dan tanda tangan",
        )
        k.set_defaults(func=run, brief=True)


def run(args: argparse.Namespace) -> int:
    """The logged-in officer signs (or makes a draft): the login's passphrase opens the key."""
    from okudesk.core.reports import service

    with open_store(args) as store:
        record_id = service.resolve_record_id(store, args.kind, args.record)
        result = service.make_report(
            store,
            args.kind,
            record_id,
            passphrase=None if args.draft else args.login_passphrase,
            draft=args.draft,
            officer_nrp=store.actor.nrp,
        )
    service.write_output(args.out, result.pdf)
    if result.reused:
        print(
            _(
                "Laporan ini sudah ditandatangani sebelumnya: {number}; salinannya ditulis ke "
                "{path}",
                number=result.number,
                path=args.out,
            )
        )
    elif result.signed:
        print(
            _(
                "Laporan {number} ditandatangani ({pages} halaman): {path}",
                number=result.number,
                pages=result.pages,
                path=args.out,
            )
        )
    else:
        print(
            _(
                "Draf laporan ({pages} halaman, tanpa tanda tangan): {path}",
                pages=result.pages,
                path=args.out,
            )
        )
    return EXIT_OK
