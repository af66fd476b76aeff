"""``okudesk backup`` and ``okudesk restore``: backups of the data folder (database and photos)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from okudesk.cli import EXIT_OK, data_dir, open_store


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
    # the copy begins while the store opens (imports, checks): they overlap
    early = backups.EarlyDaily(data_dir(args), force=args.now)
    # the installation's own act, as the workstation starts it (no person at hand): it only
    # copies the data folder into its own backups/ folder (docs/security.md)
    with open_store(args, login=False, installation="cadangan harian") as store:
        info = backups.daily_if_due(store, force=args.now, early=early)
        last = backups.last_daily(store.backup_dir)
    if info is None:
        when = f"{last:%Y-%m-%d %H:%M}" if last else "-"
        print(f"Cadangan harian tidak dibuat sekarang (terakhir {when}; atau sedang dibuat).")
    else:
        print(f"Cadangan harian dibuat: {info.path} ({info.size / 1e6:.1f} MB).")
    return EXIT_OK


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
                actor = store.actor
        except DatabaseDamaged:
            # nobody can log in to a damaged database: this folder's own backup may be put
            # back by whoever can open the folder (the damaged file is kept aside)
            if not _own_backup(args):
                raise
            from okudesk.core import permissions

            actor = permissions.system_actor("pemulihan basis data rusak")
    else:  # no database yet: nobody to log in, nothing to protect
        from okudesk.core import permissions

        actor = permissions.system_actor("pemulihan awal")
    info = backups.restore(data_dir(args), args.file, actor=actor, reenrol=args.reenrol)
    aside = f"; basis data sebelumnya disisihkan di {info.replaced}" if info.replaced else ""
    print(f"Cadangan dipulihkan dari {info.source} ({info.photos_added} foto ditambahkan){aside}.")
    print(info.statement)
    if info.trail_problem:
        print(f"okudesk: rantai audit: {info.trail_problem}", file=sys.stderr)
    return EXIT_OK
