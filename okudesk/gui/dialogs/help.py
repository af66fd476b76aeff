"""Bantuan (F1): a short guide inside the application, one page per role, in the running
language. The pages are plain HTML in resources/help/<language>/<page>.html, so they are
written and reviewed as text; ``{data_dir}`` in a page becomes this laptop's data folder."""

from __future__ import annotations

from html import escape
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QLocale
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from okudesk.gui import screen
from okudesk.gui.i18n import tr

# the help page for each role; a role without its own page reads the closest one
PAGES = {
    "petugas": QT_TRANSLATE_NOOP("", "Petugas"),
    "kapolsek": QT_TRANSLATE_NOOP("", "Kapolsek / pimpinan"),
    "admin": QT_TRANSLATE_NOOP("", "Admin pos"),
    "polres": QT_TRANSLATE_NOOP("", "Polres"),
}
ROLE_PAGES = {
    "petugas": "petugas",
    "kapolsek": "kapolsek",
    "admin": "admin",
    "hq_analyst": "polres",
    "hq_admin": "polres",
    "system": "admin",
}


def page_for(role: str | None) -> str:
    return ROLE_PAGES.get(role or "", "petugas")


def language() -> str:
    """The running language: English when the English translation is installed."""
    return "en" if QLocale().language() == QLocale.Language.English else "id"


def page_html(page: str, lang: str, data_dir: Path | None = None) -> str:
    from okudesk.core.paths import resource

    path = resource("help", lang, f"{page}.html")
    if not path.is_file():
        path = resource("help", "id", f"{page}.html")
    text = path.read_text(encoding="utf-8")
    folder = str(data_dir) if data_dir is not None else tr("(folder data okudesk)")
    return text.replace("{data_dir}", escape(folder))


class HelpDialog(QDialog):
    """The guide for one role; the other roles' pages are a choice away."""

    def __init__(self, parent: QWidget | None, role: str | None, data_dir: Path | None = None):
        super().__init__(parent)
        self.setWindowTitle(tr("Bantuan"))
        self.data_dir = data_dir
        self.lang = language()
        self.chooser = QComboBox()
        for key, label in PAGES.items():
            self.chooser.addItem(QCoreApplication.translate("", label), key)
        self.browser = QTextBrowser()
        self.browser.setOpenExternalLinks(False)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        top = QHBoxLayout()
        top.addWidget(QLabel(tr("Panduan untuk:")))
        top.addWidget(self.chooser)
        top.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.browser, 1)
        layout.addWidget(buttons)
        self.chooser.currentIndexChanged.connect(lambda _i: self.show_page(self.current_page()))
        self.chooser.setCurrentIndex(self.chooser.findData(page_for(role)))
        self.show_page(self.current_page())
        screen.fit(self, 720, 760)

    def current_page(self) -> str:
        return self.chooser.currentData()

    def show_page(self, page: str) -> None:
        self.browser.setHtml(page_html(page, self.lang, self.data_dir))


def open_help(parent: QWidget | None, role: str | None, data_dir: Path | None) -> HelpDialog:
    dialog = HelpDialog(parent, role, data_dir)
    dialog.open()
    return dialog
