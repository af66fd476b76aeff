"""The store itself: the data folder's database opened through SQLAlchemy.

Open it with :meth:`Store.open`, which migrates the schema (after a backup) and seeds the
reference data. Services receive a session from :meth:`Store.read` or :meth:`Store.write`.
Import it from the package: ``from okudesk.core.store import Store``.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import create_engine
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session, sessionmaker

from okudesk.core import folderlock, permissions, sealed
from okudesk.core.errors import StoreError, StoreLocked
from okudesk.core.history import audit, changes, versioning
from okudesk.core.i18n import _
from okudesk.core.store import DB_NAME, RESTORING_NAME, cipher, faults, keyring, migrate, pragmas
from okudesk.core.store.encrypting import encrypt_in_place
from okudesk.core.store.keyring import Keyring
from okudesk.core.store.restoring import finish_interrupted_restore

log = logging.getLogger(__name__)


class OkudeskSession(Session):
    """Sessions of the okudesk store: changes are audited, then version-stamped, on flush,
    and what a commit changed is reported (history.changes)."""


audit.install(OkudeskSession)  # first: versioning stamps the audit entries it adds
versioning.install(OkudeskSession)
changes.install(OkudeskSession)


class Store:
    def __init__(self, data_dir: Path, engine: Engine, data_key: bytes | None = None):
        self.data_dir = data_dir
        self.engine = engine
        # The key the database is encrypted with (None: a plain store, see :meth:`open`).
        self.data_key = data_key
        # Who acts in sessions that do not name an actor (okudesk.core.permissions.Actor): the
        # GUI sets the logged-in officer and clears it on lock; the CLI sets the console.
        self.actor: permissions.Actor | None = None
        self._holds_folder = False  # Store.open's claim on the data folder (core/folderlock)
        self._sealing = False  # its files are sealed with its key (core/sealed.py)
        self._closed = False
        self._reader = sessionmaker(engine, class_=OkudeskSession, expire_on_commit=False)
        self._writer = sessionmaker(
            engine.execution_options(**{pragmas.WRITE_OPTION: True}),
            class_=OkudeskSession,
            expire_on_commit=False,
        )

    @property
    def db_path(self) -> Path:
        return self.data_dir / DB_NAME

    @property
    def photo_dir(self) -> Path:
        return self.data_dir / "photos"

    @property
    def backup_dir(self) -> Path:
        return self.data_dir / "backups"

    @classmethod
    def open(cls, data_dir: Path | str, *, key: bytes | None = None, seed: bool = True) -> Store:
        """Open (creating if needed) the store in ``data_dir`` and bring its schema up to date.

        ``key`` is the data key (unwrapped from the key file by an officer's passphrase,
        security/unlocking.py). With it, a new database is created encrypted and a plain
        one is encrypted in place first (store/encrypting.py). Without it only a plain
        database opens (a first run before any officer has a passphrase, or an older
        okudesk's, until its first login); an encrypted one raises StoreLocked."""
        data_dir = Path(data_dir)
        try:
            data_dir.mkdir(parents=True, exist_ok=True)
            probe = data_dir / ".okudesk-write-test"
            probe.write_bytes(b"")
            probe.unlink()
        except OSError as exc:
            if faults.is_disk_full(exc):
                raise faults.disk_full(data_dir) from exc
            raise StoreError(
                _(
                    "Folder data {path} tidak dapat dipakai: {reason}",
                    path=data_dir,
                    reason=exc.strerror or exc,
                )
            ) from exc
        db_path = data_dir / DB_NAME
        backup_dir = data_dir / "backups"
        folderlock.hold(data_dir)  # FolderBusy while a restore runs on it
        try:
            if (data_dir / RESTORING_NAME).exists():  # only when nobody else has it open
                with folderlock.exclusive(data_dir):
                    finish_interrupted_restore(data_dir)
            if key is not None and cipher.is_plain(db_path):
                encrypt_in_place(data_dir, key)
            elif key is None and _encrypted(db_path, data_dir):
                raise StoreLocked(
                    _("Basis data terenkripsi: masuk sebagai petugas dengan kata sandi")
                )
            must_migrate = migrate.prepare(db_path, backup_dir, key)
        except BaseException as exc:
            folderlock.release(data_dir)
            if faults.is_disk_full(exc):  # the backup before a migration found no room
                needed = faults.room_needed(db_path, migrating=True)
                raise faults.disk_full(data_dir, needed) from exc
            raise
        engine = create_engine(
            f"sqlite:///{db_path}",  # a file database's pool; the creator connects
            creator=lambda: cipher.connect(db_path, key, check_same_thread=False),
            module=cipher.dbapi,
        )
        pragmas.install(engine)
        store = cls(data_dir, engine, key)
        store._holds_folder = True
        try:
            if must_migrate:
                migrate.upgrade(engine)
                with store.write() as session:
                    versioning.ensure_instance(session.connection())
                    if seed:
                        from okudesk.core.store.seed import seed_reference

                        seed_reference(session)
        except Exception as exc:
            store.close()
            if faults.is_disk_full(exc):  # not damage: SQLite says "disk is full" for both
                needed = faults.room_needed(db_path, migrating=must_migrate)
                raise faults.disk_full(data_dir, needed) from exc
            if not isinstance(exc, cipher.DatabaseError):
                raise
            raise StoreError(
                _("Basis data rusak atau bukan basis data okudesk: {path}", path=db_path)
            ) from exc
        except BaseException:
            store.close()
            raise
        if key is not None:
            try:
                _seal_files(store, key)
            except BaseException:
                store.close()
                raise
            _keep_imported_list(store)
        return store

    def _check_open(self) -> None:
        if self._closed:
            raise StoreError(_("Basis data ini sudah ditutup (dibuka lagi di tempat lain)"))

    @property
    def encrypted(self) -> bool:
        return self.data_key is not None

    def close(self) -> None:
        self._closed = True  # a closed store is not reopened behind anyone's back
        self.engine.dispose()
        if self._sealing:
            self._sealing = False
            sealed.release(self.data_dir)
        if self._holds_folder:
            self._holds_folder = False
            folderlock.release(self.data_dir)

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def read(self, actor: permissions.Actor | None = None) -> Iterator[Session]:
        """A session for reading; nothing it does is committed."""
        self._check_open()
        session = self._reader()
        session.info[permissions.ACTOR_KEY] = actor if actor is not None else self.actor
        try:
            yield session
        finally:
            session.rollback()
            session.close()

    @contextmanager
    def write(self, actor: permissions.Actor | None = None) -> Iterator[Session]:
        """A session whose work is committed as one transaction, or not at all.

        ``actor`` (default: ``self.actor``) is who acts: services check their permission
        and the audit trail records them (okudesk.core.security.accounts).
        """
        self._check_open()
        session = self._writer()
        session.info[permissions.ACTOR_KEY] = actor if actor is not None else self.actor
        try:
            yield session
            staged = session.info.pop(keyring.STAGED, None)
            if staged and self.data_key is None:
                staged = None  # a plain store has no key file yet (security/unlocking.py)
            if staged and self.data_key is not None:
                session.flush()
                keyring.apply_before_commit(self.data_dir, self.data_key, staged)
            session.commit()
            if staged:
                keyring.apply_after_commit(self.data_dir, staged)
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()


def _encrypted(db_path: Path, data_dir: Path) -> bool:
    """Whether the database is encrypted, or being encrypted: its key file exists. (An
    encrypted file looks like random bytes: without the key file the store cannot tell it
    from a file that is not a database, and migrate.prepare reports it as unreadable.)"""
    return Keyring.path(data_dir).exists()


SEALED_FILES = (("photos", "*/*.jpg"), ("reports", "*.pdf"))  # what sealed.py seals


def _seal_files(store: Store, key: bytes) -> None:
    """The folder's photos and kept reports are sealed with the store's key: registered for
    reading and writing, and, in a folder of an older plain store, sealed now, once (each
    file whole or not at all; the marker is written last, so an interrupted pass resumes)."""
    sealed.use(store.data_dir, key)
    store._sealing = True
    marker_dir = store.data_dir / "photos"
    if not sealed.is_marked(marker_dir):
        for folder, pattern in SEALED_FILES:
            sealed.seal_folder(store.data_dir / folder, key, pattern)
        sealed.mark_sealed(marker_dir)


def _keep_imported_list(store: Store) -> None:
    """The list of imported bundles beside an encrypted database (store/quick.py) written
    again from the register when it does not speak for this database file (a restore, the
    first encryption). It only speeds refusals:
    a failure to write it is logged, never raised."""
    from okudesk.core.store import quick

    if quick.imported_list_current(store.data_dir):
        return
    from sqlalchemy import select
    from sqlalchemy.exc import SQLAlchemyError

    from okudesk.core.models import SyncBundle

    try:
        with store.read(actor=None) as session:
            rows = session.execute(select(SyncBundle.sha256, SyncBundle.id)).all()
        # written even empty (a post imports none): the next opening reads its first line only
        quick.write_imported(store.data_dir, [(sha, i) for sha, i in rows if sha])
    except (OSError, SQLAlchemyError) as exc:
        log.warning("%s not written: %s", quick.IMPORTED_NAME, exc)
