"""Cetak laporan, Verifikasi dokumen, signing credentials, and the Laporan page.

Making, signing and verifying a report runs on the worker (okudesk.gui.operations); its
progress comes back through a queued signal. Preview opens the PDF in the system viewer;
printing asks for the printer with Qt's print dialog and hands the PDF to the operating
system's print path (Windows: the PDF viewer's "printto"; elsewhere CUPS ``lp``), since
Qt cannot rasterise a PDF without the QtPdf add-on.
"""

from __future__ import annotations

import os
import subprocess
import sys
from html import escape
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QObject, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from okudesk.gui import messages
from okudesk.gui.operations import INCIDENT, MEETING, OFFICER, Changes
from okudesk.gui.operations import reports as report_ops
from okudesk.gui.pages.base import Page

KIND_TITLES = {"meeting": QT_TRANSLATE_NOOP("", "Laporan Hasil Kegiatan / Kunjungan"),
               "incident": QT_TRANSLATE_NOOP("", "Laporan Informasi")}
SECURITY_LABELS = {"Biasa": QT_TRANSLATE_NOOP("", "Biasa"), "Terbatas": QT_TRANSLATE_NOOP("", "Terbatas"),
                   "Rahasia": QT_TRANSLATE_NOOP("", "Rahasia"), "Sangat Rahasia": QT_TRANSLATE_NOOP("", "Sangat Rahasia")}
VERDICT_COLORS = {"valid": "#1b7f3b", "untrusted": "#b26a00", "modified": "#b3261e", "unsigned": "#5b6b7b"}


def tr(text: str) -> str:
    return QCoreApplication.translate("", text)  # the context lupdate gives tr() calls


# --- what the operating system does (tests replace these) ------------------------------------


def open_in_viewer(path: Path) -> bool:
    """Preview: the PDF in the system's viewer."""
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


def choose_printer(parent: QWidget | None) -> tuple[str, int] | None:
    """Qt's print dialog: (printer name, copies), or None when cancelled."""
    from PySide6.QtPrintSupport import QPrintDialog, QPrinter

    printer = QPrinter()
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle(tr("Cetak laporan"))
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return printer.printerName(), max(1, printer.copyCount())


def send_to_printer(path: Path, printer: str, copies: int) -> None:
    """Hand the PDF to the operating system's printing (raises OSError when it cannot)."""
    if sys.platform.startswith("win"):
        for _copy in range(copies):
            os.startfile(str(path), "printto", f'"{printer}"')  # noqa: S606 - the user's PDF viewer prints
        return
    command = ["lp", "-n", str(copies)] + (["-d", printer] if printer else []) + [str(path)]
    result = subprocess.run(command, capture_output=True, text=True, timeout=60)
    if result.returncode != 0:
        raise OSError(result.stderr.strip() or "lp failed")


def ask_save_path(parent: QWidget | None, suggested: str) -> str | None:
    path, _filter = QFileDialog.getSaveFileName(parent, tr("Simpan salinan laporan"), suggested, tr("PDF (*.pdf)"))
    return path or None


def ask_open_pdf(parent: QWidget | None) -> str | None:
    path, _filter = QFileDialog.getOpenFileName(parent, tr("Pilih dokumen"), "", tr("PDF (*.pdf);;Semua berkas (*)"))
    return path or None


