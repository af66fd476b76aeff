"""Windows 11 in dark mode: okudesk stays light and readable.

With dark mode on, Qt's windows11 style hands the application a dark palette. The test
gives the application such a palette, starts okudesk's way (make_app), and reads the
pixels of every label on the login and on Beranda: the text must stand out from what is
behind it (WCAG's contrast ratio)."""

from __future__ import annotations

from collections import Counter

import pytest
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QLabel, QStyleFactory

from gui.test_login import WINDOWS, _people, _screen, hub_  # noqa: F401 - a fixture
from okudesk.core import permissions
from okudesk.gui import app as app_module


def dark_palette() -> QPalette:
    """Roughly what the windows11 style gives in dark mode."""
    p = QPalette()
    dark, darker, light = QColor("#202020"), QColor("#2b2b2b"), QColor("#ffffff")
    R = QPalette.ColorRole
    for role, color in (
        (R.Window, dark),
        (R.WindowText, light),
        (R.Base, darker),
        (R.AlternateBase, dark),
        (R.Text, light),
        (R.Button, darker),
        (R.ButtonText, light),
        (R.PlaceholderText, QColor("#9e9e9e")),
        (R.ToolTipBase, darker),
        (R.ToolTipText, light),
        (R.Highlight, QColor("#4cc2ff")),
        (R.HighlightedText, QColor("#000000")),
    ):
        p.setColor(role, color)
    return p


def _luminance(c: QColor) -> float:
    def channel(v: int) -> float:
        x = v / 255
        return x / 12.92 if x <= 0.04045 else ((x + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(c.red()) + 0.7152 * channel(c.green()) + 0.0722 * channel(c.blue())


def _contrast(a: QColor, b: QColor) -> float:
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def label_contrast(label: QLabel) -> float:
    """The contrast between the label's background (its commonest pixel) and its text
    (the pixel that differs most from it), as rendered."""
    image = label.grab().toImage()
    pixels = Counter(
        image.pixel(x, y) for x in range(0, image.width()) for y in range(0, image.height())
    )
    background = QColor.fromRgb(pixels.most_common(1)[0][0])
    return max(_contrast(background, QColor.fromRgb(p)) for p in pixels)


def unreadable(root) -> list[tuple[str, float]]:
    found = []
    for label in root.findChildren(QLabel):
        if not label.isVisible() or not label.text().strip() or label.pixmap() and not label.text():
            continue
        ratio = label_contrast(label)
        if ratio < 3.0:  # WCAG AA for large text; body text is well above it when right
            found.append((label.text()[:40], round(ratio, 2)))
    return found


@pytest.fixture
def dark_windows(qapp):
    qapp.setPalette(dark_palette())
    yield qapp
    qapp.setPalette(QStyleFactory.create("Fusion").standardPalette())


@pytest.mark.usefixtures("hub_")  # closes the windows
def test_the_login_is_readable_when_windows_is_dark(dark_windows, qtbot, store):
    from okudesk.gui.main_window import MainWindow

    app_module.make_app()  # what okudesk's start does
    _people(store)
    store.actor = None
    window = MainWindow(store)
    WINDOWS.append(window)
    window.show()
    screen = _screen(window)
    qtbot.waitUntil(lambda: screen.isVisible() and screen.officer.count() > 0, timeout=10_000)
    labels = [w for w in screen.findChildren(QLabel) if w.isVisible() and w.text().strip()]
    assert len(labels) >= 3  # title, officer, passphrase at least
    assert unreadable(screen) == []


@pytest.mark.usefixtures("hub_")  # closes the windows
def test_beranda_is_readable_when_windows_is_dark(dark_windows, qtbot, store):
    from okudesk.gui.main_window import MainWindow

    app_module.make_app()
    window = MainWindow(store)
    WINDOWS.append(window)
    window.show()
    qtbot.waitUntil(window.is_ready, timeout=10_000)
    page = window.current_page()
    assert page is not None
    assert unreadable(page) == []
    assert unreadable(window.statusBar()) == []


@pytest.mark.usefixtures("hub_")  # closes the windows
def test_the_check_sees_a_dark_login_and_beranda(dark_windows, qtbot, store, monkeypatch):
    """Without the light colours both are unreadable: the checks above can fail."""
    from okudesk.gui.main_window import MainWindow

    monkeypatch.setattr(app_module, "use_light_colours", lambda app: None)
    app_module.make_app()
    _people(store)
    store.actor = None
    window = MainWindow(store)
    WINDOWS.append(window)
    window.show()
    screen = _screen(window)
    qtbot.waitUntil(lambda: screen.isVisible() and screen.officer.count() > 0, timeout=10_000)
    assert unreadable(screen)
    store.actor = permissions.system_actor("pytest")
    beranda = MainWindow(store)
    WINDOWS.append(beranda)
    beranda.show()
    qtbot.waitUntil(beranda.is_ready, timeout=10_000)
    assert any(text == "Beranda" for text, _ratio in unreadable(beranda.current_page()))


def test_windows_is_told_not_to_follow_dark_mode(monkeypatch):
    """On Windows the platform plugin gets darkmode=0; a platform the user chose is kept,
    and elsewhere nothing is added."""
    monkeypatch.delenv("QT_QPA_PLATFORM", raising=False)
    assert app_module.qt_arguments(["okudesk"], "win32") == [
        "okudesk",
        "-platform",
        "windows:darkmode=0",
    ]
    assert app_module.qt_arguments(["okudesk", "-platform", "offscreen"], "win32") == [
        "okudesk",
        "-platform",
        "offscreen",
    ]
    assert app_module.qt_arguments(["okudesk"], "linux") == ["okudesk"]
    monkeypatch.setenv("QT_QPA_PLATFORM", "windows")
    assert app_module.qt_arguments(["okudesk"], "win32") == ["okudesk"]
