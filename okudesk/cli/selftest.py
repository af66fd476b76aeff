"""``okudesk selftest``: run the built-in end-to-end checks; exit 0 only if all pass."""

from __future__ import annotations

import argparse

from okudesk.cli import EXIT_FAILED, EXIT_OK


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "selftest",
        help="periksa bahwa program terpasang berfungsi",
        description=(
            "Uji mandiri tanpa layar: basis data sementara, migrasi, tulis dan baca data, dan "
            "seterusnya."
        ),
    )
    p.add_argument(
        "--only",
        action="append",
        metavar="NAMA",
        help="jalankan pemeriksaan ini saja (boleh diulang)",
    )
    p.add_argument("--no-gui", action="store_true", help="lewati pemeriksaan jendela utama")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from okudesk.core import selftest

    gui = getattr(args, "gui", None)
    if not args.no_gui and gui is not None:
        _register_gui_check(selftest, gui.smoke_test)
    outcomes = selftest.run_all(args.only)
    for o in outcomes:
        print(f"{'ok   ' if o.ok else 'GAGAL'} {o.name:<12} {o.seconds:6.2f} s")
        if not o.ok:
            print("      " + o.detail.replace("\n", "\n      "))
    failed = [o for o in outcomes if not o.ok]
    print(f"{len(outcomes) - len(failed)} passed, {len(failed)} failed")
    from okudesk.core.clock import zone_problem

    problem = zone_problem()
    if problem:  # a warning, not a failure: the program works, its times would be wrong
        print(f"PERINGATAN {problem}")
    return EXIT_FAILED if failed or not outcomes else EXIT_OK


def _register_gui_check(selftest, smoke_test) -> None:
    if any(name == "gui" for name, _fn in selftest.CHECKS):
        return
    selftest.check("gui")(smoke_test)
