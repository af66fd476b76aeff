"""Kill a writer running the real services 1,000 times with SIGKILL; print the failures (goal 0).

Each cycle: a writer process (meetings with photos, incidents, status changes, as a
logged-in officer) is killed after a random delay; the data folder is reopened and
checked (integrity_check, audit chain, every write reported committed is there). The
harness itself is tests/crashkit.py; tests/test_crash_safety.py runs a few dozen kills in CI.
Not a timed benchmark and not part of benchmarks/run.py (its name has no bench_ prefix).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

import crashkit  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--kills", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--max-delay", type=float, default=0.4, help="longest wait before a kill (s)"
    )
    args = parser.parse_args()
    started = time.perf_counter()

    def progress(done: int, failures: int, committed: int) -> None:
        if done % 50 == 0 or done == args.kills:
            print(
                f"{done}/{args.kills} kills, {failures} failed, {committed} committed writes "
                f"checked ({time.perf_counter() - started:.0f} s)",
                flush=True,
            )

    with tempfile.TemporaryDirectory(prefix="okudesk-crash-") as tmp:
        failures, committed, problems = crashkit.run(
            Path(tmp) / "data",
            args.kills,
            seed=args.seed,
            max_delay=args.max_delay,
            progress=progress,
        )
    print(f"crash harness: {args.kills} kills, {committed} committed writes, failures: {failures}")
    for line in problems[:10]:
        print(f"  first failure: {line}")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
