"""The okudesk data model (SQLAlchemy 2, typed).

Every record that travels to HQ derives from :class:`Synced`: a random UUID key, created
and updated times (UTC), the post it was born at, the change version that orders its
changes (database instance ID + a counter that only goes up; see docs/architecture.md),
and a tombstone instead of DELETE. Event times a person types (when a meeting started,
when an incident happened) are local wall-clock times of the post (WIB) and stored as such.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import TYPE_CHECKING, ClassVar

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

from okudesk.core.clock import utcnow  # noqa: F401 - models.utcnow, as the core imports it

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def new_id() -> str:
    return str(uuid.uuid4())


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)

    if TYPE_CHECKING:  # every model here maps one Table (DeclarativeBase says only FromClause)
        __table__: ClassVar[Table]


class Synced:
    """Columns every travelling record carries (see ../shared/guide/sync.md)."""

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    origin_post: Mapped[str] = mapped_column(String(12), default="")
    change_instance: Mapped[str] = mapped_column(String(36), default="")
    change_counter: Mapped[int] = mapped_column(Integer, default=0)  # see ix_*_change_version
    deleted_at: Mapped[datetime | None] = mapped_column(DateTime, default=None)

    if TYPE_CHECKING:  # what the declarative base gives every class that mixes this in
        __tablename__: str


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
    """A village: a desa or a kelurahan. Official ones carry their Kemendagri code (the key
    that makes figures add up across posts); a post's local addition has none."""

    __tablename__ = "desa"
    kecamatan_id: Mapped[str] = mapped_column(ForeignKey("kecamatan.id"), index=True)
    code: Mapped[str] = mapped_column(String(16), default="", server_default="", index=True)
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
    place_name: Mapped[str] = mapped_column(
        String(60), default=""
    )  # "Baturaja" in "Baturaja, 3 Mei"
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


class PoliticalParty(Synced, Base):
    """A party on the ballot of an election (the 18 national parties of 2024 are seeded).
    HQ keeps the list; a later election is a new list, not edits of the old one."""

    __tablename__ = "political_party"
    election: Mapped[int] = mapped_column(Integer, default=2024)
    number: Mapped[int] = mapped_column(Integer, default=0)  # nomor urut on the ballot
    abbreviation: Mapped[str] = mapped_column(String(30), default="")
    name: Mapped[str] = mapped_column(String(120))
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class Stakeholder(Synced, Base):
    __tablename__ = "stakeholder"
    name: Mapped[str] = mapped_column(String(120))
    type_id: Mapped[str | None] = mapped_column(ForeignKey("stakeholder_type.id"), index=True)
    party_id: Mapped[str | None] = mapped_column(ForeignKey("political_party.id"), index=True)
    organisation: Mapped[str] = mapped_column(String(120), default="")
    desa_id: Mapped[str | None] = mapped_column(ForeignKey("desa.id"), index=True)
    phone: Mapped[str] = mapped_column(String(30), default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    type: Mapped[StakeholderType | None] = relationship()
    party: Mapped[PoliticalParty | None] = relationship()
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
    # Dasar: the Sprin (or other order) the activity rests on, as the officer gives it
    basis: Mapped[str] = mapped_column(String(200), default="", server_default="")
    activity_type_id: Mapped[str | None] = mapped_column(ForeignKey("activity_type.id"))
    starts_at: Mapped[datetime] = mapped_column(DateTime)
    ends_at: Mapped[datetime | None] = mapped_column(DateTime)
    kecamatan_id: Mapped[str | None] = mapped_column(ForeignKey("kecamatan.id"))
    desa_id: Mapped[str | None] = mapped_column(ForeignKey("desa.id"))
    place: Mapped[str] = mapped_column(String(200), default="")
    purpose: Mapped[str] = mapped_column(Text, default="")
    discussion: Mapped[str] = mapped_column(Text, default="")
    potential_problems: Mapped[str] = mapped_column(Text, default="")
    outcomes: Mapped[str] = mapped_column(Text, default="")
    obstacles: Mapped[str] = mapped_column(Text, default="")
    conclusion: Mapped[str] = mapped_column(Text, default="", server_default="")
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
    occurred_at: Mapped[datetime] = mapped_column(DateTime)
    reported_at: Mapped[datetime] = mapped_column(DateTime)
    category_id: Mapped[str | None] = mapped_column(ForeignKey("incident_category.id"))
    severity: Mapped[str] = mapped_column(String(10), default="sedang")
    kecamatan_id: Mapped[str | None] = mapped_column(ForeignKey("kecamatan.id"))
    desa_id: Mapped[str | None] = mapped_column(ForeignKey("desa.id"))
    place: Mapped[str] = mapped_column(String(200), default="")
    title: Mapped[str] = mapped_column(String(200), default="")
    description: Mapped[str] = mapped_column(Text, default="")
    people_involved: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(16), default="dilaporkan")
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
    # what was done, said when it was marked done
    done_note: Mapped[str] = mapped_column(Text, default="", server_default="")
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


