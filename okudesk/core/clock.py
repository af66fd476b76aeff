"""The post's time zone, and whether the laptop keeps it.

The times people type (a meeting's start, when an incident happened) are stored as the
post's wall-clock time (WIB, UTC+7), and the program takes "now" from the laptop's clock.
A laptop set to another zone (Windows installs often default to UTC-08:00 Pacific, or keep
the zone of the shop that set it up) puts wrong times on new records and on the audit
trail's local times without anyone noticing; so okudesk says so at start and in
``okudesk selftest``.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from okudesk.core.i18n import _

POST_UTC_OFFSET = timedelta(hours=7)  # WIB: Kabupaten Ogan Komering Ulu
POST_ZONE_NAME = "WIB"


def utcnow() -> datetime:
    """Now in UTC, without a zone (as every time in the store is kept)."""
    return datetime.now(UTC).replace(tzinfo=None)


def _offset_text(offset: timedelta) -> str:
    minutes = int(offset.total_seconds() // 60)
    sign = "+" if minutes >= 0 else "-"
    return f"UTC{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


def zone_problem(now: datetime | None = None) -> str | None:
    """A message when the laptop's UTC offset is not the post's; None when it is.
    ``now`` (an aware local time) is for tests; by default the laptop's clock."""
    local = now if now is not None else datetime.now().astimezone()
    offset = local.utcoffset()
    if offset is None or offset == POST_UTC_OFFSET:
        return None
    return _(
        "Zona waktu komputer ini {found}, bukan {zone} ({expected}): waktu yang tercatat akan "
        "salah. Atur zona waktu Windows ke (UTC+07:00) Bangkok, Hanoi, Jakarta.",
        found=_offset_text(offset),
        zone=POST_ZONE_NAME,
        expected=_offset_text(POST_UTC_OFFSET),
    )
