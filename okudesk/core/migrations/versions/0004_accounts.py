"""accounts (officer logins, roles) and the tamper-evident audit trail

Revision ID: 0004_accounts
Revises: 0003_reports
Create Date: 2026-11-27
"""

import sqlalchemy as sa
from alembic import op

revision = "0004_accounts"
down_revision = "0003_reports"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "audit_entry",
        sa.Column("chain", sa.String(length=36), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("prev_hash", sa.String(length=64), nullable=False),
        sa.Column("entry_hash", sa.String(length=64), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("actor_id", sa.String(length=36), nullable=True),
        sa.Column("actor_name", sa.String(length=160), nullable=False),
        sa.Column("actor_role", sa.String(length=16), nullable=False),
        sa.Column("action", sa.String(length=24), nullable=False),
        sa.Column("record_type", sa.String(length=40), nullable=False),
        sa.Column("record_id", sa.String(length=36), nullable=False),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("changes", sa.Text(), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("origin_post", sa.String(length=12), nullable=False),
        sa.Column("change_instance", sa.String(length=36), nullable=False),
        sa.Column("change_counter", sa.Integer(), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_entry")),
    )
    with op.batch_alter_table("audit_entry", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_audit_entry_action"), ["action"], unique=False)
        batch_op.create_index(batch_op.f("ix_audit_entry_actor_id"), ["actor_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_audit_entry_at"), ["at"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_audit_entry_change_counter"), ["change_counter"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_audit_entry_entry_hash"), ["entry_hash"], unique=False)
        batch_op.create_index(batch_op.f("ix_audit_entry_record_id"), ["record_id"], unique=False)
        batch_op.create_index("uq_audit_entry_chain_seq", ["chain", "seq"], unique=True)

    op.create_table(
        "officer_account",
        sa.Column("officer_id", sa.String(length=36), nullable=False),
        sa.Column("role", sa.String(length=16), nullable=False),
        sa.Column("passphrase_hash", sa.String(length=255), nullable=False),
        sa.Column("must_change", sa.Boolean(), nullable=False),
        sa.Column("failed_count", sa.Integer(), nullable=False),
        sa.Column("last_failed_at", sa.DateTime(), nullable=True),
        sa.Column("locked_until", sa.DateTime(), nullable=True),
        sa.Column("last_login_at", sa.DateTime(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["officer_id"], ["officer.id"], name=op.f("fk_officer_account_officer_id_officer")
        ),
        sa.PrimaryKeyConstraint("officer_id", name=op.f("pk_officer_account")),
    )


def downgrade() -> None:
    op.execute("DELETE FROM store_meta WHERE key = 'audit_tip'")
    op.drop_table("officer_account")
    with op.batch_alter_table("audit_entry", schema=None) as batch_op:
        batch_op.drop_index("uq_audit_entry_chain_seq")
        batch_op.drop_index(batch_op.f("ix_audit_entry_record_id"))
        batch_op.drop_index(batch_op.f("ix_audit_entry_entry_hash"))
        batch_op.drop_index(batch_op.f("ix_audit_entry_change_counter"))
        batch_op.drop_index(batch_op.f("ix_audit_entry_at"))
        batch_op.drop_index(batch_op.f("ix_audit_entry_actor_id"))
        batch_op.drop_index(batch_op.f("ix_audit_entry_action"))

    op.drop_table("audit_entry")
