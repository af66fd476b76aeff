"""Backups of a data folder (database and photos) and restoring one.

A backup's ``manifest.json`` holds its format, time, post, schema revision, the database's
hash and the photo list, authenticated with the folder's ``installation.key``. The database
is a consistent snapshot taken with SQLite's backup API while okudesk runs, while
``PRAGMA quick_check`` reads the database beside it. A **daily** backup in ``backups/`` is a
set: ``<name>.zip`` (the manifest only) with the database as its own file ``<name>.sqlite3``
beside it (nothing recompressed), proven from disk by its header, length and hash, and the
photos kept once in the photo store ``backups/foto/`` (content-addressed: a photo already
there is not copied again). A backup to a USB stick is one zip (``okudesk.sqlite3``, deflated
only when it deflates, and ``photos/ab/<sha256>.jpg``), read back whole. Everything is
written under ``.partial`` names, fsynced, and the zip renamed last, so a pulled USB stick or
a killed process never leaves a file that looks complete. The daily backup runs in a process
of its own (``okudesk backup --daily``, started by the workstation; docs/backups.md) and
keeps 7 daily, 4 weekly and 12 monthly backups; one of the database is made before every
migration (``store/migrate.py``).

Restoring checks the backup first (zip checksums, the database's hash and integrity, the
photos' hashes, a schema this okudesk knows), adds its photos, puts the current database
aside under ``replaced/`` (never deleted), and gives the restored database a new instance
ID *before* it is put in place, so sync never reuses change counters (guide/sync.md). A
restore cut short by a crash is finished at the next start (``store/restoring.py``).
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import os
import re
import secrets
import shutil
import sys
import time
import zipfile
import zlib
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import IO, TYPE_CHECKING

from okudesk import __version__
from okudesk.core import files, folderlock, permissions, sealed
from okudesk.core.errors import OkudeskError
from okudesk.core.files import fsync_dir
from okudesk.core.i18n import _
from okudesk.core.store import DB_NAME, RESTORING_NAME, cipher
from okudesk.core.store.backup import (
    HASH_PIECE,
    CopyDamaged,
    CopyProof,
    backup_checked,
    backup_database,
    backup_proven,
    header_of,
    integrity_problems,
    read_only,
    sha256_tree,
)
from okudesk.core.store.keyring import Keyring, key_id
from okudesk.core.store.restoring import PartlyAside, put_aside, put_back

if TYPE_CHECKING:
    from okudesk.core.store import Store

FORMAT = "okudesk-backup"
FORMAT_VERSION = 3  # 2: photos in the photo store beside the zip; 3: the database beside it
KEEP = 7  # daily backups kept (and pre-migration copies)
KEEP_WEEKLY = 4
KEEP_MONTHLY = 12
PHOTO_STORE = "foto"  # beside the daily backups: foto/ab/<sha256>.jpg, each copied once
PARTIAL = ".partial"
LOCK_NAME = "cadangan.lock"
_PHOTO_NAME = re.compile(r"[0-9a-f]{2}/[0-9a-f]{64}\.jpg")
DAILY = "harian"
MANUAL = "cadangan"
STAGING_NAME = RESTORING_NAME
_DB_MEMBER = "okudesk.sqlite3"
_MANIFEST = "manifest.json"
KEY_NAME = "installation.key"  # beside the database, never in a backup
MAC_ALG = "HMAC-SHA256"
REENROL_ROLES = frozenset({"admin", "hq_admin", permissions.SYSTEM_ROLE})


class BackupError(OkudeskError):
    pass


class ForeignBackup(BackupError):
    """A backup this installation did not make (another post, HQ, or altered): restored
    only when an admin confirms taking over its identity (``reenrol``)."""


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    created_at: datetime
    post_code: str
    schema: str
    photos: int
    size: int


@dataclass(frozen=True)
class RestoreInfo:
    source: Path
    replaced: Path | None  # where the database that was in use was put aside
    instance_id: str
    photos_added: int
    authenticated: bool = False  # made by this installation (its key), unaltered
    statement: str = ""  # what was trusted, in the user's words
    trail_problem: str = ""  # the restored trail does not hold what HQ acknowledged
    data_key: bytes | None = None  # what the restored store opens with


# --- who made a backup: the installation's key and identity -------------------------------


def installation_key(data_dir: Path, *, create: bool) -> bytes | None:
    """The secret that authenticates this data folder's backups (``installation.key``).

    It lives beside the database and is never put into a backup, so a backup cannot vouch
    for itself: only the folder that made it recognises it. The daily backup runs
    unattended, so the key is a plain file that process can read without a person."""
    path = Path(data_dir) / KEY_NAME
    for _attempt in range(20):
        try:
            text = path.read_text(encoding="ascii").strip()
        except FileNotFoundError:
            if not create:
                return None
            try:
                fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            except FileExistsError:
                continue  # another process made it just now: read that one
            with os.fdopen(fd, "w", encoding="ascii") as fh:
                fh.write(secrets.token_hex(32))
                fh.flush()
                os.fsync(fh.fileno())
            continue
        except (OSError, UnicodeDecodeError):
            return None
        if len(text) == 64:
            try:
                return bytes.fromhex(text)
            except ValueError:
                return None
        time.sleep(0.05)  # being written by another process
    return None


def _mac(key: bytes, manifest: dict) -> str:
    body = {k: v for k, v in manifest.items() if k != "authentication"}
    data = json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hmac.new(key, data.encode("utf-8"), hashlib.sha256).hexdigest()


def _key_label(key: bytes) -> str:
    return hashlib.sha256(b"okudesk installation key|" + key).hexdigest()[:16]


def _authentic(manifest: dict, key: bytes | None) -> bool:
    auth = manifest.get("authentication")
    if key is None or not isinstance(auth, dict) or auth.get("alg") != MAC_ALG:
        return False
    mac = auth.get("mac")
    return isinstance(mac, str) and hmac.compare_digest(mac, _mac(key, manifest))


def _identity_of(db_path: Path, key: bytes | None = None) -> dict | None:
    """Which installation a database is (post code, sync role, signing key ID); None when
    there is no database or it is not set up as any post (an empty folder, in effect)."""
    if not db_path.is_file():
        return None
    try:
        conn = read_only(db_path, key)
    except cipher.Error:
        return None
    try:
        row = conn.execute("SELECT value FROM store_meta WHERE key='post_code'").fetchone()
        code = row[0] if row and row[0] else ""
        role, key_id = "", ""
        try:
            sync = conn.execute("SELECT role, certificate FROM sync_identity WHERE id=1").fetchone()
        except cipher.Error:
            sync = None
        if sync is not None:
            from okudesk.core.security import pki

            role = sync[0] or ""
            try:
                key_id = pki.public_key_id(pki.load_certs(bytes(sync[1]))[0].public_key())
            except (ValueError, IndexError, TypeError):
                key_id = "?"
    except cipher.Error:
        return None
    finally:
        conn.close()
    if not code and not role:
        return None
    return {"post_code": code, "role": role, "key_id": key_id}


def _acknowledged_of(db_path: Path, key: bytes | None = None) -> tuple[str, int, str] | None:
    """The checkpoint HQ acknowledged to the database in use (read before it is replaced)."""
    if not db_path.is_file():
        return None
    try:
        conn = read_only(db_path, key)
        try:
            row = conn.execute("SELECT value FROM store_meta WHERE key='audit_ack'").fetchone()
        finally:
            conn.close()
        if row is None or not row[0]:
            return None
        data = json.loads(row[0])
        return str(data["chain"]), int(data["seq"]), str(data["hash"])
    except (cipher.Error, ValueError, KeyError, TypeError):
        return None


def _describe_identity(identity: dict | None) -> str:
    if not identity or not identity.get("post_code"):
        return _("instalasi tanpa pos")
    if identity.get("role") == "hq":
        return _("Polres {code}", code=identity["post_code"])
    return _("pos {code}", code=identity["post_code"])


def _admit(
    backup: dict | None,
    current: dict | None,
    authentic: bool,
    *,
    reenrol: bool,
    actor: permissions.Actor | None,
) -> tuple[str, bool]:
    """Whether the backup may replace the database in use; returns what was trusted and
    whether the backup is authenticated as this installation's, or raises ForeignBackup."""
    what = _describe_identity(backup)
    mine = _("Cadangan {what} dibuat oleh instalasi ini dan tidak diubah", what=what)
    if current is None:
        if authentic:
            return mine, True
        return _(
            "Cadangan {what} dipulihkan ke folder data kosong. Instalasi ini tidak dapat "
            "memastikan siapa yang membuatnya: isinya (data, akun, kunci dan jejak audit) "
            "dipercaya apa adanya; Polres memeriksa jejak audit pada sinkronisasi berikutnya",
            what=what,
        ), False
    same = (
        backup is not None
        and backup.get("post_code") == current.get("post_code")
        and backup.get("role", "") == current.get("role", "")
        and backup.get("key_id", "") == current.get("key_id", "")
    )
    if same and authentic:
        return mine, True
    if reenrol:
        if actor is None or actor.role not in REENROL_ROLES:
            raise ForeignBackup(
                _("Hanya admin yang boleh memulihkan cadangan instalasi lain (pendaftaran ulang)")
            )
        return _(
            "Pendaftaran ulang dikonfirmasi oleh {who}: instalasi ini kini menjadi {what} "
            "dengan data, akun dan kunci dari cadangan itu",
            who=actor.name or actor.role,
            what=what,
        ), False
    here = _describe_identity(current)
    if not same:
        raise ForeignBackup(
            _(
                "Cadangan ini milik {what}, bukan {here}: memulihkannya menjadikan laptop ini "
                "{what}. Tidak dipulihkan; hanya admin yang boleh mengonfirmasi pendaftaran "
                "ulang",
                what=what,
                here=here,
            )
        )
    raise ForeignBackup(
        _(
            "Cadangan ini tidak dibuat oleh instalasi ini atau telah diubah (autentikasi "
            "gagal); tidak dipulihkan. Hanya admin yang boleh mengonfirmasi pemulihannya"
        )
    )