# Lists show live records newest first; filters narrow those. Single-column indexes on
# low-cardinality columns (status, category) cost every insert and help no list query.
# the recap's figures by period, kecamatan, category, severity and post come from the index
# alone (0011_recap_indexes); its first two columns serve the list and Beranda as before
Index(
    "ix_incident_live_occurred",
    Incident.deleted_at,
    Incident.occurred_at,
    Incident.kecamatan_id,
    Incident.category_id,
    Incident.severity,
    Incident.origin_post,
)
Index(  # open escalations: counted, and the latest listed, in index order
    "ix_incident_live_status",
    Incident.deleted_at,
    Incident.status,
    Incident.occurred_at,
    Incident.origin_post,
)
Index(  # a period's meetings: counted by activity type, and their ids, in index order
    "ix_meeting_live_starts",
    Meeting.deleted_at,
    Meeting.starts_at,
    Meeting.activity_type_id,
    Meeting.origin_post,
    Meeting.id,
)
# counts answered from an index alone (0006_count_indexes; EXPLAIN QUERY PLAN in
# tests/test_count_indexes.py): live records per post (``stats``), open follow-ups by due date
# (Beranda); per period, the two indexes above
for _counted in (Meeting, Incident, Stakeholder, FollowUp, Attachment):
    Index(f"ix_{_counted.__tablename__}_live_post", _counted.deleted_at, _counted.origin_post)
del _counted
Index("ix_follow_up_live_open_due", FollowUp.deleted_at, FollowUp.status, FollowUp.due_date)

SYNCED_MODELS: tuple[type[Synced], ...] = (
    Kecamatan,
    Desa,
    StakeholderType,
    ActivityType,
    IncidentCategory,
    Rank,
    PoliticalParty,
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
for _model in SYNCED_MODELS:  # the first schema's tables (0002_search)
    Index(
        f"ix_{_model.__tablename__}_change_version", _model.change_instance, _model.change_counter
    )
del _model


# --- reports: signed documents, officer credentials, trust --------------------------------


class Report(Synced, Base):
    """The register of signed reports: one row per signed PDF, kept forever.

    It travels to HQ (HQ learns every number a post handed out and the SHA-256 of each
    signed file); the PDF itself stays in the post's data folder (``reports/<id>.pdf``).
    The row's ``id`` is the document ID printed in the footer and the QR code.
    """

    __tablename__ = "report"
    kind: Mapped[str] = mapped_column(String(16))  # meeting | incident
    record_id: Mapped[str] = mapped_column(String(36))
    number: Mapped[str] = mapped_column(String(80), unique=True)
    security_class: Mapped[str] = mapped_column(String(20), default="Biasa")
    signer_id: Mapped[str | None] = mapped_column(ForeignKey("officer.id"))
    signer_name: Mapped[str] = mapped_column(String(120), default="")
    signer_nrp: Mapped[str] = mapped_column(String(8), default="")
    certificate_sha256: Mapped[str] = mapped_column(String(64), default="")
    content_sha256: Mapped[str] = mapped_column(String(64), default="")
    sha256: Mapped[str] = mapped_column(String(64), index=True)  # of the signed PDF file
    signed_at: Mapped[datetime] = mapped_column(DateTime)  # UTC
    pages: Mapped[int] = mapped_column(Integer, default=0)
    amends_id: Mapped[str | None] = mapped_column(String(36), default=None)


class ReportTimestamp(Base):
    """HQ's RFC 3161 time-stamp token over a signed report file's SHA-256: proof that the
    signature existed at ``stamped_at``, so it stays checkable after the signer's certificate
    expires. Made at HQ when the register row arrives, kept by the post from the receipt."""

    __tablename__ = "report_timestamp"
    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)  # of the signed PDF
    token: Mapped[bytes] = mapped_column(LargeBinary)  # DER ContentInfo (TimeStampToken)
    stamped_at: Mapped[datetime] = mapped_column(DateTime)  # the token's genTime, UTC
    origin_post: Mapped[str] = mapped_column(String(12), default="", index=True)
    added_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class ReportAmendment(Synced, Base):
    """A change to a record after a signed report showed it; the next report amends that one."""

    __tablename__ = "report_amendment"
    report_id: Mapped[str] = mapped_column(ForeignKey("report.id"), index=True)
    kind: Mapped[str] = mapped_column(String(16))
    record_id: Mapped[str] = mapped_column(String(36), index=True)
    reason: Mapped[str] = mapped_column(Text, default="")


