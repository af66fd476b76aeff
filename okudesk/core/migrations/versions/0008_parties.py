"""Political parties as a reference list; a stakeholder of a party names it

Parties were free text in a stakeholder's organisation, so "which of the 18 parties has no
post met this month" could not be answered. The 18 national parties of the 2024 election
are seeded (IDs from the election and ballot number, the same everywhere), and a
stakeholder of an election-contestant type (party, candidate, campaign team, witness...)
whose organisation names exactly one party, by abbreviation or name as a whole word, gets it;
the organisation text is kept as it was, and anything ambiguous stays unset.

Every installation makes the same decisions from the same rows, so nothing is sent for it.

Revision ID: 0008_parties
Revises: 0007_wilayah
Create Date: 2026-12-06
"""

import csv
import re
import uuid
from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

from okudesk.core.paths import resource

revision = "0008_parties"
down_revision = "0007_wilayah"
branch_labels = None
depends_on = None

# as okudesk.core.store.seed at the time of this migration (a migration never changes)
SEED_NAMESPACE = uuid.UUID("5b0c1a52-0a6e-4f4e-9d0e-6f6b75646573")
ELECTION = 2024
CONTESTANTS = ("Partai politik", "Calon legislatif", "Tim kampanye", "Saksi", "Relawan")


def _seed_id(kind: str, name: str) -> str:
    return str(uuid.uuid5(SEED_NAMESPACE, f"{kind}:{name}"))


def upgrade() -> None:
    op.create_table(
        "political_party",
        sa.Column("election", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("abbreviation", sa.String(length=30), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("origin_post", sa.String(length=12), nullable=False),
        sa.Column("change_instance", sa.String(length=36), nullable=False),
        sa.Column("change_counter", sa.Integer(), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_political_party")),
    )
    op.create_index(
        "ix_political_party_change_version",
        "political_party",
        ["change_instance", "change_counter"],
    )
    # SQLite adds a column with its reference in place; a batch copy of the table would
    # drop the search index's triggers and could renumber the rows it points at
    op.execute(
        "ALTER TABLE stakeholder ADD COLUMN party_id VARCHAR(36) "
        "CONSTRAINT fk_stakeholder_party_id_political_party REFERENCES political_party (id)"
    )
    op.create_index("ix_stakeholder_party_id", "stakeholder", ["party_id"])
    bind = op.get_bind()
    if not bind.execute(sa.text("SELECT count(*) FROM kecamatan")).scalar():
        return  # a new database: the store seeds the reference lists after the migrations
    with resource("reference", "parpol-2024.csv").open(encoding="utf-8", newline="") as f:
        parties = list(csv.DictReader(f))
    now = datetime.now(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")
    patterns = []
    for p in parties:
        party_id = _seed_id("political_party", f"{ELECTION}:{p['nomor_urut']}")
        bind.execute(
            sa.text(
                "INSERT OR IGNORE INTO political_party (id, election, number, abbreviation, name,"
                " active, created_at, updated_at, origin_post, change_instance, change_counter)"
                " VALUES (:id, :e, :n, :a, :name, 1, :now, :now, '', 'seed', 0)"
            ),
            {
                "id": party_id,
                "e": ELECTION,
                "n": int(p["nomor_urut"]),
                "a": p["singkatan"],
                "name": p["nama"],
                "now": now,
            },
        )
        words = "|".join(re.escape(w) for w in (p["singkatan"], p["nama"]))
        patterns.append((party_id, re.compile(rf"(?<!\w)(?:{words})(?!\w)", re.IGNORECASE)))
    types = [_seed_id("stakeholder_type", name) for name in CONTESTANTS]
    rows = bind.execute(
        sa.text(
            "SELECT id, organisation FROM stakeholder WHERE party_id IS NULL AND type_id IN "
            f"({', '.join(':t' + str(k) for k in range(len(types)))})"
        ),
        {f"t{k}": t for k, t in enumerate(types)},
    ).all()
    for stakeholder_id, organisation in rows:
        found = {party_id for party_id, pattern in patterns if pattern.search(organisation or "")}
        if len(found) == 1:
            bind.execute(
                sa.text("UPDATE stakeholder SET party_id = :p WHERE id = :i"),
                {"p": found.pop(), "i": stakeholder_id},
            )


def downgrade() -> None:
    op.drop_index("ix_stakeholder_party_id", table_name="stakeholder")
    with op.batch_alter_table("stakeholder", recreate="always") as batch:  # drops the reference
        batch.drop_column("party_id")
    op.drop_index("ix_political_party_change_version", table_name="political_party")
    op.drop_table("political_party")
