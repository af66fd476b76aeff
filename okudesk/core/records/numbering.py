"""Human-facing numbers. They always carry the post code: posts number offline, and two
posts counting on their own would otherwise hand out the same number (sync guide #1)."""

from __future__ import annotations

from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session

from okudesk.core.models import NumberSequence

REGISTER_PREFIX = {"meeting": "RPT", "incident": "KJD"}


def next_value(session: Session, post_code: str, kind: str, year: int) -> int:
    """The next number in the sequence; never repeats, even after a failed save elsewhere."""
    key = (
        NumberSequence.post_code == post_code,
        NumberSequence.kind == kind,
        NumberSequence.year == year,
    )
    value = session.execute(
        update(NumberSequence)
        .where(*key)
        .values(last=NumberSequence.last + 1)
        .returning(NumberSequence.last)
    ).scalar()
    if value is None:
        session.execute(
            insert(NumberSequence).values(post_code=post_code, kind=kind, year=year, last=1)
        )
        value = 1
    return value


def reserve_block(session: Session, post_code: str, kind: str, year: int, count: int) -> int:
    """Take ``count`` numbers at once (bulk demo data); returns the first."""
    current = session.scalar(
        select(NumberSequence.last).where(
            NumberSequence.post_code == post_code,
            NumberSequence.kind == kind,
            NumberSequence.year == year,
        )
    )
    if current is None:
        session.execute(
            insert(NumberSequence).values(post_code=post_code, kind=kind, year=year, last=count)
        )
        return 1
    session.execute(
        update(NumberSequence)
        .where(
            NumberSequence.post_code == post_code,
            NumberSequence.kind == kind,
            NumberSequence.year == year,
        )
        .values(last=current + count)
    )
    return current + 1


def register_number(post_code: str, kind: str, year: int, value: int) -> str:
    """e.g. ``BTT-RPT-2026-0042``: the register number of a meeting or incident."""
    return f"{post_code}-{REGISTER_PREFIX[kind]}-{year}-{value:04d}"


def next_register_number(session: Session, post_code: str, kind: str, year: int) -> str:
    return register_number(post_code, kind, year, next_value(session, post_code, kind, year))
