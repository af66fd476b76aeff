"""Start-up of the Qt application.

The window shell appears before the heavy imports (SQLAlchemy, the models): the store is
opened on the operation worker and the pages fill in when it is ready.
"""

from __future__ import annotations

import gc
import os
import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication

from okudesk import __version__


def make_app(argv: list[str] | None = None, *, icon: bool = True) -> QApplication:
    # The UI thread and the operation worker share the GIL. By default a thread waiting
    # for it waits up to 5 ms; the UI thread gets it back within 1 ms (opening a list
    # measured 10.4 -> 9.1 ms; the worker alone never waits, so its throughput is kept).
    sys.setswitchinterval(0.001)
    app = QApplication.instance() or QApplication(
        qt_arguments(argv if argv is not None else sys.argv[:1])
    )
    app.setApplicationName("okudesk")
    app.setOrganizationName("PolresOKU")
    app.setApplicationVersion(__version__)
    use_light_colours(app)
    if icon:
        set_icon(app)
    return app


def qt_arguments(argv: list[str], platform: str = sys.platform) -> list[str]:
    """Qt's command line. On Windows the platform plugin is told not to follow dark mode
    (``windows:darkmode=0``): Qt's windows11 style would turn the palette dark, and the
    login card (white), page titles (#1f3b57) and the forms' colours would vanish into it.
    An argument, not ``QStyleHints.setColorScheme``: that needs PySide6's ``Qt`` enum
    namespace, ~15-20 ms of every cold start before the login shows. A platform chosen
    by the user (``QT_QPA_PLATFORM`` or ``-platform``) is left alone."""
    args = list(argv)
    if platform == "win32" and "QT_QPA_PLATFORM" not in os.environ and "-platform" not in args:
        args += ["-platform", "windows:darkmode=0"]
    return args


def use_light_colours(app: QApplication) -> None:
    """okudesk is drawn in light colours, whatever the system's: if the palette is dark
    anyway (a dark desktop theme elsewhere, a platform chosen by the user), the application
    gets Fusion's standard light palette, so every widget has a full light palette."""
    from PySide6.QtGui import QPalette

    palette = app.palette()
    window = palette.color(QPalette.ColorRole.Window)
    text = palette.color(QPalette.ColorRole.WindowText)
    if window.lightness() < 128 or text.lightness() > window.lightness():
        from PySide6.QtWidgets import QStyleFactory

        fusion = QStyleFactory.create("Fusion")
        app.setPalette(fusion.standardPalette())


def set_icon(app: QApplication) -> None:
    """The okudesk shield on every window and the taskbar (resources/icons, also shipped)."""
    from PySide6.QtGui import QIcon

    from okudesk.core.paths import resource

    icon = resource("icons", "okudesk.png")
    if icon.exists() and app.windowIcon().isNull():
        app.setWindowIcon(QIcon(str(icon)))


def start(data_dir: Path, language: str | None = None):
    """Show the main window at once and open the store in the background; returns it.

    What shows first is the login, read straight from the database file (store/peek.py);
    the rest of the window (navigation, pages, status bar), hidden behind the login, is
    built once the login is on the screen, while the worker opens the store."""
    from PySide6.QtCore import QTimer

    from okudesk.gui import errors, i18n
    from okudesk.gui.login import gate
    from okudesk.gui.main_window import MainWindow
    from okudesk.gui.operations import StoreTask, hub

    app = make_app(icon=False)  # set once the login is painted: QIcon is ~2 ms of a cold start
    errors.install(logging_now=False)
    i18n.install(language or i18n.saved_language(data_dir))
    window = MainWindow(data_dir=data_dir, shell=False)
    # before the first paint: the login is what shows
    login_first = _show_login_early(window, data_dir)
    if not login_first:
        window.build_shell()
    window.show()
    app.processEvents()  # painted
    gc.enable()  # launcher._start_workstation held it off until now
    QTimer.singleShot(0, app, lambda: set_icon(app))
    if login_first:
        QTimer.singleShot(0, window, window.build_shell)
    # the rotating log file is file work too: the worker opens it, then the store
    StoreTask(None, lambda _store: errors.setup_logging(), needs_store=False).run()

    def failed(exc: BaseException) -> None:
        errors.show_exception(exc, parent=window)
        window.close()
        app.exit(1)

    def entered(_actor) -> None:
        """The first login: the store is open (and encrypted, once it has officers)."""
        gate(window).entered.disconnect(entered)
        from okudesk.gui.operations import backups as backup_ops
        from okudesk.gui.operations import reports

        backup_ops.start_daily(parent=None, data_dir=data_dir).run()  # its own process
        reports.discard_drafts().run()  # those a crash or an open viewer left

    def opened(store) -> None:
        gate(window).entered.connect(entered)
        if store is None:  # encrypted: the login opens it
            window.attach_locked()
            # once the login is up and painted (its first moments are the start-up the user
            # waits for; typing a passphrase takes longer than this preparation): the login's
            # work on the worker, the navigation's icons and shortcuts here (~10-30 ms that
            # would otherwise come between the login button and the first page)
            QTimer.singleShot(
                PREPARE_AFTER_MS,
                window,
                lambda: StoreTask(None, lambda _store: prepare_login(), needs_store=False).run(),
            )
            QTimer.singleShot(PREPARE_AFTER_MS, window, window.finish_shell)
        else:
            window.attach_store(store)
        _warn_about_the_clock(window)

    hub().open_store(data_dir, opened, failed)
    return window


