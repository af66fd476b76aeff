"""Situasi wilayah's figures and the Excel export over a large database.

- recap: every figure of the page for a month (``recap.build``, the weekly series and the
  previous period included) / the same aggregates as plain sqlite3 GROUP BY queries on the
  same file (goal <= 1.5x); a change of period (this week) is timed too (goal <= 300 ms).
- export: incident rows written to .xlsx by ``spreadsheet.write`` from the list's rows
  (``list_rows``: keys in the list's order, rows in batches, the joined names) / XlsxWriter
  in constant-memory mode writing the same columns straight from a sqlite3 cursor (goal
  >= 0.7x the rate); the peak of Python's allocations at a fifth of the rows and at all of
  them says whether memory stays flat.

    python benchmarks/bench_recap.py [--incidents 1000000] [--export-rows 100000]
"""

from __future__ import annotations

import argparse
import sqlite3
import tempfile
import time
import tracemalloc
from datetime import date, datetime, timedelta
from pathlib import Path

from _common import median, report
from _dbcache import demo_db

from okudesk.core import permissions
from okudesk.core.records import listing, recap, spreadsheet
from okudesk.core.store import Store


def plain_aggregates(db: Path, period: recap.Period) -> int:
    """The recap's queries, written by hand for sqlite3 (the baseline)."""
    previous = period.previous()
    a, b, c = (
        datetime.combine(previous.start, datetime.min.time()).isoformat(" "),
        datetime.combine(period.start, datetime.min.time()).isoformat(" "),
        datetime.combine(period.end + timedelta(days=1), datetime.min.time()).isoformat(" "),
    )
    weeks = recap.weeks_before(period.end)
    starts = [datetime.combine(w, datetime.min.time()).isoformat(" ") for w in weeks]
    week_case = " ".join(
        f"WHEN occurred_at >= '{s}' THEN {i}" for i, s in reversed(list(enumerate(starts)))
    )
    end_weeks = (datetime.combine(weeks[-1], datetime.min.time()) + timedelta(weeks=1)).isoformat(
        " "
    )
    today = date.today().isoformat()
    con = sqlite3.connect(db)
    n = 0
    for sql, params in (
        (
            "SELECT occurred_at >= ?, kecamatan_id, category_id, severity, count(*) FROM incident "
            "WHERE deleted_at IS NULL AND occurred_at >= ? AND occurred_at < ? "
            "GROUP BY 1, 2, 3, 4",
            (b, a, c),
        ),
        (
            "SELECT starts_at >= ?, activity_type_id, count(*) FROM meeting "
            "WHERE deleted_at IS NULL AND starts_at >= ? AND starts_at < ? GROUP BY 1, 2",
            (b, a, c),
        ),
        ("SELECT count(*) FROM incident WHERE deleted_at IS NULL AND status = 'dieskalasi'", ()),
        (  # the page lists the latest escalated incidents too
            "SELECT i.id, i.number, i.occurred_at, i.severity, c.name, k.name, i.title, "
            "i.origin_post FROM incident i LEFT JOIN incident_category c ON c.id = i.category_id "
            "LEFT JOIN kecamatan k ON k.id = i.kecamatan_id WHERE i.deleted_at IS NULL "
            "AND i.status = 'dieskalasi' ORDER BY i.occurred_at DESC LIMIT 50",
            (),
        ),
        (
            "SELECT origin_post, count(*) FROM follow_up WHERE deleted_at IS NULL AND "
            "status = 'terbuka' AND due_date < ? GROUP BY 1",
            (today,),
        ),
        (
            "SELECT s.type_id, count(DISTINCT m.id), count(DISTINCT s.id) "
            "FROM meeting_stakeholder ms JOIN meeting m ON m.id = ms.meeting_id "
            "JOIN stakeholder s ON s.id = ms.stakeholder_id "
            "WHERE m.deleted_at IS NULL AND s.deleted_at IS NULL AND m.starts_at >= ? "
            "AND m.starts_at < ? GROUP BY 1",
            (b, c),
        ),
        (
            f"SELECT CASE {week_case} ELSE -1 END, severity, category_id, count(*) FROM incident "
            "WHERE deleted_at IS NULL AND occurred_at >= ? AND occurred_at < ? GROUP BY 1, 2, 3",
            (starts[0], end_weeks),
        ),
    ):
        n += len(con.execute(sql, params).fetchall())
    con.close()
    return n


