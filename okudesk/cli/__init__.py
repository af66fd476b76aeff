"""The okudesk command line: a second client of the core, beside the GUI.

Exit codes: 0 success, 1 the operation failed or data was rejected, 2 usage error.
Errors are one line on stderr; ``--debug`` shows the traceback too.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from importlib import import_module
from pathlib import Path

from okudesk import __version__
from okudesk.core.errors import OkudeskError
from okudesk.core.paths import default_data_dir

# One module per command group; each has ``register(subparsers)`` and sets ``func``. The
# command words each module registers (tests/test_cli.py keeps this map whole): a command
# builds its own module's parser only, since building them all imports every module and
# adds ~40 subcommands (~14 ms of a 60 ms ``stats``); ``--help`` and typos get all of them.
COMMANDS = {
    "demo": "okudesk.cli.demo",
    "stats": "okudesk.cli.stats",
    "selftest": "okudesk.cli.selftest",
    "report": "okudesk.cli.report",
    "verify": "okudesk.cli.verify",
    "audit": "okudesk.cli.audit",
    "backup": "okudesk.cli.backup",
    "restore": "okudesk.cli.backup",
    "account": "okudesk.cli.account",
    "setup": "okudesk.cli.sync",
    "post": "okudesk.cli.sync",
    "conflict": "okudesk.cli.sync",
    "held": "okudesk.cli.sync",
    "export": "okudesk.cli.sync",
    "import": "okudesk.cli.sync",
    "receipt": "okudesk.cli.sync",
    "rekap": "okudesk.cli.recap",
    "recap": "okudesk.cli.recap",
    "table": "okudesk.cli.table",
}
COMMAND_MODULES = tuple(dict.fromkeys(COMMANDS.values()))  # in the order --help lists them

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


class Gui:
    """The workstation, as the launcher (okudesk/launcher.py) hands it in: the command line
    never imports okudesk.gui itself. A plain class: a NamedTuple costs ~1.5 ms to define,
    on the path of every cold start."""

    __slots__ = ("start", "smoke_test")

    def __init__(
        self, *, start: Callable[[Path, str | None], int], smoke_test: Callable[[Path], None]
    ):
        self.start = start  # (data folder, language) -> exit code
        self.smoke_test = smoke_test  # selftest's "gui" check, in a scratch folder


# The leading options' defaults: what okudesk starts with when opened with no arguments (a
# double click), without building a parser (~2 ms of a cold start). tests/test_cli.py keeps
# them equal to build_parser()'s.
NO_ARGUMENTS = {
    "data_dir": None,
    "debug": False,
    "lang": None,
    "officer": None,
    "passphrase_file": None,
}


def build_parser(
    *, commands: bool = True, modules: tuple[str, ...] = COMMAND_MODULES
) -> argparse.ArgumentParser:
    """The whole command line (the commands of ``modules``: all by default); without
    ``commands``, only the options that come before a command (enough to start the GUI
    without importing every command's module)."""
    parser = argparse.ArgumentParser(
        prog="okudesk",
        description=(
            "okudesk: pencatatan kegiatan dan kejadian luring untuk Polsek dan pos polisi Polres "
            "OKU."
        ),
        add_help=commands,
        exit_on_error=commands,
    )
    parser.add_argument("--version", action="version", version=f"okudesk {__version__}")
    parser.add_argument(
        "--data-dir",
        type=folder,
        default=None,
        metavar="DIR",
        help="folder data (bawaan: $OKUDESK_DATA_DIR atau folder data pengguna)",
    )
    parser.add_argument(
        "--debug", action="store_true", help="tampilkan rincian teknis bila terjadi kesalahan"
    )
    parser.add_argument(
        "--lang", choices=("id", "en"), default=None, help="bahasa pesan (id atau en)"
    )
    _login_options(parser, default=None)
    if not commands:
        return parser
    subparsers = parser.add_subparsers(dest="command", metavar="<perintah>")
    for name in modules:
        import_module(name).register(subparsers)
    for leaf in _leaves(subparsers):
        # after the command too: there it overrides one given before only when given
        _login_options(leaf, default=argparse.SUPPRESS)
    return parser


def folder(text: str) -> Path:
    """A folder named on the command line: an empty one would silently mean the current
    folder (``--data-dir ""`` from a script whose variable was not set)."""
    if not text.strip():
        raise argparse.ArgumentTypeError("nama folder kosong")
    return Path(text)


def count(low: int, high: int) -> Callable[[str], int]:
    """An argparse type: a whole number from ``low`` to ``high`` (a number SQLite cannot hold,
    or a demo that would run for days, is refused before anything runs)."""

    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"bukan bilangan bulat: {text!r}") from None
        if not low <= value <= high:
            raise argparse.ArgumentTypeError(f"harus dari {low} sampai {high:_}".replace("_", "."))
        return value

    return parse


