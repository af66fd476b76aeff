"""Rows whose parent never arrives: bounded per post, retried by index (an import costs the
same with many held as with none), listed and discarded at HQ with an audit entry."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from cli_login import first_admin
from sqlalchemy import event, func, select
from sync_world import add_incident, add_meeting, enroll, export_to, make_hq, open_store

from okudesk.cli import main
from okudesk.core.models import AuditEntry, Incident, SyncHeld
from okudesk.core.sync import importer, status

ORPHANS = 60
HELD = 2 * ORPHANS  # each incident and the first line of its status history


@pytest.fixture(scope="module")
def orphans(tmp_path_factory):
    """An HQ that never saw a post's meeting, and the post's bundle of incidents that need
    it (the meeting's bundle went to a scratch HQ, whose receipt the post applied)."""
    root = tmp_path_factory.mktemp("held")
    usb = root / "usb"
    usb.mkdir()
    hq = make_hq(root / "hq")
    post = enroll(hq, root / "post", "BTT", usb)
    other = enroll(hq, root / "other", "MRT", usb)
    meeting = add_meeting(post, "Rapat yang tidak pernah tiba")
    first = export_to(post, usb)
    hq.close()
    shutil.copytree(root / "hq", root / "scratch")
    scratch = open_store(root / "scratch")
    (o,) = [importer.import_bundle(scratch, first, receipt_dir=root)]
    from okudesk.core.sync import receipt

    assert receipt.import_receipt(post, o.receipt).ok
    scratch.close()
    for n in range(ORPHANS):
        add_incident(post, f"Anak rapat {n}", meeting_id=meeting)
    orphan_bundle = export_to(post, usb)
    add_meeting(other, "Rapat pos lain")
    later = export_to(other, usb)
    add_meeting(other, "Rapat pos lain lagi")
    later2 = export_to(other, usb)
    post.close()
    other.close()
    yield {
        "root": root,
        "orphans": orphan_bundle,
        "later": later,
        "later2": later2,
        "meeting": meeting,
    }


def _copy(world, tmp_path) -> Path:
    folder = tmp_path / "hq"
    shutil.copytree(world["root"] / "hq", folder)
    return folder


def _held_statements(store, path) -> tuple[int, importer.BundleOutcome]:
    """Import ``path``: (SQL statements naming sync_held, the outcome)."""
    seen = []

    def count(conn, cursor, statement, parameters, context, executemany):
        if "sync_held" in statement:
            seen.append(statement)

    event.listen(store.engine, "after_cursor_execute", count)
    try:
        outcome = importer.import_bundle(store, path, write_receipt=False)
    finally:
        event.remove(store.engine, "after_cursor_execute", count)
    return len(seen), outcome


def test_an_import_does_not_read_the_held_rows_of_others(orphans, tmp_path):
    """With 120 rows held from one post, a bundle from another post touches sync_held as
    often as with none held (on the old code every import read, deleted and held again
    every one of them: 42 s with 100,000)."""
    empty = tmp_path / "empty"
    shutil.copytree(orphans["root"] / "hq", empty)
    with open_store(empty) as hq:
        none_held, outcome = _held_statements(hq, orphans["later"])
        assert outcome.ok
    folder = _copy(orphans, tmp_path)
    with open_store(folder) as hq:
        held = importer.import_bundle(hq, orphans["orphans"], write_receipt=False)
        assert held.ok and held.counts["held"] == HELD
        many_held, outcome = _held_statements(hq, orphans["later"])
        assert outcome.ok and outcome.counts["released"] == 0
        with hq.read() as s:
            assert s.scalar(select(func.count()).select_from(SyncHeld)) == HELD
    assert many_held == none_held, (many_held, none_held)


def test_held_rows_over_the_limit_refuse_the_bundle_and_change_nothing(orphans, tmp_path):
    folder = _copy(orphans, tmp_path)
    with open_store(folder) as hq:
        outcome = importer.import_bundle(
            hq, orphans["orphans"], write_receipt=False, max_held=HELD - 1
        )
        assert not outcome.ok
        assert f"{HELD} data dari pos BTT akan menunggu induknya" in outcome.reason
        assert f"batas {HELD - 1}" in outcome.reason and "okudesk held" in outcome.reason
        with hq.read() as s:
            assert status.held_count(s) == 0
            assert s.scalar(select(func.count()).select_from(Incident)) == 0
        # under the limit it is applied and held; another post's rows are not counted for it
        assert importer.import_bundle(hq, orphans["orphans"], write_receipt=False, max_held=HELD).ok
        assert importer.import_bundle(hq, orphans["later"], write_receipt=False, max_held=1).ok


def test_hq_lists_and_discards_held_rows_from_the_command_line(
    orphans, tmp_path, capsys, monkeypatch
):
    folder = _copy(orphans, tmp_path)
    with open_store(folder) as hq:
        assert importer.import_bundle(hq, orphans["orphans"], write_receipt=False).ok
        admin = first_admin(hq, monkeypatch)
        with hq.read() as s:
            first = status.held_records(s, limit=1)[0]
    at_hq = ["--data-dir", str(folder), *admin]
    capsys.readouterr()
    assert main([*at_hq, "held", "list", "--limit", "5"]) == 0
    out = capsys.readouterr().out
    assert f"incident {first.record_id} pos BTT menunggu meeting:{orphans['meeting']}" in out
    assert f"... {HELD - 5} lagi ({HELD} data ditahan)" in out
    assert main([*at_hq, "held", "discard", "incident", first.record_id]) == 0
    assert "1 data ditahan dibuang." in capsys.readouterr().out
    assert main([*at_hq, "held", "discard", "incident", first.record_id]) == 1
    assert "tidak ditemukan" in capsys.readouterr().err
    assert main([*at_hq, "held", "discard", "--post", "BTT"]) == 0
    assert f"{HELD - 1} data ditahan dibuang." in capsys.readouterr().out
    assert main([*at_hq, "held", "list"]) == 0
    assert "Tidak ada data ditahan." in capsys.readouterr().out
    assert main([*at_hq, "held", "discard"]) != 0
    with open_store(folder) as hq, hq.read() as s:
        assert s.scalar(select(func.count()).select_from(SyncHeld)) == 0
        trail = [
            e.summary for e in s.scalars(select(AuditEntry).where(AuditEntry.action == "delete"))
        ]
    assert f"Data ditahan dari pos BTT dibuang (menunggu meeting:{orphans['meeting']})" in trail
    assert f"{HELD - 1} data ditahan dari pos BTT dibuang" in trail
