"""The okudesk data model (SQLAlchemy 2, typed).

Every record that travels to HQ derives from :class:`Synced`: a random UUID key, created
and updated times (UTC), the post it was born at, the change version that orders its
changes (database instance ID + a counter that only goes up; see docs/architecture.md),
and a tombstone instead of DELETE. Event times a person types (when a meeting started,
when an incident happened) are local wall-clock times of the post (WIB) and stored as such.
"""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime

from sqlalchemy import (
    Boolean,
    Column,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def new_id() -> str:
    return str(uuid.uuid4())


def utcnow() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class Synced:
    """Columns every travelling record carries (see ../shared/guide/sync.md)."""

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    origin_post: Mapped[str] = mapped_column(String(12), default="")
    change_instance: Mapped[str] = mapped_column(String(36), default="")
    change_counter: Mapped[int] = mapped_column(Integer, default=0, index=True)
    deleted_at: Mapped[datetime | None] = mapped_column(DateTime, default=None)

    @property
    def is_deleted(self) -> bool:
        return self.deleted_at is not None


# --- bookkeeping that never travels -------------------------------------------------------


class StoreMeta(Base):
    """One row per key: this database's instance ID, its change counter, its identity."""

    __tablename__ = "store_meta"
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text, default="")
    number: Mapped[int] = mapped_column(Integer, default=0)


class Setting(Base):
    __tablename__ = "setting"
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text, default="")


class NumberSequence(Base):
    """The last human-facing number handed out, per post, kind of document and year."""

    __tablename__ = "number_sequence"
    post_code: Mapped[str] = mapped_column(String(12), primary_key=True)
    kind: Mapped[str] = mapped_column(String(24), primary_key=True)
    year: Mapped[int] = mapped_column(Integer, primary_key=True)
    last: Mapped[int] = mapped_column(Integer, default=0)


# --- reference data (seeded from resources/reference, editable) --------------------------


class Kecamatan(Synced, Base):
    __tablename__ = "kecamatan"
    code: Mapped[str] = mapped_column(String(16), default="")
    name: Mapped[str] = mapped_column(String(80))
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class Desa(Synced, Base):
    __tablename__ = "desa"
    kecamatan_id: Mapped[str] = mapped_column(ForeignKey("kecamatan.id"), index=True)
    name: Mapped[str] = mapped_column(String(80))
    is_kelurahan: Mapped[bool] = mapped_column(Boolean, default=False)
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class StakeholderType(Synced, Base):
    __tablename__ = "stakeholder_type"
    name: Mapped[str] = mapped_column(String(80))
    group: Mapped[str] = mapped_column(String(60), default="")
    sort_order: Mapped[int] = mapped_column(Integer, default=0)
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class ActivityType(Synced, Base):
    __tablename__ = "activity_type"
    name: Mapped[str] = mapped_column(String(80))
    sort_order: Mapped[int] = mapped_column(Integer, default=0)
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class IncidentCategory(Synced, Base):
    __tablename__ = "incident_category"
    name: Mapped[str] = mapped_column(String(100))
    group: Mapped[str] = mapped_column(String(20), default="pemilu")  # pemilu | kamtibmas
    sort_order: Mapped[int] = mapped_column(Integer, default=0)
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class Rank(Synced, Base):
    __tablename__ = "rank"
    name: Mapped[str] = mapped_column(String(40))
    group: Mapped[str] = mapped_column(String(40), default="")
    sort_order: Mapped[int] = mapped_column(Integer, default=0)
    active: Mapped[bool] = mapped_column(Boolean, default=True)


# --- people and places --------------------------------------------------------------------

post_kecamatan = Table(
    "post_kecamatan",
    Base.metadata,
    Column("post_id", ForeignKey("post.id"), primary_key=True),
    Column("kecamatan_id", ForeignKey("kecamatan.id"), primary_key=True),
)


class Post(Synced, Base):
    """A Polsek or pos polisi; HQ is a post too (``is_hq``)."""

    __tablename__ = "post"
    code: Mapped[str] = mapped_column(String(12), unique=True)
    name: Mapped[str] = mapped_column(String(120))
    letterhead_1: Mapped[str] = mapped_column(String(41), default="")
    letterhead_2: Mapped[str] = mapped_column(String(41), default="")
    letterhead_3: Mapped[str] = mapped_column(String(41), default="")
    place_name: Mapped[str] = mapped_column(String(60), default="")  # "Baturaja" in "Baturaja, 3 Mei"
    is_hq: Mapped[bool] = mapped_column(Boolean, default=False)
    kecamatan: Mapped[list[Kecamatan]] = relationship(secondary=post_kecamatan)