def _sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def _photo_files(photo_dir: Path) -> list[Path]:
    if not photo_dir.is_dir():
        return []
    return sorted(p for p in photo_dir.glob("*/*.jpg") if p.is_file())


@dataclass
class _Draft:
    """A backup's names, and its database copy once made (:meth:`copy`)."""

    db_path: Path
    now: datetime
    post_code: str
    target: Path
    key: bytes | None = None  # the store's data key: the copy is encrypted with it too
    checked: bool = False
    proof: CopyProof | None = None

    @classmethod
    def name(cls, db_path: Path, out_dir: Path, kind: str, key: bytes | None = None) -> _Draft:
        now = datetime.now()
        post_code = _post_code(db_path, key)
        name = f"okudesk-{kind}-{post_code}-{now:%Y%m%d-%H%M%S}"
        target = out_dir / f"{name}.zip"
        n = 1
        while target.exists() or _database_beside(target).exists():
            n += 1
            target = out_dir / f"{name}-{n}.zip"
        return cls(db_path, now, post_code, target, key)

    @property
    def partial(self) -> Path:
        return self.target.with_name(self.target.name + PARTIAL)

    @property
    def database(self) -> Path:
        return _database_beside(self.target)

    @property
    def snapshot(self) -> Path:
        return self.database.with_name(self.database.name + PARTIAL)

    def copy(self, *, prove: bool) -> None:
        """The database copied (and, ``prove``, proven); quick_check when it is due."""
        self.checked = not prove or _check_due(
            self.db_path, self.target.parent, self.now, encrypted=self.key is not None
        )
        self.proof = _copy_database(
            self.db_path, self.snapshot, prove=prove, check=self.checked, key=self.key
        )


