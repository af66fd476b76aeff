"""Core list queries, the home page summary and the unexported-changes count (no Qt)."""

from datetime import date, datetime, timedelta

from okudesk.core import dashboard, listing, meetings, settings, stats, versioning
from okudesk.core.followups import FollowUpInput
from okudesk.core.listing import ListFilter


def test_keys_and_rows_follow_filters_and_sorting(store, yesterday):
    with store.write() as s:
        a = meetings.create_meeting(s, meetings.MeetingInput(starts_at=yesterday, purpose="Sambang ke rumah ketua RT"))
        b = meetings.create_meeting(s, meetings.MeetingInput(starts_at=yesterday - timedelta(days=40), purpose="Rapat koordinasi KPU"))
    with store.read() as s:
        keys = listing.keys(s, listing.MEETINGS)
        rows = listing.rows(s, listing.MEETINGS, list(keys))
        assert [rows[k][0] for k in keys] == [a.id, b.id]  # newest first
        asc = listing.keys(s, listing.MEETINGS, sort="starts_at", descending=False)
        assert list(asc) == list(reversed(keys))
        recent = listing.keys(s, listing.MEETINGS, ListFilter(date_from=(yesterday - timedelta(days=2)).date()))
        assert [rows[k][0] for k in recent] == [a.id]
        assert [rows[k][0] for k in listing.keys(s, listing.MEETINGS, ListFilter(text="koordinasi kpu"))] == [b.id]
        assert len(listing.keys(s, listing.MEETINGS, ListFilter(text="  ,, "))) == 2  # no words: no text filter
        assert listing.key_of(s, listing.MEETINGS, a.id) == keys[0]


def test_dashboard_and_unexported_changes(store, yesterday):
    today = date.today()
    with store.write() as s:
        meetings.create_meeting(s, meetings.MeetingInput(
            starts_at=datetime.combine(today, datetime.min.time()), purpose="Jumat Curhat",
            follow_ups=[FollowUpInput("Patroli", due_date=today - timedelta(days=1)),
                        FollowUpInput("Undang tokoh", due_date=today + timedelta(days=2))]))
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
