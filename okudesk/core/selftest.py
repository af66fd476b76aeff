"""A headless end-to-end check of the installed program (``okudesk selftest``).

Each check works in its own temporary data folder and raises on failure. Features add
their checks with :func:`check`; the frozen build runs them all before it is shipped.

The checks work on encrypted stores, as every installation is once its first officer has
a passphrase (:func:`encrypted_store`): the frozen build must carry SQLCipher and open,
write and read through it, and each check ends by looking at the data folder as a thief
would (:func:`expect_sealed`).
"""

from __future__ import annotations

import tempfile
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from okudesk.core import permissions

if TYPE_CHECKING:
    from okudesk.core.store import Store

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


# The officer every check's store is encrypted for (a scratch folder's, thrown away)
SELFTEST_NRP = "80000001"
SELFTEST_PASSPHRASE = "uji-mandiri-123"


def encrypted_store(data_dir: Path) -> Store:
    """A new store in ``data_dir`` as an installation has it once its first admin has a
    passphrase (:func:`encrypted`)."""
    from okudesk.core.store import Store

    return encrypted(Store.open(data_dir))


def encrypted(store: Store) -> Store:
    """The plain ``store`` (no account yet) given its first admin (of this post once it is
    set up), encrypted (a key file beside it), and opened again with the admin's passphrase,
    the way a login opens it; ``store`` is closed. The actor is left unset: each check
    chooses its own."""
    from okudesk.core.records import posts
    from okudesk.core.security import accounts, unlocking

    data_dir = store.data_dir
    try:
        with store.write(actor=None) as s:
            here = posts.this_post(s)
            info = accounts.create_first_admin(
                s,
                name="Admin Uji",
                nrp=SELFTEST_NRP,
                passphrase=SELFTEST_PASSPHRASE,
                post_id=here.id if here is not None else None,
            )
    except BaseException:
        store.close()
        raise
    unlocking.encrypt_now(store, SELFTEST_PASSPHRASE, officer_id=info.officer_id).close()
    store = unlocking.open_as(data_dir, SELFTEST_PASSPHRASE, nrp=SELFTEST_NRP)
    _expect(store.data_key is not None, "the store did not open encrypted")
    return store


def expect_sealed(data_dir: Path) -> None:
    """What a stolen data folder shows: the database is not SQLite without the key (no
    header; SQLite cannot read it), and no file holds a private key in the clear."""
    from okudesk.core.store import cipher

    database = data_dir / "okudesk.sqlite3"
    with open(database, "rb") as fh:
        _expect(fh.read(16) != b"SQLite format 3\x00", f"{database.name} is a plain database")
    con = cipher.connect(database, None, read_only=True)
    try:
        cipher.check(con)
        raise AssertionError(f"{database.name} was read without its key")
    except cipher.DatabaseError:
        pass
    finally:
        con.close()
    for path in sorted(data_dir.rglob("*")):
        if path.is_file():
            _expect(b"PRIVATE KEY" not in path.read_bytes(), f"a private key in the clear: {path}")


@check("database")
def _database(folder: Path) -> None:
    """Create, migrate, encrypt, write, close, reopen with the passphrase and read back."""
    from okudesk.core.records import meetings, posts, reference
    from okudesk.core.security import unlocking
    from okudesk.core.store.migrate import head_revision

    with encrypted_store(folder) as store:
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
    with unlocking.open_as(folder, SELFTEST_PASSPHRASE, nrp=SELFTEST_NRP) as store:
        store.actor = permissions.system_actor("selftest")
        with store.read() as s:
            got = meetings.get_meeting(s, created.id)
            _expect(got.purpose == "Uji mandiri okudesk", "meeting read back differs")
            _expect(got.number.startswith("UJI-RPT-"), f"unexpected number {got.number}")
            con = s.connection()
            rev = con.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()
            _expect(rev == head_revision(), f"schema at {rev}, expected {head_revision()}")
            integrity = con.exec_driver_sql("PRAGMA integrity_check").scalars().all()
            _expect(integrity == ["ok"], f"integrity check failed: {integrity[:3]}")
    expect_sealed(folder)


