"""Periksa kode verifikasi: what the register says about the code (or QR text) printed on a
paper copy of a report. Any installation that holds the register answers: the post that
signed it, and HQ once the post's bundles brought the register there."""

from __future__ import annotations

from html import escape

from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from okudesk.gui.i18n import tr
from okudesk.gui.operations import reports as report_ops

FOUND, NOT_FOUND, WRONG = "#1b7f3b", "#b3261e", "#b26a00"


class CodeCheckDialog(QDialog):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(tr("Periksa kode verifikasi"))
        self.setMinimumWidth(520)
        intro = QLabel(
            tr(
                "Ketik kode verifikasi yang tercetak di kaki setiap halaman laporan "
                "(misalnya ABCD-EFGH), atau tempel teks hasil pindai kode QR."
            )
        )
        intro.setWordWrap(True)
        self.code = QLineEdit()
        self.code.setPlaceholderText("ABCD-EFGH")
        self.code.setMaxLength(200)
        self.code.returnPressed.connect(self.check)
        self.check_button = QPushButton(tr("Periksa"))
        self.check_button.setDefault(True)
        self.check_button.clicked.connect(self.check)
        self.verdict = QLabel()
        self.verdict.setWordWrap(True)
        self.verdict.setStyleSheet("font-size: 12pt; font-weight: 600;")
        self.details = QTextBrowser()
        close = QPushButton(tr("Tutup"))
        close.setAutoDefault(False)
        close.clicked.connect(self.accept)
        row = QHBoxLayout()
        row.addWidget(self.code, 1)
        row.addWidget(self.check_button)
        bottom = QHBoxLayout()
        bottom.addStretch(1)
        bottom.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(row)
        layout.addWidget(self.verdict)
        layout.addWidget(self.details, 1)
        layout.addLayout(bottom)
        self.code.setFocus()

    def _say(self, text: str, color: str) -> None:
        self.verdict.setStyleSheet(f"font-size: 12pt; font-weight: 600; color: {color}")
        self.verdict.setText(text)

    def check(self) -> None:
        text = self.code.text().strip()
        if not text:
            self._say(tr("Ketik kode verifikasi dahulu."), WRONG)
            return
        self.details.clear()
        self._say(tr("Memeriksa…"), "#5b6b7b")
        report_ops.find_code(parent=self, text=text).success(self._show).failure(
            lambda exc: self._say(str(exc), WRONG)
        ).run()

    def _show(self, found: list[list[str]]) -> None:
        if not found:
            self._say(
                tr(
                    "Kode ini tidak ada di register ini. Periksa lagi kodenya; laporan pos lain "
                    "dapat diperiksa di Polres setelah data pos itu diimpor."
                ),
                NOT_FOUND,
            )
            return
        if len(found) == 1:
            self._say(tr("Terdaftar: laporan ini dibuat dan ditandatangani di okudesk."), FOUND)
        else:
            self._say(
                tr("Terdaftar: {n} laporan memakai kode ini; cocokkan nomornya.").format(
                    n=len(found)
                ),
                FOUND,
            )
        self.details.setHtml(
            "<hr/>".join("<br/>".join(escape(line) for line in lines) for lines in found)
        )
