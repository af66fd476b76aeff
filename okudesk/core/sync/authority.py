"""Who may change what through a bundle or a receipt (docs/security.md, "Records at HQ:
ownership").

A bundle's signature proves which post sent it, not that the post had the right to send
each row. At HQ a post may create and change only records of its own origin and their
children; HQ's records, other posts' records, post rows other than its own and reference
data it did not make are HQ's to decide. Rows a post's honest okudesk never writes (another
origin, a changed origin, a tombstone or edit of a record that is not its own, a base that is
not HQ's version) refuse the whole bundle: a signed bundle holding one forged row is not
trusted for the rest. A post's edit of reference data it does not own is something the
post's own okudesk does allow (a renamed kecamatan), so that row alone is set aside for a
person at HQ (kept beside the current row, adopted or dismissed like a conflict) and the
rest of the bundle applies.

At a post, a receipt (signed by HQ's root) may bring reference data and the post's own
records as HQ corrected them, nothing of another post.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

from sqlalchemy import Connection, select
from sqlalchemy.orm import Session

from okudesk.core.i18n import _
from okudesk.core.models import SyncInstance
from okudesk.core.sync import records, trust
from okudesk.core.sync.records import IncomingTable, TableInfo
from okudesk.core.sync.values import RowRefused

# Records whose owner is a post: a row pointing at one of them must point at the sender's.
OWNED_PARENTS = frozenset({"post", "officer", "stakeholder", "meeting", "incident", "report"})
# Columns that name a meeting or an incident without a foreign key; the row's ``kind`` says
# which.
_NAMED_BY_KIND = {("report", "record_id"), ("report_amendment", "record_id")}


def _refuse(info: TableInfo, rid: object, reason: str) -> RowRefused:
    return RowRefused(
        _(
            "Berkas ditolak: {table} {id} tidak boleh dikirim pos ini: {reason}",
            table=info.name,
            id=str(rid)[:40],
            reason=reason,
        )
    )


def _origins(conn: Connection, table: str, ids: Iterable[str]) -> dict[str, tuple[str, str, bool]]:
    """id -> (origin_post, change_instance, deleted) of the rows held here."""
    t = records.table_info(table).table.c
    out: dict[str, tuple[str, str, bool]] = {}
    wanted = list({i for i in ids if isinstance(i, str)})
    for chunk in records.chunks(wanted):
        stmt = select(t.id, t.origin_post, t.change_instance, t.deleted_at.is_not(None)).where(
            t.id.in_(chunk)
        )
        for rid, origin, inst, deleted in conn.execute(stmt):
            out[rid] = (origin, inst, bool(deleted))
    return out


class _Owners:
    """The origin of any record, from the bundle first, then from the database."""

    def __init__(self, conn: Connection, tables: list[IncomingTable]):
        self.conn = conn
        self.incoming: dict[str, dict[str, str]] = {}
        for t in tables:
            i_origin = t.info.index("origin_post")
            self.incoming[t.info.name] = {r[0]: r[i_origin] for r in t.rows}
        self.held: dict[str, dict[str, tuple[str, str, bool]]] = {}

    def load(self, table: str, ids: Iterable[str]) -> None:
        known = self.held.setdefault(table, {})
        known.update(_origins(self.conn, table, (i for i in ids if i not in known)))

    def current(self, table: str, rid: str) -> tuple[str, str, bool] | None:
        return self.held.get(table, {}).get(rid)

    def origin(self, table: str, rid: str) -> str | None:
        """The record's origin as it will be after this bundle, None when nobody has it."""
        if rid in self.incoming.get(table, {}):
            return self.incoming[table][rid]
        cur = self.current(table, rid)
        return cur[0] if cur else None


