"""The recap as an Excel workbook: one sheet per table, with native Excel charts, from the
same :class:`~okudesk.core.records.recap.Recap` the Situasi wilayah page shows."""

from __future__ import annotations

import os
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

from okudesk.core.errors import OkudeskError
from okudesk.core.i18n import _
from okudesk.core.records.recap import Count, Recap

SEVERITY_COLORS = {
    "rendah": "#2e7d32",
    "sedang": "#f9a825",
    "tinggi": "#ef6c00",
    "kritis": "#b71c1c",
}


class _Book:
    def __init__(self, workbook: Any):
        self.wb = workbook
        self.bold = workbook.add_format({"bold": True, "bg_color": "#DDE4EE", "border": 1})
        self.title = workbook.add_format({"bold": True, "font_size": 13})
        self.date = workbook.add_format({"num_format": "dd/mm/yyyy"})
        self.datetime = workbook.add_format({"num_format": "dd/mm/yyyy hh:mm"})
        self.change = workbook.add_format({"num_format": "+0;-0;0"})

    def sheet(self, name: str, header: Sequence[str], widths: Sequence[int] = ()) -> Any:
        ws = self.wb.add_worksheet(name[:31])
        for col, text in enumerate(header):
            ws.set_column(col, col, widths[col] if col < len(widths) else 14)
            ws.write_string(0, col, text, self.bold)
        ws.freeze_panes(1, 0)
        return ws

    def row(self, ws: Any, r: int, values: Sequence[Any]) -> None:
        for col, v in enumerate(values):
            if v is None:
                continue
            if isinstance(v, datetime):
                ws.write_datetime(r, col, v, self.datetime)
            elif hasattr(v, "isoformat") and not isinstance(v, str):  # a date
                ws.write_datetime(r, col, datetime(v.year, v.month, v.day), self.date)
            elif isinstance(v, bool):
                ws.write_string(r, col, _("Ya") if v else _("Tidak"))
            elif isinstance(v, int | float):
                ws.write_number(r, col, v)
            else:
                ws.write_string(r, col, str(v))

    def counts(self, ws: Any, start: int, counts: Sequence[Count], previous: bool = True) -> int:
        r = start
        for c in counts:
            values: list[Any] = [c.label, c.value]
            if previous:
                values += [c.previous, c.change]
            self.row(ws, r, values)
            r += 1
        return r


def _chart(book: _Book, kind: str, subtype: str | None = None) -> Any:
    options = {"type": kind}
    if subtype:
        options["subtype"] = subtype
    return book.wb.add_chart(options)


def write(path: Path, recap: Recap) -> Path:
    """Write the workbook under a temporary name, then rename (no half-written file)."""
    import xlsxwriter

    path = Path(path)
    part = path.with_name(f".{path.name}.{os.getpid()}.part")
    try:
        workbook = xlsxwriter.Workbook(str(part), {"strings_to_formulas": False})
        try:
            _fill(_Book(workbook), recap)
        finally:
            workbook.close()
        os.replace(part, path)
    except OSError as exc:
        part.unlink(missing_ok=True)
        raise OkudeskError(
            _("Berkas {path} tidak dapat ditulis: {reason}", path=path, reason=exc.strerror or exc)
        ) from exc
    except BaseException:
        part.unlink(missing_ok=True)
        raise
    return path


