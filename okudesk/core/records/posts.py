"""This installation's post (or HQ): its code, name and letterhead."""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from okudesk.core.errors import OkudeskError, ValidationError
from okudesk.core.history import versioning
from okudesk.core.i18n import _
from okudesk.core.models import Kecamatan, Post, StoreMeta
from okudesk.core.permissions import require

CODE_PATTERN = re.compile(r"^[A-Z0-9][A-Z0-9-]{1,11}$")
LETTERHEAD_LINES = 3
LETTERHEAD_WIDTH = 41


@dataclass(frozen=True)
class PostInfo:
    id: str
    code: str
    name: str
    letterhead: tuple[str, ...]
    place_name: str
    is_hq: bool
    kecamatan_ids: tuple[str, ...]


def _info(post: Post) -> PostInfo:
    lines = tuple(x for x in (post.letterhead_1, post.letterhead_2, post.letterhead_3) if x)
    return PostInfo(
        post.id,
        post.code,
        post.name,
        lines,
        post.place_name,
        post.is_hq,
        tuple(k.id for k in post.kecamatan),
    )


def validate_letterhead(lines: list[str] | tuple[str, ...]) -> tuple[str, ...]:
    """Perkap 1/2023: capitals, at most three lines of at most 41 characters."""
    cleaned = [" ".join(x.split()).upper() for x in lines if x and x.strip()]
    if len(cleaned) > LETTERHEAD_LINES:
        raise ValidationError(
            _("Kop surat paling banyak {n} baris", n=LETTERHEAD_LINES), "letterhead"
        )
    for line in cleaned:
        if len(line) > LETTERHEAD_WIDTH:
            raise ValidationError(
                _(
                    "Baris kop surat terlalu panjang ({n} karakter, maksimal {max}): {line}",
                    n=len(line),
                    max=LETTERHEAD_WIDTH,
                    line=line,
                ),
                "letterhead",
            )
    return tuple(cleaned)


# A post's name is the common name of its certificates, which X.509 keeps to 64 characters
MAX_NAME = 64


def validate_name(name: str, code: str, *, at_most: int = MAX_NAME) -> str:
    """The name with its spaces tidied (the code when blank), refused when a certificate
    could not carry it."""
    name = " ".join((name or "").split()) or code
    if len(name) > at_most:
        raise ValidationError(
            _(
                "Nama pos terlalu panjang ({n} karakter, maksimal {max})",
                n=len(name),
                max=at_most,
            ),
            "name",
        )
    return name


def validate_code(code: str) -> str:
    code = (code or "").strip().upper()
    if not CODE_PATTERN.match(code):
        raise ValidationError(
            _("Kode pos harus 2 sampai 12 huruf besar, angka atau tanda minus"), "code"
        )
    return code


def this_post(session: Session) -> PostInfo | None:
    code = versioning.this_post_code(session.connection())
    if not code:
        return None
    post = session.scalar(select(Post).where(Post.code == code))
    return _info(post) if post else None


def require_this_post(session: Session) -> PostInfo:
    info = this_post(session)
    if info is None:
        raise OkudeskError(_("Pos ini belum disiapkan; jalankan panduan awal atau 'okudesk demo'"))
    return info


def polres_letterhead(name: str, code: str) -> tuple[str, ...]:
    """HQ's kop surat until it sets its own: the Polres level, never a post's."""
    unit = name.removeprefix("Polres").strip() or code
    return ("KEPOLISIAN DAERAH SUMATERA SELATAN", f"RESOR {unit.upper()}")


def set_up_this_post(
    session: Session,
    *,
    code: str,
    name: str,
    letterhead: list[str] | tuple[str, ...] | None = None,
    place_name: str | None = None,
    kecamatan_ids: list[str] | tuple[str, ...] | None = None,
    is_hq: bool = False,
) -> PostInfo:
    """Make this installation the post ``code``: the first thing a new laptop does.

    Letterhead, place of signing and kecamatan left as None keep what the post already has:
    an enrollment kit names the post but knows nothing of its letterhead, so applying one
    after the wizard must not blank what the wizard saved."""
    require(session, "settings.write")
    code = validate_code(code)
    post = session.scalar(select(Post).where(Post.code == code))
    if post is None:
        post = Post(code=code, origin_post=code)
        session.add(post)
    post.name = validate_name(name, code)
    if letterhead is None and is_hq and not post.letterhead_1:
        letterhead = polres_letterhead(post.name, code)
    if letterhead is not None or post.letterhead_1 is None:
        _apply_letterhead(post, letterhead or ())
    if place_name is not None or post.place_name is None:
        post.place_name = (place_name or "").strip()
    post.is_hq = is_hq
    if kecamatan_ids is not None:
        _apply_kecamatan(session, post, kecamatan_ids)
    meta = session.get(StoreMeta, versioning.POST_CODE_KEY)
    if meta is None:
        session.add(StoreMeta(key=versioning.POST_CODE_KEY, value=code))
    else:
        meta.value = code
    session.info[versioning.POST_CODE_KEY] = code
    session.flush()
    return _info(post)


def update_letterhead(
    session: Session,
    post_id: str,
    letterhead: list[str],
    place_name: str | None = None,
    kecamatan_ids: list[str] | tuple[str, ...] | None = None,
) -> PostInfo:
    """The post's own settings from Pengaturan; kecamatan left as None stay as they are."""
    require(session, "letterhead.write")
    post = session.get(Post, post_id)
    if post is None:
        raise ValidationError(_("{kind} tidak ditemukan: {id}", kind="Pos", id=post_id))
    _apply_letterhead(post, letterhead)
    if place_name is not None:
        post.place_name = place_name.strip()
    if kecamatan_ids is not None:
        _apply_kecamatan(session, post, kecamatan_ids)
    session.flush()
    return _info(post)


def _apply_kecamatan(session: Session, post: Post, ids: list[str] | tuple[str, ...]) -> None:
    post.kecamatan = [k for k in (session.get(Kecamatan, i) for i in ids) if k is not None]


def _apply_letterhead(post: Post, letterhead: list[str] | tuple[str, ...]) -> None:
    lines = list(validate_letterhead(letterhead)) + ["", "", ""]
    post.letterhead_1, post.letterhead_2, post.letterhead_3 = lines[:3]


def all_posts(session: Session) -> list[PostInfo]:
    return [
        _info(p)
        for p in session.scalars(select(Post).where(Post.deleted_at.is_(None)).order_by(Post.code))
    ]
