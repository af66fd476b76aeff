"""Reference lists: kecamatan, desa, stakeholder types, activity types, incident
categories and ranks. Seeded by the store (okudesk.core.store.seed), editable afterwards.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TypeVar

from sqlalchemy import func, select
from sqlalchemy.orm import QueryableAttribute, Session
from sqlalchemy.sql import ColumnElement

from okudesk.core.errors import ValidationError
from okudesk.core.i18n import _
from okudesk.core.models import (
    ActivityType,
    Desa,
    IncidentCategory,
    Kecamatan,
    PoliticalParty,
    Rank,
    StakeholderType,
)
from okudesk.core.permissions import require


@dataclass(frozen=True)
class RefItem:
    id: str
    name: str
    group: str = ""
    parent_id: str | None = None


# The editable lists: each has a name and can be switched off.
Reference = TypeVar(
    "Reference", Kecamatan, Desa, StakeholderType, ActivityType, IncidentCategory, Rank
)


def _items(
    session: Session,
    model: type[Reference],
    *,
    group_attr: str | None = None,
    order_by: QueryableAttribute[int] | None = None,
) -> list[RefItem]:
    columns = [model.id, model.name]
    if group_attr:
        columns.append(getattr(model, group_attr))
    stmt = select(*columns).where(model.deleted_at.is_(None), model.active.is_(True))
    stmt = stmt.order_by(order_by if order_by is not None else model.name)
    return [RefItem(r[0], r[1], r[2] if group_attr else "") for r in session.execute(stmt)]


def kecamatan(session: Session) -> list[RefItem]:
    return _items(session, Kecamatan)


def desa(session: Session, kecamatan_id: str | None = None) -> list[RefItem]:
    stmt = select(Desa.id, Desa.name, Desa.kecamatan_id).where(
        Desa.deleted_at.is_(None), Desa.active.is_(True)
    )
    if kecamatan_id:
        stmt = stmt.where(Desa.kecamatan_id == kecamatan_id)
    return [RefItem(r[0], r[1], "", r[2]) for r in session.execute(stmt.order_by(Desa.name))]


def stakeholder_types(session: Session) -> list[RefItem]:
    return _items(session, StakeholderType, group_attr="group", order_by=StakeholderType.sort_order)


def parties(session: Session) -> list[RefItem]:
    """The parties of the newest election first, by ballot number ("1. PKB - Partai ...")."""
    stmt = (
        select(
            PoliticalParty.id,
            PoliticalParty.number,
            PoliticalParty.abbreviation,
            PoliticalParty.name,
            PoliticalParty.election,
        )
        .where(PoliticalParty.deleted_at.is_(None), PoliticalParty.active.is_(True))
        .order_by(PoliticalParty.election.desc(), PoliticalParty.number)
    )
    return [
        RefItem(r[0], f"{r[1]}. {r[2]} - {r[3]}" if r[2] != r[3] else f"{r[1]}. {r[3]}", str(r[4]))
        for r in session.execute(stmt)
    ]


def activity_types(session: Session) -> list[RefItem]:
    return _items(session, ActivityType, order_by=ActivityType.sort_order)


def incident_categories(session: Session) -> list[RefItem]:
    return _items(
        session, IncidentCategory, group_attr="group", order_by=IncidentCategory.sort_order
    )


def ranks(session: Session) -> list[RefItem]:
    return _items(session, Rank, group_attr="group", order_by=Rank.sort_order)


def kecamatan_of(session: Session, kecamatan_id: str | None, desa_id: str | None) -> str | None:
    """The kecamatan of a place a person picked: the one given, checked against the desa,
    or else the desa's own. Refuses a desa that does not lie in the kecamatan given."""
    if not desa_id:
        return kecamatan_id
    desa = session.get(Desa, desa_id)
    if desa is None or (kecamatan_id and desa.kecamatan_id != kecamatan_id):
        raise ValidationError(
            _(
                "Desa {desa} tidak berada di kecamatan {kecamatan}",
                desa=desa.name if desa else desa_id,
                kecamatan=kecamatan_id,
            ),
            "desa_id",
        )
    return kecamatan_id or desa.kecamatan_id


