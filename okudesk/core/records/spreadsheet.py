"""Lists written to Excel (.xlsx) or CSV, streamed: a million rows never sit in memory.

The workbook is written by XlsxWriter in constant-memory mode (each row goes to disk as it
is written), with real Excel dates, a frozen header row and an autofilter; a list longer
than a sheet holds goes on over more sheets, each with its header, never cut. CSV is UTF-8
with a byte-order mark, so Excel opens it in the right encoding. Either file is written
under a temporary name beside the target and renamed at the end: a failure or a cancel
leaves nothing half-written.
"""

from __future__ import annotations

import csv
import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from okudesk.core.errors import OkudeskError
from okudesk.core.i18n import _
from okudesk.core.records import listing

EXCEL_MAX_ROWS = 1_048_576  # rows of a worksheet, the header included
BATCH = 2000
DATE_FORMAT = "dd/mm/yyyy"
DATETIME_FORMAT = "dd/mm/yyyy hh:mm"
# a cell Excel would read as a formula when it opens a CSV file
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


class ExportCancelled(OkudeskError):
    """The person cancelled the export; nothing was written."""


def list_rows(
    session: Session,
    lst: listing.Listing,
    flt: listing.ListFilter,
    columns: Sequence[str],
    *,
    sort: str | None = None,
    descending: bool | None = None,
) -> tuple[int, Iterator[tuple]]:
    """(how many, the rows) of a list as its page shows it: the same filter, search and
    order, the ``columns`` (list column keys) in that order. The keys are read at once
    (4 bytes a row); the rows in batches."""
    keys = listing.keys(session, lst, flt, sort=sort, descending=descending)
    positions = [lst.column_keys.index(c) + 1 for c in columns]  # +1: the id comes first

    def rows() -> Iterator[tuple]:
        for start in range(0, len(keys), BATCH):
            batch = keys[start : start + BATCH]
            found = listing.rows(session, lst, batch)
            for key in batch:
                row = found.get(key)
                if row is not None:  # deleted since the keys were read
                    yield tuple(row[p] for p in positions)

    return len(keys), rows()


def _temporary(path: Path) -> Path:
    return path.with_name(f".{path.name}.{os.getpid()}.part")