def write_backup(
    store: Store,
    out_dir: Path | str,
    *,
    kind: str = MANUAL,
    actor: permissions.Actor | None = None,
    photo_store: bool = False,
    draft: _Draft | None = None,
) -> BackupInfo:
    """Write a backup of ``store`` into ``out_dir`` (a USB stick, or ``backups/``).

    With ``photo_store`` (the daily backups) the backup is a set: the database as a file of
    its own, ``<name>.sqlite3``, beside ``<name>.zip`` holding only the manifest, and the
    photos in the content-addressed folder :data:`PHOTO_STORE`, each copied once. Without
    it (a USB stick) everything is in one zip. Everything is written under names ending in
    ``.partial``; the zip, which makes the backup exist, gets its final name last, once
    everything it names is on disk and proven (docs/backups.md, "What proves a backup").
    ``draft``: its name and database copy made already (:class:`EarlyDaily`).
    """
    actor = actor if actor is not None else store.actor
    permissions.check(actor, "backup.make")
    out_dir = Path(out_dir)
    key = installation_key(store.data_dir, create=True)
    try:
        if draft is None:
            out_dir.mkdir(parents=True, exist_ok=True)
            if not photo_store:
                _sweep_abandoned(out_dir, kind)
            draft = _Draft.name(store.db_path, out_dir, kind, store.data_key)
        now, post_code, target = draft.now, draft.post_code, draft.target
        partial, database, snapshot = draft.partial, draft.database, draft.snapshot
        try:
            if draft.proof is None:
                draft.copy(prove=photo_store)
            check, proof = draft.checked, draft.proof
            # who made it, as the backup's database says
            identity = _identity_of(snapshot, store.data_key)
            photos = _photo_files(store.photo_dir)
            photo_names = [p.relative_to(store.photo_dir).as_posix() for p in photos]
            schema = cipher.read_revision(snapshot, store.data_key)
            manifest: dict = {
                "format": FORMAT,
                "format_version": FORMAT_VERSION if photo_store else 1,  # 3: a set
                "created_at": now.isoformat(timespec="seconds"),
                "okudesk": __version__,
                "post_code": post_code,
                "schema": schema,
                "photos": photo_names,
                "installation": identity or {},
            }
            keys = Keyring.load(store.data_dir)
            if keys is not None:  # the wraps travel with it: a restore needs a passphrase
                manifest["keyring"] = json.loads(keys.to_bytes())
            if photo_store:
                manifest["photo_store"] = PHOTO_STORE
                damaged = _copy_photos(photos, photo_names, out_dir / PHOTO_STORE, store.data_key)
                photo_names = [n for n in photo_names if n not in damaged]
                manifest["photos"] = photo_names
            if proof is not None:
                manifest["quick_check"] = check
                manifest["database_file"] = database.name
                manifest["database"] = {
                    "size": proof.size,
                    "page_size": proof.page_size,
                    "pages": proof.pages,
                    "sha256_tree": proof.sha256_tree,
                    "piece": HASH_PIECE,
                }
            with open(partial, "wb") as fh:
                with zipfile.ZipFile(
                    fh,
                    "w",
                    compression=zipfile.ZIP_STORED if proof else _compression_for(snapshot),
                    compresslevel=1,
                ) as archive:
                    if proof is None:  # all in the zip: hashed as it is read, one pass
                        h = hashlib.sha256()
                        with open(snapshot, "rb") as src:
                            with archive.open(_DB_MEMBER, "w", force_zip64=True) as member:
                                for block in iter(lambda: src.read(1 << 20), b""):
                                    h.update(block)
                                    member.write(block)
                        manifest["database_sha256"] = h.hexdigest()
                    if key is not None:  # only this data folder can check it (KEY_NAME)
                        manifest["authentication"] = {
                            "alg": MAC_ALG,
                            "key": _key_label(key),
                            "mac": _mac(key, manifest),
                        }
                    archive.writestr(
                        _MANIFEST, json.dumps(manifest, indent=1), zipfile.ZIP_DEFLATED
                    )
                    if not photo_store:
                        for path, rel in zip(photos, photo_names, strict=True):
                            # JPEG: already compressed
                            archive.write(path, f"photos/{rel}", zipfile.ZIP_STORED)
                fh.flush()
                os.fsync(fh.fileno())
            if proof is not None:
                # the database first: without its zip it is a leftover (swept), never a backup
                files.replace(snapshot, database)
                fsync_dir(out_dir)
            # the zip read back whole, and what it names beside it present and whole (the
            # database's header and length; its hash was taken from disk by the proof)
            check_backup(partial, store.data_key)
            files.replace(partial, target)
            fsync_dir(out_dir)
        finally:  # a leftover the system will not let go of must not fail a written backup
            for leftover in (partial, snapshot):
                files.discard(leftover)
    except OSError as exc:
        raise BackupError(
            _(
                "Cadangan tidak dapat ditulis ke {path}: {reason}",
                path=out_dir,
                reason=exc.strerror or exc,
            )
        ) from exc
    kept = len(photo_names)
    size = target.stat().st_size + (proof.size if proof is not None else 0)
    info = BackupInfo(target, now, post_code, schema or "", kept, size)
    with store.write(actor=actor) as session:
        from okudesk.core.history import audit

        audit.record(
            session,
            "backup",
            summary=str(target),
            changes={"photos": [None, kept], "size": [None, info.size]},
        )
    return info


CHEAP_CHECK_BYTES = 256 * 1024 * 1024  # quick_check reads ~0.5 GB/s here: ~0.5 s at most
CHECK_EVERY = timedelta(days=7)


def _check_due(db_path: Path, backup_dir: Path, now: datetime, *, encrypted: bool = False) -> bool:
    """Whether a daily backup runs ``quick_check``: always while it is cheap (up to
    :data:`CHEAP_CHECK_BYTES`); for a larger database when no daily backup of the last
    :data:`CHECK_EVERY` was checked, so the rotation always keeps a checked one (the weekly
    backups are) and damage is found within a week (docs/backups.md).

    An ``encrypted`` database follows the weekly rule at any size: every page the copy reads
    is authenticated by SQLCipher (HMAC-SHA512), so a page damaged on the disk already fails
    the copy, and decrypting every page a second time would double a backup's work."""
    try:
        if not encrypted and db_path.stat().st_size <= CHEAP_CHECK_BYTES:
            return True
    except OSError:
        return True
    for path in reversed(list_backups(backup_dir)):
        try:
            if now - datetime.fromtimestamp(path.stat().st_mtime) >= CHECK_EVERY:
                break
            with zipfile.ZipFile(path) as archive:
                if json.loads(archive.read(_MANIFEST)).get("quick_check") is True:
                    return False
        except (OSError, KeyError, ValueError, zipfile.BadZipFile):
            continue
    return True


