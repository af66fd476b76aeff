"""One description per record: the fields of a meeting, an incident, a stakeholder and a
follow-up, from which every surface is derived.

The services validate and copy the input by it, the GUI lays out its forms, detail panes
and list columns by it, the search index and the Excel/CSV export pick their fields from
it, and HQ checks the rows arriving in a bundle against it. The official PDF layouts stay
hand-written (they are a format) but take their labels from here.

Each label is written once, here, in Indonesian with its English beside it (the way the
core catalogue pairs them, :mod:`okudesk.core.i18n`); ``Field.caption`` gives it in the
language the core runs in, which the GUI sets with its own (``gui/labels.field``).

The four tables live in this module, not in the services: the sync check, the search
index and the export need every table without importing the services, and a table in
``meetings.py`` imported back here would make a circle.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import date
from enum import Enum
from typing import Any

from okudesk.core.errors import ValidationError
from okudesk.core.i18n import _, language
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
    english: str = ""  # that header in English


@dataclass(frozen=True)
class Field:
    name: str  # attribute of the model, the input and the detail
    label: str  # Indonesian, as the form shows it
    english: str  # the label in English
    kind: Kind
    max_length: int | None = None
    required: bool = False
    choices: tuple[str, ...] = ()
    reference: str | None = None  # table name of the referenced record
    searchable: bool = (
        False  # in the full-text index (store/search.py; changing it needs a migration)
    )
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

    def caption(self) -> str:
        """The label in the current language (okudesk.core.i18n.language)."""
        return self.english if language() == "en" else self.label

    def column_caption(self) -> str:
        """The list column's header in the current language."""
        if self.listed and self.listed.label:
            return self.listed.english if language() == "en" else self.listed.label
        return self.caption()

    @property
    def printed_label(self) -> str:
        return self.report_label or self.label

    def clean(self, value: object) -> object:
        """The value as stored, or ValidationError naming the field in the user's language."""
        label = self.caption()
        if self.kind in TEXT_KINDS:
            text = (
                value if isinstance(value, str) else "" if value is None else str(value)
            ).strip()
            if self.required and not text:
                raise ValidationError(_("{field} wajib diisi", field=label), self.name)
            if self.max_length is not None and len(text) > self.max_length:
                raise ValidationError(
                    _(
                        "{field} terlalu panjang (maksimal {max} karakter)",
                        field=label,
                        max=self.max_length,
                    ),
                    self.name,
                )
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
            return validation.plausible(
                value, label.lower(), field=self.name, required=self.required
            )
        if self.kind is Kind.REFERENCE:
            if self.required and not value:
                raise ValidationError(_("{field} wajib diisi", field=label), self.name)
            return value or None
        raise TypeError(f"{self.name}: a {self.kind.value} field is not copied from the input")

    def accepts(self) -> Callable[[object], bool]:
        """A quick yes/no of :meth:`problem` (for many rows)."""
        if self.kind in TEXT_KINDS:
            limit = self.max_length if self.max_length is not None else float("inf")
            if self.required:
                return lambda v: type(v) is str and len(v) <= limit and not v.isspace() and v != ""
            return lambda v: type(v) is str and len(v) <= limit
        if self.kind is Kind.CHOICE:
            allowed = frozenset(self.choices) | ({""} if not self.required else set())
            return lambda v: v in allowed
        if self.kind is Kind.REFERENCE and not self.required:
            return lambda v: v is None or type(v) is str
        return lambda v: self.problem(v) is None

    def problem(self, value: object) -> str | None:
        """What is wrong with a stored value arriving from elsewhere (a bundle), or None."""
        if self.kind in TEXT_KINDS:
            if not isinstance(value, str):
                return _("{field} bukan teks", field=self.caption())
            if self.required and not value.strip():
                return _("{field} wajib diisi", field=self.caption())
            if self.max_length is not None and len(value) > self.max_length:
                return _(
                    "{field} terlalu panjang (maksimal {max} karakter)",
                    field=self.caption(),
                    max=self.max_length,
                )
        elif self.kind is Kind.CHOICE:
            if value not in self.choices and not (value == "" and not self.required):
                return _(
                    "{field} tidak dikenal: {value}", field=self.caption(), value=str(value)[:40]
                )
        elif self.kind is Kind.NUMBER:
            if type(value) is not int or value < 0:
                return _("Jumlah harus 0 atau lebih")
        elif self.kind is Kind.REFERENCE:
            if value is not None and not isinstance(value, str) or (self.required and not value):
                return _("{field} wajib diisi", field=self.caption())
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
        return self[name].caption()

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
        return tuple(
            sorted(
                (f for f in self.fields if f.listed),
                key=lambda f: f.listed.order if f.listed else 0,
            )
        )

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

    def row_checker(self, columns: Sequence[str]) -> Callable[[Sequence[object]], str | None]:
        """A check of rows laid out as ``columns`` (a bundle's): the problem of the first stored
        field that breaks the table, or None. Quick on good rows: a bundle holds thousands."""
        checks = [(columns.index(f.name), f, f.accepts()) for f in self.stored if f.name in columns]

        def check(row: Sequence[object]) -> str | None:
            for k, f, accepts in checks:
                if not accepts(row[k]):
                    return f.problem(row[k]) or _("{field} wajib diisi", field=f.caption())
            return None

        return check