def _login_options(parser: argparse.ArgumentParser, *, default) -> None:
    """``--officer`` and ``--passphrase-file``: before the command (global) or after it."""
    parser.add_argument(
        "--officer",
        default=default,
        metavar="NRP",
        help=(
            "masuk sebagai petugas ini (NRP); kata sandi dari --passphrase-file, "
            f"${PASSPHRASE_ENV} atau diketik. Wajib untuk setiap perintah yang bertindak atas "
            "nama seseorang"
        ),
    )
    parser.add_argument(
        "--passphrase-file",
        type=Path,
        default=default,
        metavar="FILE",
        help=f"berkas berisi kata sandi petugas (atau ${PASSPHRASE_ENV})",
    )


def _leaves(subparsers: argparse._SubParsersAction):
    """Every parser that runs a command (those without commands of their own)."""
    seen: set[int] = set()
    for parser in subparsers.choices.values():
        if id(parser) in seen:
            continue
        seen.add(id(parser))
        inner = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
        if not inner:
            yield parser
        for action in inner:
            yield from _leaves(action)


def data_dir(args: argparse.Namespace) -> Path:
    return args.data_dir if args.data_dir is not None else default_data_dir()


PASSPHRASE_ENV = "OKUDESK_PASSPHRASE"


def read_passphrase(args: argparse.Namespace, *, prompt: str | None = None) -> str | None:
    """The officer's passphrase: from ``--passphrase-file`` (its first line), else
    ``$OKUDESK_PASSPHRASE``, else asked for on a terminal; None when there is none."""
    import os

    from okudesk.core.i18n import _

    path = getattr(args, "passphrase_file", None)
    if path is not None:
        try:
            text = path.read_text(encoding="utf-8-sig")  # Notepad starts UTF-8 with a BOM
        except UnicodeDecodeError as exc:
            raise OkudeskError(
                _("Berkas {path} bukan berkas teks (UTF-8) berisi kata sandi", path=path)
            ) from exc
        except OSError as exc:
            raise OkudeskError(
                _(
                    "Berkas {path} tidak dapat dibaca: {reason}",
                    path=path,
                    reason=exc.strerror or exc,
                )
            ) from exc
        lines = text.splitlines()
        return lines[0] if lines else ""
    if os.environ.get(PASSPHRASE_ENV):
        return os.environ[PASSPHRASE_ENV]
    if sys.stdin is not None and sys.stdin.isatty():
        import getpass

        if prompt is not None:
            return getpass.getpass(prompt)
        # typed once per command: a quick read that hands over to the store's login
        # (stats) must not ask for it a second time
        if getattr(args, "typed_passphrase", None) is None:
            args.typed_passphrase = getpass.getpass(_("Kata sandi {nrp}: ", nrp=args.officer))
        return args.typed_passphrase
    return None


def login_required() -> OkudeskError:
    from okudesk.core.i18n import _

    return OkudeskError(
        _(
            "Perintah ini bertindak atas nama petugas: masuk dengan --officer NRP (kata sandi "
            "dari --passphrase-file FILE, ${env} atau diketik)",
            env=PASSPHRASE_ENV,
        )
    )


