"""Photo work that needs no store: thumbnails of files a form is about to attach."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QWidget

from okudesk.gui.operations import StoreTask


def thumbnail(*, parent: QWidget | None, path: Path, size: int) -> StoreTask[bytes]:
    """A PNG of the picture in ``path`` within ``size`` x ``size``, upright."""

    def work(_store):
        import io

        from PIL import Image, ImageOps

        from okudesk.core import sealed

        # a stored photo is sealed in an encrypted folder; a file picked to attach is not
        with Image.open(io.BytesIO(sealed.read(path))) as image:
            image = ImageOps.exif_transpose(image)
            image.thumbnail((size, size))
            out = io.BytesIO()
            image.convert("RGB").save(out, "PNG")
            return out.getvalue()

    return StoreTask(parent, work, needs_store=False)


def photo_inputs(entries) -> list:
    """A photo strip's (attachment id, new file, caption) entries as the core's PhotoInput."""
    from okudesk.core.records.photos import PhotoInput

    return [
        PhotoInput(attachment_id=a or None, source=Path(s) if s else None, caption=c)
        for a, s, c in entries
    ]