# --- Cetak laporan -------------------------------------------------------------------------------


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
        self.pdf_path: Path | None = None
        self.setWindowTitle(tr("Cetak laporan"))
        self.setMinimumWidth(640)
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
        self.preview_button = QPushButton(tr("Pratinjau"))
        self.print_button = QPushButton(tr("Cetak…"))
        self.save_button = QPushButton(tr("Simpan salinan…"))
        close = QPushButton(tr("Tutup"))
        for b in (self.preview_button, self.print_button, self.save_button):
            b.setEnabled(False)
        self.make_button.clicked.connect(self.generate)
        self.preview_button.clicked.connect(self.preview)
        self.print_button.clicked.connect(self.print_report)
        self.save_button.clicked.connect(self.save_copy)
        close.clicked.connect(self.accept)
        self.draft.toggled.connect(lambda on: self.make_button.setText(tr("Buat draf") if on else tr("Buat dan tanda tangani")))
        row = QHBoxLayout()
        for b in (self.make_button, self.preview_button, self.print_button, self.save_button):
            row.addWidget(b)
        row.addStretch(1)
        row.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        layout.addLayout(row)
        self._progress = _Progress()
        self._progress.step.connect(self._on_step, Qt.ConnectionType.QueuedConnection)
        report_ops.print_choices(parent=self, kind=self.kind, record_id=self.record_id).success(self._show_choices).run()

    def _show_choices(self, result) -> None:
        number, reporter, people, locked = result
        self.heading.setText(f"<b>{escape(tr(KIND_TITLES[self.kind]))}</b> · {escape(number)}")
        for officer_id, nrp, text, has_key in people:
            label = text if has_key else tr("{who} — belum punya sertifikat").format(who=text)
            self.signer.addItem(label, nrp)
            if officer_id == reporter:
                self.signer.setCurrentIndex(self.signer.count() - 1)
        if locked is not None:
            self.status.setText(tr("Sudah ditandatangani sebagai {number}; membuat ulang memberikan salinan yang sama.").format(number=locked.number))

    def _on_step(self, what: str, percent: int) -> None:
        self.progress.setValue(percent)
        self.status.setText(what)

    def generate(self) -> None:
        draft = self.draft.isChecked()
        passphrase = self.passphrase.text()
        if not draft and not passphrase:
            self.error.setText(tr("Masukkan kata sandi penanda tangan."))
            self.passphrase.setFocus()
            return
        self.error.clear()
        self.make_button.setEnabled(False)
        self.progress.setVisible(True)
        self.progress.setValue(0)
        report_ops.make_report(parent=self, kind=self.kind, record_id=self.record_id,
                               passphrase=None if draft else passphrase, draft=draft,
                               officer_nrp=self.signer.currentData(), progress=self._progress.step.emit) \
            .success(self._done).failure(self._failed).run()

    def _done(self, outcome) -> None:
        self.result, self.pdf_path = outcome
        self.passphrase.clear()
        self.make_button.setEnabled(True)
        for b in (self.preview_button, self.print_button, self.save_button):
            b.setEnabled(True)
        r = self.result
        if r.reused:
            self.status.setText(tr("Laporan ini sudah ditandatangani sebelumnya: {number}").format(number=r.number))
        elif r.signed:
            self.status.setText(tr("Laporan {number} ditandatangani ({pages} halaman)").format(number=r.number, pages=r.pages))
        else:
            self.status.setText(tr("Draf dibuat ({pages} halaman), tanpa tanda tangan").format(pages=r.pages))
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

    def preview(self) -> None:
        if self.pdf_path is not None and not open_in_viewer(self.pdf_path):
            messages.warning(self, tr("Tidak ada aplikasi untuk membuka PDF. Simpan salinannya lalu buka secara manual."))

    def print_report(self) -> None:
        if self.pdf_path is None:
            return
        chosen = choose_printer(self)
        if chosen is None:
            return
        try:
            send_to_printer(self.pdf_path, *chosen)
        except (OSError, subprocess.SubprocessError) as exc:
            messages.error(self, tr("Laporan tidak dapat dikirim ke pencetak: {reason}").format(reason=exc))
            return
        self.status.setText(tr("Dikirim ke pencetak {printer}").format(printer=chosen[0] or tr("bawaan")))
        self._audit("print", f"{self.result.number if self.result else ''} → {chosen[0] or 'printer'} ({chosen[1]}x)")

    def save_copy(self) -> None:
        if self.result is None:
            return
        suggested = (self.result.number or "draf").replace("/", "-") + ".pdf"
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
        report_ops.record_event(parent=self, action=action, kind=self.kind, record_id=self.record_id, summary=summary).run()


