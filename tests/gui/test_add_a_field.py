"""docs/architecture.md's "Add a field" recipe, followed for a made-up field in a process of
its own (added_field_plugin.py), shows the field in the form, the list, the search and the
export (added_field_check.py)."""

import os
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).parent


def test_a_field_added_by_the_recipe_shows_in_form_list_search_and_export(tmp_path):
    env = dict(
        os.environ,
        PYTHONPATH=os.pathsep.join([str(HERE), os.environ.get("PYTHONPATH", "")]),
        QT_QPA_PLATFORM="offscreen",
    )
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            "-p",
            "added_field_plugin",
            "--rootdir",
            str(HERE.parent.parent),
            str(HERE / "added_field_check.py"),
        ],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode == 0, run.stdout[-4000:] + run.stderr[-2000:]
    assert "1 passed" in run.stdout
