"""Realistic demo data for trying okudesk and for load tests.

Names, places and texts are made up in the style of Ogan Komering Ulu. Meetings and
incidents are written with bulk Core inserts in chunks (a million incidents in well under
two minutes); every row still gets its change version, register number and status history,
so demo data behaves exactly like typed data (it syncs, counts and prints the same).
"""

from __future__ import annotations

import os
import random
import re
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import FromClause, func, select
from sqlalchemy.orm import Session
from sqlalchemy.sql.schema import ScalarElementColumnDefault

from okudesk.core import permissions
from okudesk.core.history import audit, changes, versioning
from okudesk.core.models import (
    FollowUp,
    Incident,
    IncidentStatusChange,
    Meeting,
    Officer,
    PoliticalParty,
    Stakeholder,
    meeting_officer,
    meeting_stakeholder,
    utcnow,
)
from okudesk.core.records import numbering, posts, reference
from okudesk.core.records.officers import add_officer
from okudesk.core.security import accounts
from okudesk.core.store import Store, search
from okudesk.core.store.bulk import BulkWriter

CHUNK = 20_000

DEMO_POST: dict[str, Any] = dict(
    code="BTT",
    name="Polsek Baturaja Timur",
    letterhead=[
        "KEPOLISIAN DAERAH SUMATERA SELATAN",
        "RESOR OGAN KOMERING ULU",
        "SEKTOR BATURAJA TIMUR",
    ],
    place_name="Baturaja",
)

# the kecamatan whose official villages the demo's records lie in
DEMO_KECAMATAN = ("Baturaja Timur", "Baturaja Barat", "Lubuk Batang", "Peninjauan", "Ulu Ogan")

