"""The navigation's icons: okudesk's own SVG line drawings, one per page, found where the
frozen folder puts resources/, drawn sharp and whole at 100, 125 and 150 % scaling."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QSize
from PySide6.QtGui import QIcon

from okudesk.core import paths
from okudesk.gui.app import icon_has_ink
from okudesk.gui.pages import PAGES

ROOT = Path(__file__).resolve().parents[2]
SIZE = 18  # the navigation's icon size (main_window)


def _ink(image) -> set[tuple[int, int]]:
    return {
        (x, y)
        for x in range(image.width())
        for y in range(image.height())
        if image.pixelColor(x, y).alpha() > 40
    }


def test_every_page_has_its_own_icon_in_one_style(qapp):
    names = [spec.icon for spec in PAGES]
    assert len(set(names)) == len(names)  # no two pages share an icon
    for spec in PAGES:
        svg = paths.resource("icons", "nav", f"{spec.icon}.svg")
        text = svg.read_text(encoding="utf-8")
        # one set: the same grid, line width and colour (the sidebar's text colour)
        assert 'viewBox="0 0 24 24"' in text and 'stroke-width="1.8"' in text, spec.key
        assert 'stroke="#e8eef4"' in text and 'fill="none"' in text, spec.key
        assert not re.search(r"<(image|text|script)\b|href=", text), spec.key


@pytest.mark.parametrize("scale", [1.0, 1.25, 1.5])
def test_icons_are_drawn_whole_and_distinct_at_each_scaling(qapp, scale):
    px = round(SIZE * scale)
    drawn = {}
    for spec in PAGES:
        icon = QIcon(str(paths.resource("icons", "nav", f"{spec.icon}.svg")))
        image = icon.pixmap(QSize(px, px)).toImage()
        assert (image.width(), image.height()) == (px, px), spec.key
        ink = _ink(image)
        assert len(ink) > px, f"{spec.key} is (nearly) blank at {scale:.0%}"
        # nothing cut at the edge: the outermost row and column stay clear
        edge = {p for p in ink if 0 in p or px - 1 in p}
        assert not edge, f"{spec.key} touches the edge at {scale:.0%}: {sorted(edge)[:4]}"
        drawn[spec.key] = frozenset(ink)
    assert len(set(drawn.values())) == len(drawn)  # each page is told apart


def test_the_main_window_shows_them_and_the_frozen_folder_carries_them(window):
    sys.path.insert(0, str(ROOT / "packaging"))
    import freeze

    nav = window.nav
    size = nav.iconSize().width()
    images = set()
    for row, spec in enumerate(PAGES):
        icon = nav.item(row).icon()
        assert icon_has_ink(icon, size), spec.key
        images.add(frozenset(_ink(icon.pixmap(size, size).toImage())))
    assert len(images) == len(PAGES)  # the page's own drawing, not one generic icon
    dests = {
        (Path(src).relative_to(ROOT).as_posix(), dest.replace("\\", "/"))
        for src, dest in freeze.resource_datas()
    }
    for spec in PAGES:
        assert (f"resources/icons/nav/{spec.icon}.svg", "resources/icons/nav") in dests
