"""What every report needs besides its record: the post, the signer, the commander, photos."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from okudesk.core.errors import NotFound, OkudeskError
from okudesk.core.i18n import _
from okudesk.core.models import Officer
from okudesk.core.records import officers, photos, posts, register
from okudesk.core.reports import settings as report_settings
from okudesk.core.reports.pdf import PhotoItem, Signatory
from okudesk.core.reports.pdf import esc as pdf_esc

COMMANDER_POSITION = re.compile(r"^\s*(kapolsek|kapolres|kapospol|kapos|ka\s?pos)\b", re.IGNORECASE)
# HQ's own "Mengetahui" roles, in the order one is chosen when the settings name nobody
HQ_COMMANDER_POSITIONS = (
    re.compile(r"^\s*kapolres\b", re.IGNORECASE),
    re.compile(r"^\s*kabag\s*ops\b", re.IGNORECASE),
    re.compile(r"^\s*kasat\s*intel(kam)?\b", re.IGNORECASE),
)


def hq_letterhead(post: posts.PostInfo) -> tuple[str, ...]:
    """HQ's kop surat: its own lines, else the Polres level's (never a post's)."""
    return post.letterhead or posts.polres_letterhead(post.name, post.code)


@dataclass(frozen=True)
class ReportContext:
    kind: str
    record_id: str
    post: posts.PostInfo
    settings: report_settings.ReportSettings
    signer: officers.OfficerInfo | None  # None only at HQ, for a record without a reporter
    reporter: Signatory
    commander: Signatory | None
    photos: tuple[PhotoItem, ...]
    amends: register.ReportInfo | None
    amendment_reason: str
    logo_png: bytes | None = None
    # HQ's copy of a post's record: the post's name (the copy names it), else ''
    copy_of: str = ""
    official_number: str = ""  # the post's signed report of the record, when one is known

    def heading(self, title: str) -> str:
        return f"SALINAN {title}" if self.copy_of else title

    def notes(self) -> list[str]:
        """Lines under the title saying what a copy is (escaped for the PDF)."""
        if not self.copy_of:
            return []
        out = [
            f"<i>Salinan data {pdf_esc(self.copy_of)} yang dicetak di "
            f"{pdf_esc(self.post.name)}; bukan laporan resmi (tanpa nomor dan tanda tangan)</i>"
        ]
        if self.official_number:
            number = pdf_esc(self.official_number)
            out.append(f"<i>Laporan resmi: nomor {number}, ditandatangani di pos</i>")
        return out

    def place_line(self, signed_on: str) -> str:
        place = self.post.place_name or self.post.name
        return f"Disalin di {place}, {signed_on}" if self.copy_of else f"{place}, {signed_on}"


def signatory(
    session: Session, officer: officers.OfficerInfo, heading: str = "Yang melaporkan,"
) -> Signatory:
    row = session.get(Officer, officer.id)
    return Signatory(
        officer.position or "Petugas",
        officer.name,
        officer.rank_and_nrp,
        row.signature_png if row is not None else None,
        heading,
    )


def commander(
    session: Session, cfg: report_settings.ReportSettings, post: posts.PostInfo, signer_id: str
) -> Signatory | None:
    """The officer of the "Mengetahui" block: the one set in the settings, else the post's
    commander by position (Kapolsek, Kapospol...); none when the signer is the commander."""
    if post.is_hq:
        return hq_commander(session, cfg, post, signer_id)
    chosen: officers.OfficerInfo | None = None
    if cfg.commander_id:
        try:
            chosen = officers.get_officer(session, cfg.commander_id)
        except NotFound:
            chosen = None
    if chosen is None:
        candidates = [
            o
            for o in officers.list_officers(session, post_id=post.id)
            if COMMANDER_POSITION.match(o.position)
        ]
        chosen = candidates[0] if candidates else None
    if chosen is None:
        return Signatory(
            f"Kapolsek {post.name.removeprefix('Polsek ').strip()}", "", "", None, "Mengetahui,"
        )
    if chosen.id == signer_id:
        return None
    found = signatory(session, chosen, "Mengetahui,")
    if found.position.strip().lower() in ("kapolsek", "kapospol", "kapolres"):  # say of which unit
        unit = post.name.split(" ", 1)[1] if " " in post.name else post.name
        found = replace(found, position=f"{found.position.strip()} {unit}")
    return found


def hq_commander(
    session: Session, cfg: report_settings.ReportSettings, post: posts.PostInfo, signer_id: str
) -> Signatory:
    """HQ's "Mengetahui": the officer set in HQ's settings, else its Kapolres, Kabag Ops or
    Kasat Intelkam by position; a blank Kapolres line when HQ has recorded none of them."""
    unit = post.name.removeprefix("Polres").strip() or post.code
    chosen: officers.OfficerInfo | None = None
    if cfg.commander_id:
        try:
            chosen = officers.get_officer(session, cfg.commander_id)
        except NotFound:
            chosen = None
    if chosen is None:
        # HQ's own officers (the posts' officers are here too, from their bundles)
        own = set(
            session.scalars(
                select(Officer.id).where(
                    Officer.origin_post == post.code,
                    Officer.deleted_at.is_(None),
                    Officer.active.is_(True),
                )
            )
        )
        staff = [o for o in officers.list_officers(session) if o.id in own]
        for pattern in HQ_COMMANDER_POSITIONS:
            chosen = next((o for o in staff if pattern.match(o.position)), None)
            if chosen is not None:
                break
    if chosen is None:
        return Signatory(f"Kapolres {unit}", "", "", None, "Mengetahui,")
    found = signatory(session, chosen, "Mengetahui,")
    position = found.position.strip()
    if position.lower() == "kapolres":
        position = f"{position} {unit}"
    elif "polres" not in position.lower():
        position = f"{position} Polres {unit}"
    return replace(found, position=position)


def resolve_signer(
    session: Session, reported_by_id: str | None, officer_nrp: str | None
) -> officers.OfficerInfo:
    """The record's reporting officer, or the officer with ``officer_nrp``."""
    if officer_nrp:
        found = session.scalar(
            select(Officer.id).where(
                Officer.nrp == officer_nrp.strip(), Officer.deleted_at.is_(None)
            )
        )
        if found is None:
            raise NotFound(
                _("{kind} tidak ditemukan: {id}", kind="Petugas dengan NRP", id=officer_nrp)
            )
        return officers.get_officer(session, found)
    if not reported_by_id:
        raise OkudeskError(
            _(
                "Data ini tidak mencatat petugas pelapor; pilih petugas penanda tangan (--officer "
                "NRP)"
            )
        )
    return officers.get_officer(session, reported_by_id)


def build(
    session: Session,
    photo_dir: Path,
    *,
    kind: str,
    record_id: str,
    reported_by_id: str | None,
    officer_nrp: str | None,
    place: str,
    activity_at: datetime | None = None,
    origin_post: str = "",
) -> ReportContext:
    post = posts.require_this_post(session)
    cfg = report_settings.load(session)
    copy_of = ""
    official = ""
    if post.is_hq:
        # HQ prints with its own letterhead and roles; the reporter is the post's officer who
        # reported the record (never whoever is logged in at HQ), without a signature
        post = replace(post, letterhead=hq_letterhead(post))
        if origin_post and origin_post != post.code:
            copy_of = next(
                (p.name for p in posts.all_posts(session) if p.code == origin_post), origin_post
            )
            locked = register.locked_by(session, kind, record_id)
            official = locked.number if locked is not None else ""
        officer_nrp = None
    signer = (
        resolve_signer(session, reported_by_id, officer_nrp)
        if not post.is_hq or reported_by_id
        else None
    )
    owner = {"meeting_id": record_id} if kind == "meeting" else {"incident_id": record_id}
    items = tuple(  # a photo that carries no time of its own is dated by the activity
        PhotoItem(
            photos.photo_path(photo_dir, a.sha256),
            a.caption,
            a.taken_at or activity_at,
            place,
            activity_time=a.taken_at is None and activity_at is not None,
        )
        for a in photos.photos_of(session, **owner)
    )
    missing = [p.path.name for p in items if not p.path.exists()]
    if missing:
        raise OkudeskError(
            _("Berkas foto hilang dari folder data: {names}", names=", ".join(missing[:3]))
        )
    amendment = register.amendment_reason(session, kind, record_id)
    return ReportContext(
        kind=kind,
        record_id=record_id,
        post=post,
        settings=cfg,
        signer=signer,
        reporter=(
            Signatory("Petugas pos", "", "(pelapor tidak tercatat)")
            if signer is None
            else replace(signatory(session, signer), signature_png=None)
            if post.is_hq
            else signatory(session, signer)
        ),
        commander=commander(session, cfg, post, signer.id if signer is not None else ""),
        photos=items,
        amends=amendment[0] if amendment else None,
        amendment_reason=amendment[1] if amendment else "",
        logo_png=report_settings.load_logo(photo_dir.parent) if cfg.letterhead else None,
        copy_of=copy_of,
        official_number=official,
    )
