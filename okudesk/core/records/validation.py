"""Checks shared by the services; each failure names the field in the user's language."""

from __future__ import annotations

from datetime import date, datetime
from typing import TypeVar

from okudesk.core.errors import ValidationError
from okudesk.core.i18n import _

EARLIEST = datetime(2000, 1, 1)


def text(value: str | None, label: str, *, field: str, max_len: int, required: bool = False) -> str:
    value = (value or "").strip()
    if required and not value:
        raise ValidationError(_("{field} wajib diisi", field=label), field)
    if len(value) > max_len:
        raise ValidationError(
            _("{field} terlalu panjang (maksimal {max} karakter)", field=label, max=max_len), field
        )
    return value


Day = TypeVar("Day", date, datetime)


def plausible(
    value: Day | None, label: str, *, field: str, required: bool = True, today: date | None = None
) -> Day | None:
    """Dates before 2000 or more than a year ahead are typing mistakes."""
    if value is None:
        if required:
            raise ValidationError(_("{field} wajib diisi", field=label), field)
        return None
    day = value.date() if isinstance(value, datetime) else value
    today = today or date.today()
    if day < EARLIEST.date() or day > today.replace(year=today.year + 1):
        raise ValidationError(
            _("Tanggal {field} tidak masuk akal: {value}", field=label, value=day.isoformat()),
            field,
        )
    return value
