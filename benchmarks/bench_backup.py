"""The daily backup on a post with 100,000 incidents and at an HQ with a 1.3 GB database.

1. ``okudesk backup --daily --now`` (its own process: start-up, SQLite backup API copy with
   quick_check beside it, the copy proven from disk (header, length, SHA-256), the manifest
   zip, fsync, rotation) vs a plain ``sqlite3 DB ".backup X"`` process of the same database
   in the same run, on the 100,000-incident database and on one of ~1.3 GB (--hq-incidents,
   500,000 by default; built once into benchmarks/out/, ~1 minute).        goal <= 1.5x
   Medians of --runs alternating runs of each.
2. A session that closes 10 s after start: the workstation starts the backup process and
   is gone at once; the backup must be complete within 10 s of the start.     goal <= 10 s
3. Killed with SIGKILL at --kills random points: each time the next run leaves exactly one
   sound backup and no leftovers (figure: failures, goal 0).

``--encrypted``: the same on the databases encrypted, as every installation with officers
is (copies made once beside the plain ones). The daily process gets the data key on its
standard input as the workstation gives it (``--key-stdin``); the plain baseline is then
SQLCipher's own backup API from a plain Python process holding the key (``sqlcipher3``:
the ``sqlite3`` command cannot read an encrypted file).
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _common import median, process_env, report
from _dbcache import demo_db

from okudesk.core import backups

ROOT = Path(__file__).resolve().parents[1]


KEYS: dict[Path, bytes] = {}  # data folder -> its data key (--encrypted)


def backup_process(data_dir: Path, *extra: str) -> subprocess.Popen:
    key = KEYS.get(data_dir)
    child = subprocess.Popen(
        [sys.executable, "-m", "okudesk", "--data-dir", str(data_dir), "backup", "--daily", *extra]
        + (["--key-stdin"] if key else []),
        cwd=ROOT,
        env=process_env(),
        stdin=subprocess.PIPE if key else subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    if key and child.stdin is not None:  # as gui/daily_backup.py hands it over
        child.stdin.write(key.hex().encode("ascii") + b"\n")
        child.stdin.close()
        child.stdin = None  # communicate() must not flush a closed pipe
    return child


SQLCIPHER_BACKUP = """
import sys
from sqlcipher3 import dbapi2
key = sys.stdin.readline().strip()
src = dbapi2.connect(sys.argv[1])
src.execute(f"PRAGMA key = \\"x'{key}'\\"")
dst = dbapi2.connect(sys.argv[2])
dst.execute(f"PRAGMA key = \\"x'{key}'\\"")
src.backup(dst)
dst.close()
"""


def plain_backup(db: Path, target: Path, *, low: bool = False) -> float:
    """A plain ``sqlite3 .backup`` process (an encrypted database: SQLCipher's backup API
    from a plain Python process); ``low``: at the priority the daily backup gives itself
    (nice 10), which on a machine busy with other work gets it less processor."""
    target.unlink(missing_ok=True)
    lower = (lambda: os.nice(10)) if low and hasattr(os, "nice") else None
    key = KEYS.get(db.parent)
    started = time.perf_counter()
    if key:
        cmd = [sys.executable, "-c", SQLCIPHER_BACKUP, str(db), str(target)]
        subprocess.run(
            cmd, check=True, env=process_env(), preexec_fn=lower, input=key.hex().encode() + b"\n"
        )  # noqa: PLW1509
        return time.perf_counter() - started
    if shutil.which("sqlite3"):
        cmd = ["sqlite3", str(db), f".backup {target}"]
    else:  # the same API from a plain Python process
        code = (
            "import sqlite3, sys; sqlite3.connect(sys.argv[1]).backup(sqlite3.connect(sys.argv[2]))"
        )
        cmd = [sys.executable, "-c", code, str(db), str(target)]
    subprocess.run(cmd, check=True, env=process_env(), preexec_fn=lower)  # noqa: PLW1509
    return time.perf_counter() - started


def sound(path: Path) -> bool:
    try:
        backups.verify_backup(path)  # zip, photos, the database's length and hash
        return True
    except backups.BackupError:
        return False


def clear(backup_dir: Path) -> None:
    for old in backups.list_backups(backup_dir):
        old.unlink()
        old.with_suffix(".sqlite3").unlink(missing_ok=True)


def timed_runs(data: Path, runs: int, tmp: Path, *, fresh: bool) -> tuple[list, list, list]:
    """``runs`` alternating daily-backup and plain ``.backup`` processes; ``fresh``: with no
    earlier backup each time (so the daily one runs quick_check on a large database)."""
    db = data / "okudesk.sqlite3"
    ours, plain, low = [], [], []
    for _ in range(runs):
        if fresh:
            clear(data / "backups")
        started = time.perf_counter()
        child = backup_process(data, "--now")
        _, err = child.communicate()
        assert child.returncode == 0, err
        ours.append(time.perf_counter() - started)
        plain.append(plain_backup(db, tmp / "plain.sqlite3"))
        low.append(plain_backup(db, tmp / "plain.sqlite3", low=True))
    (tmp / "plain.sqlite3").unlink(missing_ok=True)
    return ours, plain, low


def compare(data: Path, runs: int, tmp: Path, label: str) -> float:
    """The daily backup on a usual day (yesterday's backup, quick_check done, is there) and
    on the day it runs quick_check (always up to 256 MiB; once a week above), each against
    plain ``sqlite3 .backup`` processes in the same run."""
    db = data / "okudesk.sqlite3"
    size = f"{db.stat().st_size / 1e6:.0f} MB"
    clear(data / "backups")
    backup_process(data, "--now").communicate()  # yesterday's, checked; the bytecode too
    yesterday = time.time() - 86400
    for made in backups.list_backups(data / "backups"):
        os.utime(made, (yesterday, yesterday))
    for name, fresh in (("a usual day", False), ("the day of its quick_check", True)):
        ours, plain, low = timed_runs(
            data, runs if not fresh else max(1, runs // 2 + 1), tmp, fresh=fresh
        )
        ratio = median(ours) / median(plain)
        report(
            f"daily backup process vs sqlite3 .backup ({label}, {size}, {name})",
            f"{median(ours):.2f} s vs {median(plain):.2f} s "
            f"(all: {' '.join(f'{t:.2f}' for t in ours)} vs {' '.join(f'{t:.2f}' for t in plain)}"
            f"; at the backup's priority, nice 10: {median(low):.2f} s, "
            f"{median(ours) / median(low):.2f}x)",
            ratio,
            "<= 1.5x",
            ratio <= 1.5,
        )
        if not fresh:
            usual = median(ours)
    return usual


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--incidents", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--kills", type=int, default=10)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--hq-incidents", type=int, default=500_000, help="0: skip")
    parser.add_argument("--encrypted", action="store_true", help="the databases encrypted")
    args = parser.parse_args()
    kind = ", encrypted" if args.encrypted else ""
    if args.hq_incidents:
        hq_source = demo_db(args.hq_incidents, encrypted=args.encrypted)
        with tempfile.TemporaryDirectory(prefix="okudesk-bench-backup-hq-") as tmp:
            data = Path(tmp) / "data"
            shutil.copytree(hq_source, data, ignore=shutil.ignore_patterns("backups", ".complete"))
            _know_key(data, args.encrypted)
            compare(data, args.runs, Path(tmp), f"HQ, {args.hq_incidents} incidents{kind}")
    source = demo_db(args.incidents, encrypted=args.encrypted)
    with tempfile.TemporaryDirectory(prefix="okudesk-bench-backup-") as tmp:
        data = Path(tmp) / "data"
        shutil.copytree(source, data, ignore=shutil.ignore_patterns("backups", ".complete"))
        _know_key(data, args.encrypted)
        took = compare(data, args.runs, Path(tmp), f"post, {args.incidents} incidents{kind}")

        # 2. the session closes at once: the detached process still finishes
        clear(data / "backups")
        started = time.perf_counter()
        script = (
            "import os, sys; from pathlib import Path; from okudesk.gui import daily_backup; "
            "key = bytes.fromhex(sys.argv[2]) if sys.argv[2:] else None; "
            "daily_backup.start(Path(sys.argv[1]), key=key); os._exit(0)"
        )
        key_arg = [KEYS[data].hex()] if data in KEYS else []
        subprocess.run(
            [sys.executable, "-c", script, str(data), *key_arg],
            check=True,
            cwd=ROOT,
            env=process_env(),
        )
        while not backups.list_backups(data / "backups") and time.perf_counter() - started < 60:
            time.sleep(0.05)
        took = time.perf_counter() - started
        ok = bool(backups.list_backups(data / "backups")) and took <= 10
        report(
            "backup after a session closed at once",
            f"complete in {took:.2f} s",
            took / 10,
            "<= 10 s",
            ok,
        )
        time.sleep(0.5)  # let it rotate and exit

        # 3. kill -9 at random points, then the next start
        rng = random.Random(args.seed)
        failures = 0
        for _ in range(args.kills):
            clear(data / "backups")
            child = backup_process(data)
            time.sleep(rng.uniform(0.1, took))
            child.send_signal(signal.SIGKILL)
            child.wait()
            if not all(sound(p) for p in backups.list_backups(data / "backups")):
                failures += 1
                continue
            again = backup_process(data)
            again.communicate()
            done = backups.list_backups(data / "backups")
            left = list((data / "backups").rglob("*.partial*"))
            if again.returncode != 0 or len(done) != 1 or not sound(done[0]) or left:
                failures += 1
        report(
            f"killed at {args.kills} random points, then started again",
            f"{failures} failures",
            float(failures),
            "0",
            failures == 0,
        )


def _know_key(data: Path, encrypted: bool) -> None:
    """The data key of an encrypted copy (the demo officers' passphrase unwraps it)."""
    if encrypted:
        sys.path.insert(0, str(ROOT / "tests"))
        from cli_login import key_of

        key = key_of(data)
        assert key is not None, f"{data} is not encrypted"
        KEYS[data] = key


if __name__ == "__main__":
    main()
