"""A pytest plugin (``-p added_field_plugin``) that follows docs/architecture.md's "Add a
field" recipe for a made-up meeting field, "Cuaca" (weather), before anything else imports
okudesk: the model's column, the migration, one line in the field table, and the attribute
on the input and the detail. Used by test_add_a_field.py in a process of its own, so the
models of the other tests stay as they are."""

import dataclasses

from sqlalchemy import String
from sqlalchemy.orm import mapped_column

from okudesk.core import models
from okudesk.core.records import fields, meetings
from okudesk.core.store import migrate, search

# 1. the model
models.Meeting.weather = mapped_column(String(80), default="")

# 2. the migration (here: after the real ones, as a new revision would run)
_upgrade = migrate.upgrade


def upgrade(engine, revision: str = "head") -> None:
    _upgrade(engine, revision)
    with engine.begin() as conn:
        conn.exec_driver_sql(
            "ALTER TABLE meeting ADD COLUMN weather VARCHAR(80) NOT NULL DEFAULT ''"
        )
        columns = search.indexed_columns(conn, "meeting") + ("weather",)
        for statement in search.drop_ddl("meeting") + search.ddl("meeting", columns):
            conn.exec_driver_sql(statement)
        conn.exec_driver_sql("INSERT INTO meeting_fts(meeting_fts) VALUES ('rebuild')")


migrate.upgrade = upgrade

# 3. one line in the field table
WEATHER = fields.Field(
    "weather",
    "Cuaca",
    "Weather",
    fields.Kind.TEXT,
    max_length=80,
    searchable=True,
    listed=fields.ListColumn(55, width=100),
    exported=True,
)
fields.RECORDS["meeting"] = fields.MEETING.with_field(WEATHER, after="place")

# 4. the attribute on the input and the detail
meetings.MeetingInput = dataclasses.make_dataclass(
    "MeetingInput",
    [("weather", str, dataclasses.field(default=""))],
    bases=(meetings.MeetingInput,),
)
meetings.MeetingDetail = dataclasses.make_dataclass(
    "MeetingDetail",
    [("weather", str, dataclasses.field(default=""))],
    bases=(meetings.MeetingDetail,),
    frozen=True,
)
