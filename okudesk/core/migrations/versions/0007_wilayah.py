"""The official kecamatan and villages of OKU, with their Kemendagri codes

Until now kecamatan carried okudesk's own running numbers and each post typed in the
villages it covers, so "incidents in desa X" could not add up across posts: thirteen posts
made thirteen rows for the same village. Kecamatan get their Kemendagri codes; the 157
official villages are added with IDs derived from their codes (the same at every post and at
HQ); and a village a database already holds that matches an official one (same kecamatan,
same name ignoring case and spaces) hands its records over to the official row and is
switched off, keeping the official code, so a record that still points at it (one arriving
later from a post) counts under the same code. A village that matches nothing stays as a
local addition: no record loses its place.

Every installation makes the same decisions from the same rows, so a post and HQ agree
without sending anything: the hand-over is not a change and gets no new version.

Revision ID: 0007_wilayah
Revises: 0006_count_indexes
Create Date: 2026-12-06
"""

import csv
import uuid
from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

from okudesk.core.paths import resource

revision = "0007_wilayah"
down_revision = "0006_count_indexes"
branch_labels = None
depends_on = None

# as okudesk.core.store.seed at the time of this migration (a migration never changes)
SEED_NAMESPACE = uuid.UUID("5b0c1a52-0a6e-4f4e-9d0e-6f6b75646573")
PLACES = ("meeting", "incident", "stakeholder")


def _seed_id(kind: str, name: str) -> str:
    return str(uuid.uuid5(SEED_NAMESPACE, f"{kind}:{name}"))


def _key(name: str) -> str:
    return "".join(name.split()).casefold()


def upgrade() -> None:
    with op.batch_alter_table("desa") as batch:
        batch.add_column(sa.Column("code", sa.String(16), nullable=False, server_default=""))
        batch.create_index("ix_desa_code", ["code"])
    bind = op.get_bind()
    if not bind.execute(sa.text("SELECT count(*) FROM kecamatan")).scalar():
        return  # a new database: the store seeds the official list after the migrations
    with resource("reference", "oku-wilayah.csv").open(encoding="utf-8", newline="") as f:
        places = list(csv.DictReader(f))
    kecamatan = {
        p["kode"]: _seed_id("kecamatan", p["nama"]) for p in places if p["jenis"] == "kecamatan"
    }
    for code, kec_id in kecamatan.items():
        bind.execute(
            sa.text("UPDATE kecamatan SET code = :c WHERE id = :i"), {"c": code, "i": kec_id}
        )
    present = set(bind.execute(sa.text("SELECT id FROM kecamatan")).scalars())
    # as SQLAlchemy stores a naive UTC DateTime in SQLite
    now = datetime.now(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")
    official: dict[tuple[str, str], tuple[str, str]] = {}
    for p in places:
        kec_id = kecamatan.get(p["kode_kecamatan"])
        if p["jenis"] == "kecamatan" or kec_id not in present:
            continue  # a kecamatan an administrator deleted outright keeps no villages
        row_id = _seed_id("desa", p["kode"])
        official[(kec_id, _key(p["nama"]))] = (row_id, p["kode"])
        bind.execute(
            sa.text(
                "INSERT OR IGNORE INTO desa (id, kecamatan_id, code, name, is_kelurahan, active,"
                " created_at, updated_at, origin_post, change_instance, change_counter)"
                " VALUES (:id, :kec, :code, :name, :kel, 1, :now, :now, '', 'seed', 0)"
            ),
            {
                "id": row_id,
                "kec": kec_id,
                "code": p["kode"],
                "name": p["nama"],
                "kel": p["jenis"] == "kelurahan",
                "now": now,
            },
        )
    official_ids = {row_id for row_id, _ in official.values()}
    local = bind.execute(sa.text("SELECT id, kecamatan_id, name FROM desa")).all()
    for local_id, kec_id, name in local:
        match = official.get((kec_id, _key(name)))
        if match is None or local_id in official_ids:
            continue
        row_id, code = match
        for table in PLACES:
            bind.execute(
                sa.text(f"UPDATE {table} SET desa_id = :new WHERE desa_id = :old"),
                {"new": row_id, "old": local_id},
            )
        bind.execute(
            sa.text("UPDATE desa SET code = :code, active = 0 WHERE id = :id"),
            {"code": code, "id": local_id},
        )


def downgrade() -> None:
    with op.batch_alter_table("desa") as batch:
        batch.drop_index("ix_desa_code")
        batch.drop_column("code")