def check_bundle(session: Session, tables: list[IncomingTable], sender: str) -> dict[str, set[str]]:
    """Refuse the bundle (RowRefused) if a row is not the sender's to send; returns, per
    table, the reference rows to set aside for a person at HQ instead of applying."""
    conn = session.connection()
    instances = list(session.execute(select(SyncInstance.instance, SyncInstance.post_code)))
    hq_instances = set(
        session.scalars(select(SyncInstance.instance).where(SyncInstance.is_hq.is_(True)))
    )
    mine = {i for i, code in instances if code == sender} - hq_instances
    own_post_id = trust.post_record_id(sender)
    owners = _Owners(conn, tables)
    for t in tables:
        owners.load(t.info.name, (r[0] for r in t.rows))
    aside: dict[str, set[str]] = {}
    for t in tables:
        info = t.info
        i_origin, i_deleted = info.index("origin_post"), info.index("deleted_at")
        _check_parents(t, sender, owners)
        for r in t.rows:
            rid, origin, deleted = r[0], r[i_origin], r[i_deleted] is not None
            cur = owners.current(info.name, rid)
            base = t.base.get(rid)
            if base is not None and base[0] not in hq_instances:
                raise _refuse(info, rid, _("versi dasarnya bukan versi dari Polres"))
            if cur is not None and cur[0] != origin:
                raise _refuse(info, rid, _("asal data diubah dari {old}", old=cur[0] or "-"))
            if info.name in records.REFERENCE_TABLES:
                if origin == sender:
                    continue
                if cur is None and origin:
                    raise _refuse(info, rid, _("data baru atas nama {owner}", owner=origin))
                if deleted:
                    raise _refuse(info, rid, _("menghapus data referensi milik Polres"))
                # an edit of HQ's (or the seed's) row; a seeded row HQ lacks (seeded by
                # another okudesk version) is set aside the same way
                aside.setdefault(info.name, set()).add(rid)
                continue
            if info.name == "post":
                i_code, i_hq = info.index("code"), info.index("is_hq")
                if rid != own_post_id or r[i_code] != sender or origin != sender or r[i_hq]:
                    raise _refuse(info, rid, _("data pos lain atau Polres"))
                if deleted:
                    raise _refuse(info, rid, _("menghapus data pos"))
                continue
            if info.name == "audit_entry" and origin == "":
                # entries written before the laptop had its post code: the sender's own chain
                if cur is None or cur[1] in mine:
                    continue
                raise _refuse(info, rid, _("data milik {owner}", owner="-"))
            if origin != sender:
                if cur is None:
                    raise _refuse(info, rid, _("data baru atas nama {owner}", owner=origin or "-"))
                raise _refuse(info, rid, _("data milik {owner}", owner=origin or "-"))
    return aside


def _check_parents(t: IncomingTable, sender: str, owners: _Owners) -> None:
    """A row may hang only under the sender's own records (follow-ups, photos, status steps,
    attendees of its meetings); a parent nobody has yet is held by the merge as before."""
    for rid, table, parent_id, origin in _foreign_parents(t, lambda _rid: sender, owners):
        raise _refuse(
            t.info,
            rid,
            _("menunjuk {table} {id} milik {owner}", table=table, id=parent_id[:40], owner=origin)
            if origin
            else _("menunjuk {table} {id} milik Polres", table=table, id=parent_id[:40]),
        )


def foreign_children(conn: Connection, t: IncomingTable, sender_of: dict[str, str]) -> set[str]:
    """Held rows (``sender_of``: record ID -> the post that sent it) whose parent, now here,
    belongs to another post: HQ sets them aside instead of hanging them under it."""
    owners = _Owners(conn, [])
    return {rid for rid, *_rest in _foreign_parents(t, lambda rid: sender_of.get(rid, ""), owners)}


def _foreign_parents(
    t: IncomingTable, sender_of: Callable[[str], str], owners: _Owners
) -> Iterator[tuple[str, str, str, str]]:
    """(row ID, parent table, parent ID, parent's origin) of every row whose owned parent
    (a record of a post, present in the bundle or here) belongs to another."""
    info = t.info
    refs: list[tuple[str, int, int | None]] = [
        (parent, idx, None) for idx, parent in info.parents if parent in OWNED_PARENTS
    ]
    for table, column in _NAMED_BY_KIND:
        if table == info.name:
            refs.append(("", info.index(column), info.index("kind")))
    links = [link for link in info.links if link.other_table in OWNED_PARENTS]
    if not refs and not links:
        return

    def named(r: tuple) -> Iterator[tuple[str, str]]:
        for parent, idx, kind_idx in refs:
            value = r[idx]
            table = parent or (r[kind_idx] if kind_idx is not None else "")
            if isinstance(value, str) and value and table in OWNED_PARENTS:
                yield table, value
        for link in links:
            for other in t.links.get(link.table.name, {}).get(r[0], ()):
                yield link.other_table, other

    wanted: dict[str, set[str]] = {}
    for r in t.rows:
        for table, value in named(r):
            wanted.setdefault(table, set()).add(value)
    for table, ids in wanted.items():
        owners.load(table, ids)
    for r in t.rows:
        sender = sender_of(r[0])
        for table, value in named(r):
            origin = owners.origin(table, value)
            if origin is not None and origin != sender:
                yield r[0], table, value, origin


def check_receipt(tables: list[IncomingTable], post_code: str) -> None:
    """A receipt brings reference data and this post's own records, nothing of another."""
    for t in tables:
        if t.info.name in records.REFERENCE_TABLES:
            continue
        i_origin = t.info.index("origin_post")
        for r in t.rows:
            if r[i_origin] != post_code:
                raise RowRefused(
                    _(
                        "Berkas ditolak: {table} {id} milik {owner}, bukan pos ini",
                        table=t.info.name,
                        id=str(r[0])[:40],
                        owner=r[i_origin] or "-",
                    )
                )