class Officer(Synced, Base):
    __tablename__ = "officer"
    name: Mapped[str] = mapped_column(String(120))
    rank_id: Mapped[str | None] = mapped_column(ForeignKey("rank.id"))
    nrp: Mapped[str] = mapped_column(String(8), index=True)
    position: Mapped[str] = mapped_column(String(120), default="")
    post_id: Mapped[str | None] = mapped_column(ForeignKey("post.id"), index=True)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    signature_png: Mapped[bytes | None] = mapped_column(LargeBinary, default=None)
    rank: Mapped[Rank | None] = relationship()
    post: Mapped[Post | None] = relationship()


class Stakeholder(Synced, Base):
    __tablename__ = "stakeholder"
    name: Mapped[str] = mapped_column(String(120))
    type_id: Mapped[str | None] = mapped_column(ForeignKey("stakeholder_type.id"), index=True)
    organisation: Mapped[str] = mapped_column(String(120), default="")
    desa_id: Mapped[str | None] = mapped_column(ForeignKey("desa.id"), index=True)
    phone: Mapped[str] = mapped_column(String(30), default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    type: Mapped[StakeholderType | None] = relationship()
    desa: Mapped[Desa | None] = relationship()


# --- the work: meetings, incidents, follow-ups, photos ------------------------------------

meeting_officer = Table(
    "meeting_officer",
    Base.metadata,
    Column("meeting_id", ForeignKey("meeting.id"), primary_key=True),
    Column("officer_id", ForeignKey("officer.id"), primary_key=True),
)

meeting_stakeholder = Table(
    "meeting_stakeholder",
    Base.metadata,
    Column("meeting_id", ForeignKey("meeting.id"), primary_key=True),
    Column("stakeholder_id", ForeignKey("stakeholder.id"), primary_key=True, index=True),
)


class Meeting(Synced, Base):
    """A rapat, kunjungan, sambang or koordinasi; the attendee lists travel with it."""

    __tablename__ = "meeting"
    number: Mapped[str] = mapped_column(String(40), index=True)
    activity_type_id: Mapped[str | None] = mapped_column(ForeignKey("activity_type.id"))
    starts_at: Mapped[datetime] = mapped_column(DateTime, index=True)
    ends_at: Mapped[datetime | None] = mapped_column(DateTime)
    kecamatan_id: Mapped[str | None] = mapped_column(ForeignKey("kecamatan.id"), index=True)
    desa_id: Mapped[str | None] = mapped_column(ForeignKey("desa.id"))
    place: Mapped[str] = mapped_column(String(200), default="")
    purpose: Mapped[str] = mapped_column(Text, default="")
    discussion: Mapped[str] = mapped_column(Text, default="")
    potential_problems: Mapped[str] = mapped_column(Text, default="")
    outcomes: Mapped[str] = mapped_column(Text, default="")
    obstacles: Mapped[str] = mapped_column(Text, default="")
    other_attendees: Mapped[int] = mapped_column(Integer, default=0)
    reported_by_id: Mapped[str | None] = mapped_column(ForeignKey("officer.id"))

    activity_type: Mapped[ActivityType | None] = relationship()
    kecamatan: Mapped[Kecamatan | None] = relationship()
    desa: Mapped[Desa | None] = relationship()
    reported_by: Mapped[Officer | None] = relationship()
    officers: Mapped[list[Officer]] = relationship(secondary=meeting_officer)
    stakeholders: Mapped[list[Stakeholder]] = relationship(secondary=meeting_stakeholder)


SEVERITIES = ("rendah", "sedang", "tinggi", "kritis")

# The incident life cycle: main line, then the two side exits.
INCIDENT_STATUSES = (
    "dilaporkan",
    "diverifikasi",
    "dieskalasi",
    "ditangani",
    "selesai",
    "bukan_pemilu",
    "tidak_valid",
)


class Incident(Synced, Base):
    __tablename__ = "incident"
    number: Mapped[str] = mapped_column(String(40), index=True)
    occurred_at: Mapped[datetime] = mapped_column(DateTime, index=True)
    reported_at: Mapped[datetime] = mapped_column(DateTime)
    category_id: Mapped[str | None] = mapped_column(ForeignKey("incident_category.id"), index=True)
    severity: Mapped[str] = mapped_column(String(10), default="sedang")
    kecamatan_id: Mapped[str | None] = mapped_column(ForeignKey("kecamatan.id"), index=True)
    desa_id: Mapped[str | None] = mapped_column(ForeignKey("desa.id"))
    place: Mapped[str] = mapped_column(String(200), default="")
    title: Mapped[str] = mapped_column(String(200), default="")
    description: Mapped[str] = mapped_column(Text, default="")
    people_involved: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(16), default="dilaporkan", index=True)
    actions_taken: Mapped[str] = mapped_column(Text, default="")
    escalated_to: Mapped[str] = mapped_column(String(120), default="")
    legal_axis: Mapped[str] = mapped_column(String(40), default="")
    police_report_number: Mapped[str] = mapped_column(String(60), default="")
    meeting_id: Mapped[str | None] = mapped_column(ForeignKey("meeting.id"))
    reported_by_id: Mapped[str | None] = mapped_column(ForeignKey("officer.id"))
    # Laporan Informasi: where the information came from, how it is graded, and the
    # reporter's own view kept apart from the facts.
    source: Mapped[str] = mapped_column(String(200), default="")
    source_grade: Mapped[str] = mapped_column(String(1), default="")  # A-F
    info_grade: Mapped[str] = mapped_column(String(1), default="")  # 1-6
    assessment: Mapped[str] = mapped_column(Text, default="")
    recommendation: Mapped[str] = mapped_column(Text, default="")

    category: Mapped[IncidentCategory | None] = relationship()
    kecamatan: Mapped[Kecamatan | None] = relationship()
    desa: Mapped[Desa | None] = relationship()
    meeting: Mapped[Meeting | None] = relationship()
    reported_by: Mapped[Officer | None] = relationship()


