"""Whole command-line processes, as a user or a scheduled task runs them (wall clock).

1. ``okudesk stats --json`` on the 100,000-incident database vs a plain Python process
   computing the same counts with sqlite3 and printing them as JSON.       goal <= 1.5x
2. ``okudesk import`` of a bundle imported already (refused) at HQ.        goal <= 150 ms
   (its plain baseline, a Python process that starts and exits, is printed beside it)
Medians of --runs alternating runs of each.
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
from _dbcache import demo_db

ROOT = Path(__file__).resolve().parents[1]
ADMIN = "80010001"  # HQ's admin, who imports
sys.path.insert(0, str(ROOT / "tests"))

PLAIN_COUNTS = """
import json, sqlite3, sys
con = sqlite3.connect("file:" + sys.argv[1] + "?mode=ro", uri=True)
result = {}
for name, table in (("meetings", "meeting"), ("incidents", "incident"),
                    ("stakeholders", "stakeholder"), ("follow_ups", "follow_up"),
                    ("attachments", "attachment")):
    result[name] = con.execute(
        f"SELECT origin_post, count(*) FROM {table} WHERE deleted_at IS NULL GROUP BY origin_post"
    ).fetchall()
print(json.dumps(result))
"""


def wall(cmd: list[str], *, expect: int = 0) -> float:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    started = time.perf_counter()
    done = subprocess.run(cmd, capture_output=True, env=env, cwd=ROOT)
    took = time.perf_counter() - started
    assert done.returncode == expect, done.stderr.decode()
    return took


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--incidents", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    py = sys.executable
    folder = demo_db(args.incidents)
    db = folder / "okudesk.sqlite3"
    ours, plain = [], []
    for _ in range(args.runs):
        ours.append(wall([py, "-m", "okudesk", "--data-dir", str(folder), "stats", "--json"]))
        plain.append(wall([py, "-c", PLAIN_COUNTS, str(db)]))
    ratio = median(ours) / median(plain)
    report(
        f"stats --json ({args.incidents} incidents) vs plain sqlite3 counts",
        f"{median(ours) * 1000:.0f} ms vs {median(plain) * 1000:.0f} ms",
        ratio,
        "<= 1.5x",
        ratio <= 1.5,
    )

    from sync_world import add_meeting, enroll, export_to, make_hq

    from okudesk.core.security import accounts
    from okudesk.core.sync import importer

    with tempfile.TemporaryDirectory(prefix="okudesk-bench-cli-") as tmp:
        root = Path(tmp)
        hq = make_hq(root / "hq")
        post = enroll(hq, root / "post", "BTT", root / "usb")
        for n in range(20):
            add_meeting(post, f"Sambang {n}")
        bundle = export_to(post, root / "usb")
        assert importer.import_bundle(hq, bundle).ok
        with hq.write() as s:  # the command line imports as a logged-in officer
            accounts.create_first_admin(s, name="Admin", nrp=ADMIN, passphrase="admin-polres-1")
        os.environ["OKUDESK_PASSPHRASE"] = "admin-polres-1"
        hq.close()
        post.close()
        refused, bare = [], []
        for _ in range(args.runs):
            cmd = [py, "-m", "okudesk", "--data-dir", str(root / "hq"), "--officer", ADMIN]
            cmd += ["import", str(bundle)]
            refused.append(wall(cmd, expect=1))
            bare.append(wall([py, "-c", "pass"]))
    took = median(refused)
    report(
        "refusing an imported bundle",
        f"{took * 1000:.0f} ms (a bare Python process: {median(bare) * 1000:.0f} ms)",
        took / median(bare),
        "<= 150 ms",
        took <= 0.150,
    )


if __name__ == "__main__":
    main()
