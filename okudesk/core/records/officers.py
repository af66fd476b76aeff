"""Officers of a post: name, rank, 8-digit NRP, position."""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from okudesk.core.errors import NotFound, ValidationError
from okudesk.core.i18n import _
from okudesk.core.models import Officer, Rank
from okudesk.core.permissions import require
from okudesk.core.records import validation
from okudesk.core.store import keyring

NRP_PATTERN = re.compile(r"^\d{8}$")


@dataclass(frozen=True)
class OfficerInfo:
    id: str
    name: str
    rank: str
    nrp: str
    position: str
    post_id: str | None
    active: bool
    rank_id: str | None = None
    origin_post: str = ""  # the post whose officer this is (HQ holds every post's)

    @property
    def rank_and_nrp(self) -> str:
        """The last line of a Polri signature block: ``AIPTU NRP 12345678``."""
        return f"{self.rank.upper()} NRP {self.nrp}".strip()

    @property
    def display(self) -> str:
        return f"{self.rank} {self.name}".strip()


def _info(o: Officer) -> OfficerInfo:
    return OfficerInfo(
        o.id,
        o.name,
        o.rank.name if o.rank else "",
        o.nrp,
        o.position,
        o.post_id,
        o.active,
        o.rank_id,
        o.origin_post or "",
    )


def add_officer(
    session: Session,
    *,
    name: str,
    nrp: str,
    rank_id: str | None = None,
    position: str = "",
    post_id: str | None = None,
) -> OfficerInfo:
    require(session, "officer.manage")
    name = validation.text(name, "Nama", field="name", max_len=120, required=True)
    nrp = (nrp or "").strip()
    if not NRP_PATTERN.match(nrp):
        raise ValidationError(_("NRP harus 8 digit angka"), "nrp")
    clash = session.scalar(select(Officer).where(Officer.nrp == nrp, Officer.deleted_at.is_(None)))
    if clash is not None:
        raise ValidationError(
            _("NRP {nrp} sudah dipakai oleh {name}", nrp=nrp, name=clash.name), "nrp"
        )
    if rank_id is not None and session.get(Rank, rank_id) is None:
        raise ValidationError(_("{kind} tidak ditemukan: {id}", kind="Pangkat", id=rank_id), "rank")
    officer = Officer(
        name=name,
        nrp=nrp,
        rank_id=rank_id,
        position=validation.text(position, "Jabatan", field="position", max_len=120),
        post_id=post_id,
    )
    session.add(officer)
    session.flush()
    return _info(officer)


def update_officer(
    session: Session,
    officer_id: str,
    *,
    name: str,
    rank_id: str | None,
    position: str = "",
) -> OfficerInfo:
    """Correct an officer's name, rank or position (a rank missed at creation, a promotion,
    a new post). The NRP is who the officer is (accounts, certificates and signed reports
    name it) and is not changed here."""
    require(session, "officer.manage")
    officer = session.get(Officer, officer_id)
    if officer is None or officer.deleted_at is not None:
        raise NotFound(_("{kind} tidak ditemukan: {id}", kind="Petugas", id=officer_id))
    name = validation.text(name, "Nama", field="name", max_len=120, required=True)
    if rank_id is not None and session.get(Rank, rank_id) is None:
        raise ValidationError(_("{kind} tidak ditemukan: {id}", kind="Pangkat", id=rank_id), "rank")
    position = validation.text(position, "Jabatan", field="position", max_len=120)
    if (officer.name, officer.rank_id, officer.position) != (name, rank_id, position):
        officer.name, officer.rank_id, officer.position = name, rank_id, position
        session.flush()
        session.expire(officer, ["rank"])  # the relationship follows the new rank_id
        # the login screen names the officer from the key file (store/keyring.py)
        keyring.stage_holder(
            session.info,
            keyring.Holder(
                officer.id, name, officer.rank.name if officer.rank else "", officer.nrp or ""
            ),
        )
    return _info(officer)


def get_officer(session: Session, officer_id: str) -> OfficerInfo:
    officer = session.get(Officer, officer_id)
    if officer is None or officer.deleted_at is not None:
        raise NotFound(_("{kind} tidak ditemukan: {id}", kind="Petugas", id=officer_id))
    return _info(officer)


def list_officers(
    session: Session, *, active_only: bool = True, post_id: str | None = None
) -> list[OfficerInfo]:
    stmt = select(Officer).where(Officer.deleted_at.is_(None)).order_by(Officer.name)
    if active_only:
        stmt = stmt.where(Officer.active.is_(True))
    if post_id:
        stmt = stmt.where(Officer.post_id == post_id)
    return [_info(o) for o in session.scalars(stmt)]


# --- the drawn signature (reports) ---------------------------------------------------------

SIGNATURE_MAX = (900, 300)


def set_signature_image(session: Session, officer_id: str, png: bytes | None) -> None:
    """Store the officer's drawn or imported signature (transparent PNG), or remove it."""
    from okudesk.core.permissions import require_own_or
    from okudesk.core.records.photos import png_within

    require_own_or(session, officer_id, "report.sign_own", "officer.manage")
    officer = session.get(Officer, officer_id)
    if officer is None or officer.deleted_at is not None:
        raise NotFound(_("{kind} tidak ditemukan: {id}", kind="Petugas", id=officer_id))
    if png is not None:
        png = png_within(png, SIGNATURE_MAX, "signature")
    officer.signature_png = png
    session.flush()


def signature_image(session: Session, officer_id: str) -> bytes | None:
    officer = session.get(Officer, officer_id)
    return officer.signature_png if officer is not None else None
