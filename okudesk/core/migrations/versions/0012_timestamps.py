"""Time evidence: HQ's time-stamp authority and its tokens over signed report files

A signature must stay checkable after the officer's certificate expires. HQ time-stamps the
SHA-256 of each signed report that reaches it (RFC 3161) and sends the tokens back in
receipts; both ends keep them in ``report_timestamp``. HQ's time-stamp key sits beside its
other keys in ``sync_identity`` (plain ADD COLUMN).

Revision ID: 0012_timestamps
Revises: 0011_recap_indexes
Create Date: 2026-12-06
"""

import sqlalchemy as sa
from alembic import op

revision = "0012_timestamps"
down_revision = "0011_recap_indexes"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column(
        "sync_identity",
        sa.Column("tsa_key", sa.LargeBinary(), nullable=False, server_default=sa.text("X''")),
    )
    op.add_column(
        "sync_identity",
        sa.Column(
            "tsa_certificate", sa.LargeBinary(), nullable=False, server_default=sa.text("X''")
        ),
    )
    op.create_table(
        "report_timestamp",
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("token", sa.LargeBinary(), nullable=False),
        sa.Column("stamped_at", sa.DateTime(), nullable=False),
        sa.Column("origin_post", sa.String(length=12), nullable=False),
        sa.Column("added_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("sha256", name=op.f("pk_report_timestamp")),
    )
    op.create_index(
        op.f("ix_report_timestamp_origin_post"), "report_timestamp", ["origin_post"], unique=False
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_report_timestamp_origin_post"), table_name="report_timestamp")
    op.drop_table("report_timestamp")
    op.drop_column("sync_identity", "tsa_certificate")
    op.drop_column("sync_identity", "tsa_key")
