"""Core list queries, the home page summary and the unexported-changes count (no Qt)."""

from datetime import date, datetime, timedelta

from okudesk.core.history import versioning
from okudesk.core.records import dashboard, listing, meetings, settings, stats
from okudesk.core.records.followups import FollowUpInput
from okudesk.core.records.listing import ListFilter


def test_keys_and_rows_follow_filters_and_sorting(store, yesterday):
    with store.write() as s:
        a = meetings.create_meeting(
            s, meetings.MeetingInput(starts_at=yesterday, purpose="Sambang ke rumah ketua RT")
        )
        b = meetings.create_meeting(
            s,
            meetings.MeetingInput(
                starts_at=yesterday - timedelta(days=40), purpose="Rapat koordinasi KPU"
            ),
        )
    with store.read() as s:
        keys = listing.keys(s, listing.MEETINGS)
        rows = listing.rows(s, listing.MEETINGS, list(keys))
        assert [rows[k][0] for k in keys] == [a.id, b.id]  # newest first
        asc = listing.keys(s, listing.MEETINGS, sort="starts_at", descending=False)
        assert list(asc) == list(reversed(keys))
        recent = listing.keys(
            s, listing.MEETINGS, ListFilter(date_from=(yesterday - timedelta(days=2)).date())
        )
        assert [rows[k][0] for k in recent] == [a.id]
        assert [
            rows[k][0] for k in listing.keys(s, listing.MEETINGS, ListFilter(text="koordinasi kpu"))
        ] == [b.id]
        assert (
            len(listing.keys(s, listing.MEETINGS, ListFilter(text="  ,, "))) == 2
        )  # no words: no text filter
        assert listing.key_of(s, listing.MEETINGS, a.id) == keys[0]


def test_dashboard_and_unexported_changes(store, yesterday):
    today = date.today()
    with store.write() as s:
        meetings.create_meeting(
            s,
            meetings.MeetingInput(
                starts_at=datetime.combine(today, datetime.min.time()),
                purpose="Jumat Curhat",
                follow_ups=[
                    FollowUpInput("Patroli", due_date=today - timedelta(days=1)),
                    FollowUpInput("Undang tokoh", due_date=today + timedelta(days=2)),
                ],
            ),
        )
    with store.read() as s:
        d = dashboard.summary(s, today)
        assert (d.meetings_today, d.overdue_count, d.due_soon_count) == (1, 1, 1)
        assert d.last_export is None and d.days_since_export is None
        before = stats.unexported_changes(s)
        assert before >= 4  # post, meeting, two follow-ups
    with store.write() as s:
        _instance, counter = versioning.current(s.connection())
        settings.put(s, settings.LAST_EXPORTED_COUNTER, str(counter))
        settings.put(s, settings.LAST_EXPORTED_AT, (datetime.now() - timedelta(days=9)).isoformat())
    with store.read() as s:
        assert stats.unexported_changes(s) == 0
        assert dashboard.summary(s, today).days_since_export == 9


def test_row_keys_take_four_bytes_and_widen_for_a_key_that_does_not_fit(store, yesterday):
    from array import array

    with store.write() as s:
        made = [
            meetings.create_meeting(
                s,
                meetings.MeetingInput(
                    starts_at=yesterday - timedelta(days=n), purpose=f"Rapat {n}"
                ),
            )
            for n in range(3)
        ]
    with store.read() as s:
        keys = listing.keys(s, listing.MEETINGS)
        assert keys.typecode == "I" and keys.itemsize == 4
        narrow = list(keys)
    # a rowid beyond 4 bytes (SQLite allows 8): the same list, 8 bytes a key
    with store.write() as s:
        s.connection().exec_driver_sql(
            "UPDATE meeting SET rowid = ? WHERE id = ?", (2**32 + 7, made[2].id)
        )
    with store.read() as s:
        keys = listing.keys(s, listing.MEETINGS)
        assert keys.typecode == "q"
        assert list(keys) == narrow[:2] + [2**32 + 7]  # the oldest is last
        assert listing.rows(s, listing.MEETINGS, keys)[2**32 + 7][0] == made[2].id
        assert list(listing.keys(s, listing.MEETINGS, limit=2)) == narrow[:2]
        assert listing.keys(s, listing.MEETINGS, limit=2).typecode == "I"
        assert list(listing.keys(s, listing.MEETINGS, offset=2)) == [2**32 + 7]

    # joining chunks: in place when both are narrow, widened when one is not
    a = array("I", [1, 2])
    assert listing.extend_keys(a, array("I", [3])) is a and list(a) == [1, 2, 3]
    wide = listing.extend_keys(a, array("q", [2**40]))
    assert wide.typecode == "q" and list(wide) == [1, 2, 3, 2**40]
    assert a.typecode == "I" and list(a) == [1, 2, 3]  # the narrow array was not changed
    w = array("q", [2**40])
    assert listing.extend_keys(w, array("I", [5])) is w and list(w) == [2**40, 5]


def test_lists_and_is_hq_need_no_cryptography(tmp_path):
    """Opening a list asks whether this is HQ (the post column); that must not load the
    cryptography modules (~9 MB) into a workstation that never opens the sync page."""
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from okudesk.core import sync\nfrom okudesk.core.records import listing\n"
        "from okudesk.core.store import Store\n"
        f"with Store.open({str(tmp_path / 'data')!r}) as store, store.read() as s:\n"
        "    assert sync.is_hq(s) is False\n"
        "    listing.rows(s, listing.INCIDENTS, listing.keys(s, listing.INCIDENTS))\n"
        "print(sorted(m for m in sys.modules if m.startswith('cryptography')))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "[]"


def test_statements_built_once_still_take_each_calls_values(store, yesterday):
    """keys() and rows() keep their statements and bind new values each time."""
    with store.write() as s:
        made = [
            meetings.create_meeting(
                s,
                meetings.MeetingInput(
                    starts_at=yesterday - timedelta(hours=i), purpose=f"Sambang {i}"
                ),
            )
            for i in range(7)
        ]
    with store.read() as s:
        everything = list(listing.keys(s, listing.MEETINGS))
        assert len(everything) == 7
        assert list(listing.keys(s, listing.MEETINGS, limit=3)) == everything[:3]
        assert list(listing.keys(s, listing.MEETINGS, limit=3, offset=3)) == everything[3:6]
        assert list(listing.keys(s, listing.MEETINGS, offset=5)) == everything[5:]
        assert list(listing.keys(s, listing.MEETINGS, limit=2)) == everything[:2]
        first = listing.rows(s, listing.MEETINGS, everything[:2])
        other = listing.rows(s, listing.MEETINGS, everything[4:5])
        assert [first[k][0] for k in everything[:2]] == [made[0].id, made[1].id]
        assert list(other) == everything[4:5] and other[everything[4]][0] == made[4].id
        one = listing.keys(s, listing.MEETINGS, ListFilter(text="Sambang 3"), limit=10)
        assert listing.rows(s, listing.MEETINGS, list(one))[one[0]][0] == made[3].id
