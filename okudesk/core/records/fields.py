"""One description per record: the fields of a meeting, an incident, a stakeholder and a
follow-up, from which every surface is derived.

The services validate and copy the input by it, the GUI lays out its forms, detail panes
and list columns by it, the search index and the Excel/CSV export pick their fields from
it, and HQ checks the rows arriving in a bundle against it. The official PDF layouts stay
hand-written (they are a format) but take their labels from here.

Labels are written once, in Indonesian, and translated by the core catalogue
(:mod:`okudesk.core.i18n`); the GUI shows them through ``labels.field_label``.

The four tables live in this module, not in the services: the sync check, the search
index and the export need every table without importing the services, and a table in
``meetings.py`` imported back here would make a circle.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import date
from enum import Enum
from typing import Any

from okudesk.core.errors import ValidationError
from okudesk.core.i18n import _
from okudesk.core.models import FOLLOW_UP_STATUSES, INCIDENT_STATUSES, SEVERITIES
from okudesk.core.records import validation


class Kind(Enum):
    TEXT = "text"  # one line
    LONG_TEXT = "long_text"  # paragraphs
    DATETIME = "datetime"
    DATE = "date"
    CHOICE = "choice"  # one of ``choices`` (a code the GUI shows with its own label)
    REFERENCE = "reference"  # the id of a row of ``reference``
    NUMBER = "number"  # a count, 0 or more
    BOOL = "bool"
    OFFICERS = "officers"  # a list of officer ids (an attendee list: not a column)
    STAKEHOLDERS = "stakeholders"  # a list of stakeholder ids (not a column)
    DERIVED = "derived"  # shown in the list, computed there (not a column, never entered)


TEXT_KINDS = (Kind.TEXT, Kind.LONG_TEXT)
NOT_STORED = (Kind.OFFICERS, Kind.STAKEHOLDERS, Kind.DERIVED)


@dataclass(frozen=True)
class ListColumn:
    """Where a field shows in its record's list."""

    order: int  # columns left to right by this number
    key: str = ""  # the listing's column key (default: the field's name)
    width: int | None = None  # default width in pixels (None: the view decides)
    label: str = ""  # a shorter header than the field's label


