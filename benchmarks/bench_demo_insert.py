"""`okudesk demo --incidents N` insert rate against a raw sqlite3.executemany of the same rows.

Both write into a freshly migrated okudesk database (same schema, same indexes, same
pragmas) so the only difference is okudesk's own work: generating realistic rows, change
versions, register numbers and status histories. The baseline gets its rows ready-made.
"""

from __future__ import annotations

import argparse
import sqlite3
import tempfile
from pathlib import Path

from _common import report, timed

from okudesk.core import demo, permissions
from okudesk.core.store import Store


def okudesk_run(folder: Path, incidents: int) -> float:
    store = Store.open(folder)
    store.actor = permissions.system_actor("benchmark")  # the console fills demo data
    seconds, _ = timed(demo.fill, store, meetings=0, incidents=incidents, seed=1)
    store.close()
    return seconds


def capture_rows(folder: Path, incidents: int):
    """The exact incident and history rows the demo wrote, read back as tuples."""
    con = sqlite3.connect(folder / "okudesk.sqlite3")
    inc = con.execute(f"SELECT {', '.join(demo.INCIDENT_COLUMNS)} FROM incident").fetchall()
    hist = con.execute(
        f"SELECT {', '.join(demo.HISTORY_COLUMNS)} FROM incident_status_change"
    ).fetchall()
    con.close()
    return inc, hist


def raw_run(folder: Path, inc, hist) -> float:
    Store.open(folder).close()  # same schema, seeded reference data
    con = sqlite3.connect(folder / "okudesk.sqlite3", isolation_level=None)
    con.execute("PRAGMA journal_mode=WAL")
    con.execute("PRAGMA synchronous=FULL")
    con.execute("PRAGMA foreign_keys=ON")
    con.execute("PRAGMA cache_size=-65536")
    # The demo's officers, desa, etc. must exist for the foreign keys: copy them first (untimed).
    con.execute("ATTACH DATABASE ? AS src", (str(folder.parent / "okudesk" / "okudesk.sqlite3"),))
    for table in ("post", "officer", "desa", "stakeholder", "number_sequence"):
        con.execute(f"INSERT OR IGNORE INTO main.{table} SELECT * FROM src.{table}")
    con.execute("DETACH DATABASE src")
    inc_sql = (
        f"INSERT INTO incident ({', '.join(demo.INCIDENT_COLUMNS)}) VALUES "
        f"({', '.join('?' * len(demo.INCIDENT_COLUMNS))})"
    )
    hist_sql = (
        f"INSERT INTO incident_status_change ({', '.join(demo.HISTORY_COLUMNS)}) VALUES "
        f"({', '.join('?' * len(demo.HISTORY_COLUMNS))})"
    )

    fts_cols = ", ".join(r[1] for r in con.execute("PRAGMA table_info(incident_fts)"))
    trigger = con.execute(
        "SELECT sql FROM sqlite_master WHERE name = 'incident_fts_ai'"
    ).fetchone()[0]

    # rows come in the demo's column order
    incident_id = demo.INCIDENT_COLUMNS.index("id")
    incident_at = demo.HISTORY_COLUMNS.index("incident_id")

    def load():
        chunk = demo.CHUNK
        h = 0
        for start in range(0, len(inc), chunk):
            part = inc[start : start + chunk]
            ids = {r[incident_id] for r in part}
            end = h
            while end < len(hist) and hist[end][incident_at] in ids:
                end += 1
            con.execute("BEGIN IMMEDIATE")
            # index the full text the way the demo does (search.bulk_load): one pass per chunk
            before = con.execute("SELECT coalesce(max(rowid), 0) FROM incident").fetchone()[0]
            con.execute("DROP TRIGGER incident_fts_ai")
            con.executemany(inc_sql, part)
            con.execute(
                f"INSERT INTO incident_fts(rowid, {fts_cols}) SELECT rowid, {fts_cols} FROM "
                "incident WHERE rowid > ?",
                (before,),
            )
            con.execute(trigger)
            con.executemany(hist_sql, hist[h:end])
            con.execute("COMMIT")
            h = end

    seconds, _ = timed(load)
    con.close()
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--incidents", type=int, default=200_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        ours = okudesk_run(tmp / "okudesk", args.incidents)
        inc, hist = capture_rows(tmp / "okudesk", args.incidents)
        raw = raw_run(tmp / "raw", inc, hist)
    rate, raw_rate = args.incidents / ours, args.incidents / raw
    report(
        "demo insert",
        f"{args.incidents:,} incidents (+{len(hist):,} status rows) in {ours:.1f} s = "
        f"{rate:,.0f}/s; raw executemany {raw:.1f} s = {raw_rate:,.0f}/s",
        rate / raw_rate,
        ">= 0.5x",
        rate / raw_rate >= 0.5,
    )


if __name__ == "__main__":
    main()
