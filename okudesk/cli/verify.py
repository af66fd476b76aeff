"""``okudesk verify FILE [--trust CERT]``: is a signed report, a sync bundle or a receipt genuine?
``okudesk verify --code ABCD-EFGH``: what the register says about a paper copy's code.

Exit 0 only when every signature is valid and trusted (or the code is in the register);
1 otherwise.
"""

from __future__ import annotations

import argparse
from datetime import UTC
from pathlib import Path

from okudesk.cli import EXIT_FAILED, EXIT_OK, data_dir, open_store
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
        "file",
        type=Path,
        nargs="?",
        metavar="FILE",
        help="berkas yang diperiksa (PDF, .okb atau .okr)",
    )
    p.add_argument(
        "--code",
        metavar="KODE",
        help=(
            "periksa salinan kertas: kode verifikasi (ABCD-EFGH) atau teks kode QR-nya, "
            "di pos atau Polres yang menyimpan register"
        ),
    )
    p.add_argument(
        "--trust",
        type=Path,
        action="append",
        default=[],
        metavar="CERT",
        help="percayai juga sertifikat ini (PEM atau DER); boleh diulang",
    )
    p.set_defaults(func=run, brief=True)


def run(args: argparse.Namespace) -> int:
    if (args.file is None) == (args.code is None):
        raise OkudeskError(_("Berikan BERKAS atau --code, tidak keduanya"))
    if args.code is not None:
        return verify_code(args)
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
    "mismatch": (
        "TIDAK SESUAI REGISTER: tanda tangan utuh, tetapi berkas ini bukan yang didaftarkan"
    ),
}


def verify_pdf_file(args: argparse.Namespace, data: bytes) -> int:
    import logging

    from okudesk.core.reports import verification
    from okudesk.core.security import pki
    from okudesk.core.store import DB_NAME

    if not args.debug:  # pyHanko logs an untrusted chain as a warning with a traceback
        logging.getLogger("pyhanko").setLevel(logging.ERROR)
    extra = []
    for path in args.trust:
        try:
            extra.append(pki.load_cert(path.read_bytes()))
        except OSError as exc:
            raise OkudeskError(
                _(
                    "Berkas {path} tidak dapat dibaca: {reason}",
                    path=path,
                    reason=exc.strerror or exc,
                )
            ) from exc
    folder = data_dir(args)
    check = None
    revoked: dict[str, tuple] = {}  # certificate SHA-256 -> (when, by whom)
    locked = (folder / DB_NAME).exists() and _encrypted_without_login(args, folder)
    if (folder / DB_NAME).exists() and not locked:
        from okudesk.core.security import credentials  # the store's: SQLAlchemy and the models

        with (
            open_store(args, login=False, installation="verifikasi", look=True) as store,
            store.read() as session,
        ):
            result = verification.verify_here(session, data, extra)
            if result.signatures:
                check = verification.check_register(session, result)
            for sig in result.signatures:
                row = credentials.revoked_certificate(session, sig.certificate_sha256 or "-")
                if row is not None:
                    revoked[sig.certificate_sha256] = (row.revoked_at, row.revoked_by)
    else:
        result = verification.verify_pdf(data, extra)
    print(_("Berkas: {path}", path=args.file))
    if locked:
        print(
            _(
                "Register dan sertifikat pos tidak diperiksa: basis data terenkripsi; jalankan "
                "dengan --officer NRP untuk memeriksanya"
            )
        )
    claims = result.claims
    if claims.document_id:
        print(_("ID dokumen: {id}", id=claims.document_id))
    if claims.number:
        print(_("Nomor: {number}", number=claims.number))
    if claims.title:
        print(_("Judul: {title}", title=claims.title))
    if not result.signatures:
        print(_("Hasil: TIDAK BERTANDA TANGAN (draf atau bukan laporan okudesk)"))
        return EXIT_FAILED
    for sig in result.signatures:
        print(_("Penanda tangan: {name}", name=sig.signer_name or "-"))
        print(_("NRP: {nrp}", nrp=sig.nrp or "-"))
        when = (
            sig.signed_at.astimezone(_wib()).strftime("%d-%m-%Y %H:%M:%S WIB")
            if sig.signed_at
            else "-"
        )
        print(_("Waktu tanda tangan: {when}", when=when))
        if len(result.signatures) > 1 or sig.verdict != result.verdict:
            print(_("Tanda tangan ini: {verdict}", verdict=_(VERDICT_TEXT[sig.verdict])))
        if sig.detail and (sig.verdict != "valid" or sig.stamped_at):
            print(_("Keterangan: {detail}", detail=sig.detail))
        if sig.certificate_sha256 in revoked:
            at, by = revoked[sig.certificate_sha256]
            print(
                _(
                    "Sertifikat ini dicabut {when} oleh {who} (kata sandi diatur ulang); "
                    "tanda tangan yang dibuat sebelumnya tetap sah",
                    when=at.replace(tzinfo=UTC).astimezone(_wib()).strftime("%d-%m-%Y %H:%M WIB"),
                    who=by or "-",
                )
            )
    for line in register_lines(check):
        print(line)
    verdict = verification.overall_verdict(result, check)
    if verdict == verification.VALID and any(
        sig.signed_at is None
        or sig.signed_at.astimezone(UTC).replace(tzinfo=None) >= revoked[sig.certificate_sha256][0]
        for sig in result.signatures
        if sig.certificate_sha256 in revoked
    ):  # signed (so it claims) after its certificate was revoked: not trusted
        verdict = verification.UNTRUSTED
    print(_("Hasil: {verdict}", verdict=_(VERDICT_TEXT[verdict])))
    return EXIT_OK if verdict == verification.VALID else EXIT_FAILED