def _same_village(name: str) -> ColumnElement[bool]:
    """A village named ``name`` whatever its case and spaces ("Tanjung Agung" is the official
    "Tanjungagung")."""
    return func.replace(func.lower(Desa.name), " ", "") == "".join(name.lower().split())


def add_desa(session: Session, kecamatan_id: str, name: str, *, is_kelurahan: bool = False) -> str:
    """A post adds the villages it covers; names are unique within a kecamatan."""
    require(session, "reference.write")
    name = " ".join(name.split())
    if not name:
        raise ValidationError(_("{field} wajib diisi", field="Nama desa"), "name")
    if session.get(Kecamatan, kecamatan_id) is None:
        raise ValidationError(_("{kind} tidak ditemukan: {id}", kind="Kecamatan", id=kecamatan_id))
    existing = session.scalar(
        select(Desa.id).where(
            Desa.kecamatan_id == kecamatan_id,
            _same_village(name),
            Desa.deleted_at.is_(None),
        )
    )
    if existing:
        return existing
    desa_row = Desa(kecamatan_id=kecamatan_id, name=name, is_kelurahan=is_kelurahan)
    session.add(desa_row)
    session.flush()
    return desa_row.id


def rename(session: Session, model: type[Reference], item_id: str, name: str) -> None:
    require(session, "reference.write")
    name = " ".join(name.split())
    if not name:
        raise ValidationError(_("{field} wajib diisi", field="Nama"), "name")
    row = session.get(model, item_id)
    if row is None:
        raise ValidationError(_("{kind} tidak ditemukan: {id}", kind=model.__name__, id=item_id))
    row.name = name
    session.flush()


@dataclass(frozen=True)
class Village:
    """A village as the administrator's list shows it."""

    id: str
    name: str
    code: str  # Kemendagri code; empty for a post's local addition
    is_kelurahan: bool
    active: bool
    editable: bool  # whether this installation may rename or switch it off


def _may_edit(session: Session, row: Desa) -> bool:
    """HQ keeps the official list; a post changes only the villages it added itself."""
    from okudesk.core.records import posts

    here = posts.this_post(session)
    if here is None:
        return False
    return here.is_hq or (bool(row.origin_post) and row.origin_post == here.code)


def villages(session: Session, kecamatan_id: str) -> list[Village]:
    """Every village of a kecamatan, switched-off ones too, official ones first by name.
    A post's own row for an official village that the official row replaced is not shown."""
    rows = session.scalars(
        select(Desa)
        .where(
            Desa.kecamatan_id == kecamatan_id,
            Desa.deleted_at.is_(None),
            (Desa.code == "") | (Desa.origin_post == ""),
        )
        .order_by(Desa.code == "", Desa.name)
    )
    return [
        Village(d.id, d.name, d.code, d.is_kelurahan, d.active, _may_edit(session, d)) for d in rows
    ]


def update_desa(session: Session, desa_id: str, *, name: str, active: bool) -> None:
    """Rename a village or switch it off (it stays on the records that name it)."""
    require(session, "reference.write")
    row = session.get(Desa, desa_id)
    if row is None or row.deleted_at is not None:
        raise ValidationError(_("{kind} tidak ditemukan: {id}", kind="Desa", id=desa_id))
    if not _may_edit(session, row):
        raise ValidationError(
            _(
                "Desa {desa} berasal dari daftar resmi Kemendagri atau dari pos lain; "
                "hanya Polres yang dapat mengubahnya",
                desa=row.name,
            )
        )
    name = " ".join(name.split())
    if not name:
        raise ValidationError(_("{field} wajib diisi", field="Nama desa"), "name")
    same = session.scalar(
        select(Desa.name).where(
            Desa.kecamatan_id == row.kecamatan_id,
            Desa.id != row.id,
            Desa.active.is_(True),
            Desa.deleted_at.is_(None),
            _same_village(name),
        )
    )
    if same is not None:
        raise ValidationError(_("Sudah ada desa {desa} di kecamatan ini", desa=same), "name")
    if row.name != name:
        row.name = name
    if row.active != active:
        row.active = active
    session.flush()
