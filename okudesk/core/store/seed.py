"""The reference lists a new database starts with (resources/reference/oku.json, and the
kecamatan and villages of OKU with their Kemendagri codes in resources/reference/oku-wilayah.csv).

Seeded rows get IDs derived from their names (UUID5), so every post's seed has the same
IDs and HQ merges them instead of collecting thirteen copies of "Baturaja Timur" (a
village's ID comes from its code, since an administrator may correct its name). They
carry change version ("seed", 0): a seed is not a change and is never exported. Part of
the store: a database is made with them, before any service sees it.
"""

from __future__ import annotations

import csv
import json
import uuid
from dataclasses import dataclass
from functools import cache
from typing import TypeVar

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from okudesk.core.history import versioning
from okudesk.core.models import (
    ActivityType,
    Base,
    Desa,
    IncidentCategory,
    Kecamatan,
    PoliticalParty,
    Rank,
    StakeholderType,
)
from okudesk.core.paths import resource

SEED_NAMESPACE = uuid.UUID("5b0c1a52-0a6e-4f4e-9d0e-6f6b75646573")
SEED_INSTANCE = "seed"


def seed_id(kind: str, name: str) -> str:
    return str(uuid.uuid5(SEED_NAMESPACE, f"{kind}:{name}"))


@cache
def reference_data() -> dict:
    data: dict = json.loads(resource("reference", "oku.json").read_text(encoding="utf-8"))
    return data


@dataclass(frozen=True)
class Place:
    """One row of the official list: a kecamatan (no kecamatan_code) or a village."""

    code: str
    name: str
    kind: str  # "kecamatan", "desa" or "kelurahan"
    kecamatan_code: str = ""
    kecamatan: str = ""


@cache
def wilayah() -> tuple[Place, ...]:
    """The kecamatan and villages of OKU, kecamatan first."""
    with resource("reference", "oku-wilayah.csv").open(encoding="utf-8", newline="") as f:
        rows = [
            Place(r["kode"], r["nama"], r["jenis"], r["kode_kecamatan"], r["kecamatan"])
            for r in csv.DictReader(f)
        ]
    return tuple(sorted(rows, key=lambda p: (p.kind != "kecamatan", p.code)))


def desa_id(code: str) -> str:
    """The seeded ID of an official village: from its code, the same at every post."""
    return seed_id("desa", code)


@dataclass(frozen=True)
class Party:
    number: int
    abbreviation: str
    name: str


ELECTION = 2024


@cache
def parties() -> tuple[Party, ...]:
    """The national parties of the 2024 election, by ballot number."""
    with resource("reference", "parpol-2024.csv").open(encoding="utf-8", newline="") as f:
        rows = [Party(int(r["nomor_urut"]), r["singkatan"], r["nama"]) for r in csv.DictReader(f)]
    return tuple(sorted(rows, key=lambda p: p.number))


def party_id(election: int, number: int) -> str:
    """The seeded ID of a party: from the election and its ballot number."""
    return seed_id("political_party", f"{election}:{number}")


M = TypeVar("M", bound=Base)


def _seeded(model: type[M], kind: str, name: str, **fields: object) -> M:
    return model(
        id=seed_id(kind, name),
        name=name,
        change_instance=SEED_INSTANCE,
        change_counter=0,
        origin_post="",
        **fields,
    )


def seed_reference(session: Session) -> bool:
    """Insert the reference lists into an empty database; returns whether it did."""
    if session.scalar(select(func.count()).select_from(Kecamatan)):
        return False
    data = reference_data()
    kecamatan = [
        _seeded(Kecamatan, "kecamatan", p.name, code=p.code)
        for p in wilayah()
        if p.kind == "kecamatan"
    ]
    kecamatan_ids = {k.code: k.id for k in kecamatan}
    rows: list[Base] = []
    for place in wilayah():
        if place.kind != "kecamatan":
            row = Desa(
                id=desa_id(place.code),
                name=place.name,
                code=place.code,
                kecamatan_id=kecamatan_ids[place.kecamatan_code],
                is_kelurahan=place.kind == "kelurahan",
                change_instance=SEED_INSTANCE,
                change_counter=0,
                origin_post="",
            )
            rows.append(row)
    order = 0
    for group, names in data["stakeholder_types"]:
        for name in names:
            order += 1
            rows.append(
                _seeded(StakeholderType, "stakeholder_type", name, group=group, sort_order=order)
            )
    for order, name in enumerate(data["activity_types"], 1):
        rows.append(_seeded(ActivityType, "activity_type", name, sort_order=order))
    order = 0
    for group, names in data["incident_categories"].items():
        for name in names:
            order += 1
            rows.append(
                _seeded(IncidentCategory, "incident_category", name, group=group, sort_order=order)
            )
    order = 0
    for group, names in data["ranks"]:
        for name in names:
            order += 1
            rows.append(_seeded(Rank, "rank", name, group=group, sort_order=order))
    for party in parties():
        rows.append(
            PoliticalParty(
                id=party_id(ELECTION, party.number),
                election=ELECTION,
                number=party.number,
                abbreviation=party.abbreviation,
                name=party.name,
                change_instance=SEED_INSTANCE,
                change_counter=0,
                origin_post="",
            )
        )
    previous = session.info.get(versioning.KEEP_VERSIONS)
    session.info[versioning.KEEP_VERSIONS] = True
    try:
        session.add_all(kecamatan)
        session.flush()  # before the villages that point at them
        session.add_all(rows)
        session.flush()
    finally:
        session.info[versioning.KEEP_VERSIONS] = previous
    return True
