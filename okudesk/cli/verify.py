"""``okudesk verify FILE [--trust CERT]``: is a signed report, a sync bundle or a receipt genuine?

Exit 0 only when every signature is valid and trusted; 1 otherwise.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from okudesk.cli import EXIT_FAILED, EXIT_OK, data_dir
from okudesk.core.errors import OkudeskError
from okudesk.core.i18n import _


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "verify",
        help="periksa keaslian laporan PDF bertanda tangan atau bundel sinkronisasi",
        description=(
            "Memeriksa tanda tangan elektronik sebuah laporan PDF: siapa penanda tangannya, "
            "kapan, apakah dokumen diubah setelah ditandatangani, dan apakah sertifikatnya "
            "dipercaya (sertifikat pos ini dan Polres dipercaya); atau sebuah bundel (.okb) / "
            "tanda terima (.okr) sinkronisasi tanpa mengimpornya."
        ),
    )
    p.add_argument(
        "file", type=Path, metavar="FILE", help="berkas yang diperiksa (PDF, .okb atau .okr)"
    )
    p.add_argument(
        "--trust",
        type=Path,
        action="append",
        default=[],
        metavar="CERT",
        help="percayai juga sertifikat ini (PEM atau DER); boleh diulang",
    )
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    try:
        data = args.file.read_bytes()
    except OSError as exc:
        raise OkudeskError(
            _(
                "Berkas {path} tidak dapat dibaca: {reason}",
                path=args.file,
                reason=exc.strerror or exc,
            )
        ) from exc
    if data.lstrip()[:5].startswith(b"%PDF"):
        return verify_pdf_file(args, data)
    if data[:4] == b"PK\x03\x04":  # a sync bundle (.okb) or receipt (.okr): a ZIP archive
        from okudesk.cli.sync import verify_bundle_command

        return verify_bundle_command(args)
    raise OkudeskError(
        _("Berkas {path} bukan PDF; hanya laporan PDF yang dapat diperiksa", path=args.file)
    )


VERDICT_TEXT = {
    "valid": "SAH: utuh dan penanda tangan dipercaya",
    "untrusted": "UTUH, tetapi penanda tangan tidak dipercaya",
    "modified": "DIUBAH setelah ditandatangani",
}


def verify_pdf_file(args: argparse.Namespace, data: bytes) -> int:
    import logging

    from okudesk.core.reports import verification
    from okudesk.core.security import pki

    if not args.debug:  # pyHanko logs an untrusted chain as a warning with a traceback
        logging.getLogger("pyhanko").setLevel(logging.ERROR)
    anchors, register_entry = _local_trust(args, data)
    for path in args.trust:
        try:
            anchors.append(pki.load_cert(path.read_bytes()))
        except OSError as exc:
            raise OkudeskError(
                _(
                    "Berkas {path} tidak dapat dibaca: {reason}",
                    path=path,
                    reason=exc.strerror or exc,
                )
            ) from exc
    result = verification.verify_pdf(data, anchors)
    print(_("Berkas: {path}", path=args.file))
    if result.document_id:
        print(_("ID dokumen: {id}", id=result.document_id))
    if not result.signatures:
        print(_("Hasil: TIDAK BERTANDA TANGAN (draf atau bukan laporan okudesk)"))
        return EXIT_FAILED
    for check in result.signatures:
        print(_("Penanda tangan: {name}", name=check.signer_name or "-"))
        print(_("NRP: {nrp}", nrp=check.nrp or "-"))
        when = (
            check.signed_at.astimezone(_wib()).strftime("%d-%m-%Y %H:%M:%S WIB")
            if check.signed_at
            else "-"
        )
        print(_("Waktu tanda tangan: {when}", when=when))
        print(_("Hasil: {verdict}", verdict=_(VERDICT_TEXT[check.verdict])))
        if check.detail and check.verdict != "valid":
            print(_("Keterangan: {detail}", detail=check.detail))
    if register_entry is not None:
        same = register_entry.sha256 == result.sha256
        print(
            _(
                "Register: nomor {number}; berkas {state} dengan yang didaftarkan",
                number=register_entry.number,
                state=_("sama") if same else _("berbeda"),
            )
        )
    return EXIT_OK if result.verdict == verification.VALID else EXIT_FAILED


def _wib():
    from okudesk.core.reports.signing import WIB

    return WIB


def _local_trust(args: argparse.Namespace, data: bytes):
    """This data folder's trust anchors and, if registered here, the report's register entry."""
    import hashlib

    from okudesk.core.records import register
    from okudesk.core.security import credentials
    from okudesk.core.store import DB_NAME, Store

    folder = data_dir(args)
    if not (folder / DB_NAME).exists():
        return [], None
    with Store.open(folder) as store, store.read() as session:
        anchors = credentials.trust_anchors(session)
        entry = register.find(session, sha256=hashlib.sha256(data).hexdigest())
    return anchors, entry
