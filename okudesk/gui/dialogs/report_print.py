"""Cetak laporan: make the report of one meeting or incident, sign it, preview and print it.

Making and signing run on the worker (okudesk.gui.operations); progress comes back through
a queued signal. The finished PDF is shown in the dialog itself (QtPdf's QPdfView) and
printed through Qt's print dialog and a QPrinter (okudesk.gui.pdf_print), so printing needs
no PDF viewer and works the same on every laptop; opening the system viewer is an extra.
"""

from __future__ import annotations

from html import escape
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QObject, QSize, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from okudesk.gui import messages, pdf_print, screen
from okudesk.gui.i18n import tr
from okudesk.gui.operations import reports as report_ops

KIND_TITLES = {
    "meeting": QT_TRANSLATE_NOOP("", "Laporan Hasil Kegiatan / Kunjungan"),
    "incident": QT_TRANSLATE_NOOP("", "Laporan Informasi"),
}


# --- what the operating system does (tests replace these) ------------------------------------


def open_in_viewer(path: Path) -> bool:
    """The extra: the PDF in the system's viewer, when the laptop has one."""
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


def choose_printer(parent: QWidget | None, pdf: bytes) -> QPrinter | None:
    """Qt's print dialog over a printer set to the report's paper; None when cancelled. The
    dialog's "Print to File" is the printer's output file name, honoured by printing."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    pdf_print.prepare(printer, pdf)
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle(tr("Cetak laporan"))
    dialog.setOption(QPrintDialog.PrintDialogOption.PrintToFile, True)
    dialog.setOption(QPrintDialog.PrintDialogOption.PrintPageRange, True)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return printer


def ask_save_path(parent: QWidget | None, suggested: str) -> str | None:
    path, _filter = QFileDialog.getSaveFileName(
        parent, tr("Simpan salinan laporan"), suggested, tr("PDF (*.pdf)")
    )
    return path or None


class _Progress(QObject):
    """Emitted from the worker, delivered (queued) on the UI thread."""

    step = Signal(str, int)


class PrintReportDialog(QDialog):
    """Make the report of one meeting or incident, sign it (passphrase), preview and print it."""

    finished_report = Signal(object)  # okudesk.core.reports.service.ReportResult

    def __init__(self, parent: QWidget | None, kind: str, record_id: str):
        super().__init__(parent)
        self.kind, self.record_id = kind, record_id
        self.result = None
        self.refusal: str | None = None  # why this installation signs nothing (HQ)
        self.pdf_path: Path | None = None
        self.setWindowTitle(tr("Cetak laporan"))
        self._document = None  # QPdfDocument and its buffer, while shown
        self.heading = QLabel(f"<b>{escape(tr(KIND_TITLES[kind]))}</b>")
        self.signer = QComboBox()
        self.passphrase = QLineEdit()
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase.setPlaceholderText(tr("kata sandi penanda tangan"))
        self.draft = QCheckBox(tr("Draf saja (tanda air DRAFT, tanpa nomor dan tanda tangan)"))
        self.draft.toggled.connect(lambda on: self.passphrase.setEnabled(not on))
        self.error = QLabel()
        self.error.setStyleSheet("color: #b3261e")
        self.error.setWordWrap(True)
        self.progress = QProgressBar()
        self.progress.setRange(0, 100)
        self.progress.setVisible(False)
        self.status = QLabel()
        form = QFormLayout()
        form.addRow(tr("Penanda tangan"), self.signer)
        form.addRow(tr("Kata sandi"), self.passphrase)
        form.addRow("", self.draft)
        self.make_button = QPushButton(tr("Buat dan tanda tangani"))
        self.make_button.setDefault(True)
        self.print_button = QPushButton(tr("Cetak…"))
        self.save_button = QPushButton(tr("Simpan salinan…"))
        self.viewer_button = QPushButton(tr("Buka di penampil PDF"))
        self.viewer_button.setToolTip(tr("Buka laporan di aplikasi PDF laptop ini, bila ada"))
        close = QPushButton(tr("Tutup"))
        for b in (self.viewer_button, self.print_button, self.save_button):
            b.setEnabled(False)
        self.make_button.clicked.connect(self.generate)
        self.viewer_button.clicked.connect(self.open_viewer)
        self.print_button.clicked.connect(self.print_report)
        self.save_button.clicked.connect(self.save_copy)
        close.clicked.connect(self.accept)
        self.finished.connect(lambda _code: self._discard_draft())
        self.draft.toggled.connect(
            lambda on: self.make_button.setText(
                tr("Buat salinan")
                if self.refusal
                else tr("Buat draf")
                if on
                else tr("Buat dan tanda tangani")
            )
        )
        # the built-in preview: the pages of the PDF just made, one under the other
        self.preview = QPdfView()
        self.preview.setPageMode(QPdfView.PageMode.MultiPage)
        self.preview.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.preview.setPageSpacing(12)
        self.placeholder = QLabel(tr("Pratinjau laporan muncul di sini setelah laporan dibuat."))
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setWordWrap(True)
        self.preview_stack = QStackedWidget()
        self.preview_stack.addWidget(self.placeholder)
        self.preview_stack.addWidget(self.preview)
        self.preview_stack.setMinimumHeight(160)
        row = QHBoxLayout()
        for b in (self.make_button, self.print_button, self.save_button, self.viewer_button):
            row.addWidget(b)
        row.addStretch(1)
        row.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addLayout(form)
        layout.addWidget(self.preview_stack, 1)
        layout.addWidget(self.error)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        layout.addLayout(row)
        screen.fit(self, 860, 900, minimum=QSize(640, 420))
        self._progress = _Progress()
        self._progress.step.connect(self._on_step, Qt.ConnectionType.QueuedConnection)
        report_ops.print_choices(parent=self, kind=self.kind, record_id=self.record_id).success(
            self._show_choices
        ).run()
        report_ops.signing_refusal(parent=self, kind=kind, record_id=record_id).success(
            self._refuse_signing
        ).run()

    def _refuse_signing(self, why: str | None) -> None:
        """Here (HQ) the record is printed only as a copy: said before any passphrase."""
        self.refusal = why
        if why is None:
            return
        self.draft.setChecked(True)
        for w in (self.draft, self.passphrase, self.signer):
            w.setEnabled(False)
        self.make_button.setText(tr("Buat salinan"))
        self.status.setText(why)

    def _show_choices(self, result) -> None:
        number, reporter, people, locked = result
        self.heading.setText(f"<b>{escape(tr(KIND_TITLES[self.kind]))}</b> · {escape(number)}")
        for officer_id, nrp, text, has_key in people:
            label = text if has_key else tr("{who} — belum punya sertifikat").format(who=text)
            self.signer.addItem(label, nrp)
            if officer_id == reporter:
                self.signer.setCurrentIndex(self.signer.count() - 1)
        if locked is not None:
            self.status.setText(
                tr(
                    "Sudah ditandatangani sebagai {number}; membuat ulang memberikan salinan yang "
                    "sama."
                ).format(number=locked.number)
            )

    def _on_step(self, what: str, percent: int) -> None:
        self.progress.setValue(percent)
        self.status.setText(what)

    def generate(self) -> None:
        draft = self.draft.isChecked() or self.refusal is not None
        passphrase = self.passphrase.text()
        if not draft and not passphrase:
            self.error.setText(tr("Masukkan kata sandi penanda tangan."))
            self.passphrase.setFocus()
            return
        self.error.clear()
        self.make_button.setEnabled(False)
        self.progress.setVisible(True)
        self.progress.setValue(0)
        report_ops.make_report(
            parent=self,
            kind=self.kind,
            record_id=self.record_id,
            passphrase=None if draft else passphrase,
            draft=draft,
            officer_nrp=self.signer.currentData(),
            progress=self._progress.step.emit,
        ).success(self._done).failure(self._failed).run()

    def _discard_draft(self) -> None:
        """A draft PDF lives only while its dialog is open (police data on a shared laptop)."""
        if self.pdf_path is not None:
            report_ops.discard_drafts(only=self.pdf_path).run()

    def _done(self, outcome) -> None:
        if self.pdf_path is not None and self.pdf_path != outcome[1]:
            self._discard_draft()  # the previous draft of this dialog
        self.result, self.pdf_path = outcome
        self.passphrase.clear()
        self.make_button.setEnabled(True)
        for b in (self.viewer_button, self.print_button, self.save_button):
            b.setEnabled(True)
        self._show_preview(self.result.pdf)
        r = self.result
        if r.reused:
            self.status.setText(
                tr("Laporan ini sudah ditandatangani sebelumnya: {number}").format(number=r.number)
            )
        elif r.signed:
            self.status.setText(
                tr("Laporan {number} ditandatangani ({pages} halaman)").format(
                    number=r.number, pages=r.pages
                )
            )
        elif self.refusal:
            self.status.setText(
                tr("Salinan dibuat ({pages} halaman): bukan laporan resmi").format(pages=r.pages)
            )
        else:
            self.status.setText(
                tr("Draf dibuat ({pages} halaman), tanpa tanda tangan").format(pages=r.pages)
            )
        self.finished_report.emit(r)

    def _failed(self, exc: BaseException) -> None:
        from okudesk.core.errors import OkudeskError

        self.make_button.setEnabled(True)
        self.progress.setVisible(False)
        self.status.clear()
        if isinstance(exc, OkudeskError):
            self.error.setText(str(exc))
        else:
            from okudesk.gui import errors

            errors.show_exception(exc, parent=self)

    def _show_preview(self, pdf: bytes) -> None:
        self._document = pdf_print.load(pdf, self)
        self.preview.setDocument(self._document[0])
        self.preview_stack.setCurrentWidget(self.preview)

    def preview_pages(self) -> int:
        """How many pages the built-in preview shows (0 before a report is made)."""
        return self._document[0].pageCount() if self._document is not None else 0

    def open_viewer(self) -> None:
        if self.pdf_path is None and self.result is not None:
            report_ops.viewer_copy(parent=self, pdf=self.result.pdf).success(self._open_copy).run()
            return
        self._open_copy(self.pdf_path)

    def _open_copy(self, path) -> None:
        self.pdf_path = path
        if path is not None and not open_in_viewer(path):
            messages.warning(
                self,
                tr(
                    "Tidak ada aplikasi untuk membuka PDF di laptop ini. Pratinjau ada di jendela "
                    "ini, dan Cetak… mencetak tanpa aplikasi lain."
                ),
            )

    def print_report(self) -> None:
        if self.result is None:
            return
        printer = choose_printer(self, self.result.pdf)
        if printer is None:
            return
        to_file = printer.outputFileName()
        where = to_file or printer.printerName() or tr("pencetak bawaan")
        self.print_button.setEnabled(False)
        self.status.setText(tr("Mencetak ke {where}…").format(where=where))
        report_ops.print_pdf(
            parent=self, pdf=self.result.pdf, printer=printer, progress=self._progress.step.emit
        ).success(lambda pages: self._printed(where, pages, printer.copyCount())).failure(
            self._print_failed
        ).run()

    def _printed(self, where: str, pages: int, copies: int) -> None:
        self.print_button.setEnabled(True)
        self.status.setText(
            tr("{pages} halaman dikirim ke {where}").format(pages=pages, where=where)
        )
        number = self.result.number if self.result else ""
        self._audit("print", f"{number} → {where} ({pages} hlm, {max(1, copies)}x)")

    def _print_failed(self, exc: BaseException) -> None:
        self.print_button.setEnabled(True)
        self.status.clear()
        messages.error(self, tr("Laporan tidak dapat dicetak: {reason}").format(reason=exc))

    def save_copy(self) -> None:
        if self.result is None:
            return
        from okudesk.core.files import file_name

        suggested = file_name(self.result.number, fallback="draf") + ".pdf"
        target = ask_save_path(self, suggested)
        if not target:
            return
        from okudesk.core.errors import OkudeskError
        from okudesk.core.reports import service

        try:
            service.write_output(Path(target), self.result.pdf)
        except OkudeskError as exc:
            messages.error(self, str(exc))
            return
        self.status.setText(tr("Salinan disimpan: {path}").format(path=target))
        self._audit("export", f"{self.result.number} → {target}")

    def _audit(self, action: str, summary: str) -> None:
        """Printing and saving a copy go to the audit trail (okudesk/core/history/audit.py)."""
        report_ops.record_event(
            parent=self, action=action, kind=self.kind, record_id=self.record_id, summary=summary
        ).run()


def open_print_dialog(
    parent: QWidget | None, kind: str, record_id: str | None
) -> PrintReportDialog | None:
    """What the meeting and incident pages call for "Cetak laporan" (and Ctrl+P)."""
    if not record_id:
        return None
    dialog = PrintReportDialog(parent, kind, record_id)
    dialog.open()
    return dialog
