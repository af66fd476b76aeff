"""The field tables (okudesk/core/records/fields.py) and what they drive: input checks, the
Excel/CSV export, the English of each label, agreement with the models (no Qt)."""

import dataclasses
from datetime import timedelta

import pytest
from sqlalchemy import String

from okudesk.core import i18n
from okudesk.core.errors import ValidationError
from okudesk.core.models import Base
from okudesk.core.records import fields, incidents, meetings, reference, stakeholders, tabular
from okudesk.core.records.listing import ListFilter


def test_every_stored_field_is_a_column_of_its_model_with_the_same_length():
    for described in fields.RECORDS.values():
        table = Base.metadata.tables[described.table]
        for f in described.stored:
            column = table.c[f.name]  # KeyError: the table names a field the model lacks
            if (
                f.kind in fields.TEXT_KINDS
                and isinstance(column.type, String)
                and column.type.length
            ):
                assert f.max_length == column.type.length, f"{described.table}.{f.name}"
            if f.reference:
                assert {fk.column.table.name for fk in column.foreign_keys} == {f.reference}, f.name


def test_the_input_and_detail_of_a_record_carry_every_field_of_its_table():
    """The typed dataclasses stay (callers and mypy read them); the table must not outgrow them."""
    pairs = (
        (fields.MEETING, meetings.MeetingInput),
        (fields.INCIDENT, incidents.IncidentInput),
        (fields.STAKEHOLDER, stakeholders.StakeholderInput),
    )
    for described, given in pairs:
        entered = {f.name for f in described if f.entered and f.kind is not fields.Kind.DERIVED}
        assert entered <= {x.name for x in dataclasses.fields(given)}, described.table
    for described, detail in (
        (fields.MEETING, meetings.MeetingDetail),
        (fields.INCIDENT, incidents.IncidentDetail),
    ):
        assert {f.name for f in described.stored} <= {x.name for x in dataclasses.fields(detail)}


def test_each_label_has_its_english(monkeypatch):
    for described in fields.RECORDS.values():
        for f in described:
            assert f.label and f.english and f.english != "" and not f.english.isspace()
            if f.listed and f.listed.label:
                assert f.listed.english
    monkeypatch.setattr(i18n, "_language", "en")
    assert fields.MEETING.label("purpose") == "Purpose"
    assert fields.INCIDENT["severity"].column_caption() == "Severity"
    monkeypatch.setattr(i18n, "_language", "id")
    assert fields.MEETING.label("purpose") == "Maksud dan tujuan"


def test_the_service_checks_its_input_by_the_table(store, yesterday, monkeypatch):
    with store.write() as s:
        with pytest.raises(ValidationError) as e:
            meetings.create_meeting(
                s, meetings.MeetingInput(starts_at=yesterday, purpose="x", place="p" * 201)
            )
        assert e.value.field == "place" and "Tempat" in str(e.value) and "200" in str(e.value)
        with pytest.raises(ValidationError) as e:
            incidents.create_incident(
                s, incidents.IncidentInput(occurred_at=yesterday, description="x", severity="huge")
            )
        assert e.value.field == "severity"
        with pytest.raises(ValidationError) as e:
            incidents.create_incident(
                s, incidents.IncidentInput(occurred_at=yesterday, description="x", source_grade="Z")
            )
        assert e.value.field == "source_grade"
        with pytest.raises(ValidationError) as e:
            stakeholders.add_stakeholder(s, stakeholders.StakeholderInput(name="  "))
        assert e.value.field == "name"
        with pytest.raises(ValidationError) as e:
            meetings.create_meeting(
                s, meetings.MeetingInput(starts_at=yesterday, purpose="x", other_attendees=-1)
            )
        assert e.value.field == "other_attendees"
    monkeypatch.setattr(i18n, "_language", "en")
    with store.write() as s, pytest.raises(ValidationError) as e:
        meetings.create_meeting(s, meetings.MeetingInput(starts_at=yesterday))
    assert str(e.value) == "Purpose is required"


def test_export_rows_gives_the_exported_fields_under_their_labels(store, yesterday, monkeypatch):
    with store.write() as s:
        kind = reference.activity_types(s)[0]
        kec = reference.kecamatan(s)[0]
        a = meetings.create_meeting(
            s,
            meetings.MeetingInput(
                starts_at=yesterday,
                activity_type_id=kind.id,
                kecamatan_id=kec.id,
                place="Balai desa",
                purpose="Sambang ke rumah ketua RT",
                other_attendees=3,
            ),
        )
        meetings.create_meeting(
            s, meetings.MeetingInput(starts_at=yesterday - timedelta(days=40), purpose="Rapat KPU")
        )
    with store.read() as s:
        out = tabular.export_rows(s, "meeting")
        rows = list(out.rows)
    names = [f.name for f in fields.MEETING.exported]
    assert out.header[:3] == ["Nomor", "Jenis kegiatan", "Waktu mulai"]
    assert "Maksud dan tujuan" in out.header and "Tokoh yang ditemui" not in out.header
    assert len(rows) == 2 and all(len(r) == len(out.header) for r in rows)
    first = dict(zip(names, rows[0], strict=True))  # newest first, as the list
    assert first["number"] == a.number and first["activity_type_id"] == kind.name
    assert first["kecamatan_id"] == kec.name and first["starts_at"] == yesterday
    assert first["purpose"] == "Sambang ke rumah ketua RT" and first["other_attendees"] == 3
    assert first["origin_post"] == "BTT"
    with store.read() as s:
        only = list(tabular.export_rows(s, "meeting", ListFilter(text="KPU")).rows)
        assert [r[names.index("purpose")] for r in only] == ["Rapat KPU"]
        monkeypatch.setattr(i18n, "_language", "en")
        assert tabular.export_rows(s, "meeting").header[:2] == ["Number", "Activity type"]
        incident_header = tabular.export_rows(s, "incident").header
        assert "Severity" in incident_header and "Reporter's assessment" in incident_header
        assert tabular.export_rows(s, "follow_up").header[0] == "Follow-up"
        assert tabular.export_rows(s, "stakeholder").header[0] == "Name"