@check("demo")
def _demo(folder: Path) -> None:
    from okudesk.core import demo
    from okudesk.core.records import stats

    with encrypted_store(folder) as store:
        store.actor = permissions.system_actor("selftest")
        demo.fill(store, meetings=5, incidents=20, seed=7)
        with store.read() as s:
            counts = stats.counts(s)
    _expect(counts["meetings"] == 5 and counts["incidents"] == 20, f"demo counts {counts}")
    expect_sealed(folder)


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
    """First admin and encryption, unlocking and refusal, roles, the audit chain."""
    from okudesk.core.errors import LoginFailed, PermissionDenied, StoreLocked
    from okudesk.core.history import audit
    from okudesk.core.records import posts, reference
    from okudesk.core.security import accounts, unlocking
    from okudesk.core.store import Store

    data = folder / "data"
    encrypted_store(data).close()
    expect_sealed(data)
    try:
        Store.open(data).close()
        raise AssertionError("the encrypted store opened without a key")
    except StoreLocked:
        pass
    try:  # the key file refuses it: the database is never reached
        unlocking.open_as(data, "salah-sekali", nrp=SELFTEST_NRP).close()
        raise AssertionError("a wrong passphrase unlocked the store")
    except LoginFailed:
        pass
    with unlocking.open_as(data, SELFTEST_PASSPHRASE, nrp=SELFTEST_NRP) as store:
        try:
            accounts.login(store, "salah-sekali", nrp=SELFTEST_NRP)
            raise AssertionError("a wrong passphrase was accepted")
        except LoginFailed:
            pass
        store.actor = accounts.login(store, SELFTEST_PASSPHRASE, nrp=SELFTEST_NRP)
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
        with store.read() as s:
            result = audit.verify(s)
            _expect(result.ok and result.entries >= 4, f"audit chain: {result}")
    expect_sealed(data)


@check("backup")
def _backup(folder: Path) -> None:
    """A backup of an encrypted store written (ciphertext on the stick) and restored with
    a new instance, the audit chain intact."""
    from okudesk.core import backups
    from okudesk.core.history import audit, versioning
    from okudesk.core.security import accounts
    from okudesk.core.store import Store

    data = folder / "data"
    with encrypted_store(data) as store:
        store.actor = accounts.login(store, SELFTEST_PASSPHRASE, nrp=SELFTEST_NRP)
        archive = backups.write_backup(store, folder / "usb").path
        with store.read() as s:
            before = versioning.current(s.connection())[0]
        actor, key = store.actor, store.data_key
    _expect(b"PRIVATE KEY" not in archive.read_bytes(), "a private key in the clear in a backup")
    info = backups.restore(data, archive, actor=actor, key=key)
    with Store.open(data, key=info.data_key) as store, store.read(actor=actor) as s:
        _expect(
            versioning.current(s.connection())[0] != before,
            "restored database kept its instance ID",
        )
        _expect(audit.verify(s).ok, "audit chain broken after restore")
    expect_sealed(data)


@check("signed report")
def _signed_report(folder: Path) -> None:
    """Make a signed meeting report from demo data, verify it, and see a changed byte caught."""
    from okudesk.core import demo
    from okudesk.core.reports import service, verification
    from okudesk.core.security import credentials

    with encrypted_store(folder) as store:
        store.actor = permissions.system_actor("selftest")
        demo.fill(store, meetings=2, incidents=2, seed=3)
        record = service.resolve_record_id(store, "meeting", "latest")
        result = service.make_report(store, "meeting", record, passphrase=demo.DEMO_PASSPHRASE)
        with store.read() as s:
            anchors = credentials.trust_anchors(s)
    expect_sealed(folder)  # the officers' signing keys and the post's CA key among them
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
    system = permissions.system_actor("selftest")

    # each is set up first, then gets its admin (an officer of the post) and is encrypted
    with Store.open(folder / "hq") as plain:
        with plain.write(actor=system) as s:
            trust.set_up_hq(s, name="Polres Uji", code="UJI")
            kit = trust.add_post(s, code="PSU", name="Pos Uji", out_dir=usb)
        hq = encrypted(plain)
    with Store.open(folder / "post") as plain:
        with plain.write(actor=system) as s:
            trust.set_up_post(s, kit)
        post = encrypted(plain)
    with hq, post:
        hq.actor = post.actor = system
        with post.write() as s:
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
    expect_sealed(folder / "hq")  # HQ's root and exchange keys, the post's CA and exchange keys
    expect_sealed(folder / "post")
