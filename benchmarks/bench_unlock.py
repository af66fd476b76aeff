"""What encryption at rest costs a login.

(a) The key derivation that unwraps the data key (okudesk/core/store/keyring.KDF, scrypt
    N=2^17, r=8, p=1, through ``cryptography``), median of 5, against ``hashlib.scrypt``
    with the same parameters in the same run: the ratio shows that okudesk adds nothing to
    the derivation itself.

(b) From the login button to the first page usable (the home page shows its data), in a
    fresh process per run: okudesk started on the data folder, the login screen ready, the
    demo officer and passphrase entered, the button clicked. Two folders with the same data
    (one demo store, copied before it was encrypted):

    - encrypted: as every store is now; the login unwraps the data key (the KDF above), opens
      SQLCipher with it, and checks the login hash as before;
    - plain: the copy left unencrypted, logged into as okudesk did before encryption at rest
      (the login hash only; in the child, ``unlocking.open_as`` opens the store without a
      key, since a real plain store with accounts is encrypted at its first login, which is
      a one-off migration and not a login).

    The goal: the encrypted login's first screen adds at most the KDF time to the plain one
    (the derivation timed inside that login's own process, so both sides see the same load).
    Measured for an officer who has logged in before (every day's login); for reference also
    an officer's first login after the store was encrypted, whose wrap made then under their
    login hash is rewrapped under the full derivation (a second KDF, once).
    The button is clicked 1.5 s after the login screen shows (typing a passphrase takes
    longer): what okudesk does while the login waits (opening a plain store on the worker,
    preparing an encrypted one's login) is not counted, what it leaves for after the click
    is. Each run works on a fresh copy of its folder (a login writes: the audit trail, the
    officer on duty), and the daily backup the first login of a day starts in a process of
    its own is not started in either (it would run beside the login on the two cores).
"""

from __future__ import annotations

import argparse
import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _common import median, process_env, report

ROOT = Path(__file__).resolve().parents[1]

CHILD = r"""
import os, sys, time
from pathlib import Path

mode, folder = sys.argv[1], Path(sys.argv[2])
TYPING = 1.5  # seconds from the login screen to the click: what the program may do meanwhile
from okudesk.gui.operations import backups as backup_ops


class _NotStarted:
    def run(self):
        return self


backup_ops.start_daily = lambda **_kw: _NotStarted()  # see the benchmark's docstring

from okudesk.core.store import keyring

derived = [0.0]  # time spent in the key derivation, in this process
_derive = keyring._derive


def _timed_derive(*args, **kwargs):
    started = time.perf_counter()
    try:
        return _derive(*args, **kwargs)
    finally:
        derived[0] += time.perf_counter() - started


keyring._derive = _timed_derive
if mode == "plain":
    from okudesk.core.security import unlocking
    from okudesk.core.store import Store

    unlocking.open_as = lambda data_dir, passphrase, **_kw: Store.open(data_dir)

from okudesk.gui.app import make_app, start
from okudesk.gui.login import gate

app = make_app()
window = start(folder)
clicked = [0.0]


def first_page_ready():
    print(f"usable {time.perf_counter() - clicked[0]:.6f} {derived[0]:.6f}", flush=True)
    os._exit(0)


def attached():
    page = window.current_page()
    if page is None:
        print("no page", flush=True)
        os._exit(1)
    page.ready.connect(first_page_ready)


shown_at = [0.0]


def log_in():
    screen = gate(window).screen
    if not (screen.isVisible() and screen.officer.count() > 0):
        return False
    if not shown_at[0]:
        shown_at[0] = time.perf_counter()
    if time.perf_counter() - shown_at[0] < TYPING:  # the officer types the passphrase
        return False
    window.store_attached.connect(attached)
    screen.officer.setCurrentIndex(screen.officer.findData(sys.argv[4]))
    screen.passphrase.setText(sys.argv[3])
    clicked[0] = time.perf_counter()
    screen.login_button.click()
    return True


from PySide6.QtCore import QTimer

timer = QTimer()
timer.setInterval(5)
timer.timeout.connect(lambda: log_in() and timer.stop())
timer.start()
QTimer.singleShot(120_000, lambda: (print("timeout", flush=True), os._exit(1)))
app.exec()
"""


def kdf_figures(runs: int) -> tuple[float, float]:
    """(okudesk's derivation, hashlib.scrypt) medians in seconds, interleaved run by run."""
    from okudesk.core.store import keyring

    ours, plain = [], []
    kdf = keyring.KDF
    maxmem = 256 * 2**20  # scrypt at N=2^17, r=8 needs 128 MiB; hashlib allows 32 by default
    for _ in range(runs):
        params = keyring.new_kdf()  # a fresh salt: nothing remembered from a previous run
        started = time.perf_counter()
        keyring._derive("kata sandi uji", params)
        ours.append(time.perf_counter() - started)
        started = time.perf_counter()
        hashlib.scrypt(
            b"kata sandi uji",
            salt=os.urandom(16),
            n=kdf["n"],
            r=kdf["r"],
            p=kdf["p"],
            maxmem=maxmem,
            dklen=32,
        )
        plain.append(time.perf_counter() - started)
    return median(ours), median(plain)


class Folders:
    plain: Path
    encrypted: Path  # every officer's wrap as encryption made it
    logged_in: Path  # the same after the measured officer's first login
    passphrase: str
    officer: str  # the measured officer (the one who encrypted the demo store)
    newcomer: str  # another, whose first login since encryption rewraps their key


