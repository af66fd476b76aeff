"""Verifikasi dokumen: who signed a PDF, when, and whether it is unchanged and trusted here."""

from __future__ import annotations

from html import escape
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from okudesk.gui import labels
from okudesk.gui.i18n import tr
from okudesk.gui.operations import reports as report_ops

VERDICT_COLORS = {
    "valid": "#1b7f3b",
    "untrusted": "#b26a00",
    "modified": "#b3261e",
    "unsigned": "#5b6b7b",
    "mismatch": "#b3261e",
}


def ask_open_pdf(parent: QWidget | None) -> str | None:
    path, _filter = QFileDialog.getOpenFileName(
        parent, tr("Pilih dokumen"), "", tr("PDF (*.pdf);;Semua berkas (*)")
    )
    return path or None


class VerifyDialog(QDialog):
    """Who signed a PDF, when, and whether it is unchanged and trusted here."""

    verified = Signal(object)  # okudesk.core.reports.verification.PdfVerification

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(tr("Verifikasi dokumen"))
        self.setMinimumSize(520, 320)
        self.path_label = QLabel(tr("Pilih laporan PDF yang akan diperiksa."))
        self.path_label.setWordWrap(True)
        self.choose_button = QPushButton(tr("Pilih berkas…"))
        self.choose_button.clicked.connect(self.choose)
        self.verdict = QLabel()
        self.verdict.setStyleSheet("font-size: 13pt; font-weight: 600;")
        self.verdict.setWordWrap(True)
        self.details = QTextBrowser()
        close = QPushButton(tr("Tutup"))
        close.clicked.connect(self.accept)
        top = QHBoxLayout()
        top.addWidget(self.path_label, 1)
        top.addWidget(self.choose_button)
        bottom = QHBoxLayout()
        bottom.addStretch(1)
        bottom.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.verdict)
        layout.addWidget(self.details, 1)
        layout.addLayout(bottom)

    def choose(self) -> None:
        path = ask_open_pdf(self)
        if path:
            self.verify_file(Path(path))

    def verify_file(self, path: Path) -> None:
        self.path_label.setText(str(path))
        self.verdict.setText(tr("Memeriksa…"))
        self.details.clear()

        report_ops.verify_pdf(
            parent=self, path=path, unreadable=tr("Berkas tidak dapat dibaca: {reason}")
        ).success(self._show).failure(self._failed).run()

    def _failed(self, exc: BaseException) -> None:
        self.verdict.setStyleSheet(
            f"font-size: 13pt; font-weight: 600; color: {VERDICT_COLORS['modified']}"
        )
        self.verdict.setText(str(exc))

    def _show(self, outcome) -> None:
        from okudesk.core.reports import verification
        from okudesk.core.reports.signing import WIB

        result, check = outcome
        texts = {
            "valid": tr("SAH: utuh dan penanda tangan dipercaya"),
            "untrusted": tr("UTUH, tetapi penanda tangan tidak dipercaya"),
            "modified": tr("DIUBAH setelah ditandatangani"),
            "unsigned": tr("TIDAK BERTANDA TANGAN (draf atau bukan laporan okudesk)"),
            "mismatch": tr(
                "TIDAK SESUAI REGISTER: tanda tangan utuh, tetapi berkas ini bukan yang didaftarkan"
            ),
        }
        verdict = verification.overall_verdict(result, check)
        headline = texts[verdict]
        if check is not None and check.superseded_by is not None and verdict == "valid":
            headline += "\n" + tr("Sudah diganti oleh perubahan laporan nomor {number}").format(
                number=check.superseded_by.number
            )
        self.verdict.setStyleSheet(
            f"font-size: 13pt; font-weight: 600; color: {VERDICT_COLORS[verdict]}"
        )
        self.verdict.setText(headline)
        claims = result.claims
        rows = []
        if claims.document_id:
            rows.append((tr("ID dokumen"), claims.document_id))
        if claims.number:
            rows.append((tr("Nomor"), claims.number))
        if claims.title:
            rows.append((tr("Judul"), claims.title))
        for sig in result.signatures:
            when = (
                labels.when(sig.signed_at.astimezone(WIB), seconds=True) + " WIB"
                if sig.signed_at
                else "-"
            )
            rows += [
                (tr("Penanda tangan"), sig.signer_name or "-"),
                (tr("NRP"), sig.nrp or "-"),
                (tr("Waktu tanda tangan"), when),
                (tr("Tanda tangan"), texts[sig.verdict]),
            ]
            if sig.detail and (sig.verdict != "valid" or sig.stamped_at):
                rows.append((tr("Keterangan"), sig.detail))
        if result.signatures:
            rows += [(tr("Register"), line) for line in self._register_lines(check)]
        self.details.setHtml(
            "<table cellpadding='3'>"
            + "".join(
                f"<tr><td style='color:#5b6b7b'>{escape(k)}</td><td>{escape(v)}</td></tr>"
                for k, v in rows
            )
            + "</table>"
        )
        self.verified.emit(result)

    @staticmethod
    def _register_lines(check) -> list[str]:
        from okudesk.core.reports import verification

        if check is None or check.state == verification.NOT_REGISTERED:
            return [
                tr("laporan ini tidak ada di register ini; hasil hanya berdasarkan tanda tangan")
            ]
        number = check.entry.number
        if check.state == verification.DIFFERS:
            return [
                tr("ID dokumen terdaftar dengan nomor {number}, tetapi berkas ini berbeda:").format(
                    number=number
                )
            ] + [f"- {d}" for d in check.differences]
        lines = [tr("nomor {number}, berkas sama dengan yang didaftarkan").format(number=number)]
        if check.superseded_by is not None:
            lines.append(
                tr("sudah diganti oleh perubahan laporan nomor {number}").format(
                    number=check.superseded_by.number
                )
            )
        return lines