@dataclass(frozen=True)
class Field:
    name: str  # attribute of the model, the input and the detail
    label: str  # Indonesian, as the form shows it (English in okudesk.core.i18n)
    kind: Kind
    max_length: int | None = None
    required: bool = False
    choices: tuple[str, ...] = ()
    reference: str | None = None  # table name of the referenced record
    searchable: bool = False  # in the full-text index (store/search.py; changing it needs a migration)
    listed: ListColumn | None = None
    exported: bool = False  # a column of the Excel/CSV export
    entered: bool = True  # typed by a person (False: set by the program: number, status...)
    custom: bool = False  # the service checks and copies it itself (rules beyond the table)
    report_label: str = ""  # the official report's wording when it differs from the form's

    @property
    def stored(self) -> bool:
        return self.kind not in NOT_STORED

    @property
    def list_key(self) -> str:
        return (self.listed.key if self.listed else "") or self.name

    @property
    def list_label(self) -> str:
        return (self.listed.label if self.listed else "") or self.label

    @property
    def printed_label(self) -> str:
        return self.report_label or self.label

    def clean(self, value: object) -> object:
        """The value as stored, or ValidationError naming the field in the user's language."""
        label = _(self.label)
        if self.kind in TEXT_KINDS:
            text = (value if isinstance(value, str) else "" if value is None else str(value)).strip()
            if self.required and not text:
                raise ValidationError(_("{field} wajib diisi", field=label), self.name)
            if self.max_length is not None and len(text) > self.max_length:
                raise ValidationError(
                    _("{field} terlalu panjang (maksimal {max} karakter)", field=label, max=self.max_length), self.name)
            return text
        if self.kind is Kind.CHOICE:
            if value in self.choices or (not value and not self.required):
                return value or ""
            raise ValidationError(_("{field} wajib diisi", field=label), self.name)
        if self.kind is Kind.NUMBER:
            if not isinstance(value, int) or value < 0:
                raise ValidationError(_("Jumlah harus 0 atau lebih"), self.name)
            return value
        if self.kind is Kind.BOOL:
            return bool(value)
        if self.kind in (Kind.DATE, Kind.DATETIME):
            if value is not None and not isinstance(value, date):
                raise ValidationError(_("{field} wajib diisi", field=label), self.name)
            return validation.plausible(value, label.lower(), field=self.name, required=self.required)
        if self.kind is Kind.REFERENCE:
            if self.required and not value:
                raise ValidationError(_("{field} wajib diisi", field=label), self.name)
            return value or None
        raise TypeError(f"{self.name}: a {self.kind.value} field is not copied from the input")

    def problem(self, value: object) -> str | None:
        """What is wrong with a stored value arriving from elsewhere (a bundle), or None."""
        if self.kind in TEXT_KINDS:
            if not isinstance(value, str):
                return _("{field} bukan teks", field=_(self.label))
            if self.required and not value.strip():
                return _("{field} wajib diisi", field=_(self.label))
            if self.max_length is not None and len(value) > self.max_length:
                return _("{field} terlalu panjang (maksimal {max} karakter)", field=_(self.label), max=self.max_length)
        elif self.kind is Kind.CHOICE:
            if value not in self.choices and not (value == "" and not self.required):
                return _("{field} tidak dikenal: {value}", field=_(self.label), value=str(value)[:40])
        elif self.kind is Kind.NUMBER:
            if type(value) is not int or value < 0:
                return _("Jumlah harus 0 atau lebih")
        elif self.kind is Kind.REFERENCE:
            if value is not None and not isinstance(value, str) or (self.required and not value):
                return _("{field} wajib diisi", field=_(self.label))
        return None


@dataclass(frozen=True)
class RecordFields:
    """The fields of one record, in the order its form shows them."""

    table: str
    fields: tuple[Field, ...]

    def __post_init__(self) -> None:
        names = [f.name for f in self.fields]
        if len(set(names)) != len(names):
            raise ValueError(f"{self.table}: a field is named twice")

    def __iter__(self) -> Iterator[Field]:
        return iter(self.fields)

    def __getitem__(self, name: str) -> Field:
        for f in self.fields:
            if f.name == name:
                return f
        raise KeyError(f"{self.table}.{name}")

    def __contains__(self, name: object) -> bool:
        return any(f.name == name for f in self.fields)

    def label(self, name: str) -> str:
        """A field's label in the current language."""
        return _(self[name].label)

    @property
    def stored(self) -> tuple[Field, ...]:
        return tuple(f for f in self.fields if f.stored)

    @property
    def copied(self) -> tuple[Field, ...]:
        """The fields the service copies from the input by the table alone."""
        return tuple(f for f in self.fields if f.entered and f.stored and not f.custom)

    @property
    def searchable(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.fields if f.searchable)

    @property
    def listed(self) -> tuple[Field, ...]:
        return tuple(sorted((f for f in self.fields if f.listed), key=lambda f: f.listed.order if f.listed else 0))

    @property
    def exported(self) -> tuple[Field, ...]:
        return tuple(f for f in self.fields if f.exported)

    def copy_into(self, target: object, data: object) -> None:
        """Check and copy every plain field of ``data`` (an input) onto ``target`` (a model)."""
        for f in self.copied:
            setattr(target, f.name, f.clean(getattr(data, f.name)))

    def values(self, source: object) -> dict[str, Any]:
        """The stored fields of ``source`` (a model) by name, for the record's detail."""
        return {f.name: getattr(source, f.name) for f in self.stored}

    def with_field(self, field: Field, *, after: str | None = None) -> RecordFields:
        """A copy of the table with one more field (at the end, or after ``after``)."""
        fields = list(self.fields)
        at = len(fields) if after is None else [f.name for f in fields].index(after) + 1
        fields.insert(at, field)
        return replace(self, fields=tuple(fields))

    def row_problem(self, row: dict[str, object]) -> str | None:
        """The first stored field of ``row`` (a bundle row by column name) that breaks the table."""
        for f in self.stored:
            if f.name in row:
                problem = f.problem(row[f.name])
                if problem is not None:
                    return problem
        return None


