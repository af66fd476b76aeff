"""Crash-safety harness: kill a writer doing real work at random moments, then check.

The writer is a separate process running the real services as a logged-in officer:
meetings with photos, new incidents, status changes. After each ``store.write()`` has
returned (committed) it reports the write to the parent through a pipe, in one atomic
message. The parent kills it with SIGKILL after a random delay, reopens the data folder
and checks ``PRAGMA integrity_check``, the audit chain, and that every write ever reported
as committed is there (photo files included, by hash).

Writers are forked from a multiprocessing fork server that has okudesk imported already,
so a cycle costs milliseconds of start-up instead of a fresh interpreter. SIGKILL ends the
process, not the machine: the operating system still writes out what the process handed
it. Durability across power cuts rests on ``synchronous=FULL`` and fsync (store/pragmas.py,
photos.store_bytes) and is not what this harness can show.

Used by tests/test_crash_safety.py (a few dozen kills) and benchmarks/crash_harness.py (1,000).
"""

from __future__ import annotations

import hashlib
import io
import multiprocessing
import random
import sys
import time
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

from okudesk.core import permissions

OFFICER_NRP = "85071234"
PASSPHRASE = "kunci-uji-tabrakan"


def prepare(data_dir: Path) -> None:
    """A post with one petugas account, as the first-run wizard and an admin would set up."""
    from okudesk.core.records import officers, posts, reference
    from okudesk.core.security import accounts
    from okudesk.core.store import Store

    with Store.open(data_dir) as store:
        store.actor = permissions.system_actor("crash harness")
        with store.write() as s:
            kec = reference.kecamatan(s)[0]
            post = posts.set_up_this_post(
                s,
                code="BTT",
                name="Polsek Baturaja Timur",
                letterhead=["POLSEK UJI"],
                kecamatan_ids=[kec.id],
            )
            officer = officers.add_officer(s, name="Penulis Uji", nrp=OFFICER_NRP, post_id=post.id)
            accounts.set_account(
                s, officer.id, role="petugas", passphrase=PASSPHRASE, must_change=False
            )


def _jpeg(rng: random.Random) -> bytes:
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (96, 64), (rng.randrange(256), rng.randrange(256), rng.randrange(256)))
    ImageDraw.Draw(image).text((4, 4), f"{rng.random():.12f}", fill=(255, 255, 255))
    out = io.BytesIO()
    image.save(out, "JPEG", quality=80)
    return out.getvalue()


def writer(data_dir: str, seed: int, conn) -> None:
    """Write forever (until killed), reporting each committed write."""
    from sqlalchemy import select

    from okudesk.core.models import Incident
    from okudesk.core.records import incidents, meetings, photos
    from okudesk.core.security import accounts
    from okudesk.core.store import Store

    rng = random.Random(seed)
    store = Store.open(data_dir)
    store.actor = accounts.login(store, PASSPHRASE, nrp=OFFICER_NRP)
    conn.send_bytes(b"READY")
    base = datetime.now().replace(microsecond=0) - timedelta(days=2)
    while True:
        kind = rng.choice(("meeting", "meeting", "incident", "status", "status"))
        when = base + timedelta(minutes=rng.randrange(2000))
        if kind == "meeting":
            with store.write() as s:
                m = meetings.create_meeting(
                    s, meetings.MeetingInput(starts_at=when, purpose=f"Sambang {rng.random()}")
                )
                shas = [
                    photos.add_photo(
                        s, store.photo_dir, _jpeg(rng), meeting_id=m.id, caption="Uji"
                    ).sha256
                    for _ in range(rng.randint(1, 2))
                ]
            report = f"M {m.id} {','.join(shas)}"
        elif kind == "incident":
            with store.write() as s:
                i = incidents.create_incident(
                    s, incidents.IncidentInput(occurred_at=when, description="Uji tabrakan")
                )
            report = f"I {i.id}"
        else:
            with store.write() as s:
                candidates = s.scalars(
                    select(Incident.id)
                    .where(Incident.status.in_(("dilaporkan", "diverifikasi", "ditangani")))
                    .order_by(Incident.change_counter.desc())
                    .limit(20)
                ).all()
                if not candidates:
                    continue
                iid = rng.choice(candidates)
                current = s.get(Incident, iid).status
                detail = incidents.change_status(
                    s, iid, rng.choice(incidents.allowed_next(current)), note="uji"
                )
            report = f"S {iid} {len(detail.history)}"
        conn.send_bytes(report.encode())


@dataclass
class Reports:
    meetings: dict[str, list[str]] = field(default_factory=dict)
    incidents: set[str] = field(default_factory=set)
    history: dict[str, int] = field(default_factory=dict)  # incident -> status steps at least

    def add(self, line: str) -> None:
        kind, record, *rest = line.split(" ")
        if kind == "M":
            self.meetings[record] = rest[0].split(",")
        elif kind == "I":
            self.incidents.add(record)
        elif kind == "S":
            self.history[record] = max(self.history.get(record, 0), int(rest[0]))

    @property
    def count(self) -> int:
        return len(self.meetings) + len(self.incidents) + len(self.history)


