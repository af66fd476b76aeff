"""Photos attached to meetings and incidents, stored once by content hash.

Camera pictures are 4-12 MB; a post's laptop and a USB stick have no room for that. Each
photo is turned upright, downscaled to at most 1600 px on its long side, re-encoded as
JPEG and stored under its SHA-256 in ``<data>/photos/ab/abcdef....jpg``. The time it was
taken (EXIF) is kept in the record.
"""

from __future__ import annotations

import hashlib
import io
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from PIL import Image, ImageOps, UnidentifiedImageError
from sqlalchemy import select
from sqlalchemy.orm import Session

from okudesk.core import sealed
from okudesk.core.errors import NotFound, ValidationError
from okudesk.core.i18n import _
from okudesk.core.models import Attachment, utcnow
from okudesk.core.permissions import require
from okudesk.core.records import validation

MAX_SIDE = 1600
JPEG_QUALITY = 85
EXIF_DATETIME_ORIGINAL = 0x9003
EXIF_DATETIME = 0x0132
EXIF_IFD = 0x8769


@dataclass(frozen=True)
class PreparedPhoto:
    data: bytes
    sha256: str
    width: int
    height: int
    taken_at: datetime | None


@dataclass(frozen=True)
class AttachmentInfo:
    id: str
    sha256: str
    caption: str
    taken_at: datetime | None
    width: int
    height: int
    original_name: str
    meeting_id: str | None
    incident_id: str | None


def _exif_time(image: Image.Image) -> datetime | None:
    exif = image.getexif()
    raw = exif.get_ifd(EXIF_IFD).get(EXIF_DATETIME_ORIGINAL) or exif.get(EXIF_DATETIME)
    if not raw:
        return None
    try:
        return datetime.strptime(str(raw).strip("\x00 "), "%Y:%m:%d %H:%M:%S")
    except ValueError:
        return None


def on_white(image: Image.Image) -> Image.Image:
    """RGB or grey; transparent parts laid on white paper (a plain convert makes them black)."""
    if image.mode == "P" and "transparency" in image.info:
        image = image.convert("RGBA")
    if image.mode in ("RGBA", "LA", "PA", "RGBa", "La"):
        rgba = image.convert("RGBA")
        flat = Image.new("RGB", rgba.size, (255, 255, 255))
        flat.paste(rgba, mask=rgba.getchannel("A"))
        return flat
    return image if image.mode in ("RGB", "L") else image.convert("RGB")


def _not_a_picture(exc: Exception, name: str, field: str) -> ValidationError:
    """What a person can act on: which file, and what is wrong with it in plain words (PIL's
    own text names an in-memory buffer, not the file)."""
    if isinstance(exc, Image.DecompressionBombError):
        reason = _("gambarnya terlalu besar untuk dibuka")
    elif isinstance(exc, UnidentifiedImageError):
        reason = _("isinya bukan gambar (pilih foto JPEG atau PNG)")
    else:
        reason = _("gambarnya rusak atau terpotong")
    return ValidationError(
        _("Berkas {name} tidak dapat dipakai sebagai foto: {reason}", name=name, reason=reason)
        if name
        else _("Berkas ini tidak dapat dipakai sebagai foto: {reason}", reason=reason),
        field,
    )


def prepare(source: bytes, name: str = "") -> PreparedPhoto:
    """Upright, downscaled JPEG bytes and their hash; raises ValidationError for non-images
    (naming the file ``name`` when given)."""
    try:
        with Image.open(io.BytesIO(source)) as image:
            image.load()
            taken_at = _exif_time(image)
            image = on_white(ImageOps.exif_transpose(image))
            image.thumbnail((MAX_SIDE, MAX_SIDE), Image.Resampling.LANCZOS)
            out = io.BytesIO()
            image.save(out, "JPEG", quality=JPEG_QUALITY, optimize=True)
            width, height = image.size
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError) as exc:
        raise _not_a_picture(exc, name, "photo") from exc
    data = out.getvalue()
    return PreparedPhoto(data, hashlib.sha256(data).hexdigest(), width, height, taken_at)


def photo_path(photo_dir: Path, sha256: str) -> Path:
    return photo_dir / sha256[:2] / f"{sha256}.jpg"


def png_within(source: bytes, max_size: tuple[int, int], field: str) -> bytes:
    """Any picture as a PNG (transparency kept) no larger than ``max_size``: a signature,
    the kop surat's logo. ValidationError on ``field`` for a file that is not a picture."""
    try:
        with Image.open(io.BytesIO(source)) as im:
            im.load()
            image = im.convert("RGBA")
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError) as exc:
        raise _not_a_picture(exc, "", field) from exc
    image.thumbnail(max_size, Image.Resampling.LANCZOS)
    out = io.BytesIO()
    image.save(out, "PNG", optimize=True)
    return out.getvalue()


def store_bytes(photo_dir: Path, sha256: str, data: bytes) -> Path:
    """Write a photo under its hash (atomically, fsynced; sealed with the store's key in an
    encrypted folder: core/sealed.py); a photo stored twice is kept once."""
    target = photo_path(photo_dir, sha256)
    if target.exists() and target.stat().st_size > 0:
        return target
    sealed.write(target, data)
    return target