# --- Verifikasi dokumen -----------------------------------------------------------------------------


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

        report_ops.verify_pdf(parent=self, path=path, unreadable=tr("Berkas tidak dapat dibaca: {reason}")) \
            .success(self._show).failure(self._failed).run()

    def _failed(self, exc: BaseException) -> None:
        self.verdict.setStyleSheet(f"font-size: 13pt; font-weight: 600; color: {VERDICT_COLORS['modified']}")
        self.verdict.setText(str(exc))

    def _show(self, outcome) -> None:
        from okudesk.core.reports.signing import WIB

        result, entry = outcome
        texts = {
            "valid": tr("SAH: utuh dan penanda tangan dipercaya"),
            "untrusted": tr("UTUH, tetapi penanda tangan tidak dipercaya"),
            "modified": tr("DIUBAH setelah ditandatangani"),
            "unsigned": tr("TIDAK BERTANDA TANGAN (draf atau bukan laporan okudesk)"),
        }
        self.verdict.setStyleSheet(f"font-size: 13pt; font-weight: 600; color: {VERDICT_COLORS[result.verdict]}")
        self.verdict.setText(texts[result.verdict])
        rows = []
        for check in result.signatures:
            when = check.signed_at.astimezone(WIB).strftime("%d-%m-%Y %H:%M:%S WIB") if check.signed_at else "-"
            rows += [(tr("Penanda tangan"), check.signer_name or "-"), (tr("NRP"), check.nrp or "-"),
                     (tr("Waktu tanda tangan"), when), (tr("Hasil"), texts[check.verdict])]
            if check.detail and check.verdict != "valid":
                rows.append((tr("Keterangan"), check.detail))
        if result.document_id:
            rows.append((tr("ID dokumen"), result.document_id))
        if entry is not None:
            rows.append((tr("Register"), tr("nomor {number}, berkas sama dengan yang didaftarkan").format(number=entry.number)))
        self.details.setHtml("<table cellpadding='3'>" + "".join(
            f"<tr><td style='color:#5b6b7b'>{escape(k)}</td><td>{escape(v)}</td></tr>" for k, v in rows) + "</table>")
        self.verified.emit(result)


# --- signing credentials ----------------------------------------------------------------------------


