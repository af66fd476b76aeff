"""Cold start of the okudesk main window on a 100k-record database against a bare
PySide6 QMainWindow. Each run is a fresh process, timed by the parent from spawn until the
child has shown its window and processed the first events (both pay Python's start-up)."""

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
print("ready", flush=True)
"""

OKUDESK = """
import sys
from pathlib import Path
from okudesk.gui.app import make_app
from okudesk.gui.main_window import MainWindow
from okudesk.core.store import Store
app = make_app()
store = Store.open(Path(sys.argv[1]))
w = MainWindow(store); w.show()
app.processEvents()
w.wait_until_ready() if hasattr(w, "wait_until_ready") else None
print("ready", flush=True)
"""


def spawn(code: str, *args: str) -> float:
    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"), PYTHONPATH=str(ROOT))
    started = time.perf_counter()
    out = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, env=env, check=True)
    elapsed = time.perf_counter() - started
    if "ready" not in out.stdout:
        raise SystemExit(f"child did not get ready: {out.stderr}")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--records", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    from okudesk.core import accounts, demo
    from okudesk.core.store import Store

    with tempfile.TemporaryDirectory() as tmp:
        with Store.open(Path(tmp)) as store:
            store.actor = accounts.system_actor("benchmark")
            demo.fill(store, meetings=args.records // 10, incidents=args.records - args.records // 10, seed=1)
        spawn(BARE)
        spawn(OKUDESK, tmp)  # warm the file cache for both
        bare = [spawn(BARE) for _ in range(args.runs)]
        ours = [spawn(OKUDESK, tmp) for _ in range(args.runs)]
    b, o = median(bare), median(ours)
    report("gui start-up", f"{args.records:,} records: okudesk {o * 1000:.0f} ms, bare QMainWindow {b * 1000:.0f} ms (median of {args.runs})",
           o / b, "<= 2x", o / b <= 2.0)


if __name__ == "__main__":
    main()