T, LT, DT, D, N = Kind.TEXT, Kind.LONG_TEXT, Kind.DATETIME, Kind.DATE, Kind.NUMBER
C, R = Kind.CHOICE, Kind.REFERENCE
L = ListColumn
# One line a field (or two): name, label, English, kind, then what else it has.
NUMBER = Field(
    "number",
    "Nomor",
    "Number",
    T,
    max_length=40,
    entered=False,
    searchable=True,
    listed=L(0, width=150),
    exported=True,
)
POST = Field(
    "origin_post",
    "Pos",
    "Post",
    T,
    max_length=12,
    entered=False,
    listed=L(5, key="post", width=70),  # near the front: HQ reads every list by post
    exported=True,
)
# A stakeholder's or a follow-up's post: a list column at HQ (their exports stay as they were).
POST_LISTED = replace(POST, exported=False)


def _place(order: int, width: int) -> tuple[Field, Field]:
    """Kecamatan and desa: one picker in the forms, checked together by the services."""
    return (
        Field(
            "kecamatan_id",
            "Kecamatan",
            "Kecamatan",
            R,
            reference="kecamatan",
            custom=True,
            listed=L(order, key="kecamatan", width=width),
            exported=True,
        ),
        Field(
            "desa_id",
            "Desa",
            "Desa",
            R,
            reference="desa",
            custom=True,
            listed=L(order + 1, key="desa", width=width),
            exported=True,
        ),
    )


MEETING = RecordFields(
    "meeting",
    (
        NUMBER,
        Field(
            "activity_type_id",
            "Jenis kegiatan",
            "Activity type",
            R,
            reference="activity_type",
            listed=L(20, key="activity_type", width=190),
            exported=True,
            report_label="Kegiatan",
        ),
        Field(
            "starts_at",
            "Waktu mulai",
            "Starts at",
            DT,
            required=True,
            custom=True,
            listed=L(10, width=120, label="Waktu", english="Time"),
            exported=True,
        ),
        Field("ends_at", "Waktu selesai", "Ends at", DT, custom=True, exported=True),
        *_place(30, 130),
        Field(
            "place",
            "Tempat",
            "Place",
            T,
            max_length=200,
            searchable=True,
            listed=L(50, width=130),
            exported=True,
        ),
        Field(
            "stakeholder_ids",
            "Tokoh yang ditemui",
            "Stakeholders met",
            Kind.STAKEHOLDERS,
            custom=True,
        ),
        Field("officer_ids", "Petugas yang hadir", "Officers present", Kind.OFFICERS, custom=True),
        Field("reported_by_id", "Pelapor", "Reported by", R, reference="officer", exported=True),
        Field(
            "other_attendees", "Peserta lain (orang)", "Other attendees (people)", N, exported=True
        ),
        Field(
            "basis",
            "Dasar (nomor Sprin)",
            "Basis (warrant number)",
            T,
            max_length=200,
            searchable=False,
            exported=True,
        ),
        Field(
            "purpose",
            "Maksud dan tujuan",
            "Purpose",
            LT,
            searchable=True,
            listed=L(60),
            exported=True,
        ),
        Field(
            "discussion",
            "Ringkasan pembahasan",
            "Discussion summary",
            LT,
            searchable=True,
            exported=True,
            report_label="Yang dibahas",
        ),
        Field(
            "potential_problems",
            "Potensi kerawanan",
            "Potential problems found",
            LT,
            searchable=True,
            exported=True,
            report_label="Potensi kerawanan yang ditemukan",
        ),
        Field(
            "outcomes",
            "Hasil",
            "Outcomes",
            LT,
            searchable=True,
            exported=True,
            report_label="Hasil kegiatan",
        ),
        Field("obstacles", "Hambatan", "Obstacles", LT, searchable=True, exported=True),
        Field("conclusion", "Kesimpulan", "Conclusion", LT, exported=True),
        POST,
    ),
)