PREPARE_AFTER_MS = 300


def prepare_login() -> None:
    """What opening an encrypted store at the login needs besides its key, done on the
    worker while the login screen waits for a passphrase: the login's modules (the key file,
    the key derivation, accounts, certificates: cryptography and pyHanko's parts), SQLite's
    dialect and SQLAlchemy's mappers (configured at a session's first query). A plain store
    has these from opening at start; without this an encrypted one pays ~0.1-0.3 s of them
    after the login button, on top of the key derivation (benchmarks/bench_unlock.py)."""
    import sqlalchemy.dialects.sqlite  # noqa: F401 - the engine's dialect, loaded by name
    from cryptography.hazmat.primitives.kdf.scrypt import Scrypt  # noqa: F401 - keyring.py
    from sqlalchemy.orm import configure_mappers

    from okudesk.core import models  # noqa: F401 - the mappers configured below
    from okudesk.core.security import accounts, unlocking  # noqa: F401 - the login's work

    configure_mappers()


def _warn_about_the_clock(window) -> None:
    """A laptop not set to the post's zone (WIB) puts wrong times on every record."""
    import logging

    from okudesk.core.clock import zone_problem

    problem = zone_problem()
    if problem:
        from okudesk.gui import messages

        logging.getLogger(__name__).warning("%s", problem)
        messages.warning(window, problem)


def _show_login_early(window, data_dir: Path) -> bool:
    """The login screen straight from the database file, before SQLAlchemy is loaded
    (okudesk/core/store/peek.py); False when it cannot tell: the store answers later."""
    from okudesk.core.store import peek
    from okudesk.gui.login import gate

    early = peek.login_screen(data_dir)
    if early is not None:
        gate(window).show_before_store(early)
    return early is not None


def run(data_dir: Path, language: str | None = None) -> int:
    """The workstation on ``data_dir``, unless one is open on it already (gui/instance.py:
    then that one comes forward and this one ends without opening the store)."""
    from okudesk.gui import instance
    from okudesk.gui.operations import hub

    app = make_app(icon=False)  # start() sets it
    if not instance.claim(data_dir, language):
        return 0
    window = start(data_dir, language)
    instance.note_window(data_dir, window)
    try:
        return app.exec()
    finally:
        hub().close()
        instance.forget_window(data_dir)


def icon_has_ink(icon, size: int) -> bool:
    """Whether ``icon`` draws anything at ``size`` px (a missing file or image plugin draws
    an empty pixmap)."""
    image = icon.pixmap(size, size).toImage()
    return any(
        image.pixelColor(x, y).alpha() for x in range(image.width()) for y in range(image.height())
    )


def smoke_test(folder: Path) -> None:
    """Build the main window offscreen on a fresh store, encrypted as every store is once
    its first admin has a passphrase, and opened with that admin's passphrase (used by
    ``okudesk selftest``)."""
    import time

    from okudesk.core import selftest
    from okudesk.gui.main_window import MainWindow
    from okudesk.gui.operations import Hub, set_hub
    from okudesk.gui.pages import PAGES

    app = make_app()
    set_hub(Hub())
    with selftest.encrypted_store(folder) as store:
        window = MainWindow(store)
        window.show()
        deadline = time.monotonic() + 30
        while not window.is_ready() and time.monotonic() < deadline:
            app.processEvents()
            time.sleep(0.01)
        if not window.isVisible() or not window.is_ready():
            raise AssertionError("main window did not show")
        # the navigation's SVG icons: found in the folder and drawn (the SVG plugin is there)
        blank = [
            spec.key
            for row, spec in enumerate(PAGES)
            if not icon_has_ink(window.nav.item(row).icon(), window.nav.iconSize().width())
        ]
        if blank:
            raise AssertionError(f"navigation icons not drawn: {', '.join(blank)}")
        window.close()
        window.deleteLater()
        app.processEvents()
    from okudesk.gui.operations import hub

    hub().taskman.shutdown()
    set_hub(None)
    selftest.expect_sealed(folder)
