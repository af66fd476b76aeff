"""What the screenshot scripts share (screenshots.py, screenshots_hq.py,
screenshots_walkthrough.py): the application on a throwaway settings folder in the chosen
language, and waiting until the worker has nothing left to do."""

from __future__ import annotations

import time
from pathlib import Path


def start_app(tmp: Path, lang: str):
    """The QApplication, its settings kept under ``tmp`` (not the user's), in ``lang`` as
    Pengaturan shows it chosen."""
    from PySide6.QtCore import QSettings

    from okudesk.gui import i18n
    from okudesk.gui.app import make_app

    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp / "settings"))
    app = make_app()
    i18n.install(lang)
    i18n.save_language(lang)  # what Pengaturan shows as the chosen language
    return app


def settle(app, timeout: float = 15) -> None:
    """Process events until the operation worker has been idle a moment (or ``timeout``)."""
    from okudesk.gui.operations import hub

    end = time.monotonic() + timeout
    quiet = 0
    while time.monotonic() < end and quiet < 5:
        app.processEvents()
        quiet = quiet + 1 if hub().taskman.pending == 0 else 0
        time.sleep(0.03)
