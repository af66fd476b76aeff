"""The daily backup, in a process of its own (docs/backups.md).

The workstation starts ``okudesk backup --daily`` once the store is open, as a detached
child at low priority: it outlives the window (a post laptop is often open for minutes),
it does not take the CPU from someone typing, and a second start while one runs does
nothing (the core holds a lock). Beranda's "back up now" starts the same with ``--now``.
"""

from __future__ import annotations

import logging
import os
import subprocess
import sys
from pathlib import Path

_children: list[subprocess.Popen] = []

# Windows process creation flags (subprocess has them only on Windows)
_BELOW_NORMAL_PRIORITY_CLASS = 0x00004000
_CREATE_NEW_PROCESS_GROUP = 0x00000200
_CREATE_NO_WINDOW = 0x08000000


def command(data_dir: Path, *, now: bool = False, key: bool = False) -> list[str]:
    """The command line of the backup process: the console program beside a frozen
    okudesk (okudesk-cli.exe on Windows; okudesk itself elsewhere), or this Python."""
    if getattr(sys, "frozen", False):
        exe = Path(sys.executable)
        if sys.platform == "win32":
            exe = exe.with_name("okudesk-cli.exe")
        program = [str(exe)]
    else:
        program = [sys.executable, "-m", "okudesk"]
    return [
        *program,
        "--data-dir",
        str(data_dir),
        "backup",
        "--daily",
        *(["--now"] if now else []),
        *(["--key-stdin"] if key else []),
    ]


def start(
    data_dir: Path, *, now: bool = False, key: bytes | None = None
) -> subprocess.Popen | None:
    """Start the backup process (None when it could not be started; logged). ``key``: the
    encrypted store's data key, handed to it on its standard input (a pipe only it reads)."""
    env = dict(os.environ)
    if getattr(sys, "frozen", False):
        env["PYINSTALLER_RESET_ENVIRONMENT"] = "1"  # its own runtime, not this one's
    kwargs: dict = {
        "stdin": subprocess.PIPE if key is not None else subprocess.DEVNULL,
        "stdout": subprocess.DEVNULL,
        "stderr": subprocess.DEVNULL,
        "close_fds": True,
        "env": env,
    }
    if sys.platform == "win32":
        kwargs["creationflags"] = (
            _BELOW_NORMAL_PRIORITY_CLASS | _CREATE_NEW_PROCESS_GROUP | _CREATE_NO_WINDOW
        )
    else:
        kwargs["start_new_session"] = True  # closing the window or terminal does not end it
    try:
        child = subprocess.Popen(command(data_dir, now=now, key=key is not None), **kwargs)
        if key is not None and child.stdin is not None:
            child.stdin.write(key.hex().encode("ascii") + b"\n")
            child.stdin.close()
    except OSError:
        logging.getLogger(__name__).exception("the daily backup could not be started")
        return None
    _children[:] = [c for c in _children if c.poll() is None]
    _children.append(child)
    return child


def running() -> bool:
    """Whether a backup process this workstation started is still at work."""
    return any(c.poll() is None for c in _children)
