"""The login list read from the database file before SQLAlchemy loads (store/peek.py) says
what the store says, or nothing."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import rawdb

from okudesk.core import permissions
from okudesk.core.models import Officer, utcnow
from okudesk.core.records import officers
from okudesk.core.security import accounts
from okudesk.core.store import DB_NAME, RESTORING_NAME, Store, peek

FIXTURES = Path(__file__).parent / "fixtures"
PASS = "rahasia-pos-btt"


def _store_answer(store) -> tuple[bool, list[tuple[str, str, str]]]:
    with store.read() as s:
        return accounts.needs_first_admin(s), [
            (c.officer_id, c.display, c.nrp) for c in accounts.login_choices(s)
        ]


def _peek_answer(folder) -> tuple[bool, list[tuple[str, str, str]]]:
    early = peek.login_screen(folder)
    assert early is not None
    return early.first_admin, [(c.officer_id, c.display, c.nrp) for c in early.choices]


def _officer(
    store, name: str, nrp: str, *, rank: str | None = "Bripka", account: bool = True
) -> str:
    from okudesk.core.records import reference

    with store.write() as s:
        ranks = {r.name: r.id for r in reference.ranks(s)}
        o = officers.add_officer(s, name=name, nrp=nrp, rank_id=ranks[rank] if rank else None)
        if account:
            accounts.set_account(s, o.id, role="petugas", passphrase=PASS, must_change=False)
    return o.id


def test_a_post_without_accounts_asks_for_the_first_admin(store):
    assert _peek_answer(store.data_dir) == _store_answer(store) == (True, [])


def test_the_list_is_the_stores_list(store):
    _officer(store, "Zainal Abidin", "85010001")
    _officer(store, "Ayu Lestari", "90020002", rank=None)
    _officer(store, "Budi Santoso", "88030003", account=False)  # no account: not in the list
    gone = _officer(store, "Candra Wijaya", "87040004")
    away = _officer(store, "Dedi Kurnia", "86050005")
    with store.write() as s:
        s.get(Officer, gone).deleted_at = utcnow()
        s.get(Officer, away).active = False
    first, choices = _peek_answer(store.data_dir)
    assert (first, choices) == _store_answer(store)
    assert [display for _id, display, _nrp in choices] == ["Ayu Lestari", "Bripka Zainal Abidin"]


def test_a_folder_without_a_database_or_not_at_this_schema_needs_the_store(tmp_path):
    assert peek.login_screen(tmp_path / "nothing-here") is None
    older = tmp_path / "older"
    older.mkdir()
    shutil.copy(FIXTURES / "schema-0001.sqlite3", older / DB_NAME)  # migrated when the store opens
    assert peek.login_screen(older) is None
    damaged = tmp_path / "damaged"
    damaged.mkdir()
    (damaged / DB_NAME).write_bytes(b"this is not a database" * 100)
    assert peek.login_screen(damaged) is None


def test_a_restore_waiting_to_be_finished_needs_the_store(store):
    _officer(store, "Zainal Abidin", "85010001")
    (store.data_dir / RESTORING_NAME).write_bytes(b"")
    assert peek.login_screen(store.data_dir) is None


def test_a_folder_name_with_uri_characters(tmp_path):
    folder = tmp_path / "Data Pos #2 50%"  # "?" cannot be in a Windows path
    with Store.open(folder) as store:
        store.actor = permissions.system_actor("pytest")
        _officer(store, "Zainal Abidin", "85010001")
        assert _peek_answer(folder) == _store_answer(store)


def test_peeking_neither_loads_sqlalchemy_nor_changes_the_file(store):
    _officer(store, "Zainal Abidin", "85010001")
    store.close()
    before = (store.data_dir / DB_NAME).read_bytes()
    code = (
        "import sys; from pathlib import Path; from okudesk.core.store import peek; "
        "early = peek.login_screen(Path(sys.argv[1])); "
        "assert early is not None and len(early.choices) == 1, early; "
        "assert 'sqlalchemy' not in sys.modules, 'SQLAlchemy was imported'"
    )
    subprocess.run([sys.executable, "-c", code, str(store.data_dir)], check=True)
    assert (store.data_dir / DB_NAME).read_bytes() == before


@pytest.mark.parametrize("revision", ["0004_accounts", "9999_from_a_newer_okudesk"])
def test_another_schema_revision_needs_the_store(store, revision):

    _officer(store, "Zainal Abidin", "85010001")
    store.close()
    con = rawdb.connect(store.data_dir / DB_NAME)
    with con:
        con.execute("UPDATE alembic_version SET version_num = ?", (revision,))
    con.close()
    assert peek.login_screen(store.data_dir) is None


def test_the_start_path_imports_no_sqlalchemy():
    """What a cold start imports before the login screen shows (okudesk/gui/app.py): if one
    of these modules pulls in SQLAlchemy or the models, the login waits ~0.5 s longer."""
    code = (
        "import sys; import okudesk.cli, okudesk.gui.app, okudesk.gui.main_window, "
        "okudesk.gui.login, okudesk.core.store.peek; heavy = sorted(m for m in sys.modules if "
        "m.split('.')[0] in ('sqlalchemy', 'alembic', 'cryptography') or m == "
        "'okudesk.core.models'); assert not heavy, heavy"
    )
    subprocess.run(
        [sys.executable, "-c", code], check=True, env={**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    )


def test_the_start_path_leaves_pages_and_dialogs_for_later():
    """The login (gui/login.py, gui/lock_screen.py) shows before any page, dialog or form is
    imported: they are built when first shown, behind it."""
    code = (
        "import sys; import okudesk.gui.app, okudesk.gui.main_window, okudesk.gui.login; late = "
        "sorted(m for m in sys.modules if m.startswith(('okudesk.gui.pages.', "
        "'okudesk.gui.dialogs', 'okudesk.gui.forms', 'okudesk.gui.daily_backup', "
        "'okudesk.gui.table_model'))); assert not late, late"
    )
    subprocess.run(
        [sys.executable, "-c", code], check=True, env={**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    )
