"""What the GUI process holds on to besides its data."""

import linecache

import sqlalchemy

from okudesk.gui.operations import hub


def test_opening_the_store_drops_the_source_lines_pyside_left_in_linecache(tmp_path, qtbot):
    # PySide6's import hook reads every module's source into linecache; opening the store
    # (the big import of the core and SQLAlchemy) empties it
    linecache.getlines(sqlalchemy.__file__)
    assert sqlalchemy.__file__ in linecache.cache
    opened = []
    hub().open_store(tmp_path / "data", opened.append, lambda exc: opened.append(exc))
    qtbot.waitUntil(lambda: bool(opened), timeout=30_000)
    assert opened[0] is hub().store
    assert sqlalchemy.__file__ not in linecache.cache
    hub().close()
