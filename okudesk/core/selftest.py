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

from okudesk.core import permissions

Check = Callable[[Path], None]
CHECKS: list[tuple[str, Check]] = []


def check(name: str) -> Callable[[Check], Check]:
    def register(fn: Check) -> Check:
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
        # a file Windows holds a moment longer must not fail a check that passed
        with tempfile.TemporaryDirectory(
            prefix="okudesk-selftest-", ignore_cleanup_errors=True
        ) as tmp:
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
    from okudesk.core.records import meetings, posts, reference
    from okudesk.core.store import Store
    from okudesk.core.store.backup import integrity_problems
    from okudesk.core.store.migrate import head_revision

    with Store.open(folder) as store:
        store.actor = permissions.system_actor("selftest")
        with store.write() as s:
            kec = reference.kecamatan(s)[0]
            posts.set_up_this_post(
                s, code="UJI", name="Pos Uji", letterhead=["POS UJI"], kecamatan_ids=[kec.id]
            )
            created = meetings.create_meeting(
                s,
                meetings.MeetingInput(
                    starts_at=datetime.now().replace(microsecond=0) - timedelta(hours=2),
                    kecamatan_id=kec.id,
                    purpose="Uji mandiri okudesk",
                ),
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
    from okudesk.core import demo
    from okudesk.core.records import stats
    from okudesk.core.store import Store

    with Store.open(folder) as store:
        store.actor = permissions.system_actor("selftest")
        demo.fill(store, meetings=5, incidents=20, seed=7)
        with store.read() as s:
            counts = stats.counts(s)
    _expect(counts["meetings"] == 5 and counts["incidents"] == 20, f"demo counts {counts}")


@check("photos")
def _photos(folder: Path) -> None:
    import io

    from PIL import Image

    from okudesk.core.records import photos

    buf = io.BytesIO()
    Image.new("RGB", (3200, 1800), (120, 80, 40)).save(buf, "JPEG")
    prepared = photos.prepare(buf.getvalue())
    _expect(max(prepared.width, prepared.height) == photos.MAX_SIDE, "photo not downscaled")


@check("accounts")
def _accounts(folder: Path) -> None:
    """First admin, login and refusal, the audit chain, a backup restored with a new instance."""
    from okudesk.core import backups
    from okudesk.core.errors import LoginFailed, PermissionDenied
    from okudesk.core.history import audit, versioning
    from okudesk.core.records import posts, reference
    from okudesk.core.security import accounts
    from okudesk.core.store import Store

    data = folder / "data"
    with Store.open(data) as store:
        with store.write() as s:
            accounts.create_first_admin(
                s, name="Admin Uji", nrp="80000001", passphrase="uji-mandiri-123"
            )
        try:
            accounts.login(store, "salah-sekali", nrp="80000001")
            raise AssertionError("a wrong passphrase was accepted")
        except LoginFailed:
            pass
        store.actor = accounts.login(store, "uji-mandiri-123", nrp="80000001")
        with store.write() as s:
            kec = reference.kecamatan(s)[0]
            posts.set_up_this_post(
                s, code="UJI", name="Pos Uji", letterhead=["POS UJI"], kecamatan_ids=[kec.id]
            )
        try:
            from okudesk.core.records import meetings

            with store.write() as s:  # an admin keeps the settings, not the records
                meetings.create_meeting(
                    s,
                    meetings.MeetingInput(
                        starts_at=datetime.now() - timedelta(hours=1), purpose="x"
                    ),
                )
            raise AssertionError("the admin role wrote a meeting")
        except PermissionDenied:
            pass
        archive = backups.write_backup(store, folder / "usb").path
        with store.read() as s:
            result = audit.verify(s)
            _expect(result.ok and result.entries >= 4, f"audit chain: {result}")
            before = versioning.current(s.connection())[0]
        actor = store.actor
    backups.restore(data, archive, actor=actor)
    with Store.open(data) as store, store.read() as s:
        _expect(
            versioning.current(s.connection())[0] != before,
            "restored database kept its instance ID",
        )
        _expect(audit.verify(s).ok, "audit chain broken after restore")


@check("signed report")
def _signed_report(folder: Path) -> None:
    """Make a signed meeting report from demo data, verify it, and see a changed byte caught."""
    from okudesk.core import demo
    from okudesk.core.reports import service, verification
    from okudesk.core.security import credentials
    from okudesk.core.store import Store

    with Store.open(folder) as store:
        store.actor = permissions.system_actor("selftest")
        demo.fill(store, meetings=2, incidents=2, seed=3)
        record = service.resolve_record_id(store, "meeting", "latest")
        result = service.make_report(store, "meeting", record, passphrase=demo.DEMO_PASSPHRASE)
        with store.read() as s:
            anchors = credentials.trust_anchors(s)
    checked = verification.verify_pdf(result.pdf, anchors)
    _expect(checked.verdict == verification.VALID, f"fresh report verifies as {checked.verdict}")
    tampered = bytearray(result.pdf)
    tampered[tampered.index(b"stream", tampered.index(b"/Length")) + 40] ^= (
        0x20  # inside a signed stream
    )
    _expect(
        verification.verify_pdf(bytes(tampered), anchors).verdict == verification.MODIFIED,
        "tampering not detected",
    )


@check("sync")
def _sync(folder: Path) -> None:
    """Enroll a post, export a signed, encrypted bundle, import it at HQ, apply the receipt."""
    from okudesk.core.records import meetings, reference
    from okudesk.core.store import Store
    from okudesk.core.sync import export, importer, receipt, trust

    usb = folder / "usb"
    usb.mkdir()

    with Store.open(folder / "hq") as hq, Store.open(folder / "post") as post:
        hq.actor = post.actor = permissions.system_actor("selftest")
        with hq.write() as s:
            trust.set_up_hq(s, name="Polres Uji", code="UJI")
            kit = trust.add_post(s, code="PSU", name="Pos Uji", out_dir=usb)
        with post.write() as s:
            trust.set_up_post(s, kit)
            kec = reference.kecamatan(s)[0]
            meetings.create_meeting(
                s,
                meetings.MeetingInput(
                    starts_at=datetime.now().replace(microsecond=0) - timedelta(hours=1),
                    kecamatan_id=kec.id,
                    purpose="Uji sinkronisasi",
                ),
            )
        made = export.export_bundle(post, usb)
        outcome = importer.import_bundle(hq, made.path)
        _expect(
            outcome.ok and outcome.counts["new"] + outcome.counts.get("audit", 0) == made.records,
            f"import: {outcome}",
        )
        again = importer.import_bundle(hq, made.path)
        _expect(not again.ok, "a bundle was imported twice")
        if outcome.receipt is None:
            raise AssertionError(f"import wrote no receipt: {outcome}")
        applied = receipt.import_receipt(post, outcome.receipt)
        _expect(applied.ok and applied.certificate_installed, f"receipt: {applied}")
        with post.read() as s:
            _expect(export.pending_changes(s) == 0, "changes still waiting after the receipt")