def _fill(book: _Book, recap: Recap) -> None:
    now, before, change = _("Periode ini"), _("Periode sebelumnya"), _("Perubahan")
    p, q = recap.period, recap.previous

    ws = book.sheet(_("Ringkasan"), [_("Ringkasan"), now, before, change], [34, 14, 18, 12])
    book.row(ws, 1, [_("Periode"), p.start, p.end])
    book.row(ws, 2, [_("Periode sebelumnya"), q.start, q.end])
    book.row(ws, 3, [_("Pos"), recap.post_code or _("Semua pos")])
    r = 5
    for label, count in (
        (_("Kejadian"), recap.incidents),
        (_("Rapat & kunjungan"), recap.meetings),
    ):
        book.row(ws, r, [label, count.value, count.previous, count.change])
        r += 1
    book.row(ws, r, [_("Kejadian dieskalasi, belum ditangani"), recap.escalated_open.value])
    book.row(
        ws, r + 1, [_("Tindak lanjut terlambat"), sum(c.value for c in recap.overdue_follow_ups)]
    )

    m = recap.by_kecamatan_category
    header = [_("Kecamatan"), *(label for _id, label in m.columns), _("Jumlah"), before, change]
    ws = book.sheet(_("Kecamatan x Kategori"), header, [24])
    r = 1
    for kec, label in m.rows:
        total = m.row_totals[kec]
        cells = [m.cell(kec, cat).value for cat, _l in m.columns]
        book.row(ws, r, [label, *cells, total.value, total.previous, total.change])
        r += 1
    book.row(
        ws,
        r,
        [
            _("Jumlah"),
            *(m.column_totals[c].value for c, _l in m.columns),
            m.total.value,
            m.total.previous,
            m.total.change,
        ],
    )
    ws.autofilter(0, 0, r, len(header) - 1)

    ws = book.sheet(_("Tingkat kerawanan"), [_("Tingkat kerawanan"), now, before, change], [20])
    end = book.counts(ws, 1, recap.by_severity)
    chart = _chart(book, "column")
    name = _("Tingkat kerawanan")
    for col, title in ((1, now), (2, before)):
        chart.add_series(
            {
                "name": title,
                "categories": [name, 1, 0, end - 1, 0],
                "values": [name, 1, col, end - 1, col],
            }
        )
    chart.set_title({"name": _("Kejadian menurut tingkat kerawanan")})
    ws.insert_chart(1, 5, chart)

    name = _("Dieskalasi")
    ws = book.sheet(
        name,
        [
            _("Nomor"),
            _("Waktu kejadian"),
            _("Kerawanan"),
            _("Kategori"),
            _("Kecamatan"),
            _("Ringkasan"),
            _("Pos"),
        ],
        [24, 16, 12, 24, 18, 50, 8],
    )
    for r, e in enumerate(recap.escalated, start=1):
        book.row(
            ws, r, [e.number, e.occurred_at, e.severity, e.category, e.kecamatan, e.summary, e.post]
        )

    ws = book.sheet(_("Tindak lanjut terlambat"), [_("Pos"), _("Jumlah")], [30])
    book.counts(ws, 1, recap.overdue_follow_ups, previous=False)

    name = _("Kegiatan")
    ws = book.sheet(name, [_("Jenis kegiatan"), now, before, change], [28])
    end = book.counts(ws, 1, recap.meetings_by_activity)
    if end > 1:
        chart = _chart(book, "bar")
        chart.add_series(
            {
                "name": now,
                "categories": [name, 1, 0, end - 1, 0],
                "values": [name, 1, 1, end - 1, 1],
            }
        )
        chart.set_title({"name": _("Rapat & kunjungan menurut jenis kegiatan")})
        chart.set_legend({"none": True})
        ws.insert_chart(1, 5, chart)

    ws = book.sheet(
        _("Cakupan pemangku"),
        [_("Jenis pemangku kepentingan"), _("Rapat"), _("Orang"), _("Ditemui")],
        [30],
    )
    rows = [*recap.stakeholder_coverage, *recap.parties]
    for r, cover in enumerate(rows, start=1):
        book.row(ws, r, [cover.label, cover.meetings.value, cover.people, cover.met])

    ws = book.sheet(
        _("Disiplin pelaporan"),
        [
            _("Pos"),
            _("Nama"),
            _("Status"),
            _("Data terakhir"),
            _("Hari sejak"),
            _("Perubahan menunggu"),
            _("Konflik"),
            _("Tertahan"),
        ],
        [10, 26, 10, 18],
    )
    for r, d in enumerate(recap.discipline, start=1):
        book.row(
            ws,
            r,
            [
                d.code,
                d.name,
                d.status,
                d.last_bundle_at,
                d.days_since,
                d.waiting,
                d.conflicts,
                d.held,
            ],
        )

    name = _("Mingguan")
    weeks = recap.weekly.weeks
    sev_names = [s.capitalize() for s, _c in recap.weekly.by_severity]
    cat_names = [c for c, _c in recap.weekly.by_category]
    ws = book.sheet(name, [_("Minggu mulai"), *sev_names, "", _("Minggu mulai"), *cat_names], [12])
    first_cat = len(sev_names) + 2
    for i, monday in enumerate(weeks, start=1):
        values: list[Any] = [
            monday,
            *(counts[i - 1].value for _s, counts in recap.weekly.by_severity),
        ]
        values += [None, monday, *(counts[i - 1].value for _c, counts in recap.weekly.by_category)]
        book.row(ws, i, values)
    n = len(weeks)
    chart = _chart(book, "column", "stacked")
    for k, (severity, _counts) in enumerate(recap.weekly.by_severity, start=1):
        chart.add_series(
            {
                "name": [name, 0, k],
                "categories": [name, 1, 0, n, 0],
                "values": [name, 1, k, n, k],
                "fill": {"color": SEVERITY_COLORS.get(severity, "#607d8b")},
            }
        )
    chart.set_title({"name": _("Kejadian per minggu menurut tingkat kerawanan")})
    chart.set_x_axis({"date_axis": False, "num_format": "dd/mm"})
    ws.insert_chart(n + 2, 0, chart, {"x_scale": 1.4, "y_scale": 1.2})
    if cat_names:
        chart = _chart(book, "line")
        for k in range(len(cat_names)):
            col = first_cat + 1 + k
            chart.add_series(
                {
                    "name": [name, 0, col],
                    "categories": [name, 1, first_cat, n, first_cat],
                    "values": [name, 1, col, n, col],
                }
            )
        chart.set_title({"name": _("Kejadian per minggu menurut kategori")})
        ws.insert_chart(n + 2, 9, chart, {"x_scale": 1.4, "y_scale": 1.2})