class OfficerCredential(Base):
    """An officer's signing key (encrypted PKCS#8, the officer's passphrase) and certificate.

    Local: a private key never leaves the laptop. ``chain_pem`` holds the certificates
    above the officer's (issuer first): the post's CA, later HQ's, or an official CA's.
    """

    __tablename__ = "officer_credential"
    officer_id: Mapped[str] = mapped_column(ForeignKey("officer.id"), primary_key=True)
    key_pem: Mapped[bytes] = mapped_column(LargeBinary)
    certificate_pem: Mapped[bytes] = mapped_column(LargeBinary)
    chain_pem: Mapped[bytes] = mapped_column(LargeBinary, default=b"")
    source: Mapped[str] = mapped_column(String(12), default="post")  # post | pkcs12
    key_id: Mapped[str] = mapped_column(String(64), default="")
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class OfficerRevocation(Base):
    """A signing certificate this installation revoked: an admin reset the officer's
    passphrase, so the key went with it. Local. ``renew`` is set until the officer, at the
    next login, chooses a passphrase of their own and gets a new key under it."""

    __tablename__ = "officer_revocation"
    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)  # the certificate's
    officer_id: Mapped[str] = mapped_column(ForeignKey("officer.id"), index=True)
    key_id: Mapped[str] = mapped_column(String(64), default="")
    certificate_pem: Mapped[bytes] = mapped_column(LargeBinary)
    revoked_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    revoked_by: Mapped[str] = mapped_column(String(120), default="")
    renew: Mapped[bool] = mapped_column(Boolean, default=True)


class PostAuthority(Base):
    """This post's CA key and certificate (self-signed until HQ enrols the post). Local."""

    __tablename__ = "post_authority"
    post_code: Mapped[str] = mapped_column(String(12), primary_key=True)
    key_pem: Mapped[bytes] = mapped_column(LargeBinary)
    certificate_pem: Mapped[bytes] = mapped_column(LargeBinary)
    chain_pem: Mapped[bytes] = mapped_column(LargeBinary, default=b"")
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class TrustAnchor(Base):
    """Certificates this data folder trusts for signatures: its own post CA, HQ's root."""

    __tablename__ = "trust_anchor"
    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    certificate_pem: Mapped[bytes] = mapped_column(LargeBinary)
    label: Mapped[str] = mapped_column(String(120), default="")
    added_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


Index("ix_report_record", Report.kind, Report.record_id)

SYNCED_MODELS = SYNCED_MODELS + (Report, ReportAmendment)


# --- accounts and audit trail -------------------------------------------------------------


class OfficerAccount(Base):
    """An officer's login at this installation; never travels (each laptop has its own).

    The passphrase hash names its KDF and parameters, so they can be raised later.
    Failed logins and the lock are kept here so that they survive a restart.
    """

    __tablename__ = "officer_account"
    officer_id: Mapped[str] = mapped_column(ForeignKey("officer.id"), primary_key=True)
    role: Mapped[str] = mapped_column(String(16))
    passphrase_hash: Mapped[str] = mapped_column(String(255))
    must_change: Mapped[bool] = mapped_column(Boolean, default=False)
    failed_count: Mapped[int] = mapped_column(Integer, default=0)
    last_failed_at: Mapped[datetime | None] = mapped_column(DateTime, default=None)
    locked_until: Mapped[datetime | None] = mapped_column(DateTime, default=None)
    last_login_at: Mapped[datetime | None] = mapped_column(DateTime, default=None)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    officer: Mapped[Officer] = relationship()


