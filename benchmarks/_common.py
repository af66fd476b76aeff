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


def process_env(**extra: str) -> dict[str, str]:
    """The environment for the processes a benchmark times: as an installed okudesk runs,
    with compiled bytecode (pip writes it at install time, the frozen build ships it).
    A shell with PYTHONDONTWRITEBYTECODE would otherwise compile every module of okudesk,
    pyHanko and the rest from source in every process, its and the baseline's alike;
    the bytecode goes to benchmarks/out/pycache, never into the source tree or the venv."""
    import os

    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = str(Path(__file__).resolve().parent / "out" / "pycache")
    env["PYTHONPATH"] = str(Path(__file__).resolve().parents[1])
    env.update(extra)
    return env