SOURCE_GRADES = tuple("ABCDEF")
INFO_GRADES = tuple("123456")

INCIDENT = RecordFields(
    "incident",
    (
        NUMBER,
        Field(
            "occurred_at",
            "Waktu kejadian",
            "Occurred at",
            DT,
            required=True,
            custom=True,
            listed=L(10, width=120),
            exported=True,
        ),
        Field("reported_at", "Waktu dilaporkan", "Reported at", DT, custom=True, exported=True),
        Field(
            "category_id",
            "Kategori",
            "Category",
            R,
            reference="incident_category",
            listed=L(20, key="category", width=200),
            exported=True,
        ),
        Field(
            "severity",
            "Tingkat kerawanan",
            "Severity",
            C,
            required=True,
            choices=SEVERITIES,
            listed=L(30, width=80, label="Kerawanan", english="Severity"),
            exported=True,
        ),
        *_place(40, 120),
        Field("place", "Tempat", "Place", T, max_length=200, searchable=True, exported=True),
        Field(
            "title",
            "Judul singkat",
            "Short title",
            T,
            max_length=200,
            searchable=True,
            exported=True,
        ),
        Field(
            "description",
            "Uraian kejadian",
            "Description",
            LT,
            max_length=20000,
            required=True,
            searchable=True,
            exported=True,
            report_label="Bagaimana dan mengapa",
        ),
        Field(
            "people_involved",
            "Pihak yang terlibat",
            "People involved",
            LT,
            searchable=True,
            exported=True,
            report_label="Siapa",
        ),
        Field("reported_by_id", "Pelapor", "Reported by", R, reference="officer", exported=True),
        Field(
            "status",
            "Status",
            "Status",
            C,
            choices=INCIDENT_STATUSES,
            entered=False,
            listed=L(60, width=110),
            exported=True,
        ),
        Field("summary", "Uraian", "Description", Kind.DERIVED, entered=False, listed=L(70)),
        Field(
            "actions_taken",
            "Tindakan yang diambil",
            "Actions taken",
            LT,
            searchable=True,
            exported=True,
            report_label="Tindakan yang telah diambil",
        ),
        Field(
            "escalated_to",
            "Dieskalasi ke",
            "Escalated to",
            T,
            max_length=120,
            searchable=True,
            exported=True,
        ),
        Field(
            "legal_axis", "Jenis pelanggaran", "Type of violation", T, max_length=40, exported=True
        ),
        Field(
            "police_report_number",
            "Nomor Laporan Polisi (LP)",
            "Police report number (LP)",
            T,
            max_length=60,
            searchable=True,
            exported=True,
        ),
        Field("meeting_id", "Rapat terkait", "Related meeting", R, reference="meeting"),
        Field(
            "source",
            "Sumber informasi",
            "Source of information",
            T,
            max_length=200,
            searchable=True,
            exported=True,
        ),
        Field(
            "source_grade",
            "Nilai sumber (A-F)",
            "Source grade (A-F)",
            C,
            choices=SOURCE_GRADES,
            exported=True,
            report_label="Nilai sumber",
        ),
        Field(
            "info_grade",
            "Nilai informasi (1-6)",
            "Information grade (1-6)",
            C,
            choices=INFO_GRADES,
            exported=True,
            report_label="Nilai informasi",
        ),
        Field("assessment", "Pendapat pelapor", "Reporter's assessment", LT, exported=True),
        Field("recommendation", "Saran", "Recommendation", LT, exported=True),
        POST,
    ),
)