T, LT, DT, D, C, R, N = Kind.TEXT, Kind.LONG_TEXT, Kind.DATETIME, Kind.DATE, Kind.CHOICE, Kind.REFERENCE, Kind.NUMBER
NUMBER = Field("number", "Nomor", T, max_length=40, entered=False, searchable=True,
               listed=ListColumn(0, width=150), exported=True)
POST = Field("origin_post", "Pos", T, max_length=20, entered=False, listed=ListColumn(90, key="post"), exported=True)


def _place(order: int, width: int | None) -> tuple[Field, Field]:
    return (Field("kecamatan_id", "Kecamatan", R, reference="kecamatan", custom=True,
                  listed=ListColumn(order, key="kecamatan", width=width), exported=True),
            Field("desa_id", "Desa", R, reference="desa", custom=True,
                  listed=ListColumn(order + 1, key="desa", width=width), exported=True))


MEETING = RecordFields("meeting", (
    NUMBER,
    Field("activity_type_id", "Jenis kegiatan", R, reference="activity_type",
          listed=ListColumn(20, key="activity_type", width=190), exported=True, report_label="Kegiatan"),
    Field("starts_at", "Waktu mulai", DT, required=True, custom=True,
          listed=ListColumn(10, width=120, label="Waktu"), exported=True),
    Field("ends_at", "Waktu selesai", DT, custom=True, exported=True),
    *_place(30, 130),
    Field("place", "Tempat", T, max_length=200, searchable=True, listed=ListColumn(50, width=130), exported=True),
    Field("stakeholder_ids", "Tokoh yang ditemui", Kind.STAKEHOLDERS, custom=True),
    Field("officer_ids", "Petugas yang hadir", Kind.OFFICERS, custom=True),
    Field("reported_by_id", "Pelapor", R, reference="officer", exported=True),
    Field("other_attendees", "Peserta lain (orang)", N, exported=True),
    Field("purpose", "Maksud dan tujuan", LT, searchable=True, listed=ListColumn(60), exported=True),
    Field("discussion", "Ringkasan pembahasan", LT, searchable=True, exported=True, report_label="Yang dibahas"),
    Field("potential_problems", "Potensi kerawanan", LT, searchable=True, exported=True,
          report_label="Potensi kerawanan yang ditemukan"),
    Field("outcomes", "Hasil", LT, searchable=True, exported=True, report_label="Hasil kegiatan"),
    Field("obstacles", "Hambatan", LT, searchable=True, exported=True),
    POST,
))

SOURCE_GRADES = tuple("ABCDEF")
INFO_GRADES = tuple("123456")