def open_store(
    args: argparse.Namespace,
    *,
    login: bool = True,
    first_run: bool = False,
    installation: str = "",
    look: bool = False,
):
    """Open the data folder's store acting as whoever runs the command.

    The command line acts as a logged-in officer (docs/security.md, "The console acts as a
    logged-in officer"): ``--officer NRP`` with the passphrase (:func:`read_passphrase`),
    checked by the same login as the GUI's (failures counted, the account locked after
    repeated ones; a one-time passphrase set by an admin is refused until the officer chose
    their own). Without ``--officer`` a command that needs a person is refused, except:

    * ``login=False``: a read-only or self-contained act of the installation (``stats``,
      ``verify``, ``audit verify``, the daily backup, demo data into an empty folder); it
      acts as the installation (``installation`` names the act in the audit trail);
    * ``first_run``: setting up an installation that has no account yet (nobody to log in).

    ``look`` (with ``login=False``): the act only reads (``verify``, ``audit verify``). An
    officer's passphrase then only unwraps an encrypted store's key: when a login would let
    the officer in and change nothing (store/quick.py ``may_act``), the store opens with it
    and acts as the installation, as it does for the console on a plain store, recording no
    login (security/attempts.py counts a wrong passphrase as always); otherwise the login.
    """
    from okudesk.core import permissions
    from okudesk.core.errors import StoreLocked
    from okudesk.core.security import accounts, unlocking
    from okudesk.core.store import Store

    nrp = getattr(args, "officer", None)
    passphrase = None
    if nrp:
        passphrase = read_passphrase(args)
        if passphrase is None:
            raise login_required()
        if look and not login:
            looking = _open_for_a_look(data_dir(args), nrp, passphrase)
            if looking is not None:
                looking.actor = permissions.system_actor(installation or "instalasi")
                return looking
        store = unlocking.open_as(data_dir(args), passphrase, nrp=nrp)
    else:
        try:
            store = Store.open(data_dir(args))
        except StoreLocked:
            raise login_required() from None
    try:
        if nrp:
            store.actor = accounts.login(store, passphrase or "", nrp=nrp, own_passphrase_only=True)
            unlocking.after_login(store, store.actor.officer_id, passphrase or "")
            args.login_passphrase = passphrase  # a report is signed with the same one
        elif not login:
            store.actor = permissions.system_actor(installation or "instalasi")
        elif first_run:
            with store.read(actor=None) as session:
                empty = accounts.needs_first_admin(session)
            if not empty:
                raise login_required()
            store.actor = permissions.system_actor("panduan awal")
        else:
            raise login_required()
    except BaseException:
        store.close()
        raise
    return store


def _open_for_a_look(folder: Path, nrp: str, passphrase: str):
    """The encrypted store opened with the key the officer's passphrase unwraps, when a login
    would let them in and change nothing; None otherwise (or for a plain store)."""
    from okudesk.core.security import attempts
    from okudesk.core.store import Store, quick

    unlocked = attempts.unlock_quietly(folder, passphrase, nrp=nrp)
    if unlocked is None:
        return None
    key, officer_id = unlocked
    con = quick.open_current(folder, key, checked=False)  # Store.open checks it next
    if con is None:
        return None
    try:
        if not quick.may_act(con, officer_id):
            return None
    finally:
        con.close()
    return Store.open(folder, key=key)


def parse(argv: list[str] | None) -> argparse.Namespace:
    """Starting the GUI (no command) reads only the leading options: building the whole
    parser imports every command's module, a noticeable part of a cold start."""
    argv = sys.argv[1:] if argv is None else list(argv)
    if not argv:
        return argparse.Namespace(**NO_ARGUMENTS)
    try:
        args, rest = build_parser(commands=False).parse_known_args(argv)
    except argparse.ArgumentError:
        rest = argv  # the whole parser says what is wrong, with the full usage
    if not rest:
        return args
    module = COMMANDS.get(rest[0])  # the command word, when it is one
    return build_parser(modules=(module,) if module else COMMAND_MODULES).parse_args(argv)


