"""Which tables travel, and how their rows are read and encoded for a bundle.

Every table of ``models.SYNCED_MODELS`` travels (a new Synced model added there travels
too: audit entries, credentials). Link tables (all columns foreign keys, e.g.
``meeting_officer``) travel inside their owner, the table of their first column.
Rows are read raw (datetimes as the text SQLite holds) and encoded column by column,
dictionary-encoding columns with many repeated values (docs/sync-format.md).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cache

from sqlalchemy import (
    ColumnElement,
    Connection,
    Date,
    DateTime,
    LargeBinary,
    Select,
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
from okudesk.core.store import jsonrows
from okudesk.core.sync import SyncRefused

VERSION_COLUMNS = ("id", "change_instance", "change_counter")
REFERENCE_TABLES = (
    "kecamatan",
    "desa",
    "stakeholder_type",
    "activity_type",
    "incident_category",
    "rank",
    "political_party",
)


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
    names = {m.__tablename__ for m in models.SYNCED_MODELS}
    links: dict[str, list[Link]] = {}
    for t in models.Base.metadata.tables.values():
        if t.name in names or not t.columns or any(not c.foreign_keys for c in t.columns):
            continue
        cols = list(t.columns)
        if len(cols) != 2:
            continue
        targets = [next(iter(c.foreign_keys)).column.table.name for c in cols]
        if all(x in names for x in targets):
            links.setdefault(targets[0], []).append(
                Link(t, targets[0], cols[0].name, cols[1].name, targets[1])
            )
    infos = []
    for model in models.SYNCED_MODELS:
        table = models.Base.metadata.tables[model.__tablename__]
        ordered = ordered_columns(table)
        columns = tuple(c.name for c in ordered)
        binary = frozenset(i for i, c in enumerate(ordered) if isinstance(c.type, LargeBinary))
        parents = tuple(
            (i, next(iter(c.foreign_keys)).column.table.name)
            for i, c in enumerate(ordered)
            if c.foreign_keys
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
            if (
                link.other_table in by_name
                and link.other_table not in stack
                and link.other_table != info.name
            ):
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


def _raw_select(info: TableInfo) -> Select:
    cols = []
    for c in ordered_columns(info.table):
        cols.append(cast(c, String).label(c.name) if isinstance(c.type, (DateTime, Date)) else c)
    return select(*cols)


def version_filter(info: TableInfo, marks: dict[str, int]) -> ColumnElement[bool]:
    """Rows changed by one of ``marks``' instances after its counter."""
    t = info.table.c
    if not marks:
        return false()
    return or_(
        *(
            and_(t.change_instance == inst, t.change_counter > counter)
            for inst, counter in marks.items()
        )
    )


def read_rows(conn: Connection, info: TableInfo, where: ColumnElement[bool]) -> Sequence[tuple]:
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
        yield values[start : start + size]


def _default(column):
    default = column.default
    return default.arg if default is not None and not callable(default.arg) else None


# A table to send: its rows that match the filter, with the versions the receiver already holds.
Selection = tuple[TableInfo, ColumnElement[bool], dict[str, tuple[str, int]]]


def payload_pieces(
    conn: Connection, selections: list[Selection], extra: dict, counts: dict[str, int]
) -> Iterator[str]:
    """The payload document, piece by piece: each table's rows as JSON arrays made by the
    database (store/jsonrows.py), the links of those rows, then ``extra`` (photos index,
    receipt fields). Fills ``counts`` (rows per table) as it goes."""
    yield '{"tables":['
    first = True
    for info, where, base in selections:
        n = 0
        for rows, text in jsonrows.rows_json_chunks(
            conn, info.table, ordered_columns(info.table), where
        ):
            if not n:
                head: dict[str, object] = {"name": info.name, "columns": list(info.columns)}
                if base:
                    head["base"] = base
                yield ("" if first else ",") + _dumps(head)[:-1] + ',"data":[' + text[1:-1]
                first = False
            else:
                yield "," + text[1:-1]
            n += rows
        if n:
            yield f'],"rows":{n}}}'
            counts[info.name] = n
    yield '],"links":['
    first = True
    for info, where, _base in selections:
        if not counts.get(info.name):
            continue
        for link in info.links:
            lt = link.table
            owners = select(info.table.c.id).where(where)
            ln, ltext = jsonrows.rows_json(
                conn,
                [lt.c[link.owner_column], lt.c[link.other_column]],
                lt.c[link.owner_column].in_(owners),
            )
            link_head = {
                "name": lt.name,
                "owner": info.name,
                "columns": [link.owner_column, link.other_column],
                "rows": ln,
            }
            yield ("" if first else ",") + _dumps(link_head)[:-1] + ',"data":' + ltext + "}"
            first = False
    yield "]"
    for key, value in extra.items():
        yield f',"{key}":' + _dumps(value)
    yield "}"


