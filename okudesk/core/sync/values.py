"""Every value arriving in a bundle or a receipt checked as a form checks a typed one.

A post's services check what people type; a row in a bundle may come from a modified
okudesk, so HQ checks every travelling table's every column by the model's own types
(text and its length, whole numbers, yes/no, dates and times in the form the database keeps,
required values), then the field tables' rules (required fields, choices, lengths) and the
few choices of the tables without a field table. One bad value refuses the whole bundle,
naming the record, the field and what is wrong: a post's honest okudesk never sends one, and
a value the lists and reports cannot read must never reach the database.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy import Boolean, Column, Date, DateTime, Integer, LargeBinary, String

from okudesk.core.i18n import _
from okudesk.core.models import INCIDENT_STATUSES
from okudesk.core.records import fields
from okudesk.core.sync import SyncRefused
from okudesk.core.sync.records import IncomingTable, TableInfo, ordered_columns


class RowRefused(SyncRefused):
    """A signed bundle or receipt carries a row its sender may not send, or a bad value."""


# How the database keeps dates and times (SQLAlchemy's SQLite storage format).
_DATETIME = re.compile(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d{1,6})?")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_KINDS = ("meeting", "incident")
# Choices of the tables without a field table: column -> allowed values.
_CHOICES: dict[str, dict[str, tuple[str, ...]]] = {
    "incident_status_change": {
        "from_status": ("", *INCIDENT_STATUSES),
        "to_status": INCIDENT_STATUSES,
    },
    "report": {"kind": _KINDS},
    "report_amendment": {"kind": _KINDS},
}

Check = Callable[[object], str | None]


def _datetime(value: object) -> bool:
    if not isinstance(value, str) or not _DATETIME.fullmatch(value):
        return False
    try:
        datetime.fromisoformat(value)
    except ValueError:
        return False
    return True


def _date(value: object) -> bool:
    if not isinstance(value, str) or not _DATE.fullmatch(value):
        return False
    try:
        date.fromisoformat(value)
    except ValueError:
        return False
    return True


def _shown(value: object) -> str:
    return repr(value)[:40]


def _column_check(column: Column[Any], caption: str) -> Check:
    nullable = bool(column.nullable)
    kind = column.type

    def required(value: object) -> str | None:
        return None if nullable else _("{field} wajib diisi", field=caption)

    if isinstance(kind, Boolean):

        def check(value: object) -> str | None:
            if value is None:
                return required(value)
            if type(value) not in (bool, int) or value not in (0, 1):
                return _("{field} bukan ya/tidak: {value}", field=caption, value=_shown(value))
            return None

    elif isinstance(kind, Integer):

        def check(value: object) -> str | None:
            if value is None:
                return required(value)
            if type(value) is not int or not -(2**63) <= value < 2**63:
                return _(
                    "{field} bukan bilangan bulat: {value}", field=caption, value=_shown(value)
                )
            return None

    elif isinstance(kind, DateTime):

        def check(value: object) -> str | None:
            if value is None:
                return required(value)
            if not _datetime(value):
                return _(
                    "{field} bukan tanggal dan waktu: {value}", field=caption, value=_shown(value)
                )
            return None

    elif isinstance(kind, Date):

        def check(value: object) -> str | None:
            if value is None:
                return required(value)
            if not _date(value):
                return _("{field} bukan tanggal: {value}", field=caption, value=_shown(value))
            return None

    elif isinstance(kind, LargeBinary):

        def check(value: object) -> str | None:
            if value is None:
                return required(value)
            return None if isinstance(value, bytes) else _("{field} bukan teks", field=caption)

    elif isinstance(kind, String):  # Text too
        limit = kind.length

        def check(value: object) -> str | None:
            if value is None:
                return required(value)
            if not isinstance(value, str):
                return _("{field} bukan teks", field=caption)
            if limit is not None and len(value) > limit:
                return _(
                    "{field} terlalu panjang (maksimal {max} karakter)", field=caption, max=limit
                )
            return None

    else:  # no such column today (tests/test_sync_authority.py checks every table's types)

        def check(value: object) -> str | None:
            return None

    return check


def _choice_check(caption: str, allowed: tuple[str, ...]) -> Check:
    def check(value: object) -> str | None:
        if value not in allowed:
            return _("{field} tidak dikenal: {value}", field=caption, value=str(value)[:40])
        return None

    return check


def checks(info: TableInfo) -> tuple[tuple[int, Check], ...]:
    """(column index, check) for every column of a travelling table, in ``info.columns``
    (built per bundle: the captions follow the language of the moment)."""
    record = fields.RECORDS.get(info.name)
    captions = {f.name: f.caption() for f in record.fields} if record else {}
    out: list[tuple[int, Check]] = []
    for k, column in enumerate(ordered_columns(info.table)):
        caption = captions.get(column.name, column.name)
        out.append((k, _column_check(column, caption)))
        allowed = _CHOICES.get(info.name, {}).get(column.name)
        if allowed:
            out.append((k, _choice_check(caption, allowed)))
    return tuple(out)


def check_tables(tables: list[IncomingTable]) -> None:
    """Refuse (RowRefused) at the first row with a value its table does not allow."""
    for t in tables:
        column_checks = checks(t.info)
        record = fields.RECORDS.get(t.info.name)
        field_check = record.row_checker(t.info.columns) if record else None
        for row in t.rows:
            problem = _first_problem(row, column_checks) or (field_check and field_check(row))
            if problem:
                raise RowRefused(
                    _(
                        "Berkas ditolak: {table} {id} tidak sah: {problem}",
                        table=t.info.name,
                        id=str(row[0])[:40],
                        problem=problem,
                    )
                )


def _first_problem(row: Sequence[object], column_checks: tuple[tuple[int, Check], ...]) -> str:
    for k, check in column_checks:
        problem = check(row[k])
        if problem:
            return problem
    return ""
