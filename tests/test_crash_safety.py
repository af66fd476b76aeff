"""SIGKILL the real services at random moments; nothing committed may be lost (see crashkit.py)."""

import os
import sys

import pytest

sys.path.insert(0, os.path.dirname(__file__))

import crashkit  # noqa: E402

KILLS = int(os.environ.get("OKUDESK_CRASH_KILLS", "40"))


@pytest.mark.skipif(not hasattr(os, "fork"), reason="the harness forks writers (POSIX)")
def test_killed_writers_lose_nothing_that_was_committed(tmp_path):
    failures, committed, problems = crashkit.run(tmp_path / "data", KILLS, seed=20261127)
    assert failures == 0, problems
    assert committed > KILLS  # the writers really wrote between the kills


def test_the_check_notices_lost_writes_and_damaged_photos(tmp_path):
    import random

    data = tmp_path / "data"
    crashkit.prepare(data)
    reports, rng = crashkit.Reports(), random.Random(3)
    for _ in range(10):
        crashkit.cycle(data, reports, rng, max_delay=0.5)
        if reports.meetings:
            break
    assert reports.meetings and crashkit.check(data, reports) == []
    reports.add("I 00000000-0000-4000-8000-000000000000")
    assert crashkit.check(data, reports) == [
        "committed incident 00000000-0000-4000-8000-000000000000 is missing"
    ]
    reports.incidents.discard("00000000-0000-4000-8000-000000000000")
    sha = next(iter(reports.meetings.values()))[0]
    (data / "photos" / sha[:2] / f"{sha}.jpg").write_bytes(b"damaged")
    assert crashkit.check(data, reports) == [f"photo file {sha[:12]} is missing or damaged"]
