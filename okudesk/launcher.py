"""The program's entry point: it picks the client.

With a command, okudesk is the command line; with none, it opens the workstation. The
command line's ``selftest`` also checks the workstation, through the hook given here. So
neither client imports the other: ``okudesk.cli`` never imports ``okudesk.gui`` (the
import-linter contract in pyproject.toml keeps it so).
"""

from __future__ import annotations

import gc
import os
from pathlib import Path

from okudesk import cli


def main(argv: list[str] | None = None) -> int:
    return cli.main(argv, gui=cli.Gui(start=_start_workstation, smoke_test=_smoke_test))


def _start_workstation(data_dir: Path, lang: str | None) -> int:
    # No cyclic garbage collection until the login is painted (gui/app.start turns it back
    # on): the start-up's imports and first widgets would trigger ~35 collections, ~5 ms
    # of the cold start the user waits for, over objects that all stay alive anyway.
    gc.disable()
    from okudesk.gui.app import run

    return run(data_dir, lang)


def _smoke_test(folder: Path) -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from okudesk.gui.app import smoke_test

    smoke_test(folder)