STAKEHOLDER = RecordFields(
    "stakeholder",
    (
        Field(
            "name",
            "Nama",
            "Name",
            T,
            max_length=120,
            required=True,
            searchable=True,
            listed=L(0, width=180),
            exported=True,
        ),
        Field(
            "type_id",
            "Jenis",
            "Type",
            R,
            reference="stakeholder_type",
            listed=L(10, key="type", width=150),
            exported=True,
        ),
        Field(
            "party_id",
            "Partai politik",
            "Political party",
            R,
            reference="political_party",
            listed=L(15, key="party", width=110, label="Partai", english="Party"),
            exported=True,
        ),
        Field(
            "organisation",
            "Organisasi / jabatan",
            "Organisation / position",
            T,
            max_length=120,
            searchable=True,
            listed=L(20, width=200, label="Organisasi", english="Organisation"),
            exported=True,
        ),
        Field(
            "desa_id",
            "Desa",
            "Desa",
            R,
            reference="desa",
            listed=L(30, key="desa", width=130),
            exported=True,
        ),
        Field(
            "phone",
            "Telepon",
            "Phone",
            T,
            max_length=30,
            searchable=True,
            listed=L(40, width=120),
            exported=True,
        ),
        Field("notes", "Catatan", "Notes", LT, searchable=True, exported=True),
        Field("meetings", "Pertemuan", "Meetings", Kind.DERIVED, entered=False, listed=L(50)),
        Field(
            "last_met",
            "Terakhir ditemui",
            "Last met",
            Kind.DERIVED,
            entered=False,
            listed=L(55, width=120),
        ),
        POST_LISTED,
    ),
)

DONE_NOTE_MAX = 500

FOLLOW_UP = RecordFields(
    "follow_up",
    (
        Field(
            "what",
            "Tindak lanjut",
            "Follow-up",
            T,
            max_length=2000,
            required=True,
            searchable=True,
            listed=L(0, width=330),
            exported=True,
        ),
        Field(
            "responsible",
            "Penanggung jawab",
            "Responsible",
            T,
            max_length=120,
            searchable=True,
            exported=True,
        ),
        Field("officer_id", "Petugas", "Officer", R, reference="officer", exported=True),
        Field(
            "officer",
            "Penanggung jawab",
            "Responsible",
            Kind.DERIVED,
            entered=False,
            listed=L(10, width=180),
        ),
        Field(
            "due_date",
            "Batas waktu",
            "Due date",
            D,
            custom=True,
            listed=L(20, width=100),
            exported=True,
        ),
        Field(
            "status",
            "Status",
            "Status",
            C,
            choices=FOLLOW_UP_STATUSES,
            entered=False,
            listed=L(30, width=80),
            exported=True,
        ),
        Field("done_at", "Selesai pada", "Done at", DT, entered=False, exported=True),
        Field(
            "done_note",
            "Yang sudah dilakukan",
            "What was done",
            LT,
            max_length=DONE_NOTE_MAX,
            entered=False,
            exported=True,
        ),
        Field(
            "source", "Asal", "From record", Kind.DERIVED, entered=False, listed=L(40, width=160)
        ),
        Field("meeting_id", "Rapat", "Meeting", R, reference="meeting", entered=False),
        Field("incident_id", "Kejadian", "Incident", R, reference="incident", entered=False),
        POST_LISTED,
    ),
)

RECORDS: dict[str, RecordFields] = {t.table: t for t in (MEETING, INCIDENT, STAKEHOLDER, FOLLOW_UP)}


def indexed() -> dict[str, tuple[str, ...]]:
    """table -> the free-text fields in its full-text index."""
    return {t.table: t.searchable for t in RECORDS.values()}


def record(table: str) -> RecordFields:
    """The current table of a record (looked up at call time, so a test can swap one)."""
    return RECORDS[table]