def demo_folders(base: Path, meetings: int, incidents: int) -> Folders:
    """Data folders holding the same demo data, plain and encrypted."""
    from okudesk.core import demo, permissions
    from okudesk.core.security import accounts, unlocking
    from okudesk.core.store import Store, keyring

    plain = base / "plain"
    with Store.open(plain) as store:
        store.actor = permissions.system_actor("benchmark")
        demo.fill(store, meetings=meetings, incidents=incidents, seed=1)
    encrypted = base / "encrypted"
    shutil.copytree(plain, encrypted)
    store = demo.encrypted(Store.open(encrypted))  # as ``okudesk demo`` leaves it
    try:
        assert store.data_key is not None, "the demo store was not encrypted"
    finally:
        store.close()
    keys = keyring.Keyring.load(encrypted)
    assert keys is not None
    holders = keys.holders()
    found = Folders()
    found.plain, found.encrypted, found.passphrase = plain, encrypted, demo.DEMO_PASSPHRASE
    found.officer = next(h.officer_id for h in holders if not keys.needs_rewrap(h.officer_id))
    found.newcomer = next(h.officer_id for h in holders if keys.needs_rewrap(h.officer_id))
    # the measured officer has logged in once before, in both folders alike
    found.logged_in = base / "logged-in"
    shutil.copytree(encrypted, found.logged_in)
    with unlocking.open_as(found.logged_in, found.passphrase, officer_id=found.officer) as store:
        accounts.login(store, found.passphrase, officer_id=found.officer)
        unlocking.after_login(store, found.officer, found.passphrase)
    with Store.open(plain) as store:
        accounts.login(store, found.passphrase, officer_id=found.officer)
    return found


def login_once(
    mode: str, source: Path, passphrase: str, officer: str, scratch: Path
) -> tuple[float, float]:
    """(login button to first page usable, of which in the key derivation) in seconds."""
    folder = scratch / f"{mode}-run"
    shutil.rmtree(folder, ignore_errors=True)
    shutil.copytree(source, folder)
    env = process_env(QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    env["XDG_CONFIG_HOME"] = str(scratch / "config")
    done = subprocess.run(
        [sys.executable, "-c", CHILD, mode, str(folder), passphrase, officer],
        capture_output=True,
        text=True,
        env=env,
        timeout=180,
    )
    for line in done.stdout.splitlines():
        if line.startswith("usable "):
            _, usable, kdf = line.split()
            return float(usable), float(kdf)
    raise SystemExit(f"{mode} login did not reach a page: {done.stdout}\n{done.stderr[-3000:]}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--meetings", type=int, default=120)
    parser.add_argument("--incidents", type=int, default=200)
    args, _rest = parser.parse_known_args()

    ours, plain_kdf = kdf_figures(args.runs)
    report(
        "unlock: key derivation",
        f"scrypt N=2^17 r=8 p=1 as okudesk derives it {ours * 1000:.0f} ms, hashlib.scrypt "
        f"{plain_kdf * 1000:.0f} ms (median of {args.runs})",
        ours / plain_kdf,
        "~1.0x, <= 1.1x",
        ours / plain_kdf <= 1.1,
    )

    with tempfile.TemporaryDirectory(prefix="okudesk-bench-unlock-") as tmp:
        base = Path(tmp)
        f = demo_folders(base, args.meetings, args.incidents)
        login_once("encrypted", f.logged_in, f.passphrase, f.officer, base)  # warm the caches
        login_once("plain", f.plain, f.passphrase, f.officer, base)
        enc_times, plain_times, first_times = [], [], []
        for _ in range(args.runs):  # interleaved: the machine's load falls on all alike
            enc_times.append(login_once("encrypted", f.logged_in, f.passphrase, f.officer, base))
            plain_times.append(login_once("plain", f.plain, f.passphrase, f.officer, base))
            first_times.append(login_once("encrypted", f.encrypted, f.passphrase, f.newcomer, base))
    enc = median([u for u, _ in enc_times])
    kdf_in_login = median([k for _, k in enc_times])
    pla = median([u for u, _ in plain_times])
    first = median([u for u, _ in first_times])
    added = enc - pla
    report(
        "unlock: login to the first page usable",
        f"{args.meetings} meetings, {args.incidents} incidents: encrypted {enc * 1000:.0f} ms, "
        f"plain {pla * 1000:.0f} ms (median of {args.runs}); added {added * 1000:.0f} ms, of "
        f"which the key derivation in that login {kdf_in_login * 1000:.0f} ms (median)",
        added / kdf_in_login,
        "added <= 1x the KDF time",
        added <= kdf_in_login,
    )

    def listed(times: list[tuple[float, float]]) -> str:
        return " ".join(f"{u * 1000:.0f}" for u, _ in times)

    print(
        f"  the rest of the added time, {(added - kdf_in_login) * 1000:.0f} ms, is opening "
        f"SQLCipher and reading encrypted pages; all runs (ms): encrypted {listed(enc_times)}; "
        f"plain {listed(plain_times)}; first login {listed(first_times)}",
        flush=True,
    )
    print(
        f"  for reference, an officer's first login after the store was encrypted (their key "
        f"rewrapped under the full derivation): {first * 1000:.0f} ms, added "
        f"{(first - pla) * 1000:.0f} ms = {(first - pla) / kdf_in_login:.2f}x the KDF time",
        flush=True,
    )


if __name__ == "__main__":
    main()