def verify_code(args: argparse.Namespace) -> int:
    from okudesk.core.records import register
    from okudesk.core.store import DB_NAME

    folder = data_dir(args)
    if not (folder / DB_NAME).exists():
        raise OkudeskError(
            _(
                "Tidak ada register di folder data ini; kode verifikasi hanya dapat diperiksa "
                "di pos atau Polres yang menyimpan register"
            )
        )
    with (
        open_store(args, login=False, installation="verifikasi", look=True) as store,
        store.read() as session,
    ):
        found = register.find_by_code(session, args.code)
    if not found:
        print(
            _(
                "Kode {code} tidak ada di register ini; periksa kodenya, atau periksa di Polres "
                "bila laporan dibuat di pos lain",
                code=args.code.strip(),
            )
        )
        return EXIT_FAILED
    for n, hit in enumerate(found):
        if n:
            print()
        for line in register.code_lines(hit):
            print(line)
    return EXIT_OK


def register_lines(check) -> list[str]:
    """What the register says about the file (``check`` None: no register here)."""
    from okudesk.core.reports import verification

    if check is None:
        return [
            _(
                "Register: tidak ada register di folder data ini; hasil hanya berdasarkan "
                "tanda tangan"
            )
        ]
    if check.state == verification.NOT_REGISTERED:
        return [
            _(
                "Register: laporan ini tidak ada di register ini; hasil hanya berdasarkan "
                "tanda tangan"
            )
        ]
    entry = check.entry
    if check.state == verification.DIFFERS:
        return [
            _(
                "Register: ID dokumen terdaftar dengan nomor {number}, tetapi berkas ini berbeda:",
                number=entry.number,
            )
        ] + [f"  - {d}" for d in check.differences]
    lines = [
        _("Register: nomor {number}; berkas sama dengan yang didaftarkan", number=entry.number)
    ]
    if check.superseded_by is not None:
        lines.append(
            _(
                "Perhatian: laporan ini sudah diganti oleh perubahan laporan nomor {number}",
                number=check.superseded_by.number,
            )
        )
    return lines


def _wib():
    from okudesk.core.reports.signing import WIB

    return WIB


def _encrypted_without_login(args: argparse.Namespace, folder: Path) -> bool:
    """Whether the register is out of reach: the store is encrypted and nobody logged in."""
    from okudesk.core.store.keyring import Keyring

    return not getattr(args, "officer", None) and Keyring.path(folder).exists()
