"""The main window: navigation on the left, one page per area of work."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QMainWindow,
    QStackedWidget,
    QWidget,
)

from okudesk import __version__
from okudesk.core import posts
from okudesk.core.store import Store


def tr(text: str) -> str:
    return QCoreApplication.translate("MainWindow", text)


PAGES = (
    "Beranda",
    "Rapat & Kunjungan",
    "Kejadian",
    "Tokoh & Pemangku Kepentingan",
    "Tindak Lanjut",
    "Laporan",
    "Sinkronisasi",
    "Pengaturan",
)


class MainWindow(QMainWindow):
    def __init__(self, store: Store):
        super().__init__()
        self.store = store
        self.setWindowTitle(f"okudesk {__version__}")
        self.resize(1200, 760)
        central = QWidget()
        layout = QHBoxLayout(central)
        self.nav = QListWidget()
        self.nav.setFixedWidth(240)
        self.pages = QStackedWidget()
        for name in PAGES:
            self.nav.addItem(tr(name))
            label = QLabel(tr(name))
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            self.pages.addWidget(label)
        self.nav.currentRowChanged.connect(self.pages.setCurrentIndex)
        self.nav.setCurrentRow(0)
        layout.addWidget(self.nav)
        layout.addWidget(self.pages, 1)
        self.setCentralWidget(central)
        with store.read() as session:
            post = posts.this_post(session)
        self.statusBar().showMessage(post.name if post else tr("Pos belum disiapkan"))
