"""Cold start of the okudesk main window on a 100k-record database against a bare
PySide6 QMainWindow. Each run is a fresh process, timed by the parent from spawn until the
child reports (both pay Python's start-up). Two okudesk figures:

- "window shown": the main window (navigation, status bar, page frame) is painted once.
- "usable" (data shown): the first screen that needs the database is ready for input: on
  an installation with accounts, the login screen with its list of officers (read from
  the key file beside the encrypted database by okudesk/core/store/peek.py).

The data folder is encrypted, as every installation with officers is (the demo store's
officers' passphrase unwraps its key): nothing is read from the database before a login.
``--plain`` times the same data unencrypted (as an older okudesk left it, before its first
login encrypts it).

okudesk's modules are compiled first, as an installed okudesk has them (this machine may
set PYTHONDONTWRITEBYTECODE, which would make every run compile them from source).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _common import median, report

ROOT = Path(__file__).resolve().parents[1]

BARE = """
import sys
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv[:1])
w = QMainWindow(); w.resize(1200, 760); w.show()
app.processEvents()
print("shown", flush=True)
"""

OKUDESK = """
import sys
from pathlib import Path
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow

_show = QMainWindow.show

def _show_then_report(self):
    _show(self)
    QTimer.singleShot(0, lambda: print("shown", flush=True))

QMainWindow.show = _show_then_report
from okudesk.gui.app import make_app, start
app = make_app()
window = start(Path(sys.argv[1]))
window.ready.connect(lambda: (print("data", flush=True), app.quit()))
if window.is_ready():
    print("data", flush=True)
else:
    app.exec()
"""


def spawn(code: str, *args: str, config: str) -> dict[str, float]:
    env = dict(
        os.environ,
        QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"),
        PYTHONPATH=str(ROOT),
        XDG_CONFIG_HOME=config,
    )
    started = time.perf_counter()
    child = subprocess.Popen(
        [sys.executable, "-c", code, *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    marks: dict[str, float] = {}
    for line in child.stdout:
        marks[line.strip()] = time.perf_counter() - started
    child.wait()
    if "shown" not in marks:
        raise SystemExit(f"child did not start: {child.stderr.read()}")
    return marks


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--records", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--plain", action="store_true", help="the data folder unencrypted")
    args, _rest = parser.parse_known_args()
    sys.path.insert(0, str(ROOT))
    from _dbcache import demo_db

    folder = demo_db(
        args.records - args.records // 10, args.records // 10, encrypted=not args.plain
    )
    kind = "plain" if args.plain else "encrypted"
    import compileall

    compileall.compile_dir(ROOT / "okudesk", quiet=1)
    with tempfile.TemporaryDirectory() as config:
        spawn(BARE, config=config)
        spawn(OKUDESK, str(folder), config=config)  # warm the file cache for both
        bare = [spawn(BARE, config=config)["shown"] for _ in range(args.runs)]
        ours = [spawn(OKUDESK, str(folder), config=config) for _ in range(args.runs)]
    b = median(bare)
    shown = median([m["shown"] for m in ours])
    data = median([m.get("data", float("nan")) for m in ours])
    report(
        "gui start-up (window shown)",
        f"{args.records:,} records ({kind}): okudesk window {shown * 1000:.0f} ms, bare "
        f"QMainWindow {b * 1000:.0f} ms (median of {args.runs})",
        shown / b,
        "<= 2x",
        shown / b <= 2.0,
    )
    report(
        "gui start-up (usable)",
        f"{args.records:,} records ({kind}): okudesk login screen ready {data * 1000:.0f} ms, "
        f"bare QMainWindow {b * 1000:.0f} ms",
        data / b,
        "<= 2x",
        data / b <= 2.0,
    )


if __name__ == "__main__":
    main()