def _copy_database(
    source: Path, snapshot: Path, *, prove: bool, check: bool = True, key: bytes | None = None
) -> CopyProof | None:
    """The one place a backup's database is written: SQLite's backup API copies ``source``
    to ``snapshot`` (fsynced), with ``check`` while ``PRAGMA quick_check`` reads ``source``
    beside it; with ``prove``, the copy is read back from disk (:func:`prove_copy`: header,
    length, hash)."""
    try:
        if prove:
            problems, proof = backup_proven(source, snapshot, check=check, key=key)
        else:
            problems, proof = backup_checked(source, snapshot, check=check, key=key), None
    except CopyDamaged as exc:
        raise BackupError(
            _("Salinan basis data tidak utuh, cadangan tidak dibuat: {problem}", problem=exc)
        ) from exc
    if problems:
        raise BackupError(
            _("Basis data rusak, cadangan tidak dibuat: {problem}", problem=problems[0])
        )
    return proof


def _post_code(db_path: Path, key: bytes | None = None) -> str:
    """This installation's post code as the database says (read without SQLAlchemy)."""
    try:
        con = read_only(db_path, key)
        try:
            row = con.execute("SELECT value FROM store_meta WHERE key='post_code'").fetchone()
        finally:
            con.close()
    except cipher.Error:
        row = None
    return str(row[0]) if row and row[0] else "okudesk"


def _database_beside(zip_path: Path) -> Path:
    """Where a daily backup keeps its database: ``<name>.sqlite3`` beside ``<name>.zip``."""
    return zip_path.with_suffix(".sqlite3")