class AuditEntry(Synced, Base):
    """One link of this database's tamper-evident audit chain (append-only; travels to HQ).

    ``chain`` is the database instance ID that wrote the entry and ``seq`` its place in
    that chain; ``entry_hash`` is SHA-256 over the canonical form of the entry including
    ``prev_hash`` (see okudesk/core/history/audit.py). A restored or copied database starts a new
    chain whose first entry links to the last entry it inherited.
    """

    __tablename__ = "audit_entry"
    chain: Mapped[str] = mapped_column(String(36))
    seq: Mapped[int] = mapped_column(Integer)
    prev_hash: Mapped[str] = mapped_column(String(64))
    entry_hash: Mapped[str] = mapped_column(String(64), index=True)
    at: Mapped[datetime] = mapped_column(DateTime, index=True)
    actor_id: Mapped[str | None] = mapped_column(
        String(36), index=True
    )  # officer.id; no FK: HQ may lack the officer
    actor_name: Mapped[str] = mapped_column(String(160), default="")
    actor_role: Mapped[str] = mapped_column(String(16), default="")
    action: Mapped[str] = mapped_column(String(24), index=True)
    record_type: Mapped[str] = mapped_column(String(40), default="")
    record_id: Mapped[str] = mapped_column(String(36), default="", index=True)
    summary: Mapped[str] = mapped_column(Text, default="")
    changes: Mapped[str] = mapped_column(Text, default="")  # JSON {"field": [before, after]}


Index("uq_audit_entry_chain_seq", AuditEntry.chain, AuditEntry.seq, unique=True)
# HQ's chains per post (audit.chains_by_post) from the index alone (0006)
Index("ix_audit_entry_chain_post_at", AuditEntry.chain, AuditEntry.origin_post, AuditEntry.at)
for _later in (Report, ReportAmendment, AuditEntry):  # the later travelling tables (0006)
    Index(
        f"ix_{_later.__tablename__}_change_version", _later.change_instance, _later.change_counter
    )
del _later

SYNCED_MODELS = SYNCED_MODELS + (AuditEntry,)


# --- sync: local bookkeeping that never travels (docs/sync-format.md) ---------------------


class SyncIdentity(Base):
    """This installation's sync role, its keys and certificates, and whom it trusts."""

    __tablename__ = "sync_identity"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    role: Mapped[str] = mapped_column(String(8))  # hq | post
    code: Mapped[str] = mapped_column(String(12))
    name: Mapped[str] = mapped_column(String(120), default="")
    hq_code: Mapped[str] = mapped_column(String(12), default="")
    signing_key: Mapped[bytes] = mapped_column(LargeBinary)
    certificate: Mapped[bytes] = mapped_column(LargeBinary)  # PEM, chain after it
    exchange_key: Mapped[bytes] = mapped_column(LargeBinary)
    exchange_certificate: Mapped[bytes] = mapped_column(LargeBinary, default=b"")
    hq_root: Mapped[bytes] = mapped_column(LargeBinary, default=b"")
    hq_exchange: Mapped[bytes] = mapped_column(LargeBinary, default=b"")
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    # HQ's time-stamp authority (security/timestamps.py), made the first time it is needed
    tsa_key: Mapped[bytes] = mapped_column(LargeBinary, default=b"")
    tsa_certificate: Mapped[bytes] = mapped_column(LargeBinary, default=b"")


class SyncPost(Base):
    """HQ's registry of posts: enrollment, keys, revocation, last contact."""

    __tablename__ = "sync_post"
    code: Mapped[str] = mapped_column(String(12), primary_key=True)
    name: Mapped[str] = mapped_column(String(120), default="")
    status: Mapped[str] = mapped_column(String(10), default="pending")  # pending|active|revoked
    secret: Mapped[bytes] = mapped_column(LargeBinary)
    key_id: Mapped[str] = mapped_column(String(64), default="", index=True)
    exchange_key: Mapped[bytes] = mapped_column(LargeBinary, default=b"")  # PEM public key
    certificate: Mapped[bytes] = mapped_column(LargeBinary, default=b"")  # HQ-issued, PEM
    revoked_keys: Mapped[str] = mapped_column(Text, default="")  # key IDs, one per line
    registered_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    enrolled_at: Mapped[datetime | None] = mapped_column(DateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime)


