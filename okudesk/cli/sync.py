"""USB sync from the command line: ``setup hq|post``, ``post add|revoke|list``, ``export``,
``import`` and the bundle part of ``verify`` (docs/sync-format.md)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from okudesk.cli import EXIT_FAILED, EXIT_OK, data_dir, login_required, open_store, setup_logging


def register(subparsers) -> None:
    setup = subparsers.add_parser(
        "setup",
        help="jadikan instalasi ini Polres (HQ) atau sebuah pos",
        description="Menyiapkan peran sinkronisasi instalasi ini.",
    )
    roles = setup.add_subparsers(dest="role", metavar="<peran>", required=True)
    hq = roles.add_parser(
        "hq",
        help="jadikan instalasi ini Polres (HQ)",
        description="Membuat kunci dan sertifikat Polres (HQ).",
    )
    hq.add_argument("--name", required=True, help="nama Polres")
    hq.add_argument("--code", required=True, help="kode Polres, mis. OKU")
    hq.set_defaults(func=setup_hq)
    post = roles.add_parser(
        "post",
        help="jadikan instalasi ini pos dari kit pendaftaran",
        description=(
            "Menyiapkan pos dari kit pendaftaran yang dibuat Polres; kunci pos dibuat di laptop "
            "ini."
        ),
    )
    post.add_argument(
        "--kit", required=True, type=Path, metavar="FILE", help="berkas kit pendaftaran dari Polres"
    )
    post.set_defaults(func=setup_post)

    p = subparsers.add_parser(
        "post",
        help="kelola pos terdaftar (Polres)",
        description="Mendaftarkan, mencabut dan menampilkan pos (hanya di Polres).",
    )
    actions = p.add_subparsers(dest="action", metavar="<aksi>", required=True)
    add = actions.add_parser(
        "add",
        help="daftarkan pos dan tulis kit pendaftarannya",
        description="Mendaftarkan pos dan menulis kit pendaftaran ke folder DIR.",
    )
    add.add_argument("--code", required=True, help="kode pos, mis. BTT")
    add.add_argument("--name", required=True, help="nama pos")
    add.add_argument("--out", required=True, type=Path, metavar="DIR", help="folder tujuan kit")
    add.set_defaults(func=post_add)
    revoke = actions.add_parser(
        "revoke",
        help="cabut pos (laptop hilang/dicuri)",
        description="Mencabut kunci pos; bundel bertanda tangan kuncinya ditolak.",
    )
    revoke.add_argument("--code", required=True, help="kode pos")
    revoke.set_defaults(func=post_revoke)
    lst = actions.add_parser("list", help="tampilkan pos terdaftar dan status sinkronisasinya")
    lst.set_defaults(func=post_list)

    con = subparsers.add_parser(
        "conflict",
        help="konflik sinkronisasi yang disimpan (Polres)",
        description=(
            "Menampilkan dan menyelesaikan konflik: versi yang kalah disimpan untuk diperiksa."
        ),
    )
    con_actions = con.add_subparsers(dest="action", metavar="<aksi>", required=True)
    con_list = con_actions.add_parser("list", help="tampilkan konflik yang belum diselesaikan")
    con_list.set_defaults(func=conflict_list)
    con_resolve = con_actions.add_parser("resolve", help="selesaikan satu konflik")
    con_resolve.add_argument("table")
    con_resolve.add_argument("record_id", metavar="ID")
    con_resolve.add_argument(
        "instance", metavar="INSTANCE", help="instance versi yang disimpan (lihat 'conflict list')"
    )
    con_resolve.add_argument(
        "--keep",
        choices=("winner", "loser"),
        required=True,
        help="winner: pertahankan versi yang berlaku; loser: pakai versi yang disimpan",
    )
    con_resolve.set_defaults(func=conflict_resolve)

    held = subparsers.add_parser(
        "held",
        help="data ditahan karena induknya belum tiba (Polres)",
        description=(
            "Menampilkan dan membuang data dari pos yang menunggu induknya. Data yang dibuang "
            "tetap ada di pos dan ikut lagi bila diubah di sana."
        ),
    )
    held_actions = held.add_subparsers(dest="action", metavar="<aksi>", required=True)
    held_list = held_actions.add_parser("list", help="tampilkan data ditahan (terlama dulu)")
    held_list.add_argument("--post", default="", help="hanya dari pos ini")
    held_list.add_argument("--limit", type=int, default=100, help="paling banyak (bawaan 100)")
    held_list.set_defaults(func=held_list_cmd)
    held_discard = held_actions.add_parser(
        "discard", help="buang satu data ditahan, atau semua dari satu pos"
    )
    held_discard.add_argument("table", nargs="?", default="")
    held_discard.add_argument("record_id", metavar="ID", nargs="?", default="")
    held_discard.add_argument("--post", default="", help="buang semua data ditahan dari pos ini")
    held_discard.set_defaults(func=held_discard_cmd)

    exp = subparsers.add_parser(
        "export",
        help="tulis bundel sinkronisasi untuk Polres",
        description=(
            "Menulis satu bundel berisi semua perubahan yang belum dikonfirmasi Polres ke folder "
            "DIR (mis. flashdisk)."
        ),
    )
    exp.add_argument(
        "--out", required=True, type=Path, metavar="DIR", help="folder tujuan (mis. flashdisk)"
    )
    exp.set_defaults(func=export)

    imp = subparsers.add_parser(
        "import",
        help="impor bundel (Polres) atau tanda terima (pos)",
        description=(
            "Di Polres: memeriksa dan menerapkan bundel pos, lalu menulis tanda terima. Di pos: "
            "menerapkan tanda terima Polres."
        ),
    )
    imp.add_argument("files", nargs="+", type=Path, metavar="FILE")
    imp.add_argument(
        "--receipt-out",
        type=Path,
        metavar="DIR",
        default=None,
        help="folder tanda terima (bawaan: di samping bundel)",
    )
    imp.set_defaults(func=import_files, quick=True)

    rec = subparsers.add_parser(
        "receipt",
        help="tulis lagi tanda terima untuk pos (Polres)",
        description=(
            "Menulis tanda terima untuk pos CODE ke folder DIR, mis. bila tanda terima saat "
            "impor tidak dapat ditulis (flashdisk penuh atau tercabut)."
        ),
    )
    rec.add_argument("--post", required=True, metavar="CODE", help="kode pos")
    rec.add_argument(
        "--out", required=True, type=Path, metavar="DIR", help="folder tujuan (mis. flashdisk)"
    )
    rec.set_defaults(func=write_receipt_again)


def setup_hq(args: argparse.Namespace) -> int:
    from okudesk.core.sync import trust

    with open_store(args, first_run=True) as store, store.write() as session:
        role = trust.set_up_hq(session, name=args.name, code=args.code)
    print(f"Instalasi ini sekarang Polres {role.code} ({role.name}).")
    return EXIT_OK


def setup_post(args: argparse.Namespace) -> int:
    from okudesk.core.sync import trust

    with open_store(args, first_run=True) as store, store.write() as session:
        role = trust.set_up_post(session, args.kit)
    print(f"Instalasi ini sekarang pos {role.code} ({role.name}) di bawah Polres {role.hq_code}.")
    return EXIT_OK


def post_add(args: argparse.Namespace) -> int:
    from okudesk.core.sync import trust

    with open_store(args) as store, store.write() as session:
        path = trust.add_post(session, code=args.code, name=args.name, out_dir=args.out)
    print(path)
    return EXIT_OK


def post_revoke(args: argparse.Namespace) -> int:
    from okudesk.core.sync import trust

    with open_store(args) as store, store.write() as session:
        post = trust.revoke_post(session, args.code)
    print(f"Pos {post.code} dicabut; bundel bertanda tangan kuncinya akan ditolak.")
    return EXIT_OK


def post_list(args: argparse.Namespace) -> int:
    from okudesk.core.sync import status

    with open_store(args) as store, store.read() as session:
        rows = status.post_statuses(session)
    print(
        f"{'POS':<12} {'STATUS':<9} {'BUNDEL':>6} {'TERAKHIR':<19} {'HARI':>5} {'SELISIH':>7} "
        f"{'KONFLIK':>7} {'DITAHAN':>7}"
    )
    for r in rows:
        last = r.last_bundle_at.isoformat(sep=" ", timespec="minutes") if r.last_bundle_at else "-"
        days = "-" if r.days_since is None else str(r.days_since)
        print(
            f"{r.code:<12} {r.status:<9} {r.bundles:>6} {last:<19} {days:>5} {r.lag:>7} "
            f"{r.conflicts:>7} {r.held:>7}"
        )
    return EXIT_OK


def conflict_list(args: argparse.Namespace) -> int:
    from okudesk.core.sync import status

    with open_store(args) as store, store.read() as session:
        rows = status.conflicts(session)
    for c in rows:
        print(f"{c.table} {c.record_id} {c.instance} pos {c.post_code or '-'}: {c.summary}")
    if not rows:
        print("Tidak ada konflik.")
    return EXIT_OK


def conflict_resolve(args: argparse.Namespace) -> int:
    from okudesk.core.sync import merge

    with open_store(args) as store, store.write() as session:
        merge.resolve_conflict(
            session, args.table, args.record_id, args.instance, adopt=args.keep == "loser"
        )
    print("Konflik diselesaikan.")
    return EXIT_OK


def held_list_cmd(args: argparse.Namespace) -> int:
    from okudesk.core.sync import status

    limit = max(1, min(args.limit, 1_000_000))
    with open_store(args) as store, store.read() as session:
        rows = status.held_records(session, post=args.post, limit=limit)
        total = status.held_count(session, post=args.post)
    for h in rows:
        when = h.held_at.strftime("%Y-%m-%d %H:%M")
        print(f"{h.table} {h.record_id} pos {h.post_code or '-'} menunggu {h.missing} sejak {when}")
    if not rows:
        print("Tidak ada data ditahan.")
    elif total > len(rows):
        print(f"... {total - len(rows)} lagi ({total} data ditahan)")
    return EXIT_OK


def held_discard_cmd(args: argparse.Namespace) -> int:
    from okudesk.core.errors import OkudeskError
    from okudesk.core.sync import merge

    if bool(args.record_id) == bool(args.post) or bool(args.table) != bool(args.record_id):
        raise OkudeskError("Sebutkan TABEL ID satu data ditahan, atau --post KODE (tidak keduanya)")
    with open_store(args) as store, store.write() as session:
        count = merge.discard_held(
            session, table=args.table, record_id=args.record_id, post_code=args.post
        )
    print(f"{count} data ditahan dibuang.")
    return EXIT_OK


def export(args: argparse.Namespace) -> int:
    from okudesk.core.sync import export as exporting

    with open_store(args) as store:
        result = exporting.export_bundle(store, args.out)
    print(result.path)
    print(f"{result.records} catatan, {result.photos} foto", file=sys.stderr)
    return EXIT_OK


def import_files(args: argparse.Namespace) -> int:
    failed = False
    files = list(args.files)
    if not args.officer:
        raise login_required()
    # a bundle imported already is refused from the file, before the login opens the store
    files = [path for path in files if not _imported_already(args, path)]
    failed = len(files) < len(args.files)
    if not files:
        return EXIT_FAILED
    setup_logging(args)
    from okudesk.core.errors import OkudeskError
    from okudesk.core.i18n import _
    from okudesk.core.store.faults import fault_message
    from okudesk.core.sync import trust

    with open_store(args) as store:
        with store.read() as session:
            me = trust.role(session)
            if me is None:
                trust.require_role(session, "hq")  # raises: not set up for sync
        for path in files:
            try:
                failed |= not _import_one(store, me.role, path, args.receipt_out)
            except OkudeskError as exc:
                failed = True
                print(f"okudesk: {path.name}: DITOLAK: {exc}", file=sys.stderr)
            except Exception as exc:  # noqa: BLE001 - one file's fault must not stop the rest
                # the file's transaction was rolled back; said, and the next file is tried
                failed = True
                reason = fault_message(exc, store.data_dir) or _(
                    "DITOLAK: berkas tidak dapat dibaca ({kind})", kind=type(exc).__name__
                )
                print(f"okudesk: {path.name}: {reason}", file=sys.stderr)
    return EXIT_FAILED if failed else EXIT_OK


def _import_one(store, role: str, path: Path, receipt_out: Path | None) -> bool:
    """Import one bundle (HQ) or receipt (post) and print its result line; False when it
    was refused or its receipt could not be written."""
    from okudesk.core.i18n import _
    from okudesk.core.sync import importer, receipt

    if role == "hq":
        outcome = importer.import_bundle(store, path, receipt_dir=receipt_out)
        if not outcome.ok:
            print(f"okudesk: {path.name}: DITOLAK: {outcome.reason}", file=sys.stderr)
            return False
        c = outcome.counts
        print(
            f"{path.name}: pos {outcome.post}: {c['new']} baru, {c['updated']} "
            f"diperbarui, {c['unchanged']} tidak berubah, {c['conflicts']} konflik, "
            f"{c['held']} ditahan"
            + (f", {c['released']} dilepas" if c["released"] else "")
            + (
                f", {c['set_aside']} disisihkan untuk ditinjau di Polres"
                if c.get("set_aside")
                else ""
            )
            + (f", {c['audit']} entri audit" if c.get("audit") else "")
            + (" (pos terdaftar)" if outcome.enrolled else "")
        )
        if outcome.receipt:
            print(f"  tanda terima: {outcome.receipt}")
            return True
        # the bundle is imported (a second import is refused as a duplicate): the receipt
        # alone is written again by its own command
        print(
            f"okudesk: {path.name}: "
            + _(
                "bundel diimpor, tetapi tanda terima tidak ditulis: {reason}. Tulis lagi "
                "dengan: okudesk receipt --post {code} --out FOLDER",
                reason=outcome.reason,
                code=outcome.post,
            ),
            file=sys.stderr,
        )
        return False
    outcome = receipt.import_receipt(store, path)
    if not outcome.ok:
        print(f"okudesk: {path.name}: DITOLAK: {outcome.reason}", file=sys.stderr)
        return False
    c = outcome.counts
    print(
        f"{path.name}: tanda terima diterapkan: {c['new']} baru, {c['updated']} "
        f"diperbarui, {c['unchanged']} tidak berubah, {c['conflicts']} konflik, "
        f"{c['held']} ditahan"
        + ("; sertifikat pos dari Polres dipasang" if outcome.certificate_installed else "")
    )
    return True


def write_receipt_again(args: argparse.Namespace) -> int:
    """``receipt --post CODE --out DIR``: the receipt of what HQ holds for the post, when the
    one written at import was lost (the stick full or pulled out)."""
    from okudesk.core.sync import receipt

    with open_store(args) as store:
        path = receipt.write_receipt(store, args.post, args.out)
    print(path)
    return EXIT_OK


def _imported_already(args: argparse.Namespace, path: Path) -> bool:
    """Refuse a bundle whose very bytes were imported here, without opening the store (the
    same refusal as importer._verified's, ~10x sooner; store/quick.py)."""
    import hashlib

    from okudesk.core.i18n import _
    from okudesk.core.store import quick

    try:
        with open(path, "rb") as fh:
            sha = hashlib.file_digest(fh, "sha256").hexdigest()
    except OSError:
        return False  # the import says what is wrong with the file
    bundle_id = quick.imported_bundle(data_dir(args), sha)
    if bundle_id is None:
        return False
    reason = _(
        "Bundel ini sudah diimpor sebelumnya ({id}); tidak ada yang diubah", id=bundle_id[:8]
    )
    print(f"okudesk: {path.name}: DITOLAK: {reason}", file=sys.stderr)
    return True


def verify_bundle_command(args: argparse.Namespace) -> int:
    """``okudesk verify FILE`` for a sync bundle (.okb) or receipt (.okr); okudesk/cli/verify.py
    dispatches here when the file is a ZIP archive rather than a PDF."""
    from okudesk.core.sync import SyncRefused, status

    path = Path(args.file)
    with open_store(args, login=False, installation="verify", look=True) as store:
        try:
            report = status.verify_file(store, path)
        except SyncRefused as exc:
            print(f"okudesk: {path.name}: TIDAK SAH: {exc}", file=sys.stderr)
            return EXIT_FAILED
    print(f"{path.name}: SAH: {report}")
    return EXIT_OK
