"""Draw a signature once (mouse, pen or finger) or import a picture of it.

Pens and touch screens reach the pad as mouse events (Qt synthesises them for tablet and
touch input nobody handled), so one set of handlers serves all three. The signature is
kept as a transparent PNG with the officer (``Officer.signature_png``) and printed in
the signature block of every report the officer signs.
"""

from __future__ import annotations

from PySide6.QtCore import (
    QBuffer,
    QByteArray,
    QIODevice,
    QPointF,
    QRectF,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QImage, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from okudesk.gui import messages
from okudesk.gui.i18n import tr
from okudesk.gui.operations import officers as officer_ops

INK = QColor(10, 20, 90)


class SignaturePad(QWidget):
    """A white pad with a baseline; strokes can be undone one by one or cleared."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.strokes: list[list[QPointF]] = []
        self.undone: list[list[QPointF]] = []
        self.picture: QImage | None = None  # an imported signature
        self.setMinimumSize(480, 180)
        self.setCursor(Qt.CursorShape.CrossCursor)
        self.setAttribute(Qt.WidgetAttribute.WA_StaticContents)

    # --- input ---------------------------------------------------------------------------
    def mousePressEvent(self, event) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self.picture = None
            self.strokes.append([event.position()])
            self.undone.clear()
            self.update()

    def mouseMoveEvent(self, event) -> None:
        if self.strokes and event.buttons() & Qt.MouseButton.LeftButton:
            self.strokes[-1].append(event.position())
            self.update()

    def mouseReleaseEvent(self, event) -> None:
        if event.button() == Qt.MouseButton.LeftButton and self.strokes:
            self.changed.emit()

    # --- editing ---------------------------------------------------------------------------
    def clear(self) -> None:
        self.strokes.clear()
        self.undone.clear()
        self.picture = None
        self.update()
        self.changed.emit()

    def undo(self) -> None:
        if self.strokes:
            self.undone.append(self.strokes.pop())
            self.update()
            self.changed.emit()

    def redo(self) -> None:
        if self.undone:
            self.strokes.append(self.undone.pop())
            self.update()
            self.changed.emit()

    def set_png(self, data: bytes | None) -> bool:
        """Show an existing or imported signature; False when ``data`` is not a picture."""
        self.strokes.clear()
        self.undone.clear()
        self.picture = None
        if data:
            image = QImage()
            if not image.loadFromData(QByteArray(data)):
                self.update()
                return False
            self.picture = image
        self.update()
        self.changed.emit()
        return True

    def is_empty(self) -> bool:
        return self.picture is None and not any(len(s) > 1 for s in self.strokes)

    # --- output ----------------------------------------------------------------------------
    def _path(self) -> QPainterPath:
        path = QPainterPath()
        for stroke in self.strokes:
            path.moveTo(stroke[0])
            for point in stroke[1:]:
                path.lineTo(point)
        return path

    def to_png(self) -> bytes | None:
        """The signature as a transparent PNG cut to its ink (twice the pad's resolution)."""
        if self.is_empty():
            return None
        if self.picture is not None:
            image = self.picture
        else:
            bounds = self._path().boundingRect().adjusted(-6, -6, 6, 6)
            scale = 2.0
            image = QImage(
                int(bounds.width() * scale) + 1,
                int(bounds.height() * scale) + 1,
                QImage.Format.Format_ARGB32,
            )
            image.fill(Qt.GlobalColor.transparent)
            painter = QPainter(image)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.scale(scale, scale)
            painter.translate(-bounds.topLeft())
            painter.setPen(
                QPen(
                    INK,
                    3.0,
                    Qt.PenStyle.SolidLine,
                    Qt.PenCapStyle.RoundCap,
                    Qt.PenJoinStyle.RoundJoin,
                )
            )
            painter.drawPath(self._path())
            painter.end()
        buffer = QBuffer()
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        image.save(buffer, "PNG")
        return bytes(buffer.data())

    def paintEvent(self, _event) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), Qt.GlobalColor.white)
        painter.setPen(QPen(QColor(180, 180, 180), 1, Qt.PenStyle.DashLine))
        baseline = self.height() * 0.78
        painter.drawLine(QPointF(20, baseline), QPointF(self.width() - 20, baseline))
        if self.picture is not None:
            target = QRectF(self.rect()).adjusted(10, 10, -10, -10)
            size = (
                self.picture.size()
                .toSizeF()
                .scaled(target.size(), Qt.AspectRatioMode.KeepAspectRatio)
            )
            painter.drawImage(QRectF(target.topLeft(), size), self.picture)
        painter.setPen(
            QPen(
                INK, 3.0, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap, Qt.PenJoinStyle.RoundJoin
            )
        )
        painter.drawPath(self._path())


class SignatureDialog(QDialog):
    """Draw or import an officer's signature and keep it with the officer."""

    saved = Signal()

    def __init__(self, parent: QWidget | None, officer_id: str, officer_name: str):
        super().__init__(parent)
        self.officer_id = officer_id
        self.setWindowTitle(tr("Tanda tangan {name}").format(name=officer_name))
        self.pad = SignaturePad(self)
        hint = QLabel(
            tr(
                "Tulis tanda tangan di bidang putih dengan tetikus, pena atau jari, atau impor "
                "gambarnya."
            )
        )
        hint.setWordWrap(True)
        self.clear_button = QPushButton(tr("Hapus"))
        self.undo_button = QPushButton(tr("Urungkan"))
        self.redo_button = QPushButton(tr("Ulangi"))
        self.import_button = QPushButton(tr("Impor gambar…"))
        self.save_button = QPushButton(tr("Simpan"))
        self.save_button.setDefault(True)
        cancel = QPushButton(tr("Batal"))
        self.clear_button.clicked.connect(self.pad.clear)
        self.undo_button.clicked.connect(self.pad.undo)
        self.redo_button.clicked.connect(self.pad.redo)
        self.import_button.clicked.connect(self.import_image)
        self.save_button.clicked.connect(self.save)
        cancel.clicked.connect(self.reject)
        self.pad.changed.connect(self._update_buttons)
        row = QHBoxLayout()
        for b in (self.clear_button, self.undo_button, self.redo_button, self.import_button):
            row.addWidget(b)
        row.addStretch(1)
        row.addWidget(cancel)
        row.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addWidget(self.pad, 1)
        layout.addLayout(row)
        self._update_buttons()
        officer_ops.signature_image(parent=self, officer_id=self.officer_id).success(
            self.pad.set_png
        ).run()

    def _update_buttons(self) -> None:
        self.undo_button.setEnabled(bool(self.pad.strokes))
        self.redo_button.setEnabled(bool(self.pad.undone))
        self.save_button.setEnabled(not self.pad.is_empty())

    def import_image(self) -> None:
        files = messages.open_images(self)
        if not files:
            return
        try:
            with open(files[0], "rb") as fh:
                data = fh.read()
        except OSError as exc:
            messages.error(
                self, tr("Berkas tidak dapat dibaca: {reason}").format(reason=exc.strerror or exc)
            )
            return
        if not self.pad.set_png(data):
            messages.warning(self, tr("Berkas ini bukan gambar yang dapat dibaca."))

    def save(self) -> None:
        def done(_result) -> None:
            self.saved.emit()
            self.accept()

        officer_ops.set_signature_image(
            parent=self, officer_id=self.officer_id, png=self.pad.to_png()
        ).success(done).run()