FIRST = [
    "Ahmad",
    "Budi",
    "Dedi",
    "Eko",
    "Fajar",
    "Hendra",
    "Irwan",
    "Joko",
    "Kurniawan",
    "Lukman",
    "M. Rizki",
    "Nanda",
    "Oktavianus",
    "Putra",
    "Rahmat",
    "Sugeng",
    "Taufik",
    "Usman",
    "Wahyu",
    "Yusuf",
    "Zainal",
    "Siti",
    "Dewi",
    "Rina",
    "Nurhayati",
    "Fitri",
    "Maya",
    "Yulia",
    "Ratna",
    "Indah",
    "Sri",
    "Herlina",
]
LAST = [
    "Saputra",
    "Pratama",
    "Hidayat",
    "Syahputra",
    "Gunawan",
    "Kurniadi",
    "Setiawan",
    "Wijaya",
    "Harahap",
    "Siregar",
    "Nasution",
    "Rahman",
    "Firmansyah",
    "Susanto",
    "Effendi",
    "Hakim",
    "Marzuki",
    "Zulkarnain",
    "Aprilianti",
    "Lestari",
    "Handayani",
    "Permata",
    "Wulandari",
    "Anggraini",
]
ORGS = {
    "KPU Kabupaten": ["KPU Kabupaten OKU"],
    "Bawaslu Kabupaten": ["Bawaslu Kabupaten OKU"],
    "Partai politik": [
        "DPC PDI Perjuangan OKU",
        "DPD Partai Golkar OKU",
        "DPC Partai Gerindra OKU",
        "DPD PKS OKU",
        "DPC PKB OKU",
        "DPD Partai NasDem OKU",
        "DPC Partai Demokrat OKU",
        "DPD PAN OKU",
        "DPC PPP OKU",
    ],
    "Tokoh agama": [
        "MUI Kabupaten OKU",
        "Masjid Agung Baturaja",
        "PCNU OKU",
        "PD Muhammadiyah OKU",
    ],
    "Kodim 0403/OKU": ["Kodim 0403/OKU"],
    "Danramil": ["Koramil 403-01/Baturaja"],
    "Karang Taruna": ["Karang Taruna Kelurahan"],
    "Media": ["Sumatera Ekspres", "Baturaja Radio"],
}
MEETING_TOPICS = [
    (
        "koordinasi pengamanan tahapan pemilu",
        "Membahas jadwal tahapan, titik rawan TPS dan kebutuhan personel pengamanan.",
    ),
    (
        "silaturahmi kamtibmas menjelang pemilu",
        "Menyampaikan imbauan menjaga persatuan dan menolak politik uang serta hoaks.",
    ),
    (
        "sosialisasi larangan kampanye di tempat ibadah",
        "Pengurus sepakat menjaga rumah ibadah tetap netral selama masa kampanye.",
    ),
    (
        "pengecekan gudang logistik pemilu",
        "Logistik tersimpan di gudang KPU, segel lengkap, penjagaan 24 jam bersama Linmas.",
    ),
    (
        "deteksi dini potensi konflik antar pendukung",
        "Warga melaporkan ketegangan antar pendukung caleg setelah pemasangan APK.",
    ),
    (
        "Jumat Curhat bersama warga",
        "Warga menyampaikan keluhan pungli di jalur angkutan batu bara dan balap liar malam hari.",
    ),
    (
        "pembinaan siskamling",
        "Pos kamling diaktifkan kembali dengan jadwal ronda bergilir setiap malam.",
    ),
]
PROBLEMS = [
    "Ada indikasi pembagian sembako oleh tim sukses menjelang hari tenang.",
    "Beredar pesan berantai bernada SARA di grup WhatsApp warga.",
    "Sebagian APK dipasang di pohon dan tiang listrik sehingga rawan dirusak.",
    "Jalan menuju TPS terpencil rawan banjir bila Sungai Ogan meluap.",
    "Belum semua KPPS memahami prosedur pengamanan kotak suara.",
    "Tidak ditemukan potensi kerawanan yang menonjol.",
]
OBSTACLES = [
    "Sinyal telepon di lokasi lemah.",
    "Akses jalan rusak setelah hujan.",
    "Tidak ada hambatan berarti.",
    "",
]
FOLLOW_UPS = [
    "Patroli dialogis di sekitar lokasi pada malam hari",
    "Koordinasi dengan Panwaslu Kecamatan",
    "Mengundang tokoh agama dalam Jumat Curhat berikutnya",
    "Memantau grup media sosial warga",
    "Mendata TPS rawan banjir bersama PPS",
    "Menyampaikan laporan kepada Kapolsek",
]
INCIDENT_TEXT = {
    "pemilu": [
        "Warga melaporkan adanya pembagian amplop berisi uang kepada pemilih oleh orang yang "
        "mengaku tim kampanye.",
        "Ditemukan baliho calon legislatif dirusak dan dicopot oleh orang tidak dikenal pada "
        "malam hari.",
        "Beredar video hoaks tentang kecurangan penghitungan suara di media sosial.",
        "Terjadi adu mulut antar pendukung dua calon saat kampanye terbuka di lapangan desa.",
        "Kepala desa diduga mengarahkan perangkat desa untuk mendukung salah satu calon.",
        "Kotak suara tiba terlambat di TPS karena jalan terputus banjir.",
    ],
    "kamtibmas": [
        "Pencurian sepeda motor di halaman rumah warga pada dini hari.",
        "Perkelahian antar pemuda saat acara orgen tunggal yang berlangsung hingga larut malam.",
        "Sopir angkutan batu bara mengeluhkan pungutan liar di jalur lintas.",
        "Kecelakaan lalu lintas antara truk batu bara dan sepeda motor.",
    ],
}
STATUS_PATHS = [
    (("dilaporkan",), 20),
    (("dilaporkan", "diverifikasi"), 15),
    (("dilaporkan", "diverifikasi", "dieskalasi"), 10),
    (("dilaporkan", "diverifikasi", "ditangani"), 15),
    (("dilaporkan", "diverifikasi", "ditangani", "selesai"), 30),
    (("dilaporkan", "bukan_pemilu"), 5),
    (("dilaporkan", "tidak_valid"), 5),
]
SEVERITY_WEIGHTS = (("rendah", 40), ("sedang", 35), ("tinggi", 18), ("kritis", 7))


Progress = Callable[[str, int, int], None]  # (what, done, of how many)


@dataclass(frozen=True)
class DemoSummary:
    post_code: str
    officers: int
    stakeholders: int
    meetings: int
    incidents: int


def _person(rng: random.Random) -> str:
    return f"{rng.choice(FIRST)} {rng.choice(LAST)}"


