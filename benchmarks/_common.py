"""Small helpers shared by the benchmark scripts."""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def timed(fn, *args, **kwargs) -> tuple[float, object]:
    started = time.perf_counter()
    result = fn(*args, **kwargs)
    return time.perf_counter() - started, result


def median(values: list[float]) -> float:
    return statistics.median(values)


def report(name: str, figure: str, ratio: float, goal: str, ok: bool) -> None:
    print(
        f"{name}: {figure}; ratio {ratio:.2f}x (goal {goal}) {'MET' if ok else 'MISSED'}",
        flush=True,
    )
