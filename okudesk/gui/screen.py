"""Windows and dialogs sized from the screen they open on: posts' laptops are small
(1366x768 most of all) or scaled (1920x1080 at 125-150 %, leaving 1280x720), so a size
written in pixels may not fit. A window takes the size it asks for when the screen has room,
else what the screen's available area (without the taskbar) leaves once the window's frame
is counted."""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QFrame, QScrollArea, QWidget

# Room for a window's title bar and borders before it is first shown (then Qt knows them).
FRAME_WIDTH, FRAME_HEIGHT = 16, 40


def available(widget: QWidget | None = None) -> QRect:
    """The screen area a window may use (without the taskbar), in device-independent pixels."""
    screen = None
    if widget is not None:
        parent = widget.parentWidget()
        screen = (parent.window() if parent is not None else widget).screen()
    screen = screen or QGuiApplication.primaryScreen()
    return screen.availableGeometry() if screen is not None else QRect(0, 0, 1366, 768)


def room(widget: QWidget | None = None) -> QSize:
    """The largest client size whose frame still fits on the screen."""
    area = available(widget)
    return QSize(area.width() - FRAME_WIDTH, area.height() - FRAME_HEIGHT)


def fit(widget: QWidget, width: int, height: int, *, minimum: QSize | None = None) -> None:
    """Resize ``widget`` to ``width`` x ``height``, or what the screen leaves; a ``minimum``
    is lowered to that too."""
    limit = room(widget)
    size = QSize(min(width, limit.width()), min(height, limit.height()))
    if minimum is not None:
        widget.setMinimumSize(
            QSize(min(minimum.width(), size.width()), min(minimum.height(), size.height()))
        )
    widget.resize(size)


def center(widget: QWidget) -> None:
    """Put a top-level window in the middle of the available area, its frame on the screen."""
    area = available(widget)
    frame = widget.frameGeometry()
    width, height = frame.width(), frame.height()
    x = area.left() + max(0, (area.width() - width) // 2)
    y = area.top() + max(0, (area.height() - height) // 2)
    widget.move(x, y)


def scrolling(content: QWidget) -> QScrollArea:
    """``content`` in a scroll area without a frame: a long form scrolls and the buttons
    under it stay in view."""
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setWidget(content)
    return area