class CredentialDialog(QDialog):
    """Give an officer a signing key (post certificate) or import an official .p12."""

    def __init__(self, parent: QWidget | None, officer_id: str, officer_name: str):
        super().__init__(parent)
        self.officer_id = officer_id
        self.setWindowTitle(tr("Sertifikat tanda tangan {name}").format(name=officer_name))
        self.info = QLabel()
        self.info.setWordWrap(True)
        self.passphrase = QLineEdit()
        self.repeat = QLineEdit()
        for field in (self.passphrase, self.repeat):
            field.setEchoMode(QLineEdit.EchoMode.Password)
        self.error = QLabel()
        self.error.setStyleSheet("color: #b3261e")
        self.error.setWordWrap(True)
        form = QFormLayout()
        form.addRow(tr("Kata sandi baru"), self.passphrase)
        form.addRow(tr("Ulangi kata sandi"), self.repeat)
        self.enroll_button = QPushButton(tr("Buat kunci dan sertifikat"))
        self.import_button = QPushButton(tr("Impor PKCS#12…"))
        close = QPushButton(tr("Tutup"))
        self.enroll_button.clicked.connect(self.enroll)
        self.import_button.clicked.connect(self.import_p12)
        close.clicked.connect(self.accept)
        row = QHBoxLayout()
        row.addWidget(self.enroll_button)
        row.addWidget(self.import_button)
        row.addStretch(1)
        row.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.info)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addLayout(row)
        self._refresh()

    def _refresh(self) -> None:
        report_ops.credential(parent=self, officer_id=self.officer_id).success(self._show).run()

    def _show(self, info) -> None:
        if info is None:
            self.info.setText(tr("Petugas ini belum memiliki sertifikat tanda tangan."))
        else:
            self.info.setText(tr("Sertifikat: {subject} (NRP {nrp}), diterbitkan oleh {issuer}, berlaku sampai {until}.").format(
                subject=info.subject, nrp=info.nrp or "-", issuer=info.issuer, until=info.not_after.strftime("%d-%m-%Y")))

    def _new_passphrase(self) -> str | None:
        first, second = self.passphrase.text(), self.repeat.text()
        if not first:
            self.error.setText(tr("Masukkan kata sandi."))
            return None
        if first != second:
            self.error.setText(tr("Kedua kata sandi tidak sama."))
            return None
        self.error.clear()
        return first

    def enroll(self) -> None:
        passphrase = self._new_passphrase()
        if passphrase is None:
            return
        report_ops.enroll_officer(parent=self, officer_id=self.officer_id, passphrase=passphrase).success(self._enrolled) \
            .failure(lambda e: self.error.setText(str(e))).run()

    def _enrolled(self, info) -> None:
        self.passphrase.clear()
        self.repeat.clear()
        self._show(info)

    def import_p12(self) -> None:
        passphrase = self._new_passphrase()
        if passphrase is None:
            return
        path, _filter = QFileDialog.getOpenFileName(self, tr("Pilih berkas PKCS#12"), "", tr("PKCS#12 (*.p12 *.pfx)"))
        if not path:
            return
        file_passphrase = messages.text_input(self, tr("Kata sandi berkas"), tr("Kata sandi berkas PKCS#12:"))
        if file_passphrase is None:
            return
        report_ops.import_pkcs12(parent=self, officer_id=self.officer_id, path=Path(path), file_passphrase=file_passphrase,
                                 passphrase=passphrase).success(self._enrolled).failure(lambda e: self.error.setText(str(e))).run()


# --- report settings -------------------------------------------------------------------------------


