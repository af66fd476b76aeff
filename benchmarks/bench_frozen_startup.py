"""Frozen start-up: the frozen okudesk from process start to a usable main window, against
a hello-world PySide6 window frozen the same way (same PyInstaller options, same excluded
modules, same slimming rules from packaging/freeze.py). Goal: <= 1.3x. Also builds the
shipped folder with build_installer.py and prints its size against the 150 MB budget.

Both probes take the real start path and report when their window has been shown and when
it is usable (okudesk's MainWindow.is_ready(): store open, first page filled):
  okudesk: okudesk.launcher.main([]) -> MainWindow -> app.exec(), as opened with a double click
           (no arguments: the user's data folder, here under a temporary $XDG_DATA_HOME;
           $OKUDESK_DATA_DIR on other systems),
           filled with demo data (at the current schema: no migration), encrypted as every
           installation with officers is (the login list read from the key file);
  hello:   QApplication -> QMainWindow -> app.exec().
Each run is a fresh process timed by this script from spawn until the probe prints "ready".

    python benchmarks/bench_frozen_startup.py [--runs 7] [--records 5000] [--skip-shipped-build]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _common import median, report

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "benchmarks" / "out" / "frozen"
sys.path.insert(0, str(ROOT / "packaging"))
import freeze  # noqa: E402

# Reports "shown" once the window is shown and the event loop runs, then "ready" when the
# window says it is usable (okudesk's MainWindow.is_ready(): its store is open and the
# first page filled); a window without is_ready() is ready when shown.
READY_HOOK = """
import os
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow

_show = QMainWindow.show

def _show_then_report(self):
    _show(self)
    def shown():
        print("shown", flush=True)
        poll()
    def poll():
        is_ready = getattr(self, "is_ready", None)
        if is_ready is not None and not is_ready():
            QTimer.singleShot(2, poll)
            return
        print("ready", flush=True)
        os._exit(0)  # quit() before app.exec() has started would be lost
    QTimer.singleShot(0, shown)

QMainWindow.show = _show_then_report
"""

HELLO = (
    READY_HOOK
    + """
app = QApplication(sys.argv[:1])
window = QMainWindow()
window.setWindowTitle("hello")
window.resize(1200, 760)
window.show()
sys.exit(app.exec())
"""
)

OKUDESK = (
    READY_HOOK
    + """
if sys.argv[1:] == ["--floor"]:
    # what no start-up order can avoid before data is shown: SQLAlchemy and the models
    import okudesk.core.models
    import okudesk.core.store
    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    window.resize(1200, 760)
    window.show()
    sys.exit(app.exec())

# as packaging/launch.py, the shipped okudesk.exe's entry point
from okudesk.launcher import main

sys.exit(main([]))
"""
)

SPEC = """
import sys
sys.path.insert(0, {packaging!r})
import freeze

a = Analysis([{script!r}], **{options})
freeze.slim(a)
pyz = PYZ(a.pure)
exe = EXE(pyz, a.scripts, [], exclude_binaries=True, name={name!r}, console=True, upx=False,
          strip=not sys.platform.startswith("win"))
COLLECT(exe, a.binaries, a.datas, upx=False, strip=not sys.platform.startswith("win"),
        name={name!r})
