"""Screenshots of the HQ desk: an HQ that imported the real bundles of three demo posts.

    TZ=Asia/Jakarta xvfb-run -a -s "-screen 0 1440x900x24" \
        .venv/bin/python scripts/screenshots_hq.py

writes docs/screenshots/hq_<page>.png at 1366x768 (Situasi wilayah, the lists with their Pos
column, Sinkronisasi, Audit, and a record read whole), in Indonesian; `--lang en` writes
docs/screenshots/en/ instead.
"""

from __future__ import annotations

import argparse
import functools
import sys
import tempfile
from pathlib import Path

import shots  # scripts/shots.py, beside this one

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

POSTS = (
    ("BTT", "Polsek Baturaja Timur", 1),
    ("PGD", "Polsek Pengandonan", 2),
    ("LKT", "Polsek Lengkiti", 3),
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--lang", choices=("id", "en"), default="id")
    parser.add_argument("--out", type=Path, default=None)
    parser.add_argument("--size", default="1366x768")
    args = parser.parse_args()
    args.out = args.out or ROOT / "docs" / "screenshots" / ("" if args.lang == "id" else "en")
    args.out.mkdir(parents=True, exist_ok=True)
    width, height = (int(x) for x in args.size.split("x"))

    from okudesk.core import demo, permissions
    from okudesk.core.store import Store
    from okudesk.core.sync import export, importer, trust
    from okudesk.gui.main_window import MainWindow
    from okudesk.gui.operations import hub

    tmp = Path(tempfile.mkdtemp(prefix="okudesk-hq-shots-"))
    usb = tmp / "usb"
    usb.mkdir()
    app = shots.start_app(tmp, args.lang)

    hq = Store.open(tmp / "hq")
    hq.actor = permissions.system_actor("tangkapan layar")
    with hq.write() as s:
        trust.set_up_hq(s, name="Polres Ogan Komering Ulu", code="OKU")
    for code, name, seed in POSTS:
        with hq.write() as s:
            kit = trust.add_post(s, code=code, name=name, out_dir=usb)
        post = Store.open(tmp / code)
        post.actor = permissions.system_actor("data contoh")
        with post.write() as s:
            trust.set_up_post(s, kit)
        demo.fill(post, meetings=40, incidents=120, seed=seed)
        outcome = importer.import_bundle(hq, export.export_bundle(post, usb).path, receipt_dir=usb)
        assert outcome.ok, outcome.reason
        post.close()
        print("imported", code, outcome.counts)

    settle = functools.partial(shots.settle, app)

    def shoot(widget, name: str) -> None:
        settle()
        path = args.out / f"hq_{name}.png"
        widget.grab().save(str(path))
        print("wrote", path)

    window = MainWindow(hq)
    window.resize(width, height)
    window.show()
    settle()
    for key in (
        "situation",
        "incidents",
        "meetings",
        "stakeholders",
        "follow_ups",
        "sync",
        "audit",
    ):
        page = window.go_to(key)
        settle()
        if hasattr(page, "table") and hasattr(page, "model") and page.model.rowCount():
            page.table.selectRow(0)
            settle()
        shoot(window, key)
    incidents = window.go_to("incidents")
    settle()
    dialog = incidents.view_selected()
    if dialog is not None:
        shoot(dialog, "record_view")
        dialog.close()
    window.close()
    app.processEvents()
    hub().close()


if __name__ == "__main__":
    main()