def _compression_for(path: Path) -> int:
    """Deflate (fast level) only what deflates: a sample of blocks across the file decides,
    so an encrypted or already compressed database is stored as it is, not recompressed."""
    size = path.stat().st_size
    block, samples = 1 << 16, 16
    raw = packed = 0
    with open(path, "rb") as fh:
        for i in range(samples):
            fh.seek(size * i // samples)
            data = fh.read(block)
            raw += len(data)
            packed += len(zlib.compress(data, 1))
    return zipfile.ZIP_DEFLATED if raw and packed < raw * 0.9 else zipfile.ZIP_STORED


def _copy_photos(
    photos: list[Path], names: list[str], store_dir: Path, key: bytes | None = None
) -> set[str]:
    """Copy into the photo store the photos it does not hold yet (their name is their
    SHA-256, checked while copying: of the photo itself, unsealed with the store's ``key``
    when it is sealed; the copy stays sealed). Returns the damaged ones, left out: one
    unreadable photo must not stop every backup after it (a good copy already kept is
    kept)."""
    damaged = set()
    folders = set()
    files_key = sealed.files_key(key) if key is not None else None
    for path, rel in zip(photos, names, strict=True):
        target = store_dir / rel
        if target.exists():
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = target.with_name(target.name + PARTIAL)
        try:
            data = path.read_bytes()  # a photo: a few MB at most (records/photos.py)
            plain = data
            if files_key is not None and data.startswith(sealed.MAGIC):
                try:
                    plain = sealed.unseal(data, files_key, path.name)
                except sealed.Unsealable:
                    plain = b""  # altered, or not this store's: damaged
            with open(partial, "wb") as dst:
                dst.write(data)
                dst.flush()
                os.fsync(dst.fileno())
            if hashlib.sha256(plain).hexdigest() != path.stem:
                logging.getLogger(__name__).warning("damaged photo left out of the backup: %s", rel)
                damaged.add(rel)
                continue
            files.replace(partial, target)
        finally:
            files.discard(partial)
        folders.add(target.parent)
    for folder in folders:
        fsync_dir(folder)
    if folders:
        fsync_dir(store_dir)
    return damaged


def _photo_source(archive: zipfile.ZipFile, manifest: dict, rel: str) -> Path | None:
    """Where a backup keeps the photo ``rel`` outside its zip (None: inside it)."""
    folder = manifest.get("photo_store")
    if not folder or archive.filename is None:
        return None
    if folder != PHOTO_STORE or not _PHOTO_NAME.fullmatch(rel):  # no path from a manifest
        return Path(archive.filename).parent / PHOTO_STORE / "-" / "-"  # missing
    return Path(archive.filename).parent / PHOTO_STORE / rel


def _has_photo(archive: zipfile.ZipFile, manifest: dict, rel: str) -> bool:
    outside = _photo_source(archive, manifest, rel)
    return outside.is_file() if outside is not None else f"photos/{rel}" in archive.namelist()


def _read_photo(archive: zipfile.ZipFile, manifest: dict, rel: str) -> bytes:
    outside = _photo_source(archive, manifest, rel)
    return outside.read_bytes() if outside is not None else archive.read(f"photos/{rel}")


_DATABASE_NAME = re.compile(r"okudesk-[A-Za-z0-9_.-]+\.sqlite3")


def _separate(manifest: dict) -> bool:
    """Whether the backup keeps its database beside the zip (the daily backups)."""
    return "database_file" in manifest


def _database_of(archive: zipfile.ZipFile, manifest: dict) -> Path:
    """The database file a daily backup names beside its zip (a bare name: a manifest
    cannot point anywhere else)."""
    name = manifest.get("database_file")
    if (
        not isinstance(name, str)
        or not _DATABASE_NAME.fullmatch(name)
        or not isinstance(manifest.get("database"), dict)
        or archive.filename is None
    ):
        raise BackupError(
            _("Berkas cadangan rusak atau bukan cadangan okudesk: {path}", path=archive.filename)
        )
    return Path(archive.filename).parent / name


def _copy_to(src: IO[bytes], partial: Path) -> None:
    with open(partial, "wb") as dst:
        shutil.copyfileobj(src, dst, 1 << 20)
        dst.flush()
        os.fsync(dst.fileno())


def _open(path: Path) -> tuple[zipfile.ZipFile, dict]:
    try:
        archive = zipfile.ZipFile(path)
    except (OSError, zipfile.BadZipFile) as exc:
        raise BackupError(
            _("Berkas cadangan rusak atau bukan cadangan okudesk: {path}", path=path)
        ) from exc
    try:
        manifest = json.loads(archive.read(_MANIFEST))
        if manifest.get("format") != FORMAT:
            raise ValueError("not an okudesk backup")
        if _DB_MEMBER not in archive.namelist() and "database_file" not in manifest:
            raise ValueError("no database")
    except (KeyError, ValueError, OSError, zipfile.BadZipFile) as exc:
        archive.close()
        raise BackupError(
            _("Berkas cadangan rusak atau bukan cadangan okudesk: {path}", path=path)
        ) from exc
    if manifest.get("format_version", 0) > FORMAT_VERSION:
        archive.close()
        raise BackupError(_("Cadangan dibuat oleh okudesk yang lebih baru; perbarui okudesk"))
    return archive, manifest


def check_backup(path: Path | str, key: bytes | None = None) -> dict:
    """Read a backup back completely (zip checksums of every member); returns its manifest.
    ``key``: the data key its database is encrypted with, when known (a fuller check)."""
    path = Path(path)
    archive, manifest = _open(path)
    with archive:
        try:
            bad = archive.testzip()
        except (OSError, zipfile.BadZipFile, EOFError, zlib.error) as exc:
            raise BackupError(_("Berkas cadangan rusak: {path}", path=path)) from exc
        if bad is not None:
            raise BackupError(
                _("Berkas cadangan rusak: {member} dalam {path}", member=bad, path=path)
            )
        if _separate(manifest):
            _check_database_beside(archive, manifest, key)
        missing = [p for p in manifest.get("photos", []) if not _has_photo(archive, manifest, p)]
        if missing:
            raise BackupError(
                _("Berkas cadangan tidak lengkap: {member} tidak ada", member=missing[0])
            )
    return manifest


def _check_database_beside(
    archive: zipfile.ZipFile, manifest: dict, key: bytes | None = None
) -> None:
    """The database a daily backup keeps beside its zip is there, whole by its header and
    of the length the manifest says (its hash: :func:`verify_backup`)."""
    database = _database_of(archive, manifest)
    if not database.is_file():
        raise BackupError(
            _("Berkas cadangan tidak lengkap: {member} tidak ada", member=database.name)
        )
    try:
        size, page_size, pages = header_of(database, key)
    except (OSError, CopyDamaged) as exc:
        raise BackupError(
            _("Berkas cadangan rusak: {member} dalam {path}", member=database.name, path=database)
        ) from exc
    recorded = manifest["database"]
    if (size, page_size, pages) != (
        recorded.get("size"),
        recorded.get("page_size"),
        recorded.get("pages"),
    ):
        raise BackupError(
            _("Berkas cadangan rusak: {member} dalam {path}", member=database.name, path=database)
        )


def verify_backup(path: Path | str) -> dict:
    """:func:`check_backup` and the database's hash too (reads the whole database once)."""
    path = Path(path)
    manifest = check_backup(path)
    archive, manifest = _open(path)
    with archive:
        if _separate(manifest):
            digest = sha256_tree(_database_of(archive, manifest))
            good = digest == manifest["database"].get("sha256_tree")
        else:
            h = hashlib.sha256()
            with archive.open(_DB_MEMBER) as member:
                for block in iter(lambda: member.read(1 << 20), b""):
                    h.update(block)
            good = h.hexdigest() == manifest.get("database_sha256")
    if not good:
        raise BackupError(
            _("Basis data dalam cadangan tidak cocok dengan manifesnya: {path}", path=path)
        )
    return manifest


# --- automatic backups ----------------------------------------------------------------------


def list_backups(backup_dir: Path, kind: str = DAILY) -> list[Path]:
    """Complete backups of one kind in ``backup_dir``, oldest first."""
    if not backup_dir.is_dir():
        return []
    return sorted(
        backup_dir.glob(f"okudesk-{kind}-*.zip"), key=lambda p: (p.stat().st_mtime, p.name)
    )


def last_daily(backup_dir: Path) -> datetime | None:
    """When the newest complete daily backup was written (None: there is none)."""
    existing = list_backups(backup_dir)
    return datetime.fromtimestamp(existing[-1].stat().st_mtime) if existing else None


def daily_due(backup_dir: Path, now: datetime | None = None) -> bool:
    """Whether the day's backup is still to be made: none yet, or the last a day old."""
    last = last_daily(backup_dir)
    return last is None or (now or datetime.now()) - last >= timedelta(days=1)


class _Lock:
    """An advisory lock on ``cadangan.lock`` in the backup folder, so one process at a time
    writes daily backups (a second start while one runs leaves it alone). The operating
    system lets go of it when the holder ends, killed or not."""

    def __init__(self, path: Path):
        self.path = path
        self.fd: int | None = None

    def acquire(self) -> bool:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as exc:
            raise BackupError(
                _(
                    "Cadangan tidak dapat ditulis ke {path}: {reason}",
                    path=self.path.parent,
                    reason=exc.strerror or exc,
                )
            ) from exc
        try:
            if sys.platform == "win32":
                import msvcrt

                msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
            else:
                import fcntl

                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            os.close(fd)
            return False
        self.fd = fd
        return True

    def release(self) -> None:
        if self.fd is not None:
            os.close(self.fd)  # closing the file lets go of the lock
            self.fd = None


def daily_if_due(
    store: Store,
    *,
    keep: int = KEEP,
    weekly: int = KEEP_WEEKLY,
    monthly: int = KEEP_MONTHLY,
    now: datetime | None = None,
    force: bool = False,
    early: EarlyDaily | None = None,
) -> BackupInfo | None:
    """A backup into ``backups/`` when the last one is a day old or more (or ``force``).

    Run by ``okudesk backup --daily``, which the workstation starts as a process of its own
    (docs/backups.md). None when not due or when another process is writing one. What a
    run cut short left behind (``*.partial``) is deleted first, and the backup is made again.
    ``early``: the copy started before the store was opened (its lock, its draft).
    """
    if early is not None:
        taken = early.result()
        if taken is not None:
            lock, draft = taken
            try:
                if draft is None:
                    return None  # another process is writing one, or none is due
                return _daily(store, keep, weekly, monthly, draft)
            finally:
                lock.release()
        # the early copy could not be made (the folder busy, a migration to come, an
        # error): the usual way, which says why if it fails too
    now = now or datetime.now()
    lock = _Lock(store.backup_dir / LOCK_NAME)
    if not lock.acquire():
        return None
    try:
        _sweep(store.backup_dir)
        if not force and not daily_due(store.backup_dir, now):
            return None
        return _daily(store, keep, weekly, monthly, None)
    finally:
        lock.release()


def _daily(store: Store, keep: int, weekly: int, monthly: int, draft: _Draft | None) -> BackupInfo:
    info = write_backup(
        store,
        store.backup_dir,
        kind=DAILY,
        actor=permissions.system_actor("cadangan otomatis"),
        photo_store=True,
        draft=draft,
    )
    prune(store.backup_dir, keep=keep, weekly=weekly, monthly=monthly)
    return info


class EarlyDaily:
    """The daily backup's database copy, started on a thread of its own before the store
    is opened: the copy (SQLite and hashlib let go of the GIL) and the process start
    (importing SQLAlchemy and the models, opening the store) overlap. Only plain sqlite3
    and files here. It takes the daily lock and a hold on the data folder, as the store
    would; where anything is unusual (no database yet, a restore to finish, a migration to
    come, any error) it steps aside and :func:`daily_if_due` goes the usual way."""

    def __init__(self, data_dir: Path | str, *, force: bool = False, key: bytes | None = None):
        from concurrent.futures import ThreadPoolExecutor

        self.data_dir = Path(data_dir)
        self.force = force
        self.key = key
        self._pool = ThreadPoolExecutor(1)
        self._future = self._pool.submit(self._run)
        self._pool.shutdown(wait=False)

    def result(self) -> tuple[_Lock, _Draft | None] | None:
        """(the lock held, the draft; None: not due or another process writes one), or
        None when the usual way must be taken."""
        try:
            return self._future.result()
        except Exception:  # noqa: BLE001 - stepping aside: the usual way reports it
            logging.getLogger(__name__).info("early backup copy stepped aside", exc_info=True)
            return None

    def _run(self) -> tuple[_Lock, _Draft | None] | None:
        from okudesk.core.store.migrate import SCHEMA_HEAD

        db_path = self.data_dir / DB_NAME
        if not db_path.is_file() or (self.data_dir / RESTORING_NAME).exists():
            return None
        if cipher.is_plain(db_path) == (self.key is not None):
            return None  # a plain store encrypted at a login, or a key for another file
        if cipher.read_revision(db_path, self.key) != SCHEMA_HEAD:
            return None  # the store migrates it first (with its own copy before)
        backup_dir = self.data_dir / "backups"
        lock = _Lock(backup_dir / LOCK_NAME)
        if not lock.acquire():
            return lock, None
        try:
            folderlock.hold(self.data_dir)  # FolderBusy while a restore runs
            try:
                _sweep(backup_dir)
                if not self.force and not daily_due(backup_dir):
                    return lock, None
                draft = _Draft.name(db_path, backup_dir, DAILY, self.key)
                try:
                    draft.copy(prove=True)
                except BaseException:
                    files.discard(draft.snapshot)
                    raise
                return lock, draft
            finally:
                folderlock.release(self.data_dir)
        except BaseException:
            lock.release()
            raise


def _sweep(backup_dir: Path) -> list[Path]:
    """Delete what a daily backup cut short left (only ever named ``*.partial``)."""
    # the snapshot's own journal files too (-journal, -wal, -shm)
    removed = list(backup_dir.glob(f"okudesk-{DAILY}-*{PARTIAL}*"))
    removed += list((backup_dir / PHOTO_STORE).glob(f"*/*{PARTIAL}"))
    # a database whose zip was never renamed into place (the zip makes the backup) or
    # whose zip rotation deleted just before a kill
    removed += [
        db
        for db in backup_dir.glob(f"okudesk-{DAILY}-*.sqlite3")
        if not db.with_suffix(".zip").exists()
    ]
    for leftover in removed:
        files.unlink(leftover)
    return removed


ABANDONED_AFTER = 60  # seconds without a write: a backup running writes its zip all along


def _sweep_abandoned(out_dir: Path, kind: str) -> list[Path]:
    """Delete what a backup killed part-way left on the stick (a run cut short by a kill or
    a power cut has no ``finally``): our own names ending in ``.partial`` (and the
    snapshot's journal files) not written to for a minute, so one still running elsewhere
    keeps its files."""
    cutoff = datetime.now().timestamp() - ABANDONED_AFTER
    removed = []
    for leftover in out_dir.glob(f"okudesk-{kind}-*{PARTIAL}*"):
        try:
            if leftover.is_file() and leftover.stat().st_mtime < cutoff:
                files.unlink(leftover)
                removed.append(leftover)
        except OSError:
            continue  # not ours to fight over: the backup itself is what matters
    return removed


def retained(times: dict[Path, datetime], *, daily: int, weekly: int, monthly: int) -> set[Path]:
    """Which backups a 7 daily + 4 weekly + 12 monthly rotation keeps: the newest backup of
    each of the last ``daily`` days that have one, of the last ``weekly`` weeks and of the
    last ``monthly`` months."""
    newest_first = sorted(times, key=lambda p: (times[p], p.name), reverse=True)
    keep: set[Path] = set()
    periods = (
        (daily, lambda t: t.date()),
        (weekly, lambda t: tuple(t.isocalendar())[:2]),
        (monthly, lambda t: (t.year, t.month)),
    )
    for count, period in periods:
        seen: list = []
        for path in newest_first:
            key = period(times[path])
            if key in seen:
                continue
            if len(seen) >= count:
                break
            seen.append(key)
            keep.add(path)
    return keep


def prune(
    backup_dir: Path,
    *,
    keep: int = KEEP,
    weekly: int = KEEP_WEEKLY,
    monthly: int = KEEP_MONTHLY,
) -> list[Path]:
    """Rotate the daily backups (:func:`retained`), keep the newest ``keep`` pre-migration
    copies, and drop the photo store's photos no kept backup names."""
    removed = []
    daily = list_backups(backup_dir)
    times = {p: datetime.fromtimestamp(p.stat().st_mtime) for p in daily}
    kept = retained(times, daily=keep, weekly=weekly, monthly=monthly) | set(daily[-1:])
    for old in daily:
        if old not in kept:
            files.unlink(old)  # the zip first: without it the database is a leftover
            removed.append(old)
            beside = _database_beside(old)
            if beside.exists():
                files.unlink(beside)
                removed.append(beside)
    before = sorted(backup_dir.glob("okudesk-before-*.sqlite3"), key=lambda p: p.stat().st_mtime)
    for old in before[:-keep] if keep > 0 else []:
        files.unlink(old)
        removed.append(old)
    removed += _prune_photo_store(backup_dir, [p for p in daily if p in kept])
    return removed


def _prune_photo_store(backup_dir: Path, kept: list[Path]) -> list[Path]:
    store_dir = backup_dir / PHOTO_STORE
    if not store_dir.is_dir():
        return []
    named: set[str] = set()
    for path in kept:
        try:
            with zipfile.ZipFile(path) as archive:
                manifest = json.loads(archive.read(_MANIFEST))
        except (OSError, KeyError, ValueError, zipfile.BadZipFile):
            return []  # a backup that cannot be read: delete nothing it might need
        if manifest.get("photo_store") == PHOTO_STORE:
            named.update(manifest.get("photos", []))
    removed = []
    for photo in store_dir.glob("*/*.jpg"):
        if photo.relative_to(store_dir).as_posix() not in named:
            files.unlink(photo)
            removed.append(photo)
    return removed


# --- restoring -----------------------------------------------------------------------------


def restore(
    data_dir: Path | str,
    source: Path | str,
    *,
    actor: permissions.Actor | None,
    reenrol: bool = False,
    key: bytes | None = None,
    passphrase: str | None = None,
) -> RestoreInfo:
    """Replace the data folder's database with a backup (okudesk must not have it open).

    ``source`` is a backup zip, or a bare database copy (the pre-migration copies in
    ``backups/``). Nothing in the data folder changes unless every check passed. A backup
    this installation did not make (another post, HQ, altered) is refused (ForeignBackup)
    unless ``reenrol`` says an admin takes over its identity; into an empty data folder any
    sound backup goes, and :attr:`RestoreInfo.statement` says what was trusted.

    ``key`` is the data key of the store in use (None: plain or none). A backup is encrypted
    with the key of the store it was made of, and carries that store's key file: one of this
    installation's opens with ``key``; another's with ``passphrase`` (of an officer in its
    key file), and is then encrypted with this installation's key (``PRAGMA rekey``), or,
    in a folder with no key yet, brings its key file along.
    """
    permissions.check(actor, "backup.restore")
    data_dir, source = Path(data_dir), Path(source)
    if not source.is_file():
        raise BackupError(_("Berkas cadangan tidak ditemukan: {path}", path=source))
    data_dir.mkdir(parents=True, exist_ok=True)
    # Nobody else may have the database open while it is renamed away (on Windows the
    # rename would fail half-way); and nobody opens it until the restore is done.
    with folderlock.exclusive(data_dir):
        return _restore(data_dir, source, actor, reenrol, key, passphrase)


def _backup_key(
    manifest: dict,
    source: Path,
    key: bytes | None,
    passphrase: str | None,
    actor: permissions.Actor | None,
) -> tuple[bytes | None, Keyring | None]:
    """The key the backup's database opens with, and its key file (None, None: plain)."""
    doc = manifest.get("keyring")
    if doc is None:
        return None, None
    try:
        keys = Keyring.from_bytes(json.dumps(doc).encode("utf-8"), source)
    except Exception as exc:  # noqa: BLE001 - a damaged key file: a damaged backup
        raise BackupError(
            _("Berkas cadangan rusak atau bukan cadangan okudesk: {path}", path=source)
        ) from exc
    if key is not None and key_id(key) == keys.key_id:
        return key, keys
    if passphrase:
        from okudesk.core.errors import LoginFailed

        who = getattr(actor, "officer_id", None)
        try:
            return keys.unlock(passphrase, officer_id=who), keys
        except LoginFailed:
            pass
    raise BackupError(
        _(
            "Cadangan ini dikunci dengan kunci instalasi lain: pulihkan sebagai petugas yang "
            "terdaftar di cadangan itu (dengan kata sandinya), atau minta Polres memulihkan "
            "kuncinya"
        )
    )


def _restore(
    data_dir: Path,
    source: Path,
    actor: permissions.Actor | None,
    reenrol: bool,
    key: bytes | None,
    passphrase: str | None,
) -> RestoreInfo:
    from okudesk.core.history import audit, changes
    from okudesk.core.store import Store
    from okudesk.core.store.migrate import known_revisions

    photo_dir = data_dir / "photos"
    staging = data_dir / STAGING_NAME
    partial = staging.with_name(staging.name + ".partial")
    added = 0
    current = _identity_of(data_dir / DB_NAME, key)
    anchor = _acknowledged_of(data_dir / DB_NAME, key) if current is not None else None
    mac_key = installation_key(data_dir, create=False)
    adopted: Keyring | None = None  # the backup's key file, where this folder has none
    try:
        if zipfile.is_zipfile(source):
            check_backup(source)
            archive, manifest = _open(source)
            backup_key, backup_keys = _backup_key(manifest, source, key, passphrase, actor)
            with archive:
                if _separate(manifest):  # the database beside the zip: copied, then hashed
                    with open(_database_of(archive, manifest), "rb") as src:
                        _copy_to(src, partial)
                    matches = sha256_tree(partial) == manifest["database"].get("sha256_tree")
                else:
                    with archive.open(_DB_MEMBER) as src:
                        _copy_to(src, partial)
                    matches = _sha256_file(partial) == manifest.get("database_sha256")
                if not matches:
                    raise BackupError(
                        _(
                            "Basis data dalam cadangan tidak cocok dengan manifesnya: {path}",
                            path=source,
                        )
                    )
                _check_database(partial, known_revisions(), backup_key)
                # who made it, before anything of it lands here (photos included)
                statement, authenticated = _admit(
                    _identity_of(partial, backup_key),
                    current,
                    _authentic(manifest, mac_key),
                    reenrol=reenrol,
                    actor=actor,
                )
                added = _restore_photos(
                    archive, manifest, photo_dir, backup_key, key if key is not None else backup_key
                )
        else:
            backup_key = None if cipher.is_plain(source) else key  # a copy made here
            backup_keys = None
            try:
                backup_database(source, partial, backup_key)
            except Exception as exc:  # noqa: BLE001 - sqlite3 raises several kinds for "not a database"
                raise BackupError(
                    _("Berkas cadangan rusak atau bukan cadangan okudesk: {path}", path=source)
                ) from exc
            _check_database(partial, known_revisions(), backup_key)
            # a bare copy carries no authentication: it is this installation's only when it
            # is one of the copies okudesk made in this data folder's backups/
            own_copy = source.resolve().parent == (data_dir / "backups").resolve()
            statement, authenticated = _admit(
                _identity_of(partial, backup_key), current, own_copy, reenrol=reenrol, actor=actor
            )
        instance_id = _renew_instance(partial, backup_key)
        final_key = key if key is not None else backup_key
        if backup_key is not None and key is not None and backup_key != key:
            cipher.rekey(partial, backup_key, key)  # this installation's key: its key file holds
        elif backup_key is not None and key is None:
            adopted = backup_keys  # a folder without a key: the backup's key file comes too
            if adopted is not None:
                adopted.save(data_dir)  # first (a plain database beside it is encrypted)
        files.replace(partial, staging)
        fsync_dir(data_dir)
    except OSError as exc:
        raise BackupError(
            _("Cadangan tidak dapat dipulihkan: {reason}", reason=exc.strerror or exc)
        ) from exc
    finally:
        files.discard(partial)
    # From here a crash leaves the staged copy for the next start to finish (the restore
    # the user asked for); a failure must not: the staged copy goes, the database stays.
    try:
        replaced = put_aside(data_dir)
    except PartlyAside as exc:
        raise BackupError(_finished_later(exc)) from exc
    except OSError as exc:
        files.discard(staging)
        raise BackupError(_not_restored(exc)) from exc
    try:
        files.replace(staging, data_dir / DB_NAME)
    except OSError as exc:
        if replaced is not None:
            try:
                put_back(replaced, data_dir)
            except OSError as undo:
                raise BackupError(_finished_later(undo)) from exc
        files.discard(staging)
        raise BackupError(_not_restored(exc)) from exc
    fsync_dir(data_dir)
    with Store.open(data_dir, key=final_key) as store, store.write(actor=actor) as session:
        changes.note_everything(session)  # another database took this one's place
        # the restored trail must still hold what HQ had acknowledged to the one replaced
        trail_problem = (audit.anchor_problem(session, anchor) or "") if anchor else ""
        audit.record(
            session,
            "restore",
            summary=str(source),
            changes={
                "replaced": [None, str(replaced) if replaced else None],
                "instance": [None, instance_id],
                "photos_added": [None, added],
                "trusted": [None, statement],
                **({"audit_trail": [None, trail_problem]} if trail_problem else {}),
            },
        )
    return RestoreInfo(
        source, replaced, instance_id, added, authenticated, statement, trail_problem, final_key
    )


def _not_restored(exc: OSError) -> str:
    return _(
        "Cadangan tidak dipulihkan: basis data yang sekarang sedang dipakai program lain "
        "({reason}); data tidak diubah. Tutup program lain lalu coba lagi",
        reason=exc.strerror or exc,
    )


def _finished_later(exc: OSError) -> str:
    return _(
        "Pemulihan terhenti di tengah ({reason}); tutup okudesk dan program lain, lalu buka "
        "okudesk lagi: pemulihan diselesaikan saat itu",
        reason=exc.strerror or exc,
    )


def _check_database(path: Path, known: set[str], key: bytes | None = None) -> None:
    problems = integrity_problems(path, key=key)
    if problems:
        raise BackupError(_("Basis data dalam cadangan rusak: {problem}", problem=problems[0]))
    try:
        revision = cipher.read_revision(path, key)
    except Exception as exc:  # noqa: BLE001
        raise BackupError(
            _("Berkas cadangan rusak atau bukan cadangan okudesk: {path}", path=path)
        ) from exc
    if revision is None:
        raise BackupError(_("Berkas cadangan rusak atau bukan cadangan okudesk: {path}", path=path))
    if revision not in known:
        raise BackupError(_("Cadangan dibuat oleh okudesk yang lebih baru; perbarui okudesk"))


def _restore_photos(
    archive: zipfile.ZipFile,
    manifest: dict,
    photo_dir: Path,
    backup_key: bytes | None,
    key: bytes | None,
) -> int:
    """Add the backup's photos that are missing here; each must match its hash (its name).
    A backup's photos are sealed with its store's key (``backup_key``); here they are sealed
    with this store's (``key``), nothing in plain text in an encrypted folder."""
    from okudesk.core.records.photos import photo_path

    added = 0
    for rel in manifest.get("photos", []):
        sha = Path(rel).stem
        target = photo_path(photo_dir, sha)
        if target.exists():
            continue
        data = _read_photo(archive, manifest, rel)
        try:
            if data.startswith(sealed.MAGIC):
                if backup_key is None:
                    raise sealed.Unsealable(rel)
                data = sealed.unseal(data, sealed.files_key(backup_key), target.name)
        except sealed.Unsealable as exc:
            raise BackupError(_("Foto dalam cadangan rusak: {name}", name=rel)) from exc
        if hashlib.sha256(data).hexdigest() != sha:
            raise BackupError(_("Foto dalam cadangan rusak: {name}", name=rel))
        if key is not None:
            data = sealed.seal(data, sealed.files_key(key), target.name)
        files.write_atomically(target, data)
        added += 1
    return added


def _renew_instance(db_path: Path, key: bytes | None = None) -> str:
    """A new instance ID in the copy before it is used (a crash cannot skip this step)."""
    from sqlalchemy import create_engine

    from okudesk.core.history import versioning

    engine = create_engine(
        f"sqlite:///{db_path}", creator=lambda: cipher.connect(db_path, key), module=cipher.dbapi
    )
    try:
        with engine.begin() as conn:
            return versioning.renew_instance(conn)
    finally:
        engine.dispose()