def build_payload(conn: Connection, selections: list[Selection], extra: dict) -> tuple[bytes, dict]:
    counts: dict[str, int] = {}
    return "".join(payload_pieces(conn, selections, extra, counts)).encode("utf-8"), counts


def _dumps(value: object) -> str:
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False)


@dataclass
class IncomingTable:
    info: TableInfo
    rows: list  # rows (lists or tuples) in info.columns order
    base: dict[str, tuple[str, int]]
    links: dict[str, dict[str, list[str]]]  # link table name -> owner id -> other ids


def decode_payload(doc: dict) -> list[IncomingTable]:
    """The payload's tables mapped onto this okudesk's columns, parents first."""
    damaged = _("Berkas ditolak: isi data tidak sah")
    if (
        not isinstance(doc, dict)
        or not isinstance(doc.get("tables", []), list)
        or not isinstance(doc.get("links", []), list)
    ):
        raise SyncRefused(damaged)
    incoming: dict[str, IncomingTable] = {}
    for entry in doc.get("tables", []):
        if (
            not isinstance(entry, dict)
            or not isinstance(entry.get("columns"), list)
            or not isinstance(entry.get("data"), list)
        ):
            raise SyncRefused(damaged)
        info = table_info(str(entry.get("name")))
        names, data = entry["columns"], entry["data"]
        if (
            info.name in incoming
            or len(set(names)) != len(names)
            or not set(VERSION_COLUMNS) <= set(names)
            or entry.get("rows") != len(data)
            or not all(isinstance(r, list) and len(r) == len(names) for r in data)
        ):
            raise SyncRefused(damaged)
        if (
            tuple(names) != info.columns
        ):  # another okudesk version: map by name, defaults for the missing
            position = {name: k for k, name in enumerate(names)}
            plan = [(position.get(c.name), _default(c)) for c in ordered_columns(info.table)]
            data = [[d if k is None else r[k] for k, d in plan] for r in data]
        for k in info.binary:
            try:
                for r in data:
                    if r[k] is not None:
                        r[k] = bytes.fromhex(r[k])
            except (ValueError, TypeError) as exc:
                raise SyncRefused(damaged) from exc
        i_inst, i_counter = info.index("change_instance"), info.index("change_counter")
        for r in data:
            if (
                not isinstance(r[0], str)
                or not isinstance(r[i_inst], str)
                or type(r[i_counter]) is not int
            ):
                raise SyncRefused(damaged)
        base = {}
        raw_base = entry.get("base", {})
        if not isinstance(raw_base, dict):
            raise SyncRefused(damaged)
        for rid, version in raw_base.items():
            if not (
                isinstance(version, list)
                and len(version) == 2
                and isinstance(version[0], str)
                and isinstance(version[1], int)
            ):
                raise SyncRefused(damaged)
            base[rid] = (version[0], version[1])
        links: dict[str, dict[str, list[str]]] = {
            link.table.name: {r[0]: [] for r in data} for link in info.links
        }
        incoming[info.name] = IncomingTable(info, list(map(tuple, data)), base, links)
    for entry in doc.get("links", []):
        if not isinstance(entry, dict) or not isinstance(entry.get("data"), list):
            raise SyncRefused(damaged)
        owner = incoming.get(str(entry.get("owner")))
        link = (
            next((x for x in owner.info.links if x.table.name == entry.get("name")), None)
            if owner
            else None
        )
        if (
            owner is None
            or link is None
            or entry.get("columns") != [link.owner_column, link.other_column]
        ):
            raise SyncRefused(damaged)
        lists = owner.links[link.table.name]
        for pair in entry["data"]:
            if not (
                isinstance(pair, list)
                and len(pair) == 2
                and pair[0] in lists
                and isinstance(pair[1], str)
            ):
                raise SyncRefused(damaged)
            lists[pair[0]].append(pair[1])
    order = {info.name: k for k, info in enumerate(travelling())}
    return sorted(incoming.values(), key=lambda t: order[t.info.name])
