"""Start-up of the Qt application."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication

from okudesk import __version__


def make_app(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance() or QApplication(argv if argv is not None else sys.argv[:1])
    app.setApplicationName("okudesk")
    app.setOrganizationName("PolresOKU")
    app.setApplicationVersion(__version__)
    return app


def run(data_dir: Path) -> int:
    from okudesk.core.store import Store
    from okudesk.gui.main_window import MainWindow

    app = make_app()
    store = Store.open(data_dir)
    window = MainWindow(store)
    window.show()
    try:
        return app.exec()
    finally:
        store.close()


def smoke_test(folder: Path) -> None:
    """Build the main window offscreen on a fresh store (used by ``okudesk selftest``)."""
    from okudesk.core.store import Store
    from okudesk.gui.main_window import MainWindow

    app = make_app()
    with Store.open(folder) as store:
        window = MainWindow(store)
        window.show()
        app.processEvents()
        if not window.isVisible():
            raise AssertionError("main window did not show")
        window.close()
        window.deleteLater()
        app.processEvents()