def read_photo(photo_dir: Path, sha256: str) -> bytes:
    """A stored photo's bytes (unsealed in an encrypted folder)."""
    return sealed.read(photo_path(photo_dir, sha256))


def add_photo(
    session: Session,
    photo_dir: Path,
    source: Path | bytes,
    *,
    meeting_id: str | None = None,
    incident_id: str | None = None,
    caption: str = "",
    original_name: str = "",
    amendment_reason: str | None = None,
) -> AttachmentInfo:
    require(session, "photo.write")
    _ensure_editable(session, meeting_id, incident_id, amendment_reason)
    if isinstance(source, Path):
        original_name = original_name or source.name
        source = source.read_bytes()
    photo = prepare(source, original_name)
    store_bytes(photo_dir, photo.sha256, photo.data)
    a = Attachment(
        sha256=photo.sha256,
        mime="image/jpeg",
        width=photo.width,
        height=photo.height,
        size=len(photo.data),
        caption=validation.text(caption, "Keterangan foto", field="caption", max_len=300),
        taken_at=photo.taken_at,
        original_name=original_name[:200],
        meeting_id=meeting_id,
        incident_id=incident_id,
    )
    session.add(a)
    session.flush()
    return info(a)


def _ensure_editable(
    session: Session, meeting_id: str | None, incident_id: str | None, reason: str | None
) -> None:
    """Photos are part of the signed report of their record: the same lock applies."""
    from okudesk.core.records import register

    if meeting_id:
        register.ensure_editable(session, "meeting", meeting_id, reason)
    elif incident_id:
        register.ensure_editable(session, "incident", incident_id, reason)


def info(a: Attachment) -> AttachmentInfo:
    return AttachmentInfo(
        a.id,
        a.sha256,
        a.caption,
        a.taken_at,
        a.width,
        a.height,
        a.original_name,
        a.meeting_id,
        a.incident_id,
    )


def set_caption(
    session: Session, attachment_id: str, caption: str, *, amendment_reason: str | None = None
) -> AttachmentInfo:
    require(session, "photo.write")
    a = session.get(Attachment, attachment_id)
    if a is None or a.deleted_at is not None:
        raise NotFound(_("{kind} tidak ditemukan: {id}", kind="Foto", id=attachment_id))
    _ensure_editable(session, a.meeting_id, a.incident_id, amendment_reason)
    a.caption = validation.text(caption, "Keterangan foto", field="caption", max_len=300)
    session.flush()
    return info(a)


def remove_photo(
    session: Session, attachment_id: str, *, amendment_reason: str | None = None
) -> None:
    """Soft delete; the file stays (another record may share it, and HQ may still need it)."""
    require(session, "photo.write")
    a = session.get(Attachment, attachment_id)
    if a is None or a.deleted_at is not None:
        raise NotFound(_("{kind} tidak ditemukan: {id}", kind="Foto", id=attachment_id))
    _ensure_editable(session, a.meeting_id, a.incident_id, amendment_reason)
    a.deleted_at = utcnow()
    session.flush()


def photos_of(
    session: Session, *, meeting_id: str | None = None, incident_id: str | None = None
) -> list[AttachmentInfo]:
    owner = (
        Attachment.meeting_id == meeting_id if meeting_id else Attachment.incident_id == incident_id
    )
    stmt = (
        select(Attachment)
        .where(owner, Attachment.deleted_at.is_(None))
        .order_by(Attachment.taken_at, Attachment.created_at)
    )
    return [info(a) for a in session.scalars(stmt)]


@dataclass(frozen=True)
class PhotoInput:
    """A photo of a record as its form shows it: an attached one (``attachment_id``) with
    its caption, or a new one from ``source`` (a file or the bytes)."""

    attachment_id: str | None = None
    source: Path | bytes | None = None
    caption: str = ""


def save_photos(
    session: Session,
    photo_dir: Path,
    photos: Sequence[PhotoInput],
    *,
    removed: Sequence[str] = (),
    meeting_id: str | None = None,
    incident_id: str | None = None,
    amendment_reason: str | None = None,
) -> None:
    """Make a record's photos what its form shows: remove ``removed``, store new captions,
    add new photos. Part of the record's save (meetings.save_meeting, incidents.save_incident)."""
    for attachment_id in removed:
        remove_photo(session, attachment_id, amendment_reason=amendment_reason)
    for p in photos:
        if p.attachment_id:
            a = session.get(Attachment, p.attachment_id)
            if (
                a is None or a.caption != (p.caption or "").strip()
            ):  # unchanged: nothing to lock or audit
                set_caption(session, p.attachment_id, p.caption, amendment_reason=amendment_reason)
        elif p.source is not None:
            add_photo(
                session,
                photo_dir,
                p.source,
                meeting_id=meeting_id,
                incident_id=incident_id,
                caption=p.caption,
                amendment_reason=amendment_reason,
            )
