import hashlib
import shutil
from pathlib import Path

import pytest
import rawdb
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from okudesk.core.errors import DatabaseTooNew, OkudeskError, StoreError
from okudesk.core.history import versioning
from okudesk.core.models import Base, Kecamatan
from okudesk.core.store import Store, migrate, pragmas

FIXTURES = Path(__file__).parent / "fixtures"


def test_pragmas_are_set_on_every_connection(store):
    with store.read() as s:
        conn = s.connection()
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() >= 5000
        # reading sessions keep a small page cache (memory), writing ones a large one (speed)
        assert conn.exec_driver_sql("PRAGMA cache_size").scalar() == -pragmas.READ_CACHE_KIB
    with store.write() as s:
        assert s.connection().exec_driver_sql("PRAGMA cache_size").scalar() == -pragmas.CACHE_KIB
    with store.read() as s:  # the same pooled connection: small again
        assert (
            s.connection().exec_driver_sql("PRAGMA cache_size").scalar() == -pragmas.READ_CACHE_KIB
        )
    assert pragmas.READ_CACHE_KIB <= 4096


def test_schema_head_constant_matches_alembic():
    assert migrate.SCHEMA_HEAD == migrate.head_revision()


def test_migrations_build_exactly_the_models(tmp_path):
    """The migrations and the models must not drift apart."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from okudesk.core.store import search

    store = Store.open(tmp_path)
    with store.engine.connect() as conn:
        # the FTS5 indexes (virtual tables) are not models: store/search.py owns them
        skip = {
            "include_name": lambda name, type_, _p: (
                not (type_ == "table" and search.is_search_table(name))
            )
        }
        diff = compare_metadata(MigrationContext.configure(conn, opts=skip), Base.metadata)
    store.close()
    assert diff == []


def test_ddl_is_atomic(store):
    with pytest.raises(RuntimeError):
        with store.write() as s:
            s.execute(text("CREATE TABLE half_done (x INTEGER)"))
            s.execute(text("INSERT INTO half_done VALUES (1)"))
            raise RuntimeError("power cut")
    with store.read() as s:
        assert (
            s.execute(text("SELECT count(*) FROM sqlite_master WHERE name='half_done'")).scalar()
            == 0
        )


def test_foreign_keys_are_enforced(store):
    from okudesk.core.models import Desa

    with pytest.raises(IntegrityError):
        with store.write() as s:
            s.add(Desa(kecamatan_id="no-such-kecamatan", name="X"))
            s.flush()


def test_database_from_newer_okudesk_is_refused_and_left_untouched(tmp_path):
    Store.open(tmp_path).close()
    db = tmp_path / "okudesk.sqlite3"
    con = rawdb.connect(db)
    con.execute("UPDATE alembic_version SET version_num = '9999_from_the_future'")
    con.commit()
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()
    before = hashlib.sha256(db.read_bytes()).hexdigest()
    with pytest.raises(DatabaseTooNew, match="lebih baru"):
        Store.open(tmp_path)
    assert hashlib.sha256(db.read_bytes()).hexdigest() == before
    assert not (tmp_path / "backups").exists()


def test_not_a_database_is_refused_clearly(tmp_path):
    (tmp_path / "okudesk.sqlite3").write_bytes(b"this is a text file, not SQLite" * 100)
    with pytest.raises(StoreError, match="rusak"):
        Store.open(tmp_path)


def test_unwritable_data_folder_is_refused_clearly(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(StoreError, match="tidak dapat dipakai"):
        Store.open(blocker / "data")


def test_backup_is_taken_before_a_migration(tmp_path):
    store = Store.open(tmp_path)
    from alembic import command

    config = migrate.alembic_config()
    with store.engine.begin() as conn:
        config.attributes["connection"] = conn
        command.downgrade(config, "base")
    store.close()
    reopened = Store.open(tmp_path)
    reopened.close()
    backups = list((tmp_path / "backups").glob("okudesk-before-*.sqlite3"))
    assert len(backups) == 1
    con = rawdb.connect(backups[0])
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    con.close()


def test_fixture_database_from_the_first_schema_upgrades(tmp_path):
    """tests/fixtures/schema-0001.sqlite3 was made by the first released schema with demo data."""
    shutil.copy(FIXTURES / "schema-0001.sqlite3", tmp_path / "okudesk.sqlite3")
    store = Store.open(tmp_path)
    with store.read() as s:
        from okudesk.core.records import stats

        counts = stats.counts(s)
        revision = s.execute(text("SELECT version_num FROM alembic_version")).scalar()
    store.close()
    assert revision == migrate.SCHEMA_HEAD
    assert counts["meetings"] == 12 and counts["incidents"] == 30
    assert counts["posts"]["BTT"]["incidents"] == 30


def test_change_versions_only_go_up(store, yesterday):
    from okudesk.core.records import meetings

    with store.write() as s:
        m = meetings.create_meeting(
            s, meetings.MeetingInput(starts_at=yesterday, purpose="Sambang")
        )
    with store.read() as s:
        instance, counter = versioning.current(s.connection())
        from okudesk.core.models import Meeting

        row = s.get(Meeting, m.id)
        first = row.change_counter
        assert row.change_instance == instance and 0 < first <= counter
        assert row.origin_post == "BTT"
    with store.write() as s:
        data = meetings.MeetingInput(starts_at=yesterday, purpose="Sambang ke rumah Kades")
        meetings.update_meeting(s, m.id, data)
    with store.read() as s:
        assert s.get(Meeting, m.id).change_counter > first


def test_records_are_never_deleted_outright(store):
    with pytest.raises(OkudeskError, match="soft deletion"):
        with store.write() as s:
            s.delete(s.query(Kecamatan).first())
            s.flush()


def test_renewed_instance_keeps_counter(store):
    with store.write() as s:
        before_instance, before_counter = versioning.current(s.connection())
        versioning.renew_instance(s.connection())
        after_instance, after_counter = versioning.current(s.connection())
    assert before_instance != after_instance and after_counter == before_counter


def _schema(folder: Path) -> set[tuple]:
    con = rawdb.connect(folder / "okudesk.sqlite3")
    try:
        return set(
            con.execute(
                "SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'"
            )
        )
    finally:
        con.close()


def test_a_new_database_and_a_migrated_one_have_the_same_schema(tmp_path):
    """Migrations are frozen text: the schema made from nothing is the one an old file gets."""
    (tmp_path / "new").mkdir()
    (tmp_path / "old").mkdir()
    Store.open(tmp_path / "new").close()
    shutil.copy(FIXTURES / "schema-0001.sqlite3", tmp_path / "old" / "okudesk.sqlite3")
    Store.open(tmp_path / "old").close()
    new, old = _schema(tmp_path / "new"), _schema(tmp_path / "old")
    assert new == old, sorted(new ^ old)[:4]
    assert any(name == "meeting_fts_au" for _t, name, _tb, _s in new)


def test_the_search_index_holds_the_searchable_fields_of_the_field_tables(store):
    """A field made searchable in records/fields.py needs a migration that indexes it."""
    from okudesk.core.records import fields
    from okudesk.core.store import search

    with store.read() as s:
        held = {t: set(search.indexed_columns(s.connection(), t)) for t in search.TABLES}
    assert held == {t: set(cols) for t, cols in fields.indexed().items()}
