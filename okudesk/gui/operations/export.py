"""Writing lists and the recap to Excel or CSV files, on the worker."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QWidget

from okudesk.gui.operations import QueryOp, StoreTask


def _cell(shown: Callable[[object], object], value: object) -> object:
    if value is None or isinstance(value, bool):
        return shown(value) if value is not None else None
    if isinstance(value, date | int | float):  # a datetime is a date too
        return value
    return shown(value)


def export_list(
    *,
    parent: QWidget | None,
    listing: Any,
    flt: Any,
    sort: str | None,
    descending: bool | None,
    columns: Sequence[str],
    header: Sequence[str],
    shown: Sequence[Callable[[object], object]],
    sheet: str,
    path: Path,
    progress: Callable[[int, int], None],
    cancelled: Callable[[], bool],
) -> StoreTask[int]:
    """Write the rows of ``listing`` as its page shows them (``flt``, ``sort``) to ``path``:
    the ``columns`` under ``header``, each value as its ``shown`` function shows it, except
    dates and numbers, written as they are (Excel gets a real date). Returns the rows written;
    ``progress(done, total)`` is called from the worker."""

    def work(store):
        from okudesk.core.records import spreadsheet

        with store.read() as session:
            total, rows = spreadsheet.list_rows(
                session, listing, flt, columns, sort=sort, descending=descending
            )
            progress(0, total)
            shaped = ([_cell(f, v) for f, v in zip(shown, row, strict=True)] for row in rows)
            return spreadsheet.write(
                path,
                header,
                shaped,
                progress=lambda n: progress(n, total),
                cancelled=cancelled,
                sheet=sheet,
            )

    return StoreTask(parent, work)


def export_recap(*, parent: QWidget | None, recap: Any, path: Path) -> StoreTask[Path]:
    """The recap already on screen as a workbook: one sheet per table, native charts."""

    def work(_store):
        from okudesk.core.reports import recap_workbook

        recap_workbook.write(path, recap)
        return path

    return StoreTask(parent, work, needs_store=False)


def signers(*, parent: QWidget | None) -> QueryOp[list[tuple[str, str]]]:
    """(NRP, "name - position") of the officers who may sign, for the recap report."""

    def work(session):
        from okudesk.core.records import officers

        return [(o.nrp, f"{o.name} - {o.position}") for o in officers.list_officers(session)]

    return QueryOp(parent, work)


def recap_pdf(
    *,
    parent: QWidget | None,
    start: date,
    end: date,
    post_code: str | None,
    officer_nrp: str,
    passphrase: str | None,
    draft: bool,
    path: Path,
) -> StoreTask[Path]:
    """The signed recap report (or a draft) of the period, written to ``path``."""

    def work(store):
        from okudesk.core.records import recap
        from okudesk.core.reports import recap_report, service
        from okudesk.core.sync import discipline

        with store.read() as session:
            rows = discipline.of(session)
        result = recap_report.make(
            store,
            recap.Period(start, end),
            post_code=post_code,
            discipline=rows,
            passphrase=passphrase,
            draft=draft,
            officer_nrp=officer_nrp,
        )
        service.write_output(path, result.pdf)
        return path

    return StoreTask(parent, work)
