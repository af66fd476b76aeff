"""Revoked officer signing certificates

An admin who resets an officer's passphrase no longer gets a key made under a passphrase
the admin chose: the officer's certificate is revoked (recorded here) and the key deleted;
the officer's new key is made at the next login, under the passphrase the officer then
chooses (``renew`` until then).

Revision ID: 0010_console
Revises: 0009_report_wording
Create Date: 2026-12-06
"""

import sqlalchemy as sa
from alembic import op

revision = "0010_console"
down_revision = "0009_report_wording"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "officer_revocation",
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("officer_id", sa.String(length=36), nullable=False),
        sa.Column("key_id", sa.String(length=64), nullable=False),
        sa.Column("certificate_pem", sa.LargeBinary(), nullable=False),
        sa.Column("revoked_at", sa.DateTime(), nullable=False),
        sa.Column("revoked_by", sa.String(length=120), nullable=False),
        sa.Column("renew", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["officer_id"], ["officer.id"], name=op.f("fk_officer_revocation_officer_id_officer")
        ),
        sa.PrimaryKeyConstraint("sha256", name=op.f("pk_officer_revocation")),
    )
    with op.batch_alter_table("officer_revocation", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_officer_revocation_officer_id"), ["officer_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("officer_revocation", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_officer_revocation_officer_id"))
    op.drop_table("officer_revocation")