class ReportSettingsDialog(QDialog):
    """The post's numbering pattern, classification codes, security class, commander, kop."""

    saved = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        from okudesk.core.reports import numbering

        self.setWindowTitle(tr("Pengaturan laporan"))
        self.setMinimumWidth(520)
        self.template = QLineEdit()
        self.template.setToolTip(tr("Kolom: {sec} {no} {month} {class} {year} {code}; {no}, {year} dan {code} wajib"))
        self.class_meeting = QLineEdit()
        self.class_incident = QLineEdit()
        self.security = QComboBox()
        for name in numbering.SECURITY_CLASSES:
            self.security.addItem(tr(SECURITY_LABELS.get(name, name)), name)
        self.commander = QComboBox()
        self.letterhead = QCheckBox(tr("Cetak kop surat (matikan untuk menghemat tinta)"))
        self.logo_state = QLabel()
        self.logo_button = QPushButton(tr("Pilih logo…"))
        self.logo_remove = QPushButton(tr("Hapus logo"))
        self.logo_button.clicked.connect(self.choose_logo)
        self.logo_remove.clicked.connect(lambda: self._save_logo(None))
        logo_row = QHBoxLayout()
        for w in (self.logo_state, self.logo_button, self.logo_remove):
            logo_row.addWidget(w)
        logo_row.addStretch(1)
        self.example = QLabel()
        self.error = QLabel()
        self.error.setStyleSheet("color: #b3261e")
        self.error.setWordWrap(True)
        form = QFormLayout()
        form.addRow(tr("Pola nomor"), self.template)
        form.addRow(tr("Contoh"), self.example)
        form.addRow(tr("Kode klasifikasi rapat"), self.class_meeting)
        form.addRow(tr("Kode klasifikasi kejadian"), self.class_incident)
        form.addRow(tr("Klasifikasi keamanan"), self.security)
        form.addRow(tr("Blok \"Mengetahui\""), self.commander)
        form.addRow("", self.letterhead)
        form.addRow(tr("Logo di atas kop"), logo_row)
        self.save_button = QPushButton(tr("Simpan"))
        self.save_button.setDefault(True)
        cancel = QPushButton(tr("Batal"))
        self.save_button.clicked.connect(self.save)
        cancel.clicked.connect(self.reject)
        for field in (self.template, self.class_meeting):
            field.textChanged.connect(self._update_example)
        self.security.currentIndexChanged.connect(self._update_example)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(cancel)
        row.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addLayout(row)
        report_ops.load_settings(parent=self).success(self._show).run()

    def _show_logo(self, has_logo: bool) -> None:
        self.logo_state.setText(tr("ada") if has_logo else tr("tidak ada"))
        self.logo_remove.setEnabled(has_logo)

    def choose_logo(self) -> None:
        files = messages.open_images(self)
        if not files:
            return
        try:
            data = Path(files[0]).read_bytes()
        except OSError as exc:
            self.error.setText(tr("Berkas tidak dapat dibaca: {reason}").format(reason=exc.strerror or exc))
            return
        self._save_logo(data)

    def _save_logo(self, data: bytes | None) -> None:
        report_ops.save_logo(parent=self, data=data).success(self._show_logo).failure(lambda e: self.error.setText(str(e))).run()

    def _show(self, result) -> None:
        cfg, people, self._post_code, has_logo = result
        self._show_logo(has_logo)
        self.template.setText(cfg.number_template)
        self.class_meeting.setText(cfg.class_meeting)
        self.class_incident.setText(cfg.class_incident)
        self.security.setCurrentIndex(max(0, self.security.findData(cfg.security_class)))
        self.commander.addItem(tr("Otomatis (Kapolsek menurut jabatan)"), "")
        for officer_id, text in people:
            self.commander.addItem(text, officer_id)
        self.commander.setCurrentIndex(max(0, self.commander.findData(cfg.commander_id)))
        self.letterhead.setChecked(cfg.letterhead)
        self._update_example()

    def _update_example(self) -> None:
        from datetime import date

        from okudesk.core.errors import ValidationError
        from okudesk.core.reports import numbering

        try:
            self.example.setText(numbering.format_number(
                self.template.text(), no=42, when=date.today(), class_code=self.class_meeting.text() or "LHK",
                post_code=getattr(self, "_post_code", "BTT"), security_class=self.security.currentData() or "Biasa"))
            self.error.clear()
        except (ValidationError, KeyError, ValueError, IndexError) as exc:
            self.example.setText("-")
            self.error.setText(str(exc))

    def save(self) -> None:
        from okudesk.core.reports import settings

        cfg = settings.ReportSettings(
            number_template=self.template.text().strip(), class_meeting=self.class_meeting.text().strip(),
            class_incident=self.class_incident.text().strip(), security_class=self.security.currentData(),
            commander_id=self.commander.currentData() or "", letterhead=self.letterhead.isChecked())

        def done(_result) -> None:
            self.saved.emit()
            self.accept()

        report_ops.save_settings(parent=self, settings=cfg).success(done).failure(lambda e: self.error.setText(str(e))).run()


# --- the Laporan page -------------------------------------------------------------------------------


