"""The merge itself, shared by bundles at HQ and receipts at a post: how an incoming row
meets the one held here (docs/sync-format.md, "Import and merge"), conflicts kept for a
person, held records retried, and what HQ acknowledges.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from sqlalchemy import Connection, delete, func, insert, select
from sqlalchemy.exc import DBAPIError, IntegrityError, StatementError
from sqlalchemy.orm import Session

from okudesk.core import permissions
from okudesk.core.history import audit, changes, versioning
from okudesk.core.i18n import _
from okudesk.core.models import SyncBase, SyncBundle, SyncConflict, SyncHeld, SyncInstance, utcnow
from okudesk.core.store.bulk import BulkWriter
from okudesk.core.store.migrate import SCHEMA_HEAD
from okudesk.core.sync import SyncRefused, authority, consistency, records
from okudesk.core.sync.records import IncomingTable, TableInfo

SEED = "seed"  # reference rows as seeded: the same everywhere, so a change on top is no conflict
# Rows of one post waiting for a parent that has not arrived: over this, the bundle that
# would leave more is refused (nothing of it applied; the post still has it all) until HQ
# has looked at them and discarded what will never be released ("okudesk held").
MAX_HELD_PER_POST = 20_000


@dataclass
class Counts:
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    conflicts: int = 0
    held: int = 0
    released: int = 0  # held earlier, applied now that the parent is here
    set_aside: int = 0  # a post's edit of data HQ owns: kept for a person at HQ, not applied

    def as_dict(self) -> dict[str, int]:
        return dict(self.__dict__)


def _json_value(v):
    if isinstance(v, bytes):
        import base64

        return {"base64": base64.b64encode(v).decode("ascii")}
    return v


def _from_json_value(v):
    if isinstance(v, dict) and "base64" in v:
        import base64

        return base64.b64decode(v["base64"])
    return v


class Merger:
    """Applies incoming row versions with the fixed rules; one per transaction."""

    def __init__(self, session: Session, *, mode: str, sender: str):
        self.session = session
        self.conn: Connection = session.connection()
        self.bulk = BulkWriter(self.conn)
        self.mode = mode  # "hq" applies a post's bundle; "post" applies HQ's receipt
        self.sender = sender
        self.counts = Counts()
        instances = list(
            session.execute(
                select(SyncInstance.instance, SyncInstance.post_code, SyncInstance.is_hq)
            )
        )
        self.hq_instances = {i for i, _p, hq in instances if hq}
        self.instance_post = {i: p for i, p, _hq in instances}
        self.known: dict[str, set[str]] = {}
        self.own_acks: dict[str, int] = {}
        self.own: set[str] = set()
        # rows a post may send but not decide (sync/authority.py): table -> record IDs
        self.aside: dict[str, set[str]] = {}
        self._update_sql: dict[str, str] = {}
        # "table:id" of the rows inserted here: the parents held rows may be waiting for
        self.arrived: set[str] = set()

    # --- the rule -------------------------------------------------------------------------

    def _key(self, deleted: bool, instance: str, counter: int, origin: str) -> tuple:
        """The fixed winner order: a deletion, then HQ's version, then the record's own post's,
        then instance ID and counter. A total order, so arrival order cannot change the winner."""
        return (
            deleted,
            instance in self.hq_instances,
            bool(origin) and self.instance_post.get(instance) == origin,
            instance,
            counter,
        )

    # --- lookups --------------------------------------------------------------------------

    def _current(self, info: TableInfo, ids: list[str]) -> dict[str, tuple]:
        t = info.table.c
        out = {}
        for chunk in records.chunks(ids):
            stmt = select(
                t.id, t.change_instance, t.change_counter, t.deleted_at.is_not(None), t.origin_post
            ).where(t.id.in_(chunk))
            for rid, inst, counter, deleted, origin in self.conn.execute(stmt):
                out[rid] = (inst, counter, bool(deleted), origin)
        return out

    def _versions(
        self, model: type[SyncConflict] | type[SyncHeld], table_name: str, ids: list[str]
    ) -> dict[str, dict[str, int]]:
        """The kept or held versions of these records (by primary key: the cost follows the
        incoming rows, not how many are kept or held)."""
        out: dict[str, dict[str, int]] = {}
        for chunk in records.chunks(ids):
            stmt = select(model.record_id, model.instance, model.counter).where(
                model.table_name == table_name, model.record_id.in_(chunk)
            )
            for rid, inst, counter in self.conn.execute(stmt):
                out.setdefault(rid, {})[inst] = counter
        return out

    def _exists(self, table_name: str, ids: set[str]) -> set[str]:
        known = self.known.setdefault(table_name, set())
        unknown = [i for i in ids if i not in known]
        if unknown:
            table = records.table_info(table_name).table
            for chunk in records.chunks(unknown):
                known.update(
                    self.conn.execute(select(table.c.id).where(table.c.id.in_(chunk))).scalars()
                )
        return ids & known

    def _missing_parents(self, t: IncomingTable, rows: list[tuple]) -> dict[str, str]:
        missing: dict[str, str] = {}
        wanted: dict[str, set[str]] = {}
        for idx, parent in t.info.parents:
            wanted.setdefault(parent, set()).update(r[idx] for r in rows if r[idx] is not None)
        for link in t.info.links:
            lists = t.links.get(link.table.name, {})
            wanted.setdefault(link.other_table, set()).update(
                x for r in rows for x in lists.get(r[0], ())
            )
        present = {parent: self._exists(parent, ids) for parent, ids in wanted.items()}
        for r in rows:
            for idx, parent in t.info.parents:
                if r[idx] is not None and r[idx] not in present[parent]:
                    missing[r[0]] = f"{parent}:{r[idx]}"
                    break
            else:
                for link in t.info.links:
                    for x in t.links.get(link.table.name, {}).get(r[0], ()):
                        if x not in present[link.other_table]:
                            missing[r[0]] = f"{link.other_table}:{x}"
                            break
        return missing

    # --- applying -------------------------------------------------------------------------

    def apply(self, t: IncomingTable, counts: Counts | None = None) -> None:
        counts = counts or self.counts
        info = t.info
        i_inst, i_counter = info.index("change_instance"), info.index("change_counter")
        i_deleted, i_origin = info.index("deleted_at"), info.index("origin_post")
        ids = [r[0] for r in t.rows]
        cur = self._current(info, ids)
        held = self._versions(SyncHeld, info.name, ids)
        kept = self._versions(SyncConflict, info.name, ids)
        candidates = []
        for r in t.rows:
            rid, inst, counter = r[0], r[i_inst], r[i_counter]
            c = cur.get(rid)
            if (
                (c and c[0] == inst and c[1] >= counter)
                or held.get(rid, {}).get(inst, -1) >= counter
                or kept.get(rid, {}).get(inst, -1) >= counter
            ):
                counts.unchanged += 1
                continue
            if inst in kept.get(
                rid, {}
            ):  # a newer version from the same place replaces its kept loser
                self._forget(SyncConflict, info.name, rid, inst)
            if inst in held.get(rid, {}):
                self._forget(SyncHeld, info.name, rid, inst)
            candidates.append(r)
        aside = self.aside.get(info.name, set())
        missing = self._missing_parents(t, [r for r in candidates if r[0] not in aside])
        inserts, updates, cur_losers, applied = [], [], [], []
        for r in candidates:
            rid, inst, counter = r[0], r[i_inst], r[i_counter]
            if rid in aside:  # kept beside HQ's row like a conflict's loser, for a person
                c = cur.get(rid)
                self._keep_loser(info, r, t.links, rid, (c[0], c[1]) if c else ("", 0))
                counts.set_aside += 1
                continue
            if rid in missing:
                self._hold(info, r, t, missing[rid])
                counts.held += 1
                continue
            c = cur.get(rid)
            if c is None:
                inserts.append(r)
                counts.new += 1
            elif c[0] == inst or c[0] == SEED or t.base.get(rid) == (c[0], c[1]):
                updates.append(r)
                counts.updated += 1
            elif self.mode == "post":
                if c[0] in self.own and c[1] > self.own_acks.get(c[0], 0):
                    counts.conflicts += (
                        1  # our change HQ has not seen: it travels, HQ decides and shows it
                    )
                    continue
                updates.append(r)  # HQ's resolution
                counts.updated += 1
            else:
                counts.conflicts += 1
                mine = self._key(r[i_deleted] is not None, inst, counter, r[i_origin])
                theirs = self._key(c[2], c[0], c[1], c[3])
                if mine > theirs:
                    cur_losers.append((rid, inst, counter))
                    updates.append(r)
                else:
                    self._keep_loser(info, r, t.links, rid, (c[0], c[1]))
                    continue
            applied.append(r)
        if cur_losers:
            self._keep_current_losers(info, cur_losers)
        try:
            self.bulk.insert(info.table, info.columns, inserts)
            if updates:
                self.conn.exec_driver_sql(
                    self._update_statement(info), [(*r[1:], r[0]) for r in updates]
                )
        except IntegrityError as exc:
            raise SyncRefused(
                _(
                    "Berkas ditolak: datanya bertabrakan dengan data yang ada ({table}: {reason})",
                    table=info.name,
                    reason=str(exc.orig)[:80],
                )
            ) from exc
        except (StatementError, DBAPIError) as exc:
            raise SyncRefused(_("Berkas ditolak: isi data tidak sah")) from exc
        self.known.setdefault(info.name, set()).update(r[0] for r in inserts)
        self.arrived.update(f"{info.name}:{r[0]}" for r in inserts)
        changes.note(self.session, info.name, [r[0] for r in applied])  # their links count for them
        self._apply_links(t, [r[0] for r in applied], fresh={r[0] for r in inserts})
        if self.mode == "post":
            self._remember_bases(info, applied, i_inst, i_counter)

    def _update_statement(self, info: TableInfo) -> str:
        sql = self._update_sql.get(info.name)
        if sql is None:
            quote = self.conn.dialect.identifier_preparer.quote
            sets = ", ".join(f"{quote(c)} = ?" for c in info.columns[1:])
            sql = self._update_sql[info.name] = (
                f"UPDATE {quote(info.name)} SET {sets} WHERE {quote('id')} = ?"
            )
        return sql

    def _apply_links(self, t: IncomingTable, owner_ids: list[str], fresh: set[str]) -> None:
        for link in t.info.links:
            lists = t.links.get(link.table.name)
            if lists is None:
                continue
            owners = [o for o in owner_ids if o in lists]
            stale = [o for o in owners if o not in fresh]
            for chunk in records.chunks(stale):
                self.conn.execute(
                    delete(link.table).where(link.table.c[link.owner_column].in_(chunk))
                )
            pairs = [(o, x) for o in owners for x in dict.fromkeys(lists[o])]
            self.bulk.insert(link.table, (link.owner_column, link.other_column), pairs)

    def _row_json(self, info: TableInfo, row: tuple, links: dict[str, list[str]]) -> str:
        doc = {c: _json_value(v) for c, v in zip(info.columns, row, strict=True)}
        if links:
            doc["_links"] = links
        return json.dumps(doc, ensure_ascii=False, sort_keys=True)

    def _links_of(self, t_links: dict, rid: str) -> dict[str, list[str]]:
        return {name: lists[rid] for name, lists in t_links.items() if rid in lists}

    def _keep_loser(
        self, info: TableInfo, row: tuple, t_links: dict, rid: str, winner: tuple[str, int]
    ) -> None:
        inst, counter = row[info.index("change_instance")], row[info.index("change_counter")]
        self._forget(SyncConflict, info.name, rid, inst)
        changes.note(self.session, SyncConflict.__tablename__, [f"{info.name}/{rid}/{inst}"])
        self.conn.execute(
            insert(SyncConflict).values(
                table_name=info.name,
                record_id=rid,
                instance=inst,
                counter=counter,
                post_code=self.instance_post.get(inst, self.sender),
                winner_instance=winner[0],
                winner_counter=winner[1],
                row=self._row_json(info, row, self._links_of(t_links, rid)),
            )
        )

    def _keep_current_losers(self, info: TableInfo, losers: list[tuple[str, str, int]]) -> None:
        ids = [rid for rid, _i, _c in losers]
        winners = {rid: (inst, counter) for rid, inst, counter in losers}
        rows = records.read_rows(self.conn, info, info.table.c.id.in_(ids))
        links: dict[str, dict[str, list[str]]] = {}
        for link in info.links:
            lists: dict[str, list[str]] = {}
            for o, x in records.read_links(self.conn, link, ids):
                lists.setdefault(o, []).append(x)
            links[link.table.name] = lists
        for row in rows:
            self._keep_loser(info, row, links, row[0], winners[row[0]])

    def _hold(self, info: TableInfo, row: tuple, t: IncomingTable, missing: str) -> None:
        rid = row[0]
        inst, counter = row[info.index("change_instance")], row[info.index("change_counter")]
        self.conn.execute(
            delete(SyncHeld).where(SyncHeld.table_name == info.name, SyncHeld.record_id == rid)
        )
        base = t.base.get(rid)
        changes.note(self.session, SyncHeld.__tablename__, [f"{info.name}/{rid}"])
        self.conn.execute(
            insert(SyncHeld).values(
                table_name=info.name,
                record_id=rid,
                instance=inst,
                counter=counter,
                post_code=self.instance_post.get(inst, self.sender),
                missing=missing[:120],
                row=self._row_json(info, row, self._links_of(t.links, rid)),
                base=json.dumps(list(base)) if base else "",
            )
        )

    def _forget(
        self, model: type[SyncConflict] | type[SyncHeld], table_name: str, rid: str, inst: str
    ) -> None:
        self.conn.execute(
            delete(model).where(
                model.table_name == table_name, model.record_id == rid, model.instance == inst
            )
        )

    def _remember_bases(
        self, info: TableInfo, rows: list[tuple], i_inst: int, i_counter: int
    ) -> None:
        ids = [r[0] for r in rows]
        for chunk in records.chunks(ids):
            self.conn.execute(
                delete(SyncBase).where(
                    SyncBase.table_name == info.name, SyncBase.record_id.in_(chunk)
                )
            )
        self.bulk.insert(
            SyncBase.__table__,
            ("table_name", "record_id", "instance", "counter"),
            [(info.name, r[0], r[i_inst], r[i_counter]) for r in rows],
        )

    def retry_held(self) -> None:
        """Apply held records whose missing parent arrived in this transaction, until nothing
        more moves. Only those are read (by the index on ``missing``): an import costs the
        same with 100,000 rows held as with none."""
        while self.arrived:
            arrived, self.arrived = list(self.arrived), set()
            held: list[SyncHeld] = []
            for chunk in records.chunks(arrived):
                held.extend(
                    self.session.execute(select(SyncHeld).where(SyncHeld.missing.in_(chunk)))
                    .scalars()
                    .all()
                )
            if not held:
                return
            by_table: dict[str, IncomingTable] = {}
            for h in held:
                info = records.table_info(h.table_name)
                doc = json.loads(h.row)
                links = doc.pop("_links", {})
                t = by_table.setdefault(h.table_name, IncomingTable(info, [], {}, {}))
                t.rows.append(tuple(_from_json_value(doc.get(c)) for c in info.columns))
                if h.base:
                    t.base[h.record_id] = tuple(json.loads(h.base))
                for name, others in links.items():
                    t.links.setdefault(name, {})[h.record_id] = others
            changes.note(
                self.session,
                SyncHeld.__tablename__,
                [f"{h.table_name}/{h.record_id}" for h in held],
            )
            senders = {(h.table_name, h.record_id): h.post_code for h in held}
            for h in held:
                self.conn.execute(
                    delete(SyncHeld).where(
                        SyncHeld.table_name == h.table_name, SyncHeld.record_id == h.record_id
                    )
                )
            self.session.expire_all()
            if self.mode == "hq":  # a parent arrived from another post: not this row's to join
                for t in by_table.values():
                    name = t.info.name
                    sent = {rid: code for (tn, rid), code in senders.items() if tn == name}
                    foreign = authority.foreign_children(self.conn, t, sent)
                    if foreign:
                        self.aside.setdefault(name, set()).update(foreign)
            before = len(held)
            retry = Counts()
            order = {info.name: k for k, info in enumerate(records.travelling())}
            for t in sorted(by_table.values(), key=lambda x: order[x.info.name]):
                self.apply(t, retry)
            self.counts.released += before - retry.held - retry.set_aside
            self.counts.set_aside += retry.set_aside


# --- HQ: importing bundles ----------------------------------------------------------------


def check_schema(manifest: dict) -> None:
    if manifest["schema"] == SCHEMA_HEAD:
        return
    from okudesk.core.store.migrate import known_revisions

    if manifest["schema"] not in known_revisions():
        raise SyncRefused(
            _(
                "Berkas dibuat oleh okudesk yang lebih baru (skema {found}); perbarui okudesk di "
                "sini terlebih dahulu",
                found=manifest["schema"][:40],
            )
        )


def load_payload(payload: bytes | bytearray) -> dict:
    try:
        doc = json.loads(payload)
    except (ValueError, UnicodeDecodeError) as exc:
        raise SyncRefused(_("Berkas ditolak: isi data tidak sah")) from exc
    if not isinstance(doc, dict):
        raise SyncRefused(_("Berkas ditolak: isi data tidak sah"))
    return doc


def acknowledgement(session: Session, post_code: str) -> dict[str, int]:
    """Per instance of the post: the end of the contiguous run of counters HQ holds from 0."""
    spans: dict[str, list[tuple[int, int]]] = {}
    for ranges in session.scalars(
        select(SyncBundle.ranges).where(SyncBundle.post_code == post_code)
    ):
        for r in json.loads(ranges):
            spans.setdefault(r["instance"], []).append((r["from"], r["to"]))
    acks = {}
    for inst, items in spans.items():
        top = 0
        for start, end in sorted(items):
            if start > top:
                break
            top = max(top, end)
        acks[inst] = top
    return acks


# --- a person resolves a kept conflict -----------------------------------------------------


def resolve_conflict(
    session: Session,
    table: str,
    record_id: str,
    instance: str,
    *,
    adopt: bool,
    audit_changes: dict | None = None,
) -> None:
    """Close a kept conflict: keep the winner as it is, or adopt the kept version (its values
    become a new change made here, which travels on like any edit). Needs ``sync.import``.
    ``audit_changes`` ({field: [before, after]}) goes into the audit entry."""
    permissions.require(session, "sync.import")
    kept = session.get(SyncConflict, (table, record_id, instance))
    if kept is None or kept.resolved_at is not None:
        raise SyncRefused(_("{kind} tidak ditemukan: {id}", kind="Konflik", id=record_id))
    if adopt:
        info = records.table_info(table)
        if (
            session.execute(select(info.table.c.id).where(info.table.c.id == record_id)).first()
            is None
        ):
            # a held row set aside when its parent came from another post: nothing to update
            raise SyncRefused(
                _("Data {id} tidak ada di sini; versi dari pos hanya dapat ditolak", id=record_id)
            )
        doc = json.loads(kept.row)
        links = doc.pop("_links", {})
        bookkeeping = {
            "id",
            "created_at",
            "updated_at",
            "origin_post",
            "change_instance",
            "change_counter",
        }
        values = {c: _from_json_value(doc.get(c)) for c in info.columns if c not in bookkeeping}
        conn = session.connection()
        instance_id, counter = versioning.reserve(conn, 1)
        values.update(
            change_instance=instance_id,
            change_counter=counter,
            updated_at=BulkWriter(conn).dt(utcnow()),
        )
        quote = conn.dialect.identifier_preparer.quote
        names = list(values)
        changes.note(session, table, [record_id])
        conn.exec_driver_sql(
            f"UPDATE {quote(table)} SET {', '.join(f'{quote(n)} = ?' for n in names)} WHERE "
            f"{quote('id')} = ?",
            (*[values[n] for n in names], record_id),
        )
        merger = Merger(session, mode="hq", sender="")
        merger._apply_links(
            IncomingTable(info, [], {}, links={k: {record_id: v} for k, v in links.items()}),
            [record_id],
            fresh=set(),
        )
    kept.resolved_at = utcnow()
    if table == "incident":  # the decided status and the history's last line agree again
        consistency.align_status(session, record_id)
    audit.record(
        session,
        "update",
        record_type=table,
        record_id=record_id,
        summary=(
            f"Konflik sinkronisasi: versi dari pos {kept.post_code} dipakai"
            if adopt
            else f"Konflik sinkronisasi: versi dari pos {kept.post_code} ditolak"
        ),
        changes=audit_changes or None,
    )
    session.flush()


# --- held rows: the limit, and a person discarding them ----------------------------------


def check_held(session: Session, post_code: str, limit: int | None = None) -> None:
    """Refuse (roll back) an import that would leave more than the limit of this post's rows
    held: one count by index, whatever is held for other posts."""
    limit = MAX_HELD_PER_POST if limit is None else limit
    held = session.scalar(
        select(func.count()).select_from(SyncHeld).where(SyncHeld.post_code == post_code)
    )
    if held and held > limit:
        raise SyncRefused(
            _(
                "Berkas ditolak: {count} data dari pos {post} akan menunggu induknya, lebih dari "
                "batas {limit}; periksa dan buang data yang ditahan (halaman Sinkronisasi atau "
                "'okudesk held'), lalu impor lagi",
                count=held,
                post=post_code,
                limit=limit,
            )
        )


def discard_held(
    session: Session, *, table: str = "", record_id: str = "", post_code: str = ""
) -> int:
    """Discard one held row (``table`` and ``record_id``) or all of a post's; audited. The
    post still has the data: it travels again if it is changed there. Needs ``sync.import``."""
    permissions.require(session, "sync.import")
    if record_id:
        rows = [session.get(SyncHeld, (table, record_id))]
        if rows[0] is None:
            raise SyncRefused(_("{kind} tidak ditemukan: {id}", kind="Data ditahan", id=record_id))
        stmt = delete(SyncHeld).where(SyncHeld.table_name == table, SyncHeld.record_id == record_id)
    elif post_code:
        stmt = delete(SyncHeld).where(SyncHeld.post_code == post_code)
    else:
        raise SyncRefused(_("Sebutkan data atau pos yang data ditahannya dibuang"))
    count = session.connection().execute(stmt).rowcount or 0
    if not count:
        raise SyncRefused(_("Tidak ada data ditahan dari pos {post}", post=post_code))
    changes.note(
        session, SyncHeld.__tablename__, [f"{table}/{record_id}" if record_id else post_code]
    )
    if record_id:
        held = rows[0]
        assert held is not None
        audit.record(
            session,
            "delete",
            record_type=table,
            record_id=record_id,
            summary=(f"Data ditahan dari pos {held.post_code} dibuang (menunggu {held.missing})")[
                :1000
            ],
        )
    else:
        audit.record(
            session,
            "delete",
            record_type=SyncHeld.__tablename__,
            record_id=post_code,
            summary=f"{count} data ditahan dari pos {post_code} dibuang",
        )
    session.flush()
    return count
