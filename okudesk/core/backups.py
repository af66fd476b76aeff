"""Backups of a data folder (database and photos) and restoring one.

A backup is one zip file: ``manifest.json`` (format, time, post, schema revision, the
database's SHA-256, the photo list), ``okudesk.sqlite3`` (a consistent snapshot taken with
SQLite's backup API while okudesk runs, checked with ``PRAGMA integrity_check``) and
``photos/ab/<sha256>.jpg``. It is written under a temporary name, flushed, fsynced and
renamed, then read back and checked, so a pulled USB stick never leaves a file that looks
complete. okudesk takes one automatically once a day at start-up (:func:`daily_if_due`,
keeping the last :data:`KEEP`) and one of the database before every migration
(``store/migrate.py``).

Restoring checks the backup first (zip checksums, the database's hash and integrity, the
photos' hashes, a schema this okudesk knows), adds its photos, puts the current database
aside under ``replaced/`` (never deleted), and gives the restored database a new instance
ID *before* it is put in place, so sync never reuses change counters (guide/sync.md). A
restore cut short by a crash is finished at the next start (``store/restoring.py``).
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
import zipfile
import zlib
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from okudesk import __version__
from okudesk.core import files, folderlock, permissions
from okudesk.core.errors import OkudeskError
from okudesk.core.files import fsync_dir
from okudesk.core.history import audit, changes
from okudesk.core.i18n import _
from okudesk.core.store import DB_NAME, RESTORING_NAME
from okudesk.core.store.backup import backup_database, integrity_problems, read_revision
from okudesk.core.store.restoring import PartlyAside, put_aside, put_back

if TYPE_CHECKING:
    from okudesk.core.store import Store

FORMAT = "okudesk-backup"
FORMAT_VERSION = 1
KEEP = 7
DAILY = "harian"
MANUAL = "cadangan"
STAGING_NAME = RESTORING_NAME
_DB_MEMBER = "okudesk.sqlite3"
_MANIFEST = "manifest.json"


class BackupError(OkudeskError):
    pass


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


def write_backup(
    store: Store, out_dir: Path | str, *, kind: str = MANUAL, actor: permissions.Actor | None = None
) -> BackupInfo:
    """Write a backup of ``store`` into ``out_dir`` (a USB stick, or ``backups/``)."""
    actor = actor if actor is not None else store.actor
    permissions.check(actor, "backup.make")
    out_dir = Path(out_dir)
    now = datetime.now()
    with store.read(actor=actor) as session:
        from okudesk.core.history import versioning

        post_code = versioning.this_post_code(session.connection()) or "okudesk"
    name = f"okudesk-{kind}-{post_code}-{now:%Y%m%d-%H%M%S}"
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        target = out_dir / f"{name}.zip"
        n = 1
        while target.exists():
            n += 1
            target = out_dir / f"{name}-{n}.zip"
        partial = target.with_name(target.name + ".partial")
        with tempfile.TemporaryDirectory(prefix="okudesk-backup-") as tmp:
            snapshot = Path(tmp) / DB_NAME
            backup_database(store.db_path, snapshot)
            problems = integrity_problems(snapshot)
            if problems:
                raise BackupError(
                    _("Basis data rusak, cadangan tidak dibuat: {problem}", problem=problems[0])
                )
            photos = _photo_files(store.photo_dir)
            photo_names = [p.relative_to(store.photo_dir).as_posix() for p in photos]
            schema = read_revision(snapshot)
            manifest = {
                "format": FORMAT,
                "format_version": FORMAT_VERSION,
                "created_at": now.isoformat(timespec="seconds"),
                "okudesk": __version__,
                "post_code": post_code,
                "schema": schema,
                "database_sha256": _sha256_file(snapshot),
                "photos": photo_names,
            }
            try:
                with open(partial, "wb") as fh:
                    with zipfile.ZipFile(fh, "w") as archive:
                        archive.writestr(
                            _MANIFEST, json.dumps(manifest, indent=1), zipfile.ZIP_DEFLATED
                        )
                        archive.write(snapshot, _DB_MEMBER, zipfile.ZIP_DEFLATED)
                        for path, rel in zip(photos, photo_names, strict=True):
                            archive.write(
                                path, f"photos/{rel}", zipfile.ZIP_STORED
                            )  # JPEG: already compressed
                    fh.flush()
                    os.fsync(fh.fileno())
                os.replace(partial, target)
                fsync_dir(out_dir)
            finally:
                if partial.exists():
                    partial.unlink()
    except OSError as exc:
        raise BackupError(
            _(
                "Cadangan tidak dapat ditulis ke {path}: {reason}",
                path=out_dir,
                reason=exc.strerror or exc,
            )
        ) from exc
    check_backup(target)
    info = BackupInfo(target, now, post_code, schema or "", len(photos), target.stat().st_size)
    with store.write(actor=actor) as session:
        audit.record(
            session,
            "backup",
            summary=str(target),
            changes={"photos": [None, len(photos)], "size": [None, info.size]},
        )
    return info


def _open(path: Path) -> tuple[zipfile.ZipFile, dict]:
    try:
        archive = zipfile.ZipFile(path)
    except (OSError, zipfile.BadZipFile) as exc:
        raise BackupError(
            _("Berkas cadangan rusak atau bukan cadangan okudesk: {path}", path=path)
        ) from exc
    try:
        manifest = json.loads(archive.read(_MANIFEST))
        if manifest.get("format") != FORMAT or _DB_MEMBER not in archive.namelist():
            raise ValueError("not an okudesk backup")
    except (KeyError, ValueError, OSError, zipfile.BadZipFile) as exc:
        archive.close()
        raise BackupError(
            _("Berkas cadangan rusak atau bukan cadangan okudesk: {path}", path=path)
        ) from exc
    if manifest.get("format_version", 0) > FORMAT_VERSION:
        archive.close()
        raise BackupError(_("Cadangan dibuat oleh okudesk yang lebih baru; perbarui okudesk"))
    return archive, manifest


def check_backup(path: Path | str) -> dict:
    """Read a backup back completely (zip checksums of every member); returns its manifest."""
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
        missing = [p for p in manifest.get("photos", []) if f"photos/{p}" not in archive.namelist()]
        if missing:
            raise BackupError(
                _("Berkas cadangan tidak lengkap: {member} tidak ada", member=missing[0])
            )
    return manifest


# --- automatic backups ----------------------------------------------------------------------


def list_backups(backup_dir: Path, kind: str = DAILY) -> list[Path]:
    """Backups of one kind in ``backup_dir``, oldest first (the name carries the time)."""
    if not backup_dir.is_dir():
        return []
    return sorted(
        backup_dir.glob(f"okudesk-{kind}-*.zip"), key=lambda p: (p.stat().st_mtime, p.name)
    )


def daily_if_due(
    store: Store, *, keep: int = KEEP, now: datetime | None = None
) -> BackupInfo | None:
    """At start-up: a backup into ``backups/`` when the last one is a day old or more."""
    now = now or datetime.now()
    existing = list_backups(store.backup_dir)
    if existing and now - datetime.fromtimestamp(existing[-1].stat().st_mtime) < timedelta(days=1):
        return None
    info = write_backup(
        store, store.backup_dir, kind=DAILY, actor=permissions.system_actor("cadangan otomatis")
    )
    prune(store.backup_dir, keep=keep)
    return info


def prune(backup_dir: Path, *, keep: int = KEEP) -> list[Path]:
    """Keep the newest ``keep`` daily backups and pre-migration copies; drop leftovers."""
    removed = []
    for old in list_backups(backup_dir)[:-keep] if keep > 0 else []:
        old.unlink()
        removed.append(old)
    before = sorted(backup_dir.glob("okudesk-before-*.sqlite3"), key=lambda p: p.stat().st_mtime)
    for old in before[:-keep] if keep > 0 else []:
        old.unlink()
        removed.append(old)
    for leftover in backup_dir.glob("*.partial"):
        leftover.unlink()
        removed.append(leftover)
    return removed


# --- restoring -----------------------------------------------------------------------------


def restore(
    data_dir: Path | str, source: Path | str, *, actor: permissions.Actor | None
) -> RestoreInfo:
    """Replace the data folder's database with a backup (okudesk must not have it open).

    ``source`` is a backup zip, or a bare database copy (the pre-migration copies in
    ``backups/``). Nothing in the data folder changes unless every check passed.
    """
    permissions.check(actor, "backup.restore")
    data_dir, source = Path(data_dir), Path(source)
    if not source.is_file():
        raise BackupError(_("Berkas cadangan tidak ditemukan: {path}", path=source))
    data_dir.mkdir(parents=True, exist_ok=True)
    # Nobody else may have the database open while it is renamed away (on Windows the
    # rename would fail half-way); and nobody opens it until the restore is done.
    with folderlock.exclusive(data_dir):
        return _restore(data_dir, source, actor)


def _restore(data_dir: Path, source: Path, actor: permissions.Actor | None) -> RestoreInfo:
    from okudesk.core.store import Store
    from okudesk.core.store.migrate import known_revisions

    photo_dir = data_dir / "photos"
    staging = data_dir / STAGING_NAME
    partial = staging.with_name(staging.name + ".partial")
    added = 0
    try:
        if zipfile.is_zipfile(source):
            check_backup(source)
            archive, manifest = _open(source)
            with archive:
                with archive.open(_DB_MEMBER) as src, open(partial, "wb") as dst:
                    shutil.copyfileobj(src, dst, 1 << 20)
                    dst.flush()
                    os.fsync(dst.fileno())
                if _sha256_file(partial) != manifest.get("database_sha256"):
                    raise BackupError(
                        _(
                            "Basis data dalam cadangan tidak cocok dengan manifesnya: {path}",
                            path=source,
                        )
                    )
                _check_database(partial, known_revisions())
                added = _restore_photos(archive, manifest, photo_dir)
        else:
            try:
                backup_database(source, partial)
            except Exception as exc:  # noqa: BLE001 - sqlite3 raises several kinds for "not a database"
                raise BackupError(
                    _("Berkas cadangan rusak atau bukan cadangan okudesk: {path}", path=source)
                ) from exc
            _check_database(partial, known_revisions())
        instance_id = _renew_instance(partial)
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
    with Store.open(data_dir) as store, store.write(actor=actor) as session:
        changes.note_everything(session)  # another database took this one's place
        audit.record(
            session,
            "restore",
            summary=str(source),
            changes={
                "replaced": [None, str(replaced) if replaced else None],
                "instance": [None, instance_id],
                "photos_added": [None, added],
            },
        )
    return RestoreInfo(source, replaced, instance_id, added)


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


def _check_database(path: Path, known: set[str]) -> None:
    problems = integrity_problems(path)
    if problems:
        raise BackupError(_("Basis data dalam cadangan rusak: {problem}", problem=problems[0]))
    try:
        revision = read_revision(path)
    except Exception as exc:  # noqa: BLE001
        raise BackupError(
            _("Berkas cadangan rusak atau bukan cadangan okudesk: {path}", path=path)
        ) from exc
    if revision is None:
        raise BackupError(_("Berkas cadangan rusak atau bukan cadangan okudesk: {path}", path=path))
    if revision not in known:
        raise BackupError(_("Cadangan dibuat oleh okudesk yang lebih baru; perbarui okudesk"))


def _restore_photos(archive: zipfile.ZipFile, manifest: dict, photo_dir: Path) -> int:
    """Add the backup's photos that are missing here; each must match its hash (its name)."""
    from okudesk.core.records.photos import photo_path, store_bytes

    added = 0
    for rel in manifest.get("photos", []):
        sha = Path(rel).stem
        target = photo_path(photo_dir, sha)
        if target.exists():
            continue
        data = archive.read(f"photos/{rel}")
        if hashlib.sha256(data).hexdigest() != sha:
            raise BackupError(_("Foto dalam cadangan rusak: {name}", name=rel))
        store_bytes(photo_dir, sha, data)
        added += 1
    return added


def _renew_instance(db_path: Path) -> str:
    """A new instance ID in the copy before it is used (a crash cannot skip this step)."""
    from sqlalchemy import create_engine

    from okudesk.core.history import versioning

    engine = create_engine(f"sqlite:///{db_path}")
    try:
        with engine.begin() as conn:
            return versioning.renew_instance(conn)
    finally:
        engine.dispose()
