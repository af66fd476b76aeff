"""Pages whose real content lands with their own issues (reports)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout

from okudesk.gui.pages.base import Page, tr


class Placeholder(Page):
    heading = ""
    text = ""

    def __init__(self, window):
        super().__init__(window)
        v = QVBoxLayout(self)
        title = QLabel(self.heading_text())
        title.setObjectName("pageTitle")
        v.addWidget(title)
        box = QFrame()
        box.setObjectName("card")
        bv = QVBoxLayout(box)
        body = QLabel(self.body_text())
        body.setWordWrap(True)
        body.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        body.setStyleSheet("font-size: 11pt; color: #33475b; padding: 12px;")
        bv.addWidget(body)
        v.addWidget(box)
        v.addStretch(1)

    def activate(self) -> None:
        self.ready.emit()


class ReportsPlaceholder(Placeholder):
    def heading_text(self) -> str:
        return tr("Laporan")

    def body_text(self) -> str:
        return tr("Di sini nanti Anda mencetak Laporan Hasil Kegiatan dan Laporan Informasi dengan kop surat pos, "
                  "tanda tangan elektronik dan lampiran foto.\n\nFitur ini sedang disiapkan dan akan tersedia pada "
                  "pembaruan okudesk berikutnya.")
