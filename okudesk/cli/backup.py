"""``okudesk backup`` and ``okudesk restore``: backups of the data folder (database and photos)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from okudesk.cli import EXIT_OK, data_dir, open_store, read_passphrase


def register(subparsers) -> None:
    b = subparsers.add_parser(
        "backup",
        help="buat cadangan data (basis data dan foto)",
        description=(
            "Menulis satu berkas cadangan (zip: basis data, foto, manifes) ke folder tujuan, lalu "
            "memeriksanya."
        ),
    )
    where = b.add_mutually_exclusive_group(required=True)
    where.add_argument("--out", type=Path, metavar="DIR", help="folder tujuan (mis. flashdisk)")
    where.add_argument(
        "--daily",
        action="store_true",
        help=(
            "cadangan harian ke folder backups/ bila yang terakhir sudah sehari (dengan prioritas "
            "rendah; yang terputus dibuat ulang; simpan 7 harian, 4 mingguan, 12 bulanan)"
        ),
    )
    b.add_argument(
        "--now", action="store_true", help="dengan --daily: buat sekarang walau belum sehari"
    )
    # the workstation hands its daily backup process the data key on standard input (the
    # store is encrypted and nobody types a passphrase for it): never for people
    b.add_argument("--key-stdin", action="store_true", help=argparse.SUPPRESS)
    b.set_defaults(func=backup)
    r = subparsers.add_parser(
        "restore",
        help="pulihkan data dari cadangan",
        description=(
            "Memeriksa cadangan, menyisihkan basis data yang sekarang ke replaced/, lalu memasang "
            "cadangan dengan ID instans baru. Tutup okudesk dulu."
        ),
    )
    r.add_argument(
        "file",
        type=Path,
        metavar="FILE",
        help="berkas cadangan (.zip) atau salinan basis data (.sqlite3)",
    )
    r.add_argument(
        "--reenrol",
        action="store_true",
        help=(
            "pulihkan juga cadangan yang tidak dibuat instalasi ini (pos lain, Polres, atau "
            "tidak terautentikasi): laptop ini mengambil identitasnya (hanya admin)"
        ),
    )
    r.set_defaults(func=restore)


def backup(args: argparse.Namespace) -> int:
    from okudesk.core import backups

    if args.daily:
        return _daily(args)
    with open_store(args) as store:
        info = backups.write_backup(store, args.out)
    print(
        f"Cadangan dibuat: {info.path} ({info.size / 1e6:.1f} MB, {info.photos} foto, skema "
        f"{info.schema})."
    )
    return EXIT_OK


def _daily(args: argparse.Namespace) -> int:
    """The daily backup, as the workstation starts it in a process of its own: at low
    priority, so it does not take the CPU from someone typing."""
    from okudesk.core import backups

    _lower_priority()
    key = _key_from_stdin() if args.key_stdin else None
    # the copy begins while the store opens (imports, checks): they overlap
    early = backups.EarlyDaily(data_dir(args), force=args.now, key=key)
    # the installation's own act, as the workstation starts it (no person at hand): it only
    # copies the data folder into its own backups/ folder (docs/security.md)
    if key is not None:
        from okudesk.core import permissions
        from okudesk.core.store import Store

        store = Store.open(data_dir(args), key=key)
        store.actor = permissions.system_actor("cadangan harian")
    else:
        store = open_store(args, login=False, installation="cadangan harian")
    with store:
        info = backups.daily_if_due(store, force=args.now, early=early)
        last = backups.last_daily(store.backup_dir)
    if info is None:
        when = f"{last:%Y-%m-%d %H:%M}" if last else "-"
        print(f"Cadangan harian tidak dibuat sekarang (terakhir {when}; atau sedang dibuat).")
    else:
        print(f"Cadangan harian dibuat: {info.path} ({info.size / 1e6:.1f} MB).")
    return EXIT_OK


def _key_from_stdin() -> bytes:
    from okudesk.core.errors import OkudeskError

    try:
        key = bytes.fromhex(sys.stdin.readline().strip())
    except ValueError:
        key = b""
    if len(key) != 32:
        raise OkudeskError("--key-stdin: kunci data tidak terbaca")
    return key


def _lower_priority() -> None:
    """CPU (and on Windows disk) priority below the workstation's: best effort."""
    import os
    import sys

    if sys.platform == "win32":
        import ctypes

        background_begin = 0x00100000  # PROCESS_MODE_BACKGROUND_BEGIN: CPU, disk and memory
        kernel32 = ctypes.windll.kernel32
        kernel32.SetPriorityClass(kernel32.GetCurrentProcess(), background_begin)
    else:
        try:
            os.nice(10)
        except OSError:
            pass


def _unwrapped_key(args: argparse.Namespace) -> bytes | None:
    """The data key by the officer's passphrase when the database cannot be opened."""
    from okudesk.core.store.keyring import Keyring

    keys = Keyring.load(data_dir(args))
    passphrase = read_passphrase(args)
    if keys is None or passphrase is None:
        return None
    return keys.unlock(passphrase, nrp=args.officer)


def _has_database(args: argparse.Namespace) -> bool:
    from okudesk.core.store import DB_NAME

    return (data_dir(args) / DB_NAME).exists()


def _own_backup(args: argparse.Namespace) -> bool:
    """Whether the file to restore is one of this data folder's own backups."""
    folder = (data_dir(args) / "backups").resolve()
    return Path(args.file).resolve().parent == folder


def restore(args: argparse.Namespace) -> int:
    from okudesk.core import backups
    from okudesk.core.errors import DatabaseDamaged

    if _has_database(args):  # a person restores: check who, then let go of the database
        try:
            with open_store(args) as store:
                actor, key = store.actor, store.data_key
        except DatabaseDamaged:
            # nobody can log in to a damaged database: this folder's own backup may be put
            # back by whoever can open the folder (the damaged file is kept aside)
            if not _own_backup(args):
                raise
            from okudesk.core import permissions

            actor = permissions.system_actor("pemulihan basis data rusak")
            key = None if not args.officer else _unwrapped_key(args)
    else:  # no database yet: nobody to log in, nothing to protect
        from okudesk.core import permissions

        actor, key = permissions.system_actor("pemulihan awal"), None
    info = backups.restore(
        data_dir(args),
        args.file,
        actor=actor,
        reenrol=args.reenrol,
        key=key,
        passphrase=getattr(args, "login_passphrase", None),
    )
    aside = f"; basis data sebelumnya disisihkan di {info.replaced}" if info.replaced else ""
    print(f"Cadangan dipulihkan dari {info.source} ({info.photos_added} foto ditambahkan){aside}.")
    print(info.statement)
    if info.trail_problem:
        print(f"okudesk: rantai audit: {info.trail_problem}", file=sys.stderr)
    return EXIT_OK
