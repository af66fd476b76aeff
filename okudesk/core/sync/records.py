"""Which tables travel, and how their rows are read and encoded for a bundle.

Every table of ``models.SYNCED_MODELS`` travels (a new Synced model added there travels
too: audit entries, credentials). Link tables (all columns foreign keys, e.g.
``meeting_officer``) travel inside their owner, the table of their first column.
Rows are read raw (datetimes as the text SQLite holds) and encoded column by column,
dictionary-encoding columns with many repeated values (docs/sync-format.md).
"""

from __future__ import annotations

import base64
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache

from sqlalchemy import (
    Connection,
    Date,
    DateTime,
    LargeBinary,
    String,
    Table,
    and_,
    cast,
    false,
    or_,
    select,
)

from okudesk.core import models
from okudesk.core.i18n import _
from okudesk.core.sync import SyncRefused

VERSION_COLUMNS = ("id", "change_instance", "change_counter")
REFERENCE_TABLES = ("kecamatan", "desa", "stakeholder_type", "activity_type", "incident_category", "rank")


@dataclass(frozen=True)
class Link:
    table: Table
    owner: str  # owner table name
    owner_column: str
    other_column: str
    other_table: str


@dataclass(frozen=True)
class TableInfo:
    table: Table
    columns: tuple[str, ...]
    binary: frozenset[int]
    parents: tuple[tuple[int, str], ...]  # (column index, parent table name)
    links: tuple[Link, ...] = field(default=())

    @property
    def name(self) -> str:
        return self.table.name

    def index(self, column: str) -> int:
        return self.columns.index(column)


@cache
def travelling() -> tuple[TableInfo, ...]:
    """The travelling tables in an order where parents come before children."""
    names = {m.__table__.name for m in models.SYNCED_MODELS}
    links: dict[str, list[Link]] = {}
    for t in models.Base.metadata.tables.values():
        if t.name in names or not t.columns or any(not c.foreign_keys for c in t.columns):
            continue
        cols = list(t.columns)
        if len(cols) != 2:
            continue
        targets = [next(iter(c.foreign_keys)).column.table.name for c in cols]
        if all(x in names for x in targets):
            links.setdefault(targets[0], []).append(Link(t, targets[0], cols[0].name, cols[1].name, targets[1]))
    infos = []
    for model in models.SYNCED_MODELS:
        table = model.__table__
        ordered = ordered_columns(table)
        columns = tuple(c.name for c in ordered)
        binary = frozenset(i for i, c in enumerate(ordered) if isinstance(c.type, LargeBinary))
        parents = tuple(
            (i, next(iter(c.foreign_keys)).column.table.name)
            for i, c in enumerate(ordered) if c.foreign_keys
        )
        infos.append(TableInfo(table, columns, binary, parents, tuple(links.get(table.name, ()))))
    return tuple(_dependency_order(infos))


def ordered_columns(table: Table) -> list:
    """The key first (rows are handled as tuples whose first value is the ID)."""
    return [table.c.id] + [c for c in table.columns if c.name != "id"]


def _dependency_order(infos: list[TableInfo]) -> list[TableInfo]:
    by_name = {i.name: i for i in infos}
    done: list[TableInfo] = []
    seen: set[str] = set()

    def visit(info: TableInfo, stack: tuple[str, ...]) -> None:
        if info.name in seen:
            return
        for _i, parent in info.parents:
            if parent in by_name and parent != info.name and parent not in stack:
                visit(by_name[parent], (*stack, info.name))
        for link in info.links:
            if link.other_table in by_name and link.other_table not in stack and link.other_table != info.name:
                visit(by_name[link.other_table], (*stack, info.name))
        seen.add(info.name)
        done.append(info)

    for info in infos:
        visit(info, ())
    return done


def table_info(name: str) -> TableInfo:
    for info in travelling():
        if info.name == name:
            return info
    raise SyncRefused(_("Berkas ditolak: tabel tidak dikenal {name}", name=name[:40]))


def _raw_select(info: TableInfo):
    cols = []
    for c in ordered_columns(info.table):
        cols.append(cast(c, String).label(c.name) if isinstance(c.type, (DateTime, Date)) else c)
    return select(*cols)


def version_filter(info: TableInfo, marks: dict[str, int]):
    """Rows changed by one of ``marks``' instances after its counter."""
    t = info.table.c
    if not marks:
        return false()
    return or_(*(and_(t.change_instance == inst, t.change_counter > counter) for inst, counter in marks.items()))


def read_rows(conn: Connection, info: TableInfo, where) -> list[tuple]:
    return conn.execute(_raw_select(info).where(where)).cursor.fetchall()


def read_links(conn: Connection, link: Link, owner_ids: list[str]) -> list[tuple]:
    rows: list[tuple] = []
    col = link.table.c[link.owner_column]
    other = link.table.c[link.other_column]
    for chunk in chunks(owner_ids):
        rows += conn.execute(select(col, other).where(col.in_(chunk))).cursor.fetchall()
    return rows


def chunks(values: list, size: int = 5000) -> Iterable[list]:
    for start in range(0, len(values), size):
        yield values[start:start + size]


def encode_columns(rows: list[tuple], ncols: int, binary: Iterable[int] = ()) -> list:
    columns = list(zip(*rows, strict=True)) if rows else [() for _ in range(ncols)]
    out = []
    binary = set(binary)
    for k, col in enumerate(columns):
        if k in binary:
            col = tuple(None if v is None else base64.b64encode(v).decode("ascii") for v in col)
        distinct = dict.fromkeys(col)
        if len(distinct) * 2 < len(col):
            values = list(distinct)
            index = {v: i for i, v in enumerate(values)}
            out.append({"v": values, "i": list(map(index.__getitem__, col))})
        else:
            out.append(list(col))
    return out


