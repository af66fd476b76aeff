"""Order-free, idempotent import: any order, duplication and subset of the bundles of three
posts gives HQ the same state as applying that subset once, in order."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sync_world import (
    add_incident,
    add_meeting,
    apply_receipt,
    edit_incident,
    enroll,
    export_to,
    make_hq,
    open_store,
    rename_first_kecamatan,
    state,
)

from okudesk.core.records import meetings
from okudesk.core.sync import importer

POSTS = ("AAA", "BBB", "CCC")


@pytest.fixture(scope="module")
def world():
    """Nine bundles (three rounds from three posts, incremental thanks to receipts) and an
    HQ folder as it was before any of them arrived."""
    root = Path(tempfile.mkdtemp(prefix="okudesk-sync-prop-"))
    usb = root / "usb"
    usb.mkdir()
    live = make_hq(root / "live")
    stations = {code: enroll(live, root / code, code, usb) for code in POSTS}
    live.close()
    shutil.copytree(root / "live", root / "pristine")
    live = open_store(root / "live")
    rounds: list[list[Path]] = [[], [], []]
    kept = {}
    for code, store in stations.items():
        m1 = add_meeting(store, f"Rapat pertama {code}")
        m2 = add_meeting(store, f"Rapat kedua {code}")
        kept[code] = (m1, m2, add_incident(store, f"Kejadian {code}", meeting_id=m1))
        rounds[0].append(export_to(store, usb))
    for code, store in stations.items():
        out = importer.import_bundle(live, rounds[0][POSTS.index(code)], receipt_dir=root)
        apply_receipt(store, out.receipt)
        m1, m2, incident = kept[code]
        add_incident(store, f"Anak rapat pertama {code}", meeting_id=m1)  # parent in round 1
        edit_incident(store, incident, f"Kejadian {code} (diperbaiki)")
        with store.write() as s:
            meetings.delete_meeting(s, m2)
        rename_first_kecamatan(store, f"Kecamatan menurut {code}")  # HQ's record: set aside
        rounds[1].append(export_to(store, usb))
    for code, store in stations.items():
        out = importer.import_bundle(live, rounds[1][POSTS.index(code)], receipt_dir=root)
        apply_receipt(store, out.receipt)
        edit_incident(store, kept[code][2], f"Kejadian {code} (diperbaiki lagi)")
        add_incident(store, f"Kejadian akhir {code}", meeting_id=kept[code][0])
        if code == "AAA":
            rename_first_kecamatan(store, "Kecamatan menurut AAA, lagi")
        rounds[2].append(export_to(store, usb))
    live.close()
    for store in stations.values():
        store.close()
    bundles = [b for r in rounds for b in r]
    yield root, bundles, {}
    shutil.rmtree(root, ignore_errors=True)


def _apply(root: Path, bundles: list[Path], sequence: list[int]) -> dict:
    folder = Path(tempfile.mkdtemp(dir=root))
    shutil.rmtree(folder)
    shutil.copytree(root / "pristine", folder)
    with open_store(folder) as hq:
        seen = set()
        for k in sequence:
            out = importer.import_bundle(hq, bundles[k], write_receipt=False)
            if k in seen:
                assert not out.ok and "sudah diimpor" in out.reason
            else:
                assert out.ok, out.reason
            seen.add(k)
        result = state(hq)
    shutil.rmtree(folder, ignore_errors=True)
    return result


@settings(
    max_examples=20,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(st.lists(st.integers(min_value=0, max_value=8), min_size=1, max_size=12))
def test_any_order_duplication_and_subset_converge(world, sequence):
    root, bundles, in_order = world
    subset = tuple(sorted(set(sequence)))
    if subset not in in_order:
        in_order[subset] = _apply(root, bundles, list(subset))
    assert _apply(root, bundles, sequence) == in_order[subset]


def test_all_bundles_in_reverse_order_converge_and_leave_nothing_held(world):
    root, bundles, in_order = world
    everything = tuple(range(len(bundles)))
    if everything not in in_order:
        in_order[everything] = _apply(root, bundles, list(everything))
    got = _apply(root, bundles, list(reversed(everything)))
    assert got == in_order[everything]
    assert got["sync_held"] == []
    assert len(got["sync_conflict"]) == 3  # three posts renamed HQ's kecamatan: all kept for HQ