class IncidentStatusChange(Synced, Base):
    """One step in an incident's life; append-only, so it never conflicts."""

    __tablename__ = "incident_status_change"
    incident_id: Mapped[str] = mapped_column(ForeignKey("incident.id"), index=True)
    from_status: Mapped[str] = mapped_column(String(16), default="")
    to_status: Mapped[str] = mapped_column(String(16))
    changed_at: Mapped[datetime] = mapped_column(DateTime)
    officer_id: Mapped[str | None] = mapped_column(ForeignKey("officer.id"))
    note: Mapped[str] = mapped_column(Text, default="")
    officer: Mapped[Officer | None] = relationship()


FOLLOW_UP_STATUSES = ("terbuka", "selesai", "batal")


class FollowUp(Synced, Base):
    __tablename__ = "follow_up"
    what: Mapped[str] = mapped_column(Text)
    responsible: Mapped[str] = mapped_column(String(120), default="")
    officer_id: Mapped[str | None] = mapped_column(ForeignKey("officer.id"), index=True)
    due_date: Mapped[date | None] = mapped_column(Date, index=True)
    status: Mapped[str] = mapped_column(String(10), default="terbuka", index=True)
    done_at: Mapped[datetime | None] = mapped_column(DateTime)
    meeting_id: Mapped[str | None] = mapped_column(ForeignKey("meeting.id"), index=True)
    incident_id: Mapped[str | None] = mapped_column(ForeignKey("incident.id"), index=True)
    officer: Mapped[Officer | None] = relationship()


class Attachment(Synced, Base):
    """A photo: its bytes live in the data folder under their SHA-256, stored once."""

    __tablename__ = "attachment"
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    mime: Mapped[str] = mapped_column(String(40), default="image/jpeg")
    width: Mapped[int] = mapped_column(Integer, default=0)
    height: Mapped[int] = mapped_column(Integer, default=0)
    size: Mapped[int] = mapped_column(Integer, default=0)
    caption: Mapped[str] = mapped_column(String(300), default="")
    taken_at: Mapped[datetime | None] = mapped_column(DateTime)
    original_name: Mapped[str] = mapped_column(String(200), default="")
    meeting_id: Mapped[str | None] = mapped_column(ForeignKey("meeting.id"), index=True)
    incident_id: Mapped[str | None] = mapped_column(ForeignKey("incident.id"), index=True)


Index("ix_incident_live_occurred", Incident.deleted_at, Incident.occurred_at)
Index("ix_meeting_live_starts", Meeting.deleted_at, Meeting.starts_at)

SYNCED_MODELS: tuple[type[Synced], ...] = (
    Kecamatan,
    Desa,
    StakeholderType,
    ActivityType,
    IncidentCategory,
    Rank,
    Post,
    Officer,
    Stakeholder,
    Meeting,
    Incident,
    IncidentStatusChange,
    FollowUp,
    Attachment,
)


# --- gui (status bar) and sync export: "what changed here since the last export" ----------
# (change_instance, change_counter) answers it from the index alone, even for a million rows.
for _model in SYNCED_MODELS:
    Index(f"ix_{_model.__tablename__}_change_version", _model.change_instance, _model.change_counter)
del _model
