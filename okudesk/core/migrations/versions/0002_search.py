"""full-text search indexes (SQLite FTS5) over the free-text fields; change-version indexes

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


# travelling tables: an index on (change_instance, change_counter) for the count of changes
# not yet exported (status bar) and the export's own selection
VERSIONED = ("kecamatan", "desa", "stakeholder_type", "activity_type", "incident_category", "rank", "post",
             "officer", "stakeholder", "meeting", "incident", "incident_status_change", "follow_up", "attachment")


def upgrade() -> None:
    for table in VERSIONED:
        op.create_index(f"ix_{table}_change_version", table, ["change_instance", "change_counter"], unique=False)
    if op.get_bind().dialect.name == "sqlite":
        search.create_all(op.execute)


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        search.drop_all(op.execute)
    for table in VERSIONED:
        op.drop_index(f"ix_{table}_change_version", table_name=table)
