"""``okudesk account``: officers' logins at this installation, managed by a logged-in admin
(``--officer``); ``create-admin`` only while there is no account at all; ``passphrase``: the
officer replaces their own (a one-time passphrase an admin set must be replaced so)."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from okudesk.cli import EXIT_OK, data_dir, login_required, open_store, read_passphrase
from okudesk.core.errors import OkudeskError


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "account",
        help="kelola akun petugas",
        description="Akun masuk petugas: daftar, peran, kata sandi, buka kunci.",
    )
    sub = p.add_subparsers(dest="account_command", metavar="<aksi>", required=True)
    ls = sub.add_parser("list", help="daftar akun")
    ls.set_defaults(func=list_accounts)
    first = sub.add_parser(
        "create-admin", help="buat akun pertama (bila belum ada akun sama sekali)"
    )
    first.add_argument("--name", required=True)
    first.add_argument("--nrp", required=True)
    first.add_argument(
        "--role",
        choices=("admin", "hq_admin", "kapolsek"),
        default=None,
        help="bawaan: hq_admin di Polres, admin di pos",
    )
    _passphrase_args(first)
    first.set_defaults(func=create_admin)
    s = sub.add_parser(
        "set", help="beri akun kepada petugas, ubah perannya, atau atur ulang kata sandinya"
    )
    s.add_argument("nrp", metavar="NRP")
    s.add_argument(
        "--role", required=True, choices=("petugas", "kapolsek", "admin", "hq_analyst", "hq_admin")
    )
    _passphrase_args(s, required=False)
    s.set_defaults(func=set_account)
    pw = sub.add_parser(
        "passphrase",
        help="ganti kata sandi sendiri (wajib setelah admin mengatur ulang)",
        description=(
            "Petugas yang masuk (--officer, kata sandi sekarang seperti biasa) memilih kata "
            "sandi baru; setelah atur ulang oleh admin, kunci tanda tangan baru dibuat dengan "
            "kata sandi ini."
        ),
    )
    _passphrase_args(pw)
    pw.set_defaults(func=change_own)
    u = sub.add_parser("unlock", help="buka kunci akun setelah kata sandi salah berulang kali")
    u.add_argument("nrp", metavar="NRP")
    u.set_defaults(func=unlock)
    rec = sub.add_parser(
        "recover",
        help="Polres: pulihkan akses ke data pos yang petugasnya tidak ada (kunci pemulihan)",
        description=(
            "Admin Polres yang masuk membuka kunci data sebuah pos dengan kunci pemulihan Polres "
            "(folder data pos itu, atau salinannya) dan memberi seorang petugas pos kata sandi "
            "sekali pakai yang harus diganti saat masuk."
        ),
    )
    rec.add_argument("post_dir", type=Path, metavar="FOLDER_POS", help="folder data pos itu")
    rec.add_argument("--nrp", required=True, help="NRP petugas pos yang diberi akses")
    _passphrase_args(rec)
    rec.set_defaults(func=recover)


def _passphrase_args(p, required: bool = True) -> None:
    p.add_argument(
        "--new-passphrase-file",
        type=Path,
        default=None,
        metavar="FILE",
        help="berkas berisi kata sandi baru (atau $OKUDESK_NEW_PASSPHRASE)"
        + ("" if required else "; tanpa ini kata sandi tidak diubah"),
    )


def _new_passphrase(args, required: bool = True, ask: bool = False) -> str | None:
    if args.new_passphrase_file is not None:
        try:
            return args.new_passphrase_file.read_text(encoding="utf-8-sig").rstrip("\r\n")
        except OSError as exc:
            raise OkudeskError(
                f"berkas kata sandi tidak dapat dibaca: {args.new_passphrase_file} "
                f"({exc.strerror or exc})"
            ) from exc
    value = os.environ.get("OKUDESK_NEW_PASSPHRASE")
    if value is None and ask and sys.stdin is not None and sys.stdin.isatty():
        import getpass

        value = getpass.getpass("Kata sandi baru: ")
        if getpass.getpass("Ulangi kata sandi baru: ") != value:
            raise OkudeskError("kedua kata sandi tidak sama")
    if value is None and required:
        raise OkudeskError(
            "kata sandi baru tidak diberikan (--new-passphrase-file atau $OKUDESK_NEW_PASSPHRASE)"
        )
    return value


def _officer_id(session, nrp: str) -> str:
    from sqlalchemy import select

    from okudesk.core.models import Officer

    officer_id = session.scalar(
        select(Officer.id).where(Officer.nrp == nrp, Officer.deleted_at.is_(None))
    )
    if officer_id is None:
        raise OkudeskError(f"tidak ada petugas dengan NRP {nrp}")
    return officer_id


def list_accounts(args: argparse.Namespace) -> int:
    from okudesk.core.security import accounts

    # with no account at all nobody can log in: the list may then be read to learn just that
    with open_store(args, first_run=True) as store, store.read() as session:
        rows = accounts.list_accounts(session)
    if not rows:
        print("Belum ada akun petugas (buat dengan 'okudesk account create-admin').")
    for a in rows:
        lock = f"  terkunci {int(a.locked_seconds)} s" if a.locked_seconds else ""
        change = "  (harus ganti kata sandi)" if a.must_change else ""
        print(f"{a.nrp}  {a.role:<10}  {a.display}{change}{lock}")
    return EXIT_OK


def create_admin(args: argparse.Namespace) -> int:
    from okudesk.core.records import posts
    from okudesk.core.security import accounts, unlocking

    passphrase = _new_passphrase(args)
    assert passphrase is not None  # required: raised otherwise
    store = open_store(args, first_run=True)
    try:
        with store.write() as session:
            post = posts.this_post(session)
            info = accounts.create_first_admin(
                session,
                name=args.name,
                nrp=args.nrp,
                passphrase=passphrase,
                role=args.role,
                post_id=post.id if post else None,
            )
        # from the first passphrase on, the store is encrypted (security/unlocking.py)
        store = unlocking.encrypt_now(store, passphrase, officer_id=info.officer_id)
    finally:
        store.close()
    print(f"Akun {info.role} dibuat untuk {info.display} (NRP {info.nrp}).")
    return EXIT_OK


def set_account(args: argparse.Namespace) -> int:
    from okudesk.core.security import accounts

    with open_store(args) as store, store.write() as session:
        info = accounts.set_account(
            session,
            _officer_id(session, args.nrp),
            role=args.role,
            passphrase=_new_passphrase(args, required=False),
        )
    print(f"Akun {info.display} (NRP {info.nrp}): peran {info.role}.")
    return EXIT_OK


def unlock(args: argparse.Namespace) -> int:
    from okudesk.core.security import accounts

    with open_store(args) as store, store.write() as session:
        info = accounts.unlock(session, _officer_id(session, args.nrp))
    print(f"Kunci akun {info.display} dibuka.")
    return EXIT_OK


def change_own(args: argparse.Namespace) -> int:
    """The officer's own passphrase: the current one is checked like a login (and counted);
    after an admin's reset the new signing key is made now, under the new passphrase."""
    from okudesk.core.security import accounts, credentials, unlocking

    if not args.officer:
        raise login_required()
    current = read_passphrase(args)
    if current is None:
        raise login_required()
    new = _new_passphrase(args, ask=True)
    assert new is not None  # required: raised otherwise
    with unlocking.open_as(data_dir(args), current, nrp=args.officer) as store:
        with store.read(actor=None) as session:
            officer_id = _officer_id(session, args.officer)
        accounts.change_passphrase(store, officer_id, current, new)
        with store.read(actor=None) as session:
            info = credentials.credential(session, officer_id)
    key = f"; sertifikat tanda tangan: {info.fingerprint[:16]}" if info is not None else ""
    print(f"Kata sandi {args.officer} diganti{key}.")
    return EXIT_OK


def recover(args: argparse.Namespace) -> int:
    from okudesk.core.security import unlocking

    one_time = _new_passphrase(args, ask=True)
    assert one_time is not None  # required: raised otherwise
    with open_store(args) as hq:
        info = unlocking.recover_post(args.post_dir, hq, nrp=args.nrp, one_time=one_time)
    print(
        f"Data pos {info} dibuka dengan kunci pemulihan Polres; petugas {args.nrp} masuk dengan "
        "kata sandi sekali pakai dan harus menggantinya."
    )
    return EXIT_OK
