"""Windows behaviour simulated on any system, for the Windows tests.

``sharing_violation`` makes ``os.replace`` / ``os.unlink`` fail the way Windows fails when
another program holds a file open (PermissionError, winerror 32); ``Holder`` is a second
okudesk process holding a claim on a data folder (okudesk/core/folderlock.py), so the
operating-system locks are really contended.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def sharing_violation(path: object = "") -> PermissionError:
    exc = PermissionError(
        13,
        "The process cannot access the file because it is being used by another process",
        str(path),
    )
    exc.winerror = 32  # what Windows sets; on POSIX the attribute is simply absent
    return exc


_HOLDER = r"""
import sys
from okudesk.core import folderlock
what, folder = sys.argv[1], sys.argv[2]
if what == "shared":
    folderlock.hold(folder)
elif what == "window":
    assert folderlock.claim_window(folder)
elif what == "exclusive":
    folderlock.exclusive(folder).__enter__()
elif what == "store":  # an encrypted store opens with its key, as a logged-in command does
    import os
    from okudesk.core.store import Store
    key = os.environ.get("OKUDESK_HOLDER_KEY")
    store = Store.open(folder, key=bytes.fromhex(key) if key else None)
print("ready", flush=True)
sys.stdin.readline()
"""


class Holder:
    """Another okudesk process holding ``what`` (shared, window, exclusive, store) on a
    folder until :meth:`stop` (or until it is killed: the system drops its locks)."""

    def __init__(self, what: str, folder: Path, key: bytes | None = None):
        env = dict(os.environ, PYTHONPATH=str(ROOT))
        env.pop("OKUDESK_HOLDER_KEY", None)
        if key is not None:  # the store's data key ("store" on an encrypted folder)
            env["OKUDESK_HOLDER_KEY"] = key.hex()
        self.proc = subprocess.Popen(
            [sys.executable, "-c", _HOLDER, what, str(folder)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            env=env,
        )
        line = self.proc.stdout.readline()
        assert line.strip() == "ready", line

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.stdin.write("\n")
            self.proc.stdin.flush()
        self.proc.wait(timeout=30)

    def kill(self) -> None:
        self.proc.kill()
        self.proc.wait(timeout=30)

    def __enter__(self) -> Holder:
        return self

    def __exit__(self, *exc: object) -> None:
        if self.proc.poll() is None:
            self.kill()


class FakeMsvcrt:
    """``msvcrt.locking`` as Windows does it (LockFile): locks belong to a handle, not to a
    process, and a region overlapping any locked one, even this handle's, is refused."""

    LK_UNLCK, LK_LOCK, LK_NBLCK = 0, 1, 2

    def __init__(self):
        self.held: list[tuple[int, int, int, int]] = []  # (file, handle, start, length)

    def locking(self, fd: int, mode: int, nbytes: int) -> None:
        import errno

        start = os.lseek(fd, 0, os.SEEK_CUR)
        file = os.fstat(fd).st_ino
        if mode == self.LK_UNLCK:
            try:
                self.held.remove((file, fd, start, nbytes))
            except ValueError:
                raise PermissionError(errno.EACCES, "not locked") from None
            return
        for f, _handle, s, n in self.held:
            if f == file and s < start + nbytes and start < s + n:
                raise PermissionError(errno.EACCES, "Permission denied")
        self.held.append((file, fd, start, nbytes))


def windows_process(fake: FakeMsvcrt):
    """A fresh copy of okudesk.core.folderlock (its own claims, like another process) whose
    locks go through ``fake``."""
    import importlib.util

    from okudesk.core import folderlock

    spec = importlib.util.spec_from_file_location("folderlock_copy", folderlock.__file__)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module._lock, module._unlock = module.windows_primitives(fake)
    return module
