"""A headless end-to-end check of the installed program (``okudesk selftest``).

Each check works in its own temporary data folder and raises on failure. Features add
their checks with :func:`check`; the frozen build runs them all before it is shipped.
"""

from __future__ import annotations

import tempfile
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

CHECKS: list[tuple[str, Callable[[Path], None]]] = []


def check(name: str):
    def register(fn: Callable[[Path], None]):
        CHECKS.append((name, fn))
        return fn

    return register


@dataclass(frozen=True)
class Outcome:
    name: str
    ok: bool
    seconds: float
    detail: str = ""


def run_all(names: list[str] | None = None) -> list[Outcome]:
    outcomes = []
    for name, fn in CHECKS:
        if names and name not in names:
            continue
        started = time.perf_counter()
        with tempfile.TemporaryDirectory(prefix="okudesk-selftest-") as tmp:
            try:
                fn(Path(tmp))
                outcomes.append(Outcome(name, True, time.perf_counter() - started))
            except Exception as exc:  # noqa: BLE001 - a failing check is reported, not raised
                detail = f"{type(exc).__name__}: {exc}\n{traceback.format_exc(limit=3)}"
                outcomes.append(Outcome(name, False, time.perf_counter() - started, detail))
    return outcomes


def _expect(condition: bool, message: str) -> None:
    if not condition:
        raise AssertionError(message)


@check("database")
def _database(folder: Path) -> None:
    """Create, migrate, write, close, reopen and read back."""
    from okudesk.core import accounts, meetings, posts, reference
    from okudesk.core.store import Store
    from okudesk.core.store.backup import integrity_problems
    from okudesk.core.store.migrate import head_revision

    with Store.open(folder) as store:
        store.actor = accounts.system_actor("selftest")
        with store.write() as s:
            kec = reference.kecamatan(s)[0]
            posts.set_up_this_post(s, code="UJI", name="Pos Uji", letterhead=["POS UJI"], kecamatan_ids=[kec.id])
            created = meetings.create_meeting(
                s, meetings.MeetingInput(starts_at=datetime.now().replace(microsecond=0) - timedelta(hours=2),
                                         kecamatan_id=kec.id, purpose="Uji mandiri okudesk"),
            )
    with Store.open(folder) as store, store.read() as s:
        got = meetings.get_meeting(s, created.id)
        _expect(got.purpose == "Uji mandiri okudesk", "meeting read back differs")
        _expect(got.number.startswith("UJI-RPT-"), f"unexpected number {got.number}")
        rev = s.connection().exec_driver_sql("SELECT version_num FROM alembic_version").scalar()
        _expect(rev == head_revision(), f"schema at {rev}, expected {head_revision()}")
    _expect(not integrity_problems(folder / "okudesk.sqlite3"), "integrity check failed")


@check("demo")
def _demo(folder: Path) -> None:
    from okudesk.core import accounts, demo, stats
    from okudesk.core.store import Store

    with Store.open(folder) as store:
        store.actor = accounts.system_actor("selftest")
        demo.fill(store, meetings=5, incidents=20, seed=7)
        with store.read() as s:
            counts = stats.counts(s)
    _expect(counts["meetings"] == 5 and counts["incidents"] == 20, f"demo counts {counts}")


@check("photos")
def _photos(folder: Path) -> None:
    import io

    from PIL import Image

    from okudesk.core import photos

    buf = io.BytesIO()
    Image.new("RGB", (3200, 1800), (120, 80, 40)).save(buf, "JPEG")
    prepared = photos.prepare(buf.getvalue())
    _expect(max(prepared.width, prepared.height) == photos.MAX_SIDE, "photo not downscaled")
