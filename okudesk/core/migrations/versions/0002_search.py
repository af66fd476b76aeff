"""full-text search indexes (SQLite FTS5) over the free-text fields

Revision ID: 0002_search
Revises: 0001_first_schema
Create Date: 2026-11-27
"""

from alembic import op

from okudesk.core.store import search

revision = "0002_search"
down_revision = "0001_first_schema"
branch_labels = None
depends_on = None


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        search.create_all(op.execute)


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        search.drop_all(op.execute)
