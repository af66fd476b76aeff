"""Reading a record whole for the read-only record view, and its photos at full size."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from okudesk.gui.operations import QueryOp, StoreTask


def read_record(*, parent: QWidget | None, table: str, record_id: str) -> QueryOp:
    def work(session):
        from okudesk.core.records import view

        return view.read(session, table, record_id)

    return QueryOp(parent, work)


def photo_image(*, parent: QWidget | None, sha256: str) -> StoreTask:
    """The stored photo (as kept: full size) read and decoded on the worker, as a QImage
    (a null image when the file is not a readable picture)."""

    def work(store):
        from PySide6.QtGui import QImage

        from okudesk.core.records import photos

        return QImage.fromData(photos.read_photo(store.photo_dir, sha256))

    return StoreTask(parent, work)