def write(
    path: Path,
    header: Sequence[str],
    rows: Iterable[Sequence[Any]],
    *,
    progress: Callable[[int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
    sheet: str = "Data",
    max_rows: int = EXCEL_MAX_ROWS,
    widths: Sequence[int] | None = None,
) -> int:
    """Write ``rows`` under ``header`` to ``path`` (.xlsx or .csv, by its suffix); returns
    the number of rows written. ``progress(n)`` hears every few thousand rows;
    ``cancelled()`` True stops the export (:class:`ExportCancelled`), leaving no file."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in (".xlsx", ".csv"):
        raise OkudeskError(_("Berkas ekspor harus berakhiran .xlsx atau .csv: {path}", path=path))
    part = _temporary(path)
    try:
        if suffix == ".csv":
            n = _write_csv(part, header, rows, progress, cancelled)
        else:
            n = _write_xlsx(part, header, rows, progress, cancelled, sheet, max_rows, widths)
        os.replace(part, path)
    except ExportCancelled:
        part.unlink(missing_ok=True)
        raise
    except OSError as exc:
        part.unlink(missing_ok=True)
        raise OkudeskError(
            _("Berkas {path} tidak dapat ditulis: {reason}", path=path, reason=exc.strerror or exc)
        ) from exc
    except BaseException:
        part.unlink(missing_ok=True)
        raise
    return n


Progress = Callable[[int], None] | None
Cancelled = Callable[[], bool] | None


def _check(n: int, progress: Progress, cancelled: Cancelled) -> None:
    if n % BATCH == 0:
        if cancelled is not None and cancelled():
            raise ExportCancelled(_("Ekspor dibatalkan"))
        if progress is not None:
            progress(n)


def _csv_cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.strftime("%d/%m/%Y %H:%M")
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value  # shown as text, never run as a formula
    return value


def _write_csv(
    path: Path,
    header: Sequence[str],
    rows: Iterable[Sequence[Any]],
    progress: Progress,
    cancelled: Cancelled,
) -> int:
    n = 0
    with open(path, "w", encoding="utf-8-sig", newline="") as f:
        out = csv.writer(f)
        out.writerow(header)
        for row in rows:
            out.writerow([_csv_cell(v) for v in row])
            n += 1
            _check(n, progress, cancelled)
    if cancelled is not None and cancelled():
        raise ExportCancelled(_("Ekspor dibatalkan"))
    return n


def sheet_name(base: str, index: int) -> str:
    """Excel's sheet names: at most 31 characters, none of []:*?/\\."""
    clean = "".join("_" if ch in "[]:*?/\\" else ch for ch in base)[:24] or "Data"
    return clean if index == 0 else f"{clean} ({index + 1})"


class SheetWriter:
    """Rows into a workbook's sheets: dates as dates, text as text (never a formula), a new
    sheet with the header again when one is full."""

    def __init__(
        self,
        workbook: Any,
        header: Sequence[str],
        name: str,
        *,
        max_rows: int = EXCEL_MAX_ROWS,
        widths: Sequence[int] | None = None,
    ):
        self.workbook = workbook
        self.header = list(header)
        self.name = name
        self.per_sheet = max_rows - 1
        self.widths = widths
        self.bold = workbook.add_format({"bold": True, "bg_color": "#DDE4EE", "border": 1})
        self.date = workbook.add_format({"num_format": DATE_FORMAT})
        self.datetime = workbook.add_format({"num_format": DATETIME_FORMAT})
        self.sheets: list[Any] = []
        self.sheet: Any = None
        self.row = 0  # rows written on the current sheet, the header excluded
        self.written = 0

    def _new_sheet(self) -> None:
        if self.sheet is not None:
            self._close_sheet()
        ws = self.workbook.add_worksheet(sheet_name(self.name, len(self.sheets)))
        for col, title in enumerate(self.header):
            width = self.widths[col] if self.widths and col < len(self.widths) else 16
            ws.set_column(col, col, width)
            ws.write_string(0, col, str(title), self.bold)
        ws.freeze_panes(1, 0)
        self.sheets.append(ws)
        self.sheet, self.row = ws, 0

    def _close_sheet(self) -> None:
        if self.sheet is not None and self.header:
            self.sheet.autofilter(0, 0, max(self.row, 1), len(self.header) - 1)

    def append(self, values: Sequence[Any]) -> None:
        if self.sheet is None or self.row >= self.per_sheet:
            self._new_sheet()
        ws, r = self.sheet, self.row + 1
        for col, v in enumerate(values):
            if v is None or v == "":
                continue
            if isinstance(v, datetime):
                ws.write_datetime(r, col, v, self.datetime)
            elif isinstance(v, date):
                ws.write_datetime(r, col, datetime(v.year, v.month, v.day), self.date)
            elif isinstance(v, bool):
                ws.write_boolean(r, col, v)
            elif isinstance(v, int | float):
                ws.write_number(r, col, v)
            else:
                ws.write_string(r, col, str(v))
        self.row += 1
        self.written += 1

    def finish(self) -> None:
        if self.sheet is None:
            self._new_sheet()  # an empty list still gets its header
        self._close_sheet()


def _write_xlsx(
    path: Path,
    header: Sequence[str],
    rows: Iterable[Sequence[Any]],
    progress: Progress,
    cancelled: Cancelled,
    sheet: str,
    max_rows: int,
    widths: Sequence[int] | None,
) -> int:
    import xlsxwriter

    workbook = xlsxwriter.Workbook(
        str(path),
        {"constant_memory": True, "tmpdir": str(path.parent), "strings_to_formulas": False},
    )
    try:
        out = SheetWriter(workbook, header, sheet, max_rows=max_rows, widths=widths)
        for row in rows:
            out.append(row)
            _check(out.written, progress, cancelled)
        if cancelled is not None and cancelled():
            raise ExportCancelled(_("Ekspor dibatalkan"))
        out.finish()
    finally:
        workbook.close()
    return out.written
