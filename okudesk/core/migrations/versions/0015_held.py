"""Held rows by the parent they wait for and by post

An import used to read and rewrite every held row to retry them all (42 s with 100,000
held from one post, for any later import): it now retries the ones whose missing parent
just arrived (by ``missing``), and counts a post's held rows against a limit (by
``post_code``). Indexes only.

Revision ID: 0015_held
Revises: 0014_recap1m
Create Date: 2026-12-06
"""

from alembic import op

revision = "0015_held"
down_revision = "0014_recap1m"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_sync_held_missing", "sync_held", ["missing"])
    op.create_index("ix_sync_held_post", "sync_held", ["post_code", "held_at"])


def downgrade() -> None:
    op.drop_index("ix_sync_held_post", table_name="sync_held")
    op.drop_index("ix_sync_held_missing", table_name="sync_held")