def _nrp(rng: random.Random) -> str:
    return f"{rng.randint(70, 99):02d}{rng.randint(1, 12):02d}{rng.randint(0, 9999):04d}"


def fill(
    store: Store,
    *,
    meetings: int = 120,
    incidents: int = 200,
    seed: int = 1,
    today: date | None = None,
    progress: Progress | None = None,
) -> DemoSummary:
    """Add demo data to ``store`` as this post (setting up the demo post if there is none).

    Needs an actor who may ``demo.fill`` (the console, or the first admin in the first-run
    wizard); the demo writes everything it needs in their name. Demo officers get accounts
    with the passphrase ``demo`` (:data:`DEMO_PASSPHRASE`); the bulk-inserted meetings and
    incidents bypass the ORM, so the audit trail gets one summary entry.
    """
    who = permissions.check(store.actor, "demo.fill")
    store.actor = permissions.Actor(who.officer_id, who.name, permissions.SYSTEM_ROLE, who.nrp)
    try:
        return _fill(
            store, meetings=meetings, incidents=incidents, seed=seed, today=today, progress=progress
        )
    finally:
        store.actor = who


def _fill(
    store: Store,
    *,
    meetings: int,
    incidents: int,
    seed: int,
    today: date | None,
    progress: Progress | None,
) -> DemoSummary:
    rng = random.Random(seed)
    now = (
        datetime.now().replace(second=0, microsecond=0)
        if today is None
        else datetime.combine(today, datetime.min.time()).replace(hour=17)
    )
    with store.write() as session:
        post = posts.this_post(session) or _set_up_demo_post(session)
        officer_ids = _ensure_officers(session, rng, post.id)
        _ensure_credentials(session, rng, officer_ids)
        desa_by_kec = _ensure_desa(session)
        stakeholder_ids = _ensure_stakeholders(session, rng, desa_by_kec)
        # who goes to the field and reports: not the operator, who may not sign a report
        field_ids = _field_officers(session, officer_ids)
    ctx = _Context(rng, post.code, now, field_ids, stakeholder_ids, desa_by_kec, store)
    with store.write() as session:
        ctx.activity_types = [r.id for r in reference.activity_types(session)]
        ctx.categories = [(r.id, r.group) for r in reference.incident_categories(session)]
    meeting_ids = _bulk_meetings(ctx, meetings, progress)
    _bulk_incidents(ctx, incidents, meeting_ids, progress)
    _demo_photos(store, rng, meeting_ids[-DEMO_PHOTO_MEETINGS:])
    with store.write() as session:
        audit.record(
            session,
            "demo",
            summary=f"Data contoh: {meetings} rapat, {incidents} kejadian (benih {seed})",
            changes={
                "meetings": [None, meetings],
                "incidents": [None, incidents],
                "seed": [None, seed],
            },
        )
    with store.read() as session:
        n_stakeholders = session.scalar(
            select(func.count()).select_from(Stakeholder).where(Stakeholder.deleted_at.is_(None))
        )
    return DemoSummary(post.code, len(officer_ids), n_stakeholders or 0, meetings, incidents)


DEMO_PASSPHRASE = "demo"  # demo officers' login and signing passphrase: for trying okudesk only


def encrypted(store: Store) -> Store:
    """The demo store encrypted like any store whose officers have passphrases (the demo
    officers' passphrase unwraps its key): ``store`` is closed and the encrypted one returned.
    A store that is encrypted already (demo data added after a login) is returned as it is."""
    from okudesk.core.security import unlocking

    if store.data_key is not None:
        return store
    with store.read(actor=None) as session:
        choices = accounts.login_choices(session)
    if not choices:
        return store
    return unlocking.encrypt_now(store, DEMO_PASSPHRASE, officer_id=choices[0].officer_id)


DEMO_PHOTO_MEETINGS = 8
PHOTO_CAPTIONS = (
    "Suasana kegiatan",
    "Penyampaian imbauan kamtibmas",
    "Foto bersama peserta",
    "Dialog dengan warga",
)