def check(data_dir: Path, reports: Reports) -> list[str]:
    """Everything that is wrong with the data folder after a crash (empty: nothing)."""
    from sqlalchemy import func, select

    from okudesk.core.history import audit
    from okudesk.core.models import Attachment, Incident, IncidentStatusChange, Meeting
    from okudesk.core.records.photos import photo_path
    from okudesk.core.store import Store

    problems: list[str] = []
    with (
        Store.open(data_dir) as store,
        store.read(actor=permissions.system_actor("crash check")) as s,
    ):
        conn = s.connection()
        rows = [r[0] for r in conn.exec_driver_sql("PRAGMA integrity_check")]
        if rows != ["ok"]:
            problems.append(f"integrity_check: {rows[:3]}")
        result = audit.verify(s)
        if not result.ok:
            problems.append(f"audit chain: {result.problem}")
        live = set(s.scalars(select(Meeting.id).where(Meeting.deleted_at.is_(None))))
        shas = {}
        for mid, sha in s.execute(
            select(Attachment.meeting_id, Attachment.sha256).where(Attachment.deleted_at.is_(None))
        ):
            shas.setdefault(mid, set()).add(sha)
        for mid, expected in reports.meetings.items():
            if mid not in live:
                problems.append(f"committed meeting {mid} is missing")
                continue
            for sha in expected:
                if sha not in shas.get(mid, set()):
                    problems.append(f"photo record {sha[:12]} of meeting {mid} is missing")
                    continue
                path = photo_path(store.photo_dir, sha)
                if not path.exists() or hashlib.sha256(path.read_bytes()).hexdigest() != sha:
                    problems.append(f"photo file {sha[:12]} is missing or damaged")
        present = set(s.scalars(select(Incident.id)))
        for iid in reports.incidents - present:
            problems.append(f"committed incident {iid} is missing")
        steps = dict(
            s.execute(
                select(IncidentStatusChange.incident_id, func.count()).group_by(
                    IncidentStatusChange.incident_id
                )
            ).all()
        )
        for iid, n in reports.history.items():
            if steps.get(iid, 0) < n:
                problems.append(
                    f"incident {iid} has {steps.get(iid, 0)} status steps, {n} were committed"
                )
            status = s.scalar(select(Incident.status).where(Incident.id == iid))
            last = s.scalar(
                select(IncidentStatusChange.to_status)
                .where(IncidentStatusChange.incident_id == iid)
                .order_by(IncidentStatusChange.change_counter.desc())
                .limit(1)
            )
            if status != last:
                problems.append(f"incident {iid} status {status} differs from its last step {last}")
    return problems


_CONTEXT = None


def _context():
    global _CONTEXT
    if _CONTEXT is None:
        here = str(Path(__file__).resolve().parent)
        if here not in sys.path:
            sys.path.insert(0, here)
        _CONTEXT = multiprocessing.get_context("forkserver")
        _CONTEXT.set_forkserver_preload(
            [
                "crashkit",
                "okudesk.core.records.meetings",
                "okudesk.core.records.incidents",
                "okudesk.core.records.photos",
                "okudesk.core.security.accounts",
                "okudesk.core.store",
                "PIL.Image",
            ]
        )
    return _CONTEXT


@dataclass(frozen=True)
class Cycle:
    committed: int  # writes this writer reported before it was killed
    problems: list[str]


def cycle(data_dir: Path, reports: Reports, rng: random.Random, *, max_delay: float = 0.4) -> Cycle:
    """Start a writer, kill it after a random delay, collect its reports, check the folder."""
    ctx = _context()
    parent, child = ctx.Pipe(duplex=False)
    process = ctx.Process(
        target=writer, args=(str(data_dir), rng.randrange(1 << 30), child), daemon=True
    )
    process.start()
    child.close()
    committed = 0
    try:
        if not parent.poll(30) or parent.recv_bytes() != b"READY":
            raise RuntimeError("the writer did not start")
        deadline = time.monotonic() + rng.uniform(0.0, max_delay)
        while (left := deadline - time.monotonic()) > 0:
            if parent.poll(left):
                reports.add(parent.recv_bytes().decode())
                committed += 1
        process.kill()
        process.join(10)
        while parent.poll():
            try:
                reports.add(parent.recv_bytes().decode())
            except EOFError:
                break
            committed += 1
    finally:
        if process.is_alive():
            process.kill()
            process.join(10)
        parent.close()
    return Cycle(committed, check(data_dir, reports))


def run(
    data_dir: Path, kills: int, *, seed: int = 1, max_delay: float = 0.4, progress=None
) -> tuple[int, int, list[str]]:
    """``kills`` cycles on one data folder; returns (failed cycles, committed writes, first
    problems)."""
    rng = random.Random(seed)
    prepare(data_dir)
    reports = Reports()
    failures, committed, first = 0, 0, []
    for k in range(kills):
        outcome = cycle(data_dir, reports, rng, max_delay=max_delay)
        committed += outcome.committed
        if outcome.problems:
            failures += 1
            first = first or outcome.problems
        if progress:
            progress(k + 1, failures, committed)
    return failures, committed, first