def decode_columns(data, n: int, ncols: int) -> list[list]:
    """The columns back as lists of ``n`` values; SyncRefused on any malformed shape."""
    damaged = _("Berkas ditolak: isi data tidak sah")
    if not isinstance(data, list) or len(data) != ncols:
        raise SyncRefused(damaged)
    columns = []
    for col in data:
        if isinstance(col, dict):
            values, idx = col.get("v"), col.get("i")
            if not isinstance(values, list) or not isinstance(idx, list):
                raise SyncRefused(damaged)
            try:
                col = [values[i] for i in idx]
            except (IndexError, TypeError) as exc:
                raise SyncRefused(damaged) from exc
        if not isinstance(col, list) or len(col) != n:
            raise SyncRefused(damaged)
        for v in col:
            if v is not None and not isinstance(v, (str, int, float)):
                raise SyncRefused(damaged)
        columns.append(col)
    return columns


def encode_tables(conn: Connection, selections: list[tuple[TableInfo, list[tuple], dict]]) -> tuple[dict, dict]:
    """The payload's ``tables`` and ``links`` for rows already read; returns (payload, counts)."""
    tables, links, counts = [], [], {}
    for info, rows, base in selections:
        if not rows:
            continue
        entry = {"name": info.name, "columns": list(info.columns), "rows": len(rows),
                 "data": encode_columns(rows, len(info.columns), info.binary)}
        if base:
            entry["base"] = base
        tables.append(entry)
        counts[info.name] = len(rows)
        if info.links:
            ids = [r[0] for r in rows]
            for link in info.links:
                link_rows = read_links(conn, link, ids)
                links.append({"name": link.table.name, "owner": info.name, "owners": ids,
                              "columns": [link.owner_column, link.other_column], "rows": len(link_rows),
                              "data": encode_columns(link_rows, 2)})
    return {"tables": tables, "links": links}, counts


@dataclass
class IncomingTable:
    info: TableInfo
    rows: list[tuple]  # in info.columns order
    base: dict[str, tuple[str, int]]
    links: dict[str, dict[str, list[str]]]  # link table name -> owner id -> other ids


def decode_payload(doc) -> list[IncomingTable]:
    """The payload's tables mapped onto this okudesk's columns, parents first."""
    damaged = _("Berkas ditolak: isi data tidak sah")
    if not isinstance(doc, dict) or not isinstance(doc.get("tables", []), list) or not isinstance(doc.get("links", []), list):
        raise SyncRefused(damaged)
    incoming: dict[str, IncomingTable] = {}
    for entry in doc.get("tables", []):
        if not isinstance(entry, dict) or not isinstance(entry.get("columns"), list) or not isinstance(entry.get("rows"), int):
            raise SyncRefused(damaged)
        info = table_info(str(entry.get("name")))
        n, names = entry["rows"], entry["columns"]
        if info.name in incoming or len(set(names)) != len(names) or not set(VERSION_COLUMNS) <= set(names):
            raise SyncRefused(damaged)
        columns = decode_columns(entry.get("data"), n, len(names))
        by_name = dict(zip(names, columns, strict=True))
        ordered = []
        for k, c in enumerate(ordered_columns(info.table)):
            values = by_name.get(c.name)
            if values is None:  # an older okudesk's bundle: the column did not exist yet
                default = c.default.arg if c.default is not None and not callable(c.default.arg) else None
                values = [default] * n
            elif k in info.binary:
                try:
                    values = [None if v is None else base64.b64decode(v, validate=True) for v in values]
                except (ValueError, TypeError) as exc:
                    raise SyncRefused(damaged) from exc
            ordered.append(values)
        rows = list(zip(*ordered, strict=True)) if n else []
        for r in rows:
            if not isinstance(r[0], str) or not isinstance(r[info.index("change_instance")], str) or not isinstance(r[info.index("change_counter")], int):
                raise SyncRefused(damaged)
        base = {}
        raw_base = entry.get("base", {})
        if not isinstance(raw_base, dict):
            raise SyncRefused(damaged)
        for rid, version in raw_base.items():
            if not (isinstance(version, list) and len(version) == 2 and isinstance(version[0], str) and isinstance(version[1], int)):
                raise SyncRefused(damaged)
            base[rid] = (version[0], version[1])
        incoming[info.name] = IncomingTable(info, rows, base, {})
    for entry in doc.get("links", []):
        if not isinstance(entry, dict) or not isinstance(entry.get("rows"), int) or not isinstance(entry.get("owners"), list):
            raise SyncRefused(damaged)
        owner = incoming.get(str(entry.get("owner")))
        link = next((x for x in owner.info.links if x.table.name == entry.get("name")), None) if owner else None
        if link is None or entry.get("columns") != [link.owner_column, link.other_column]:
            raise SyncRefused(damaged)
        lists: dict[str, list[str]] = {str(o): [] for o in entry["owners"]}
        owner_col, other_col = decode_columns(entry.get("data"), entry["rows"], 2)
        for o, x in zip(owner_col, other_col, strict=True):
            if o not in lists or not isinstance(x, str):
                raise SyncRefused(damaged)
            lists[o].append(x)
        owner.links[link.table.name] = lists
    order = {info.name: k for k, info in enumerate(travelling())}
    return sorted(incoming.values(), key=lambda t: order[t.info.name])
