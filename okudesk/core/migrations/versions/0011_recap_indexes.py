"""Situasi wilayah's figures answered from indexes alone

The recap counts a period's incidents by kecamatan, category, severity and post: the
``(deleted_at, occurred_at)`` index found the rows and each row was then read for those
columns. The index now carries them too (same name, same first columns, so the lists and
Beranda's period counts use it as before). Open escalated incidents were counted by
reading every incident, and the latest of them listed by sorting them all;
``(deleted_at, status, occurred_at, origin_post)`` counts them (per post too) and hands the
latest over in order.

Revision ID: 0011_recap_indexes
Revises: 0010_console
Create Date: 2026-12-06
"""

from alembic import op

revision = "0011_recap_indexes"
down_revision = "0010_console"
branch_labels = None
depends_on = None

RECAP_COLUMNS = [
    "deleted_at",
    "occurred_at",
    "kecamatan_id",
    "category_id",
    "severity",
    "origin_post",
]


def upgrade() -> None:
    op.drop_index("ix_incident_live_occurred", table_name="incident")
    op.create_index("ix_incident_live_occurred", "incident", RECAP_COLUMNS, unique=False)
    op.create_index(
        "ix_incident_live_status",
        "incident",
        ["deleted_at", "status", "occurred_at", "origin_post"],
        unique=False,
    )


def downgrade() -> None:
    op.drop_index("ix_incident_live_status", table_name="incident")
    op.drop_index("ix_incident_live_occurred", table_name="incident")
    op.create_index(
        "ix_incident_live_occurred", "incident", ["deleted_at", "occurred_at"], unique=False
    )