def bench_recap(folder: Path, runs: int) -> None:
    db = folder / "okudesk.sqlite3"
    con = sqlite3.connect(db)
    last = con.execute("SELECT max(occurred_at) FROM incident").fetchone()[0]
    con.close()
    # the last whole month of the data, and the week it ends in
    today = datetime.fromisoformat(last).date().replace(day=1) - timedelta(days=1)
    month = recap.Period.this_month(today)
    week = recap.Period.this_week(today)
    with Store.open(folder) as store:
        store.actor = permissions.system_actor("benchmark")
        ours, plain, weeks = [], [], []
        for _ in range(runs):
            with store.read() as s:
                started = time.perf_counter()
                r = recap.build(s, month, today=today)
                ours.append(time.perf_counter() - started)
                started = time.perf_counter()
                recap.build(s, week, today=today)
                weeks.append(time.perf_counter() - started)
            started = time.perf_counter()
            plain_aggregates(db, month)
            plain.append(time.perf_counter() - started)
    o, p = median(ours), median(plain)
    report(
        "recap",
        f"a month's figures {o * 1000:.0f} ms ({r.incidents.value:,} incidents in the month) / "
        f"plain sqlite3 GROUP BY {p * 1000:.0f} ms",
        o / p,
        "<= 1.5x",
        o / p <= 1.5,
    )
    w = median(weeks)
    print(
        f"recap: a change of period (this week) {w * 1000:.0f} ms (goal <= 300 ms) "
        f"{'MET' if w <= 0.3 else 'MISSED'}"
    )


COLUMNS = (
    "number",
    "occurred_at",
    "category",
    "severity",
    "kecamatan",
    "desa",
    "status",
    "summary",
)


def ours_export(folder: Path, out: Path, limit: int) -> tuple[float, int]:
    with Store.open(folder) as store:
        store.actor = permissions.system_actor("benchmark")
        with store.read() as s:
            started = time.perf_counter()
            _n, rows = spreadsheet.list_rows(s, listing.INCIDENTS, listing.ListFilter(), COLUMNS)
            limited = (row for i, row in zip(range(limit), rows, strict=False))
            n = spreadsheet.write(out, list(COLUMNS), limited)
            return time.perf_counter() - started, n


def plain_export(folder: Path, out: Path, limit: int) -> float:
    import xlsxwriter

    started = time.perf_counter()
    con = sqlite3.connect(folder / "okudesk.sqlite3", detect_types=sqlite3.PARSE_DECLTYPES)
    cursor = con.execute(
        "SELECT i.number, i.occurred_at, c.name, i.severity, k.name, d.name, i.status, "
        "coalesce(nullif(i.title, ''), substr(i.description, 1, 160)) FROM incident i "
        "LEFT JOIN incident_category c ON c.id = i.category_id "
        "LEFT JOIN kecamatan k ON k.id = i.kecamatan_id LEFT JOIN desa d ON d.id = i.desa_id "
        "WHERE i.deleted_at IS NULL ORDER BY i.occurred_at DESC LIMIT ?",
        (limit,),
    )
    wb = xlsxwriter.Workbook(str(out), {"constant_memory": True})
    ws = wb.add_worksheet()
    fmt = wb.add_format({"num_format": "dd/mm/yyyy hh:mm"})
    ws.write_row(0, 0, COLUMNS)
    for r, row in enumerate(cursor, start=1):
        for col, v in enumerate(row):
            if v is None:
                continue
            if isinstance(v, datetime):
                ws.write_datetime(r, col, v, fmt)
            else:
                ws.write_string(r, col, str(v))
    wb.close()
    con.close()
    return time.perf_counter() - started


def bench_export(folder: Path, rows: int, runs: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        ours, plain = [], []
        for i in range(runs):
            t, n = ours_export(folder, Path(tmp) / f"o{i}.xlsx", rows)
            ours.append(t)
            plain.append(plain_export(folder, Path(tmp) / f"p{i}.xlsx", rows))
        o, p = median(ours), median(plain)
        ratio = (n / o) / (n / p)
        report(
            "export",
            f"{n:,} incident rows to .xlsx {n / o:,.0f} rows/s / XlsxWriter from a sqlite3 cursor "
            f"{n / p:,.0f} rows/s",
            ratio,
            ">= 0.7x",
            ratio >= 0.7,
        )
        peaks = []
        for share in (rows // 5, rows):
            tracemalloc.start()
            ours_export(folder, Path(tmp) / f"m{share}.xlsx", share)
            peaks.append(tracemalloc.get_traced_memory()[1])
            tracemalloc.stop()
        print(
            f"export: peak Python allocations {peaks[0] / 1e6:.1f} MB at {rows // 5:,} rows, "
            f"{peaks[1] / 1e6:.1f} MB at {rows:,} rows (flat: the list's keys, 4 bytes a row, "
            "are the only part that grows)"
        )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--incidents", type=int, default=1_000_000)
    parser.add_argument("--meetings", type=int, default=100_000)
    parser.add_argument("--export-rows", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    folder = demo_db(args.incidents, args.meetings)
    bench_recap(folder, args.runs)
    bench_export(folder, min(args.export_rows, args.incidents), max(1, args.runs // 2))


if __name__ == "__main__":
    main()