def _demo_photo(rng: random.Random, caption: str) -> bytes:
    """A plain generated picture (sky, field, a few figures) standing in for a camera photo."""
    import io

    from PIL import Image, ImageDraw

    w, h = 1200, 800
    image = Image.new("RGB", (w, h), (rng.randint(120, 170), rng.randint(170, 210), 235))
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, h * 0.55, w, h), fill=(rng.randint(60, 90), rng.randint(120, 150), 60))
    draw.rectangle(
        (w * 0.15, h * 0.25, w * 0.55, h * 0.6), fill=(200, 190, 170), outline=(90, 70, 50), width=6
    )
    draw.polygon(
        [(w * 0.1, h * 0.27), (w * 0.35, h * 0.08), (w * 0.6, h * 0.27)], fill=(150, 60, 40)
    )
    for k in range(rng.randint(3, 7)):
        x = 120 + k * 140 + rng.randint(-20, 20)
        color = rng.choice(((90, 70, 40), (40, 40, 90), (200, 200, 200), (120, 30, 30)))
        draw.ellipse((x, 440, x + 50, 490), fill=(210, 170, 130))
        draw.rectangle((x - 10, 490, x + 60, 640), fill=color)
    draw.text((20, h - 40), caption, fill=(255, 255, 255))
    out = io.BytesIO()
    image.save(out, "JPEG", quality=88)
    return out.getvalue()


def _demo_photos(store: Store, rng: random.Random, meeting_ids: list[str]) -> None:
    from okudesk.core.records import photos

    # demo.fill was checked for whoever asked (the first admin may, yet may not add photos
    # to records): the demo's own photos are added by the console on their behalf
    asked = store.actor.name if store.actor is not None else ""
    with store.write(
        actor=permissions.system_actor(f"data contoh, {asked}" if asked else "data contoh")
    ) as session:
        for mid in meeting_ids:
            for k in range(2):
                caption = PHOTO_CAPTIONS[(k + len(mid)) % len(PHOTO_CAPTIONS)]
                photos.add_photo(
                    session,
                    store.photo_dir,
                    _demo_photo(rng, caption),
                    meeting_id=mid,
                    caption=caption,
                    original_name=f"IMG_{rng.randint(1000, 9999)}.jpg",
                )


def _set_up_demo_post(session: Session) -> posts.PostInfo:
    kec = {k.name: k.id for k in reference.kecamatan(session)}
    return posts.set_up_this_post(session, kecamatan_ids=[kec["Baturaja Timur"]], **DEMO_POST)


def _ensure_officers(session: Session, rng: random.Random, post_id: str) -> list[str]:
    existing = list(
        session.scalars(
            select(Officer.id).where(Officer.deleted_at.is_(None), Officer.active.is_(True))
        )
    )
    if len(existing) >= 3:
        return existing
    ranks = {r.name: r.id for r in reference.ranks(session)}
    plan = [
        ("Iptu", "Kapolsek", "kapolsek"),
        ("Aiptu", "Kanit Intelkam", "petugas"),
        ("Bripka", "Bhabinkamtibmas", "petugas"),
        ("Bripka", "Bhabinkamtibmas", "petugas"),
        ("Brigadir", "Bhabinkamtibmas", "petugas"),
        ("Aipda", "Kanit Binmas", "petugas"),
        ("Briptu", "Operator / Bamin", "admin"),
        ("Bripda", "Banit Reskrim", "petugas"),
    ]
    used = set(session.scalars(select(Officer.nrp)))
    for rank, position, role in plan:
        nrp = _nrp(rng)
        while nrp in used:
            nrp = _nrp(rng)
        used.add(nrp)
        officer = add_officer(
            session,
            name=_person(rng),
            nrp=nrp,
            rank_id=ranks[rank],
            position=position,
            post_id=post_id,
        )
        # One scrypt hash per officer (about 60 ms each): the demo stays quick.
        accounts.set_account(
            session,
            officer.id,
            role=role,
            passphrase=DEMO_PASSPHRASE,
            must_change=False,
            enforce_policy=False,
        )
        existing.append(officer.id)
    return existing


def _field_officers(session: Session, officer_ids: list[str]) -> list[str]:
    """The officers who may sign their own reports (an officer without an account too)."""
    from okudesk.core.models import OfficerAccount

    roles: dict[str, str] = {
        officer_id: role
        for officer_id, role in session.execute(
            select(OfficerAccount.officer_id, OfficerAccount.role).where(
                OfficerAccount.officer_id.in_(officer_ids)
            )
        )
    }
    signing = {
        r for r, granted in permissions.ROLE_PERMISSIONS.items() if "report.sign_own" in granted
    }
    chosen = [o for o in officer_ids if roles.get(o, "petugas") in signing]
    return chosen or officer_ids


