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

COMMANDER_POSITION = re.compile(r"^\s*(kapolsek|kapolres|kapospol|kapos|ka\s?pos)\b", re.IGNORECASE)


@dataclass(frozen=True)
class ReportContext:
    kind: str
    record_id: str
    post: posts.PostInfo
    settings: report_settings.ReportSettings
    signer: officers.OfficerInfo
    reporter: Signatory
    commander: Signatory | None
    photos: tuple[PhotoItem, ...]
    amends: register.ReportInfo | None
    amendment_reason: str
    logo_png: bytes | None = None


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
) -> ReportContext:
    post = posts.require_this_post(session)
    cfg = report_settings.load(session)
    signer = resolve_signer(session, reported_by_id, officer_nrp)
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
        reporter=signatory(session, signer),
        commander=commander(session, cfg, post, signer.id),
        photos=items,
        amends=amendment[0] if amendment else None,
        amendment_reason=amendment[1] if amendment else "",
        logo_png=report_settings.load_logo(photo_dir.parent) if cfg.letterhead else None,
    )
