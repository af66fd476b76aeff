"""``okudesk report meeting|incident <ID|latest> --out FILE.pdf [--draft]``: print a signed
report."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from okudesk.cli import EXIT_OK, open_store
from okudesk.core.errors import OkudeskError
from okudesk.core.i18n import _

PASSPHRASE_ENV = "OKUDESK_PASSPHRASE"


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
        k.add_argument(
            "--officer",
            metavar="NRP",
            help=(
                "petugas penanda tangan, yang masuk dengan kata sandinya (bawaan: petugas pelapor "
                "data ini)"
            ),
        )
        k.add_argument(
            "--passphrase-file",
            type=Path,
            metavar="FILE",
            help=f"berkas berisi kata sandi penanda tangan (atau ${PASSPHRASE_ENV})",
        )
        k.set_defaults(func=run)


def read_passphrase(args: argparse.Namespace) -> str | None:
    """From --passphrase-file, else $OKUDESK_PASSPHRASE, else asked for on a terminal."""
    if args.passphrase_file is not None:
        try:
            text = args.passphrase_file.read_text(encoding="utf-8-sig")  # Notepad: BOM
        except OSError as exc:
            raise OkudeskError(
                _(
                    "Berkas {path} tidak dapat dibaca: {reason}",
                    path=args.passphrase_file,
                    reason=exc.strerror or exc,
                )
            ) from exc
        return text.splitlines()[0] if text.splitlines() else ""
    if os.environ.get(PASSPHRASE_ENV):
        return os.environ[PASSPHRASE_ENV]
    if sys.stdin.isatty():
        import getpass

        return getpass.getpass(_("Kata sandi penanda tangan: "))
    return None


def run(args: argparse.Namespace) -> int:
    from okudesk.core.reports import service

    passphrase = None if args.draft else read_passphrase(args)
    if not args.draft and passphrase is None:
        raise OkudeskError(
            _(
                "Kata sandi penanda tangan diperlukan: --passphrase-file FILE atau ${env}",
                env=PASSPHRASE_ENV,
            )
        )
    with open_store(
        args, passphrase=passphrase
    ) as store:  # --officer logs in: the same passphrase signs
        record_id = service.resolve_record_id(store, args.kind, args.record)
        result = service.make_report(
            store,
            args.kind,
            record_id,
            passphrase=passphrase,
            draft=args.draft,
            officer_nrp=args.officer,
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