def _unicode_output() -> None:
    """On Windows, output redirected to a file (``okudesk-cli audit list > f.txt``) is
    encoded in the ANSI code page (cp1252), which has no "→" or many names' letters: write
    such output as UTF-8 instead (Notepad reads it), and a console that cannot show a
    character shows "?" rather than the command failing half-way."""
    for stream in (sys.stdout, sys.stderr):
        encoding = (getattr(stream, "encoding", None) or "").lower().replace("_", "-")
        reconfigure = getattr(stream, "reconfigure", None)
        if encoding.startswith("utf") or reconfigure is None:
            continue
        try:
            if stream.isatty():
                reconfigure(errors="replace")
            else:
                reconfigure(encoding="utf-8", errors="replace")
        except (OSError, ValueError):
            pass


def main(argv: list[str] | None = None, *, gui: Gui | None = None) -> int:
    """Run one command; with none, start ``gui`` (without one: a usage error)."""
    _unicode_output()
    try:
        args = parse(argv)
    except SystemExit as exc:  # argparse: --help/--version exit 0, usage errors exit 2
        return int(exc.code or 0)
    args.gui = gui
    if args.lang:
        from okudesk.core.i18n import set_language

        set_language(args.lang)
    if args.debug or not getattr(args, "quick", False):
        setup_logging(args)
    func: Callable[[argparse.Namespace], int] | None = getattr(args, "func", None)
    if func is None:
        if gui is None:
            print("okudesk: sebutkan perintah (okudesk --help)", file=sys.stderr)
            return EXIT_USAGE
        func = _start_gui
    if getattr(args, "brief", False):
        # a brief command (``brief`` in its defaults: a report, a verification, a count)
        # makes little garbage and the process's end frees it: without the cyclic collector
        # its imports and work are ~75 ms quicker (a signed report, benchmarks/README.md)
        import gc

        gc.disable()
    try:
        return func(args)
    except OkudeskError as exc:
        if args.debug:
            _log_exception()
        print(f"okudesk: {exc}", file=sys.stderr)
        return EXIT_FAILED
    except KeyboardInterrupt:
        print("okudesk: dibatalkan", file=sys.stderr)
        return EXIT_FAILED
    except Exception as exc:  # noqa: BLE001 - last line of defence: one readable line
        if args.debug:
            _log_exception()
        from okudesk.core.store.faults import fault_message

        plain = fault_message(exc, data_dir(args))
        if plain:
            print(f"okudesk: {plain}", file=sys.stderr)
            return EXIT_FAILED
        print(
            f"okudesk: kesalahan tak terduga ({type(exc).__name__}: {exc}); jalankan dengan "
            "--debug untuk rinciannya",
            file=sys.stderr,
        )
        return EXIT_FAILED
    finally:
        # what is left is freed by the process ending: keep the collection at interpreter
        # exit from walking every object again (150-300 ms after a report)
        import gc

        gc.freeze()
        gc.enable()  # a brief command's pause ends with it (main() may be called again)


def setup_logging(args: argparse.Namespace) -> None:
    """Warnings (with ``--debug``, everything) to the terminal. A command that answers from
    the database file alone (``quick`` in its defaults: ``stats``, refusing an imported
    bundle) calls this only when it needs the store: importing logging is ~5 ms of ~45."""
    import logging

    level = logging.DEBUG if args.debug else logging.WARNING
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s")
    for handler in logging.getLogger().handlers:
        handler.setLevel(level)  # the terminal keeps to warnings when the GUI's log file takes INFO


def _log_exception() -> None:
    import logging

    logging.exception("okudesk failed")


def _start_gui(args: argparse.Namespace) -> int:
    return args.gui.start(data_dir(args), args.lang)
