"""The reference lists a new database starts with (resources/reference/oku.json).

Seeded rows get IDs derived from their names (UUID5), so every post's seed has the same
IDs and HQ merges them instead of collecting thirteen copies of "Baturaja Timur". They
carry change version ("seed", 0): a seed is not a change and is never exported. Part of
the store: a database is made with them, before any service sees it.
"""

from __future__ import annotations

import json
import uuid
from functools import cache
from typing import TypeVar

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from okudesk.core.history import versioning
from okudesk.core.models import (
    ActivityType,
    Base,
    IncidentCategory,
    Kecamatan,
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
    rows: list[Base] = []
    for k in data["kecamatan"]:
        rows.append(_seeded(Kecamatan, "kecamatan", k["name"], code=k["code"]))
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
    previous = session.info.get(versioning.KEEP_VERSIONS)
    session.info[versioning.KEEP_VERSIONS] = True
    try:
        session.add_all(rows)
        session.flush()
    finally:
        session.info[versioning.KEEP_VERSIONS] = previous
    return True
