"""Schema migrations with Alembic, run at start-up after a backup.

A database stamped with a revision this okudesk does not know was made by a newer
okudesk: it is refused and left untouched (we read it through a read-only connection
before anything else opens it).
"""

from __future__ import annotations

from pathlib import Path

from okudesk.core.errors import DatabaseTooNew, StoreError
from okudesk.core.i18n import _
from okudesk.core.store import cipher
from okudesk.core.store.cipher import read_revision

TYPE_CHECKING = False  # as typing's, without importing typing (store/quick.py's path)
if TYPE_CHECKING:
    from sqlalchemy.engine import Engine

MIGRATIONS_DIR = Path(__file__).resolve().parent.parent / "migrations"

# The newest migration. Start-up compares the database with this constant and loads
# Alembic (a noticeable part of start-up time) only when there is something to migrate;
# tests/test_store.py keeps it equal to Alembic's own head.
SCHEMA_HEAD = "0015_held"


def alembic_config():
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return config


def head_revision() -> str:
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    if head is None:  # an installation without its migrations folder
        raise StoreError(
            _(
                "Migrasi basis data tidak ditemukan di {path}; pasang ulang okudesk",
                path=MIGRATIONS_DIR,
            )
        )
    return head


def known_revisions() -> set[str]:
    from alembic.script import ScriptDirectory

    return {rev.revision for rev in ScriptDirectory.from_config(alembic_config()).walk_revisions()}


def prepare(db_path: Path, backup_dir: Path, key: bytes | None = None) -> bool:
    """Whether the database must be migrated. Refuses one that is damaged (store/soundness.py)
    or made by a newer okudesk, and backs up an existing database before it is migrated."""
    from okudesk.core.store import soundness

    if soundness.check(db_path, backup_dir, key):  # missing, or empty in a folder never used
        return True
    try:
        revision = read_revision(db_path, key)
    except cipher.DatabaseError as exc:
        raise StoreError(
            _("Basis data rusak atau bukan basis data okudesk: {path}", path=db_path)
        ) from exc
    if revision == SCHEMA_HEAD:
        return False
    if revision is not None and revision not in known_revisions():
        raise DatabaseTooNew(
            _(
                "Basis data dibuat oleh okudesk yang lebih baru (skema {found}); perbarui okudesk "
                "ke versi terbaru. Basis data tidak diubah.",
                found=revision,
            )
        )
    from datetime import datetime

    from okudesk.core.store import backup

    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    backup.backup_database(
        db_path, backup_dir / f"okudesk-before-{revision or 'schema'}-{stamp}.sqlite3", key
    )
    return True


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Apply the migrations up to ``revision`` in one transaction: all of them or none."""
    from alembic import command

    config = alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, revision)
