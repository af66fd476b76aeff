"""``okudesk account``: officers' logins at this installation (the console acts as admin)."""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from okudesk.cli import EXIT_OK, open_store
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
    u = sub.add_parser("unlock", help="buka kunci akun setelah kata sandi salah berulang kali")
    u.add_argument("nrp", metavar="NRP")
    u.set_defaults(func=unlock)


def _passphrase_args(p, required: bool = True) -> None:
    p.add_argument(
        "--new-passphrase-file",
        type=Path,
        default=None,
        metavar="FILE",
        help="berkas berisi kata sandi baru (atau $OKUDESK_NEW_PASSPHRASE)"
        + ("" if required else "; tanpa ini kata sandi tidak diubah"),
    )


def _new_passphrase(args, required: bool = True) -> str | None:
    if args.new_passphrase_file is not None:
        try:
            return args.new_passphrase_file.read_text(encoding="utf-8-sig").rstrip("\r\n")
        except OSError as exc:
            raise OkudeskError(
                f"berkas kata sandi tidak dapat dibaca: {args.new_passphrase_file} "
                f"({exc.strerror or exc})"
            ) from exc
    value = os.environ.get("OKUDESK_NEW_PASSPHRASE")
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

    with open_store(args) as store, store.read() as session:
        rows = accounts.list_accounts(session)
    for a in rows:
        lock = f"  terkunci {int(a.locked_seconds)} s" if a.locked_seconds else ""
        change = "  (harus ganti kata sandi)" if a.must_change else ""
        print(f"{a.nrp}  {a.role:<10}  {a.display}{change}{lock}")
    return EXIT_OK


def create_admin(args: argparse.Namespace) -> int:
    from okudesk.core.records import posts
    from okudesk.core.security import accounts

    with open_store(args) as store, store.write() as session:
        post = posts.this_post(session)
        info = accounts.create_first_admin(
            session,
            name=args.name,
            nrp=args.nrp,
            passphrase=_new_passphrase(args),
            role=args.role,
            post_id=post.id if post else None,
        )
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