"""


def freeze_probe(name: str, code: str, okudesk: bool) -> Path:
    """Freeze one probe into benchmarks/out/frozen/dist/<name>; returns its executable."""
    import PyInstaller.__main__

    src = OUT / "src"
    src.mkdir(parents=True, exist_ok=True)
    script = src / f"{name}.py"
    script.write_text(code, encoding="utf-8")
    options = "freeze.analysis_options()" if okudesk else '{"excludes": freeze.EXCLUDED_MODULES}'
    spec = src / f"{name}.spec"
    spec.write_text(
        SPEC.format(
            packaging=str(ROOT / "packaging"), script=str(script), options=options, name=name
        ),
        encoding="utf-8",
    )
    started = time.perf_counter()
    PyInstaller.__main__.run(
        [
            str(spec),
            "--noconfirm",
            "--log-level",
            "ERROR",
            "--distpath",
            str(OUT / "dist"),
            "--workpath",
            str(OUT / "work"),
        ]
    )
    print(
        f"froze {name} in {time.perf_counter() - started:.0f} s: "
        f"{freeze.folder_size(OUT / 'dist' / name) / 1e6:.1f} MB",
        flush=True,
    )
    return OUT / "dist" / name / (name + (".exe" if sys.platform.startswith("win") else ""))


def spawn(exe: Path, *args: str, data_home: str | None = None) -> tuple[float, float]:
    """Seconds from spawn until the probe printed "shown" and "ready"."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "OKUDESK_"))}
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    if data_home is not None and sys.platform.startswith("linux"):
        env["XDG_DATA_HOME"] = (
            data_home  # platformdirs: the user's data folder is data_home/okudesk
        )
    elif data_home is not None:
        env["OKUDESK_DATA_DIR"] = str(Path(data_home) / "okudesk")
    started = time.perf_counter()
    marks = {}
    with subprocess.Popen(
        [str(exe), *args], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=env
    ) as p:
        for line in p.stdout:
            marks.setdefault(line.strip(), time.perf_counter() - started)
            if "ready" in marks:
                break
        else:
            raise SystemExit(f"{exe.name} never got ready (exit {p.wait()})")
        p.wait(timeout=60)
    return marks.get("shown", marks["ready"]), marks["ready"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument(
        "--records", type=int, default=5_000, help="demo records in the data folder okudesk opens"
    )
    parser.add_argument(
        "--plain",
        action="store_true",
        help="leave the demo folder plain (as before encryption at rest), for comparison",
    )
    parser.add_argument(
        "--skip-shipped-build",
        action="store_true",
        help="do not run build_installer.py; use the size from dist/okudesk-build.json if there",
    )
    args = parser.parse_args()

    summary_file = ROOT / "dist" / "okudesk-build.json"
    if not args.skip_shipped_build:
        subprocess.run(
            [sys.executable, str(ROOT / "build_installer.py"), "--no-installer"],
            check=True,
            stdout=subprocess.DEVNULL,
        )
    if summary_file.exists():
        summary = json.loads(summary_file.read_text())
        size = summary["size_bytes"]
        report(
            "frozen bundle size",
            f"dist/okudesk {size / 1e6:.1f} MB ({size / 2**20:.1f} MiB), build "
            f"{summary['seconds'].get('pyinstaller', 0):.0f} s + selftest "
            f"{summary['seconds'].get('selftest', 0):.0f} s",
            size / 150e6,
            "<= 1.0x of 150 MB",
            size <= 150e6,
        )

    hello = freeze_probe("hello", HELLO, okudesk=False)
    probe = freeze_probe("okudesk_probe", OKUDESK, okudesk=True)
    sys.path.insert(0, str(ROOT))
    from okudesk.core import demo, permissions
    from okudesk.core.store import Store

    with tempfile.TemporaryDirectory() as tmp:
        store = Store.open(Path(tmp) / "okudesk")
        store.actor = permissions.system_actor("benchmark")
        demo.fill(
            store,
            meetings=args.records // 10,
            incidents=args.records - args.records // 10,
            seed=1,
        )
        # encrypted, as every installation with officers is: the login list comes from
        # the key file, and the store opens at the login
        (store if args.plain else demo.encrypted(store)).close()
        spawn(hello)
        spawn(probe, data_home=tmp)  # warm the file cache for both
        bare, floor, ours = [], [], []
        for _ in range(args.runs):  # interleaved, so load on this shared machine hits all alike
            bare.append(spawn(hello))
            floor.append(spawn(probe, "--floor"))
            ours.append(spawn(probe, data_home=tmp))
    b = median([r[1] for r in bare])
    f = median([r[1] for r in floor])
    shown, o = median([r[0] for r in ours]), median([r[1] for r in ours])
    print(
        f"  okudesk window shown after {shown * 1000:.0f} ms ({shown / b:.2f}x); for reference, "
        f"the hello-world window after importing SQLAlchemy and okudesk's models: {f * 1000:.0f} "
        f"ms ({f / b:.2f}x)",
        flush=True,
    )
    report(
        "frozen start-up",
        f"okudesk main window usable {o * 1000:.0f} ms ({args.records:,} records), frozen "
        f"hello-world window {b * 1000:.0f} ms (median of {args.runs})",
        o / b,
        "<= 1.3x",
        o / b <= 1.3,
    )


if __name__ == "__main__":
    main()
