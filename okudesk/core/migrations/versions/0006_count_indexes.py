"""Counts answered from an index alone; the single-column change_counter indexes dropped

``stats`` counted live records per post through ``(deleted_at, occurred_at)`` and looked up
each row for its post (1.14 s over 500,000 incidents; 31 ms from a ``(deleted_at,
origin_post)`` index). Every query on change versions filters the instance and the counter
together, so ``(change_instance, change_counter)`` serves them and the single-column
``change_counter`` indexes only cost writes. Open follow-ups by due date (Beranda) and HQ's
audit chains per post get covering indexes too.

Revision ID: 0006_count_indexes
Revises: 0005_sync
Create Date: 2026-12-06
"""

from alembic import op

revision = "0006_count_indexes"
down_revision = "0005_sync"
branch_labels = None
depends_on = None

LIVE_POST = ("meeting", "incident", "stakeholder", "follow_up", "attachment")
# travelling tables created after 0002_search, which gave the others their change-version index
LATER_VERSIONED = ("report", "report_amendment", "audit_entry")
# every travelling table: each had an index on change_counter alone
COUNTER_INDEXED = (
    "activity_type",
    "incident_category",
    "kecamatan",
    "post",
    "rank",
    "stakeholder_type",
    "desa",
    "officer",
    "meeting",
    "stakeholder",
    "incident",
    "attachment",
    "follow_up",
    "incident_status_change",
    "report",
    "report_amendment",
    "audit_entry",
)


def upgrade() -> None:
    for table in LIVE_POST:
        op.create_index(f"ix_{table}_live_post", table, ["deleted_at", "origin_post"], unique=False)
    op.create_index(
        "ix_follow_up_live_open_due",
        "follow_up",
        ["deleted_at", "status", "due_date"],
        unique=False,
    )
    op.create_index(
        "ix_audit_entry_chain_post_at",
        "audit_entry",
        ["chain", "origin_post", "at"],
        unique=False,
    )
    for table in LATER_VERSIONED:
        op.create_index(
            f"ix_{table}_change_version", table, ["change_instance", "change_counter"], unique=False
        )
    for table in COUNTER_INDEXED:
        op.drop_index(f"ix_{table}_change_counter", table_name=table)


def downgrade() -> None:
    for table in COUNTER_INDEXED:
        op.create_index(f"ix_{table}_change_counter", table, ["change_counter"], unique=False)
    for table in LATER_VERSIONED:
        op.drop_index(f"ix_{table}_change_version", table_name=table)
    op.drop_index("ix_audit_entry_chain_post_at", table_name="audit_entry")
    op.drop_index("ix_follow_up_live_open_due", table_name="follow_up")
    for table in LIVE_POST:
        op.drop_index(f"ix_{table}_live_post", table_name=table)
