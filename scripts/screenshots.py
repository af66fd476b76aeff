"""Screenshots of every main page on demo data (run by `scripts/dev screenshots`, under Xvfb).

Writes docs/screenshots/<page>.png plus the meeting form and the first-run wizard, in
Indonesian; `--lang en` writes docs/screenshots/en/ instead.
"""

from __future__ import annotations

import argparse
import functools
import sys
import tempfile
import time
from pathlib import Path

import shots  # scripts/shots.py, beside this one

from okudesk.core import permissions

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--lang", choices=("id", "en"), default="id")
    parser.add_argument("--out", type=Path, default=None)
    parser.add_argument("--size", default="1366x768")
    args = parser.parse_args()
    out = args.out or ROOT / "docs" / "screenshots" / ("" if args.lang == "id" else "en")
    out.mkdir(parents=True, exist_ok=True)
    width, height = (int(x) for x in args.size.split("x"))

    from PySide6.QtWidgets import QApplication

    from okudesk.core import demo
    from okudesk.core.store import Store
    from okudesk.gui.main_window import MainWindow
    from okudesk.gui.operations import hub
    from okudesk.gui.pages import PAGES

    tmp = Path(tempfile.mkdtemp(prefix="okudesk-shots-"))
    app = shots.start_app(tmp, args.lang)

    settle = functools.partial(shots.settle, app)

    def shoot(widget, name: str) -> None:
        settle()
        widget.grab().save(str(out / f"{name}.png"))
        print("wrote", out / f"{name}.png")

    from okudesk.core.security import accounts
    from okudesk.gui.login import gate

    # the first-run wizard on an empty folder (past the first-admin screen)
    empty = Store.open(tmp / "empty")
    empty.actor = permissions.system_actor("tangkapan layar")
    w = MainWindow(empty)
    w.resize(width, height)
    w.show()
    settle()
    shoot(w, "wizard")
    w.close()
    hub().store = None

    store = Store.open(tmp / "demo")
    store.actor = permissions.system_actor("data contoh")
    demo.fill(store, meetings=400, incidents=1500, seed=2)
    store.actor = None  # the application starts locked: the login screen first
    window = MainWindow(store)
    window.resize(width, height)
    window.show()
    settle()
    shoot(window, "login")
    from sqlalchemy import select as select_

    from okudesk.core.models import OfficerAccount

    with store.read(actor=permissions.system_actor("tangkapan layar")) as s:
        commander = s.scalar(
            select_(OfficerAccount.officer_id).where(OfficerAccount.role == "kapolsek")
        )
    actor = accounts.login(store, demo.DEMO_PASSPHRASE, officer_id=commander)
    gate(window).screen.unlocked.emit(actor)  # as if the Kapolsek typed the passphrase
    settle()
    for spec in PAGES:
        page = window.go_to(spec.key)
        settle()
        if hasattr(page, "table") and hasattr(page, "model") and page.model.rowCount():
            page.table.selectRow(0)
            settle()
        shoot(window, spec.key)
    # Beranda when the last daily backup is three days old (docs/backups.md)
    import os

    from okudesk.core import backups

    store.actor = permissions.system_actor("tangkapan layar")
    old = backups.daily_if_due(store)
    store.actor = actor
    if old is not None:
        past = time.time() - 3 * 86400 - 3600
        os.utime(old.path, (past, past))
    home = window.go_to("home")
    home.refresh()
    shoot(window, "home_backup")
    meetings = window.go_to("meetings")
    settle()
    from sqlalchemy import select

    from okudesk.core.models import Attachment

    with store.read(actor=permissions.system_actor("tangkapan layar")) as s:
        with_photos = s.scalar(
            select(Attachment.meeting_id).where(Attachment.meeting_id.is_not(None)).limit(1)
        )
    dialog = meetings.open_form(with_photos)
    dialog.resize(980, 720)
    settle()
    shoot(dialog, "meeting_form")
    dialog.tabs.setCurrentIndex(2)
    shoot(dialog, "meeting_form_photos")
    dialog.dirty = False
    dialog.reject()
    window.close()
    QApplication.processEvents()
    hub().close()


if __name__ == "__main__":
    main()
