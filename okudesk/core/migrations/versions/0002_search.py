"""full-text search indexes (SQLite FTS5) over the free-text fields; change-version indexes

Revision ID: 0002_search
Revises: 0001_first_schema
Create Date: 2026-11-27
"""

from alembic import op

revision = "0002_search"
down_revision = "0001_first_schema"
branch_labels = None
depends_on = None


# travelling tables: an index on (change_instance, change_counter) for the count of changes
# not yet exported (status bar) and the export's own selection
VERSIONED = (
    "kecamatan",
    "desa",
    "stakeholder_type",
    "activity_type",
    "incident_category",
    "rank",
    "post",
    "officer",
    "stakeholder",
    "meeting",
    "incident",
    "incident_status_change",
    "follow_up",
    "attachment",
)

# The indexes as this revision made them, frozen as text: a migration never reads the live
# field tables, so a new database and a migrated one cannot differ. A later change of the
# indexed fields is a new migration with its own text (docs/architecture.md, "Add a field").
SEARCH: dict[str, tuple[str, ...]] = {
    "meeting": (
        "CREATE VIRTUAL TABLE meeting_fts USING fts5(number, place, purpose, discussion, "
        "potential_problems, outcomes, obstacles, content='meeting', content_rowid='rowid', "
        "tokenize='unicode61 remove_diacritics 2', prefix='2 3')",
        "CREATE TRIGGER meeting_fts_ai AFTER INSERT ON meeting BEGIN INSERT INTO "
        "meeting_fts(rowid, number, place, purpose, discussion, potential_problems, outcomes,"
        " obstacles) VALUES (new.rowid, new.number, new.place, new.purpose, new.discussion, "
        "new.potential_problems, new.outcomes, new.obstacles); END",
        "CREATE TRIGGER meeting_fts_ad AFTER DELETE ON meeting BEGIN INSERT INTO "
        "meeting_fts(meeting_fts, rowid, number, place, purpose, discussion, "
        "potential_problems, outcomes, obstacles) VALUES ('delete', old.rowid, old.number, "
        "old.place, old.purpose, old.discussion, old.potential_problems, old.outcomes, "
        "old.obstacles); END",
        "CREATE TRIGGER meeting_fts_au AFTER UPDATE OF number, place, purpose, discussion, "
        "potential_problems, outcomes, obstacles ON meeting BEGIN INSERT INTO "
        "meeting_fts(meeting_fts, rowid, number, place, purpose, discussion, "
        "potential_problems, outcomes, obstacles) VALUES ('delete', old.rowid, old.number, "
        "old.place, old.purpose, old.discussion, old.potential_problems, old.outcomes, "
        "old.obstacles); INSERT INTO meeting_fts(rowid, number, place, purpose, discussion, "
        "potential_problems, outcomes, obstacles) VALUES (new.rowid, new.number, new.place, "
        "new.purpose, new.discussion, new.potential_problems, new.outcomes, new.obstacles); "
        "END",
        "INSERT INTO meeting_fts(meeting_fts) VALUES ('rebuild')",
    ),
    "incident": (
        "CREATE VIRTUAL TABLE incident_fts USING fts5(number, title, place, description, "
        "people_involved, actions_taken, escalated_to, police_report_number, source, "
        "content='incident', content_rowid='rowid', tokenize='unicode61 remove_diacritics 2',"
        " prefix='2 3')",
        "CREATE TRIGGER incident_fts_ai AFTER INSERT ON incident BEGIN INSERT INTO "
        "incident_fts(rowid, number, title, place, description, people_involved, "
        "actions_taken, escalated_to, police_report_number, source) VALUES (new.rowid, "
        "new.number, new.title, new.place, new.description, new.people_involved, "
        "new.actions_taken, new.escalated_to, new.police_report_number, new.source); END",
        "CREATE TRIGGER incident_fts_ad AFTER DELETE ON incident BEGIN INSERT INTO "
        "incident_fts(incident_fts, rowid, number, title, place, description, "
        "people_involved, actions_taken, escalated_to, police_report_number, source) VALUES "
        "('delete', old.rowid, old.number, old.title, old.place, old.description, "
        "old.people_involved, old.actions_taken, old.escalated_to, old.police_report_number, "
        "old.source); END",
        "CREATE TRIGGER incident_fts_au AFTER UPDATE OF number, title, place, description, "
        "people_involved, actions_taken, escalated_to, police_report_number, source ON "
        "incident BEGIN INSERT INTO incident_fts(incident_fts, rowid, number, title, place, "
        "description, people_involved, actions_taken, escalated_to, police_report_number, "
        "source) VALUES ('delete', old.rowid, old.number, old.title, old.place, "
        "old.description, old.people_involved, old.actions_taken, old.escalated_to, "
        "old.police_report_number, old.source); INSERT INTO incident_fts(rowid, number, "
        "title, place, description, people_involved, actions_taken, escalated_to, "
        "police_report_number, source) VALUES (new.rowid, new.number, new.title, new.place, "
        "new.description, new.people_involved, new.actions_taken, new.escalated_to, "
        "new.police_report_number, new.source); END",
        "INSERT INTO incident_fts(incident_fts) VALUES ('rebuild')",
    ),
    "stakeholder": (
        "CREATE VIRTUAL TABLE stakeholder_fts USING fts5(name, organisation, phone, notes, "
        "content='stakeholder', content_rowid='rowid', tokenize='unicode61 remove_diacritics "
        "2', prefix='2 3')",
        "CREATE TRIGGER stakeholder_fts_ai AFTER INSERT ON stakeholder BEGIN INSERT INTO "
        "stakeholder_fts(rowid, name, organisation, phone, notes) VALUES (new.rowid, "
        "new.name, new.organisation, new.phone, new.notes); END",
        "CREATE TRIGGER stakeholder_fts_ad AFTER DELETE ON stakeholder BEGIN INSERT INTO "
        "stakeholder_fts(stakeholder_fts, rowid, name, organisation, phone, notes) VALUES "
        "('delete', old.rowid, old.name, old.organisation, old.phone, old.notes); END",
        "CREATE TRIGGER stakeholder_fts_au AFTER UPDATE OF name, organisation, phone, notes "
        "ON stakeholder BEGIN INSERT INTO stakeholder_fts(stakeholder_fts, rowid, name, "
        "organisation, phone, notes) VALUES ('delete', old.rowid, old.name, old.organisation,"
        " old.phone, old.notes); INSERT INTO stakeholder_fts(rowid, name, organisation, "
        "phone, notes) VALUES (new.rowid, new.name, new.organisation, new.phone, new.notes); "
        "END",
        "INSERT INTO stakeholder_fts(stakeholder_fts) VALUES ('rebuild')",
    ),
    "follow_up": (
        "CREATE VIRTUAL TABLE follow_up_fts USING fts5(what, responsible, "
        "content='follow_up', content_rowid='rowid', tokenize='unicode61 remove_diacritics "
        "2', prefix='2 3')",
        "CREATE TRIGGER follow_up_fts_ai AFTER INSERT ON follow_up BEGIN INSERT INTO "
        "follow_up_fts(rowid, what, responsible) VALUES (new.rowid, new.what, "
        "new.responsible); END",
        "CREATE TRIGGER follow_up_fts_ad AFTER DELETE ON follow_up BEGIN INSERT INTO "
        "follow_up_fts(follow_up_fts, rowid, what, responsible) VALUES ('delete', old.rowid, "
        "old.what, old.responsible); END",
        "CREATE TRIGGER follow_up_fts_au AFTER UPDATE OF what, responsible ON follow_up BEGIN"
        " INSERT INTO follow_up_fts(follow_up_fts, rowid, what, responsible) VALUES "
        "('delete', old.rowid, old.what, old.responsible); INSERT INTO follow_up_fts(rowid, "
        "what, responsible) VALUES (new.rowid, new.what, new.responsible); END",
        "INSERT INTO follow_up_fts(follow_up_fts) VALUES ('rebuild')",
    ),
}


def upgrade() -> None:
    for table in VERSIONED:
        op.create_index(
            f"ix_{table}_change_version", table, ["change_instance", "change_counter"], unique=False
        )
    if op.get_bind().dialect.name == "sqlite":
        for statements in SEARCH.values():
            for statement in statements:
                op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for table in SEARCH:
            for trigger in ("ai", "ad", "au"):
                op.execute(f"DROP TRIGGER IF EXISTS {table}_fts_{trigger}")
            op.execute(f"DROP TABLE IF EXISTS {table}_fts")
    for table in VERSIONED:
        op.drop_index(f"ix_{table}_change_version", table_name=table)