class SyncInstance(Base):
    """Which post a database instance ID belongs to (HQ's own instances have is_hq)."""

    __tablename__ = "sync_instance"
    instance: Mapped[str] = mapped_column(String(36), primary_key=True)
    post_code: Mapped[str] = mapped_column(String(12), default="")
    is_hq: Mapped[bool] = mapped_column(Boolean, default=False)


class SyncBundle(Base):
    """Ledger of bundles applied at HQ: a bundle ID is applied once."""

    __tablename__ = "sync_bundle"
    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    post_code: Mapped[str] = mapped_column(String(12), index=True)
    created_at: Mapped[datetime | None] = mapped_column(DateTime)
    imported_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    ranges: Mapped[str] = mapped_column(Text, default="[]")  # JSON [{"instance","from","to"}]
    summary: Mapped[str] = mapped_column(Text, default="{}")  # JSON counts
    file_name: Mapped[str] = mapped_column(String(200), default="")
    sha256: Mapped[str] = mapped_column(String(64), default="")


class SyncReceipt(Base):
    """Receipts written at HQ (direction 'out') or applied at a post ('in')."""

    __tablename__ = "sync_receipt"
    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    direction: Mapped[str] = mapped_column(String(3))
    post_code: Mapped[str] = mapped_column(String(12), index=True)
    at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    summary: Mapped[str] = mapped_column(Text, default="{}")


class SyncMark(Base):
    """Per database instance: the highest counter HQ acknowledged (at a post)."""

    __tablename__ = "sync_mark"
    kind: Mapped[str] = mapped_column(String(8), primary_key=True)
    instance: Mapped[str] = mapped_column(String(36), primary_key=True)
    counter: Mapped[int] = mapped_column(Integer, default=0)


class SyncBase(Base):
    """At a post: the version of a record last received from HQ (a change on top of it is
    not a conflict)."""

    __tablename__ = "sync_base"
    table_name: Mapped[str] = mapped_column(String(40), primary_key=True)
    record_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    instance: Mapped[str] = mapped_column(String(36))
    counter: Mapped[int] = mapped_column(Integer)


class SyncConflict(Base):
    """A losing version of a record changed in two places, kept for a person to resolve."""

    __tablename__ = "sync_conflict"
    table_name: Mapped[str] = mapped_column(String(40), primary_key=True)
    record_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    instance: Mapped[str] = mapped_column(String(36), primary_key=True)
    counter: Mapped[int] = mapped_column(Integer)
    post_code: Mapped[str] = mapped_column(String(12), default="")
    winner_instance: Mapped[str] = mapped_column(String(36), default="")
    winner_counter: Mapped[int] = mapped_column(Integer, default=0)
    row: Mapped[str] = mapped_column(Text)  # JSON {column: value} (+ links)
    detected_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    resolved_at: Mapped[datetime | None] = mapped_column(DateTime)


class SyncHeld(Base):
    """A record whose parent has not arrived yet; retried after every import."""

    __tablename__ = "sync_held"
    table_name: Mapped[str] = mapped_column(String(40), primary_key=True)
    record_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    instance: Mapped[str] = mapped_column(String(36))
    counter: Mapped[int] = mapped_column(Integer)
    post_code: Mapped[str] = mapped_column(String(12), default="")
    missing: Mapped[str] = mapped_column(String(120), default="")  # "meeting:<id>"
    row: Mapped[str] = mapped_column(Text)
    base: Mapped[str] = mapped_column(Text, default="")
    held_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


# an import retries only the held rows waiting for a parent that just arrived, and counts a
# post's held rows against its limit: both by index, whatever the number held
Index("ix_sync_held_missing", SyncHeld.missing)
Index("ix_sync_held_post", SyncHeld.post_code, SyncHeld.held_at)


class SyncRevocation(Base):
    """Keys HQ revoked (a stolen laptop): bundles and signatures by them are refused."""

    __tablename__ = "sync_revocation"
    key_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    post_code: Mapped[str] = mapped_column(String(12), default="")
    revoked_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