class ReportsPage(Page):
    """The register of signed reports, verification, and officers' signatures and keys."""

    areas = frozenset({MEETING, INCIDENT, OFFICER})

    def __init__(self, window):
        super().__init__(window)
        title = QLabel(tr("Laporan"))
        title.setObjectName("pageTitle")
        self.table = QTableWidget(0, 5)
        self.table.setHorizontalHeaderLabels([tr("Nomor"), tr("Jenis"), tr("Penanda tangan"), tr("Ditandatangani"), tr("Halaman")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setVisible(False)
        self.table.doubleClicked.connect(self.open_selected)
        self.open_button = QPushButton(tr("Buka"))
        self.verify_button = QPushButton(tr("Verifikasi dokumen…"))
        self.officer = QComboBox()
        self.officer.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.settings_button = QPushButton(tr("Pengaturan laporan…"))
        self.settings_button.clicked.connect(self.edit_settings)
        self.signature_button = QPushButton(tr("Tanda tangan…"))
        self.credential_button = QPushButton(tr("Sertifikat…"))
        self.open_button.clicked.connect(self.open_selected)
        self.verify_button.clicked.connect(self.verify)
        self.signature_button.clicked.connect(self.edit_signature)
        self.credential_button.clicked.connect(self.edit_credential)
        row = QHBoxLayout()
        row.addWidget(self.open_button)
        row.addWidget(self.verify_button)
        row.addWidget(self.settings_button)
        row.addStretch(1)
        row.addWidget(QLabel(tr("Petugas")))
        row.addWidget(self.officer)
        row.addWidget(self.signature_button)
        row.addWidget(self.credential_button)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addLayout(row)
        layout.addWidget(self.table, 1)
        self.rows: list = []
        self._loaded = False

    def activate(self) -> None:
        if not self._loaded:
            self._loaded = True
            self.refresh()
        else:
            self.ready.emit()

    def refresh(self, changes: Changes | None = None) -> None:
        report_ops.register(parent=self).success(self._show).run()

    def _show(self, result) -> None:
        from datetime import UTC

        from okudesk.core.reports.signing import WIB

        reports, people = result
        self.rows = reports
        self.table.setRowCount(len(reports))
        for r, rep in enumerate(reports):
            for c, text in enumerate((rep.number, tr(KIND_TITLES.get(rep.kind, rep.kind)), rep.signer_name,
                                      rep.signed_at.replace(tzinfo=UTC).astimezone(WIB).strftime("%d-%m-%Y %H:%M WIB"),
                                      str(rep.pages))):
                self.table.setItem(r, c, QTableWidgetItem(text))
        current = self.officer.currentData()
        self.officer.clear()
        for officer_id, text in people:
            self.officer.addItem(text, officer_id)
            if officer_id == current:
                self.officer.setCurrentIndex(self.officer.count() - 1)
        self.ready.emit()

    def print_current(self) -> None:
        """Ctrl+P: the selected signed report opens in the PDF viewer, which prints it."""
        self.open_selected()

    def open_selected(self) -> None:
        row = self.table.currentRow()
        if not 0 <= row < len(self.rows):
            self.say(tr("Pilih satu laporan di daftar"))
            return
        from okudesk.gui.operations import hub

        path = hub().store.data_dir / "reports" / f"{self.rows[row].id}.pdf"
        if not path.exists():
            messages.warning(self, tr("Salinan laporan ini tidak ada di folder data."))
        elif not open_in_viewer(path):
            messages.warning(self, tr("Tidak ada aplikasi untuk membuka PDF."))

    def verify(self) -> VerifyDialog:
        dialog = VerifyDialog(self)
        dialog.open()
        return dialog

    def _officer(self) -> tuple[str, str] | None:
        if self.officer.currentIndex() < 0:
            return None
        return self.officer.currentData(), self.officer.currentText()

    def edit_signature(self):
        from okudesk.gui.signature_pad import SignatureDialog

        chosen = self._officer()
        if chosen:
            dialog = SignatureDialog(self, *chosen)
            dialog.open()
            return dialog
        return None

    def edit_settings(self):
        dialog = ReportSettingsDialog(self)
        dialog.open()
        return dialog

    def edit_credential(self):
        chosen = self._officer()
        if chosen:
            dialog = CredentialDialog(self, *chosen)
            dialog.open()
            return dialog
        return None


def open_print_dialog(parent: QWidget | None, kind: str, record_id: str | None) -> PrintReportDialog | None:
    """What the meeting and incident pages call for "Cetak laporan" (and Ctrl+P)."""
    if not record_id:
        return None
    dialog = PrintReportDialog(parent, kind, record_id)
    dialog.open()
    return dialog