def _ensure_credentials(session: Session, rng: random.Random, officer_ids: list[str]) -> None:
    """Demo officers get a signing key (passphrase ``demo``) and a drawn signature."""
    from okudesk.core.security import credentials

    for officer_id in officer_ids:
        if credentials.credential(session, officer_id) is None:
            credentials.enroll_officer(session, officer_id, DEMO_PASSPHRASE)
        officer = session.get(Officer, officer_id)
        if officer is not None and officer.signature_png is None:
            officer.signature_png = _demo_signature(rng)


def _demo_signature(rng: random.Random) -> bytes:
    """A pen-like scribble on a transparent background, standing in for a drawn signature."""
    import io
    import math

    from PIL import Image, ImageDraw

    image = Image.new("RGBA", (420, 160), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    a, b, c = rng.uniform(0.03, 0.06), rng.uniform(1.5, 3.5), rng.uniform(20, 40)
    points = [
        (30 + t * 3.4, 85 + c * math.sin(a * t * 3.4) * math.cos(b * t / 30) - t * 0.15)
        for t in range(110)
    ]
    draw.line(points, fill=(10, 20, 90, 255), width=4, joint="curve")
    draw.line([(60, 120), (340, 105)], fill=(10, 20, 90, 255), width=3)
    out = io.BytesIO()
    image.save(out, "PNG", optimize=True)
    return out.getvalue()


def _ensure_desa(session: Session) -> dict[str, list[str]]:
    """The official villages of the demo's kecamatan (seeded with every database)."""
    kec = {k.id for k in reference.kecamatan(session) if k.name in DEMO_KECAMATAN}
    result: dict[str, list[str]] = {}
    for d in reference.desa(session):
        if d.parent_id in kec:
            result.setdefault(d.parent_id or "", []).append(d.id)
    return result


def _ensure_stakeholders(
    session: Session, rng: random.Random, desa_by_kec: dict[str, list[str]]
) -> list[str]:
    existing = list(session.scalars(select(Stakeholder.id).where(Stakeholder.deleted_at.is_(None))))
    if len(existing) >= 20:
        return existing
    types = reference.stakeholder_types(session)
    all_desa = [d for ds in desa_by_kec.values() for d in ds]
    parties = [
        (p.id, re.compile(rf"\b{re.escape(p.abbreviation)}\b", re.IGNORECASE))
        for p in session.scalars(select(PoliticalParty))
    ]
    for _i in range(60):
        t = rng.choice(types)
        org = rng.choice(ORGS.get(t.name, [""]))
        named = [party for party, pattern in parties if pattern.search(org)]
        s = Stakeholder(
            name=_person(rng),
            type_id=t.id,
            party_id=named[0] if len(named) == 1 else None,
            organisation=org,
            desa_id=rng.choice(all_desa),
            phone=f"08{rng.randint(11, 99)}{rng.randint(10_000_000, 99_999_999)}",
        )
        session.add(s)
        session.flush()
        existing.append(s.id)
    return existing


class _Context:
    def __init__(self, rng, post_code, now, officer_ids, stakeholder_ids, desa_by_kec, store):
        self.rng = rng
        self.post_code = post_code
        self.now = now
        self.officer_ids = officer_ids
        self.stakeholder_ids = stakeholder_ids
        self.desa_pairs = [(k, d) for k, ds in desa_by_kec.items() for d in ds]
        self.store = store
        self.activity_types: list[str] = []
        self.categories: list[tuple[str, str]] = []


def _numbers(session: Session, post_code: str, kind: str, years: list[int]) -> dict[int, int]:
    """Reserve register numbers for every year used; returns year -> first number."""
    counts: dict[int, int] = {}
    for y in years:
        counts[y] = counts.get(y, 0) + 1
    return {y: numbering.reserve_block(session, post_code, kind, y, n) for y, n in counts.items()}


class _Ids:
    """Time-ordered UUID strings (version 7, RFC 9562), faster than str(uuid.uuid4()).

    48 bits of milliseconds, a 12-bit sequence, 62 random bits from the operating system's
    entropy (never from the demo seed: running the demo twice with one seed must not
    produce the same keys). Keys made in order land at the end of the primary-key B-trees
    instead of all over them, which is what keeps a million-incident load from slowing
    down as the database outgrows the page cache.
    """

    def __init__(self) -> None:
        self._bits = random.Random(os.urandom(32)).getrandbits
        self._ms = time.time_ns() // 1_000_000
        self._seq = 0

    def __call__(self) -> str:
        self._seq += 1
        if self._seq == 4096:
            self._seq = 0
            self._ms += 1
        value = (self._ms << 80) | (0x7 << 76) | (self._seq << 64) | (0b10 << 62) | self._bits(62)
        h = f"{value:032x}"
        return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


def _row_type(table: FromClause) -> Callable[..., tuple]:
    """Rows of ``table`` built by column name, in the table's column order (BulkWriter takes
    them as they are); a column left out gets its model default, so a field added to a
    record needs no change here.

    The maker returns a plain tuple: sqlite3's executemany reads an exact tuple directly but
    a named tuple item by item, which cost the demo a fifth of its time. It is compiled from
    the column names the way ``collections.namedtuple`` compiles its ``__new__``."""
    names = [c.name for c in table.columns]
    defaults = {
        c.name: c.default.arg if isinstance(c.default, ScalarElementColumnDefault) else None
        for c in table.columns
    }
    params = ", ".join(f"{n}=_defaults[{n!r}]" for n in names)
    namespace: dict[str, Any] = {"_defaults": defaults}
    exec(f"def row(*, {params}):\n    return ({', '.join(names)},)\n", namespace)  # noqa: S102
    maker: Callable[..., tuple] = namespace["row"]
    maker.__qualname__ = maker.__name__ = f"{table.description}_row"
    return maker


MeetingRow = _row_type(Meeting.__table__)
FollowUpRow = _row_type(FollowUp.__table__)
IncidentRow = _row_type(Incident.__table__)
HistoryRow = _row_type(IncidentStatusChange.__table__)
MEETING_COLUMNS = tuple(c.name for c in Meeting.__table__.columns)
FOLLOW_UP_COLUMNS = tuple(c.name for c in FollowUp.__table__.columns)
INCIDENT_COLUMNS = tuple(c.name for c in Incident.__table__.columns)
HISTORY_COLUMNS = tuple(c.name for c in IncidentStatusChange.__table__.columns)


def _ids(rows: list[tuple], columns: tuple[str, ...]) -> list[str]:
    """The record IDs of bulk rows (declared to history.changes: they bypass the ORM)."""
    at = columns.index("id")
    return [r[at] for r in rows]


PLACES = ("Balai desa", "Masjid", "Kantor camat", "Rumah warga", "Aula Polsek")
INCIDENT_PLACES = (
    "Jalan lintas Sumatera",
    "Lapangan desa",
    "Depan pasar",
    "Sekitar TPS",
    "Balai desa",
)


def _bulk_meetings(ctx: _Context, count: int, progress: Progress | None) -> list[str]:
    rng, new_id, ids = ctx.rng, _Ids(), []
    for start in range(0, count, CHUNK):
        n = min(CHUNK, count - start)
        with ctx.store.write() as session:
            bulk = BulkWriter(session.connection())
            dt = bulk.dt
            instance, counter = versioning.reserve(bulk.conn, n * 2)
            when = [
                (ctx.now - timedelta(days=rng.random() * 365, hours=rng.randint(0, 8))).replace(
                    second=0, microsecond=0
                )
                for _ in range(n)
            ]
            first = _numbers(session, ctx.post_code, "meeting", [w.year for w in when])
            stamp = dt(utcnow())
            rows, officers, stakeholders, follow_ups = [], [], [], []
            for k in range(n):
                mid = new_id()
                ids.append(mid)
                kec, desa = rng.choice(ctx.desa_pairs)
                topic, summary = rng.choice(MEETING_TOPICS)
                y = when[k].year
                number = numbering.register_number(ctx.post_code, "meeting", y, first[y])
                first[y] += 1
                rows.append(
                    MeetingRow(
                        id=mid,
                        created_at=stamp,
                        updated_at=stamp,
                        origin_post=ctx.post_code,
                        change_instance=instance,
                        change_counter=counter,
                        number=number,
                        activity_type_id=rng.choice(ctx.activity_types),
                        starts_at=dt(when[k]),
                        ends_at=dt(when[k] + timedelta(minutes=rng.choice((60, 90, 120, 180)))),
                        kecamatan_id=kec,
                        desa_id=desa,
                        place=rng.choice(PLACES),
                        purpose=(
                            f"Melaksanakan {topic} dalam rangka menjaga kamtibmas yang kondusif."
                        ),
                        discussion=summary,
                        potential_problems=rng.choice(PROBLEMS),
                        outcomes=(
                            "Peserta sepakat menjaga situasi aman dan segera melapor bila ada "
                            "gangguan."
                        ),
                        obstacles=rng.choice(OBSTACLES),
                        other_attendees=rng.randint(0, 40),
                        reported_by_id=rng.choice(ctx.officer_ids),
                    )
                )
                counter += 1
                for oid in rng.sample(ctx.officer_ids, k=min(2, len(ctx.officer_ids))):
                    officers.append((mid, oid))
                for sid in rng.sample(
                    ctx.stakeholder_ids, k=min(rng.randint(1, 4), len(ctx.stakeholder_ids))
                ):
                    stakeholders.append((mid, sid))
                if rng.random() < 0.7:
                    due = (when[k] + timedelta(days=rng.randint(3, 30))).date()
                    done = (due < ctx.now.date() - timedelta(days=14) and rng.random() < 0.93) or (
                        due < ctx.now.date() and rng.random() < 0.5
                    )
                    follow_ups.append(
                        FollowUpRow(
                            id=new_id(),
                            created_at=stamp,
                            updated_at=stamp,
                            origin_post=ctx.post_code,
                            change_instance=instance,
                            change_counter=counter,
                            what=rng.choice(FOLLOW_UPS),
                            responsible="Bhabinkamtibmas",
                            officer_id=rng.choice(ctx.officer_ids),
                            due_date=bulk.day(due),
                            status="selesai" if done else "terbuka",
                            done_at=stamp if done else None,
                            done_note="Sudah dilaksanakan; situasi aman dan kondusif"
                            if done
                            else "",
                            meeting_id=mid,
                        )
                    )
                    counter += 1
            with search.bulk_load(bulk.conn, ("meeting", "follow_up")):
                bulk.insert(Meeting.__table__, MEETING_COLUMNS, rows)
                bulk.insert(meeting_officer, ("meeting_id", "officer_id"), officers)
                bulk.insert(meeting_stakeholder, ("meeting_id", "stakeholder_id"), stakeholders)
                bulk.insert(FollowUp.__table__, FOLLOW_UP_COLUMNS, follow_ups)
            changes.note(
                session, Meeting.__tablename__, _ids(rows, MEETING_COLUMNS)
            )  # attendees count for them
            changes.note(session, FollowUp.__tablename__, _ids(follow_ups, FOLLOW_UP_COLUMNS))
        if progress:
            progress("meetings", start + n, count)
    return ids


def incident_rows(
    ctx: _Context,
    bulk: BulkWriter,
    n: int,
    instance: str,
    counter: int,
    first: dict[int, int],
    when: list[datetime],
    meeting_ids: list[str],
) -> tuple[list[tuple], list[tuple]]:
    """Rows for ``n`` incidents and their status histories (the benchmark inserts these too)."""
    rng, new_id, dt = ctx.rng, _Ids(), bulk.dt
    chosen_paths = rng.choices([p for p, _w in STATUS_PATHS], [w for _p, w in STATUS_PATHS], k=n)
    chosen_sev = rng.choices(
        [s for s, _w in SEVERITY_WEIGHTS], [w for _s, w in SEVERITY_WEIGHTS], k=n
    )
    desa_picks = rng.choices(ctx.desa_pairs, k=n)
    cat_picks = rng.choices(ctx.categories, k=n)
    reporters = rng.choices(ctx.officer_ids, k=n)
    hours = [timedelta(hours=h) for h in range(49)]
    people = [
        f"{a} {b} (saksi), {c} {d} (terlapor)"
        for a, b, c, d in zip(
            rng.choices(FIRST, k=64),
            rng.choices(LAST, k=64),
            rng.choices(FIRST, k=64),
            rng.choices(LAST, k=64),
            strict=True,
        )
    ]
    texts = {g: list(t) for g, t in INCIDENT_TEXT.items()}
    action = "Mendatangi lokasi, meminta keterangan saksi dan mendokumentasikan kejadian."
    stamp = dt(utcnow())
    post = ctx.post_code
    # Inline draws from random() below: randint/choice cost a microsecond each, and a million
    # incidents take several million draws.
    random_ = rng.random
    places, grades_s, grades_i = INCIDENT_PLACES, "BC", "23"
    incidents, history = [], []
    for k in range(n):
        iid = new_id()
        kec, desa = desa_picks[k]
        cat, group = cat_picks[k]
        path = chosen_paths[k]
        status = path[-1]
        occurred = when[k]
        reported = occurred + hours[1 + int(random_() * 20)]
        y = occurred.year
        number = f"{post}-KJD-{y}-{first[y]:04d}"
        first[y] += 1
        reporter = reporters[k]
        escalated = group == "pemilu" and status in ("dieskalasi", "ditangani", "selesai")
        incidents.append(
            IncidentRow(
                id=iid,
                created_at=stamp,
                updated_at=stamp,
                origin_post=post,
                change_instance=instance,
                change_counter=counter,
                number=number,
                occurred_at=dt(occurred),
                reported_at=dt(reported),
                category_id=cat,
                severity=chosen_sev[k],
                kecamatan_id=kec,
                desa_id=desa,
                place=places[int(random_() * len(places))],
                description=texts[group][int(random_() * len(texts[group]))],
                people_involved=people[int(random_() * 64)],
                status=status,
                actions_taken=action if len(path) > 1 else "",
                escalated_to="Sentra Gakkumdu" if escalated else "",
                legal_axis="Tindak pidana pemilu" if escalated else "",
                police_report_number=f"LP/B/{1 + int(random_() * 400)}/{y}/SPKT/POLSEK"
                if status == "selesai" and group == "kamtibmas"
                else "",
                meeting_id=meeting_ids[int(random_() * len(meeting_ids))]
                if meeting_ids and random_() < 0.1
                else None,
                reported_by_id=reporter,
                source="Masyarakat",
                source_grade=grades_s[random_() < 0.5],
                info_grade=grades_i[random_() < 0.5],
            )
        )
        counter += 1
        previous, at = "", reported
        for step in path:
            history.append(
                HistoryRow(
                    id=new_id(),
                    created_at=stamp,
                    updated_at=stamp,
                    origin_post=post,
                    change_instance=instance,
                    change_counter=counter,
                    incident_id=iid,
                    from_status=previous,
                    to_status=step,
                    changed_at=dt(at),
                    officer_id=reporter,
                )
            )
            counter += 1
            previous, at = step, min(at + hours[2 + int(random_() * 47)], ctx.now)
    return incidents, history


def _bulk_incidents(
    ctx: _Context, count: int, meeting_ids: list[str], progress: Progress | None
) -> None:
    rng = ctx.rng
    for start in range(0, count, CHUNK):
        n = min(CHUNK, count - start)
        with ctx.store.write() as session:
            bulk = BulkWriter(session.connection())
            instance, counter = versioning.reserve(bulk.conn, n * 5)
            when = [
                (ctx.now - timedelta(minutes=4320 + int(rng.random() * 576_000))) for _ in range(n)
            ]
            first = _numbers(session, ctx.post_code, "incident", [w.year for w in when])
            incidents, history = incident_rows(
                ctx, bulk, n, instance, counter, first, when, meeting_ids
            )
            with search.bulk_load(bulk.conn, ("incident",)):
                bulk.insert(Incident.__table__, INCIDENT_COLUMNS, incidents)
            bulk.insert(IncidentStatusChange.__table__, HISTORY_COLUMNS, history)
            changes.note(session, Incident.__tablename__, _ids(incidents, INCIDENT_COLUMNS))
            changes.note(
                session, IncidentStatusChange.__tablename__, _ids(history, HISTORY_COLUMNS)
            )
        if progress:
            progress("incidents", start + n, count)