INCIDENT = RecordFields("incident", (
    NUMBER,
    Field("occurred_at", "Waktu kejadian", DT, required=True, custom=True,
          listed=ListColumn(10, width=120), exported=True),
    Field("reported_at", "Waktu dilaporkan", DT, custom=True, exported=True),
    Field("category_id", "Kategori", R, reference="incident_category",
          listed=ListColumn(20, key="category", width=200), exported=True),
    Field("severity", "Tingkat kerawanan", C, required=True, choices=SEVERITIES,
          listed=ListColumn(30, width=80, label="Kerawanan"), exported=True),
    *_place(40, 120),
    Field("place", "Tempat", T, max_length=200, searchable=True, exported=True),
    Field("title", "Judul singkat", T, max_length=200, searchable=True, exported=True),
    Field("description", "Uraian kejadian", LT, max_length=20000, required=True, searchable=True, exported=True,
          report_label="Bagaimana dan mengapa"),
    Field("people_involved", "Pihak yang terlibat", LT, searchable=True, exported=True, report_label="Siapa"),
    Field("reported_by_id", "Pelapor", R, reference="officer", exported=True),
    Field("status", "Status", C, choices=INCIDENT_STATUSES, entered=False,
          listed=ListColumn(60, width=110), exported=True),
    Field("summary", "Uraian", Kind.DERIVED, entered=False, listed=ListColumn(70)),
    Field("actions_taken", "Tindakan yang diambil", LT, searchable=True, exported=True),
    Field("escalated_to", "Dieskalasi ke", T, max_length=120, searchable=True, exported=True),
    Field("legal_axis", "Jenis pelanggaran", T, max_length=40, exported=True),
    Field("police_report_number", "Nomor Laporan Polisi (LP)", T, max_length=60, searchable=True, exported=True),
    Field("meeting_id", "Rapat terkait", R, reference="meeting"),
    Field("source", "Sumber informasi", T, max_length=200, searchable=True, exported=True),
    Field("source_grade", "Nilai sumber (A-F)", C, choices=SOURCE_GRADES, exported=True, report_label="Nilai sumber"),
    Field("info_grade", "Nilai informasi (1-6)", C, choices=INFO_GRADES, exported=True,
          report_label="Nilai informasi"),
    Field("assessment", "Pendapat pelapor", LT, exported=True),
    Field("recommendation", "Saran", LT, exported=True),
    POST,
))

STAKEHOLDER = RecordFields("stakeholder", (
    Field("name", "Nama", T, max_length=120, required=True, searchable=True,
          listed=ListColumn(0, width=180), exported=True),
    Field("type_id", "Jenis", R, reference="stakeholder_type", listed=ListColumn(10, key="type", width=150),
          exported=True),
    Field("organisation", "Organisasi / jabatan", T, max_length=120, searchable=True,
          listed=ListColumn(20, width=200, label="Organisasi"), exported=True),
    Field("desa_id", "Desa", R, reference="desa", listed=ListColumn(30, key="desa", width=130), exported=True),
    Field("phone", "Telepon", T, max_length=30, searchable=True, listed=ListColumn(40, width=120), exported=True),
    Field("notes", "Catatan", LT, searchable=True, exported=True),
    Field("meetings", "Pertemuan", Kind.DERIVED, entered=False, listed=ListColumn(50)),
))

FOLLOW_UP = RecordFields("follow_up", (
    Field("what", "Tindak lanjut", T, max_length=2000, required=True, searchable=True,
          listed=ListColumn(0, width=330), exported=True),
    Field("responsible", "Penanggung jawab", T, max_length=120, searchable=True, exported=True),
    Field("officer_id", "Petugas", R, reference="officer", exported=True),
    Field("officer", "Penanggung jawab", Kind.DERIVED, entered=False, listed=ListColumn(10, width=180)),
    Field("due_date", "Batas waktu", D, custom=True, listed=ListColumn(20, width=100), exported=True),
    Field("status", "Status", C, choices=FOLLOW_UP_STATUSES, entered=False,
          listed=ListColumn(30, width=80), exported=True),
    Field("done_at", "Selesai pada", DT, entered=False, exported=True),
    Field("source", "Asal", Kind.DERIVED, entered=False, listed=ListColumn(40, width=160)),
    Field("meeting_id", "Rapat", R, reference="meeting", entered=False),
    Field("incident_id", "Kejadian", R, reference="incident", entered=False),
))

RECORDS: dict[str, RecordFields] = {t.table: t for t in (MEETING, INCIDENT, STAKEHOLDER, FOLLOW_UP)}


def indexed() -> dict[str, tuple[str, ...]]:
    """table -> the free-text fields in its full-text index."""
    return {t.table: t.searchable for t in RECORDS.values()}


def record(table: str) -> RecordFields:
    """The current table of a record (looked up at call time, so a test can swap one)."""
    return RECORDS[table]
