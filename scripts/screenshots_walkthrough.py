"""A new post's first day, from an empty data folder to its first export, as screenshots.

    TZ=Asia/Jakarta xvfb-run -a -s "-screen 0 1366x768x24" \\
        .venv/bin/python scripts/screenshots_walkthrough.py --size 1366x768
    TZ=Asia/Jakarta QT_SCALE_FACTOR=1.5 xvfb-run -a -s "-screen 0 1920x1080x24" \\
        .venv/bin/python scripts/screenshots_walkthrough.py --size 1920x1080

Each shot is the whole screen (so a window or a button past its edge would show), written to
docs/screenshots/walkthrough/<size>[-<scale>]/NN_<step>.png: the first admin, the wizard's
three steps, Beranda, the HQ kit applied on Sinkronisasi, the Kapolsek logging in (the admin
gave him an account), a meeting typed in the form, the list, and the export to a USB folder.
HQ's kit is made by the core, as HQ's desk would; file and folder pickers are answered by the
script, everything else is typed and clicked.
"""

from __future__ import annotations

import argparse
import functools
import os
import sys
import tempfile
import time
from pathlib import Path

import shots  # scripts/shots.py, beside this one

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--lang", choices=("id", "en"), default="id")
    parser.add_argument("--size", default="1366x768", help="the screen, for the folder name")
    parser.add_argument("--out", type=Path, default=None)
    args = parser.parse_args()
    scale = os.environ.get("QT_SCALE_FACTOR", "1")
    name = args.size + ("" if scale in ("", "1") else f"-{round(float(scale) * 100)}")
    out = args.out or ROOT / "docs" / "screenshots" / "walkthrough" / name
    if args.lang == "en" and args.out is None:
        out = out.parent / f"{name}-en"
    out.mkdir(parents=True, exist_ok=True)

    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from okudesk.core import permissions
    from okudesk.core.store import Store
    from okudesk.core.sync import trust
    from okudesk.gui import messages
    from okudesk.gui.lock_screen import FIRST_ADMIN
    from okudesk.gui.login import gate
    from okudesk.gui.main_window import MainWindow
    from okudesk.gui.operations import hub

    tmp = Path(tempfile.mkdtemp(prefix="okudesk-walk-"))
    usb = tmp / "usb"
    usb.mkdir()
    app = shots.start_app(tmp, args.lang)

    # HQ registers the post and writes its kit (HQ's own desk, not shown here)
    hq = Store.open(tmp / "hq")
    hq.actor = permissions.system_actor("tangkapan layar")
    with hq.write() as s:
        trust.set_up_hq(s, name="Polres Ogan Komering Ulu", code="OKU")
        kit = trust.add_post(s, code="LKT", name="Polsek Lengkiti", out_dir=usb)
    hq.close()
    # the pickers and questions a person answers by hand
    messages.open_files = lambda *a, **k: [str(kit)]
    messages.choose_folder = lambda *a, **k: str(usb)
    messages.confirm = lambda *a, **k: False  # "make their accounts now?": later
    messages.info = lambda *a, **k: None

    settle = functools.partial(shots.settle, app)

    def wait(condition, timeout: float = 20) -> None:
        end = time.monotonic() + timeout
        while not condition():
            if time.monotonic() > end:
                raise SystemExit(f"timed out waiting for {condition}")
            app.processEvents()
            time.sleep(0.02)

    numbers = iter(range(1, 100))

    def shoot(step: str) -> None:
        settle()
        path = out / f"{next(numbers):02d}_{step}.png"
        app.primaryScreen().grabWindow(0).save(str(path))
        print("wrote", path)

    def click(button) -> None:
        QTest.mouseClick(button, Qt.MouseButton.LeftButton)

    store = Store.open(tmp / "pos")  # an empty data folder: nobody acts yet
    window = MainWindow(store)
    window.setGeometry(app.primaryScreen().availableGeometry())
    window.show()
    screen = gate(window).screen
    wait(lambda: screen.showing(FIRST_ADMIN))
    QTest.keyClicks(screen.admin_name, "Siti Aminah")
    QTest.keyClicks(screen.admin_nrp, "80010001")
    QTest.keyClicks(screen.admin_pass, "rahasia-pos-lkt")
    QTest.keyClicks(screen.admin_pass2, "rahasia-pos-lkt")
    shoot("first_admin")
    click(screen.admin_button)
    wait(lambda: window._wizard is not None and not screen.isVisible())
    wizard = window._wizard
    shoot("wizard_welcome")
    click(wizard.setup_button)
    QTest.keyClicks(wizard.name, "Polsek Lengkiti")
    QTest.keyClicks(wizard.code, "LKT")
    wait(lambda: wizard.kecamatan.count() > 1)
    wizard.kecamatan.setCurrentIndex(wizard.kecamatan.findText("Lengkiti"))
    for line, text in zip(
        wizard.letterhead,
        ("KEPOLISIAN NEGARA REPUBLIK INDONESIA", "DAERAH SUMATERA SELATAN", "RESOR OKU"),
        strict=False,
    ):
        line.clear()
        QTest.keyClicks(line, text)
    shoot("wizard_post")
    click(wizard.next2)
    wait(lambda: wizard.steps.currentIndex() == 2)
    wizard.set_officer(0, "Budi Saputra", "12345678", "Kapolsek")
    wizard.set_officer(1, "Yusuf Hakim", "87654321", "Bhabinkamtibmas")
    shoot("wizard_officers")
    click(wizard.finish)
    wait(lambda: window.post is not None and window.nav.isEnabled())
    window.go_to("home")
    shoot("home")

    sync = window.go_to("sync")
    wait(lambda: not sync.setup_box.isHidden())
    click(sync.kit_button)
    wait(lambda: bool(sync.setup_result.text()) and hub().taskman.pending == 0)
    shoot("kit_applied")

    # the admin gives the Kapolsek a login (Audit & Keamanan > Akun petugas), locks the
    # screen, and the Kapolsek logs in to record the day's work
    from sqlalchemy import select

    from okudesk.core.models import Officer
    from okudesk.core.security import accounts

    # the store the first admin's login opened (encrypted since their passphrase): the hub's
    with hub().store.write() as s:
        kapolsek = s.scalar(select(Officer.id).where(Officer.nrp == "12345678"))
        accounts.set_account(
            s, kapolsek, role="kapolsek", passphrase="kapolsek-lengkiti", must_change=False
        )
    gate(window).lock()
    wait(lambda: screen.isVisible())
    settle()
    screen.officer.setCurrentIndex(screen.officer.findData(kapolsek))
    QTest.keyClicks(screen.passphrase, "kapolsek-lengkiti")
    shoot("login")
    click(screen.login_button)
    wait(lambda: not screen.isVisible())

    meetings = window.go_to("meetings")
    settle()
    dialog = meetings.open_form(None)
    wait(dialog.save_button.isEnabled)
    dialog.activity_type.setCurrentIndex(max(dialog.activity_type.findText("Giat desa"), 1))
    kec = dialog.place_picker.kecamatan
    kec.setCurrentIndex(max(kec.findText("Lengkiti"), 1))
    QTest.keyClicks(dialog.place, "Balai Desa")
    dialog.officers.item(0).setCheckState(Qt.CheckState.Checked)
    dialog.tabs.setCurrentIndex(1)
    QTest.keyClicks(dialog.purpose, "Sosialisasi pemilu damai bersama perangkat desa")
    QTest.keyClicks(dialog.discussion, "Jadwal kampanye dan titik rawan dibahas bersama.")
    shoot("meeting_form")
    click(dialog.save_button)
    wait(lambda: not dialog.isVisible())
    wait(lambda: meetings.model.rowCount() == 1)
    meetings.table.selectRow(0)
    shoot("meetings")

    sync = window.go_to("sync")
    settle()
    click(sync.export_button)
    wait(lambda: hub().taskman.pending == 0 and "…" not in sync.post_result.text(), 60)
    shoot("first_export")
    window.close()
    QApplication.processEvents()
    hub().close()
    store.close()


if __name__ == "__main__":
    main()
