"""An officer's signing key: a post certificate made here, or an official PKCS#12 imported."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from okudesk.gui import labels, messages
from okudesk.gui.i18n import tr
from okudesk.gui.operations import reports as report_ops


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
            self.info.setText(
                tr(
                    "Sertifikat: {subject} (NRP {nrp}), diterbitkan oleh {issuer}, berlaku sampai "
                    "{until}."
                ).format(
                    subject=info.subject,
                    nrp=info.nrp or "-",
                    issuer=info.issuer,
                    until=labels.when(info.not_after.date()),
                )
            )

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
        report_ops.enroll_officer(
            parent=self, officer_id=self.officer_id, passphrase=passphrase
        ).success(self._enrolled).failure(lambda e: self.error.setText(str(e))).run()

    def _enrolled(self, info) -> None:
        self.passphrase.clear()
        self.repeat.clear()
        self._show(info)

    def import_p12(self) -> None:
        passphrase = self._new_passphrase()
        if passphrase is None:
            return
        path, _filter = QFileDialog.getOpenFileName(
            self, tr("Pilih berkas PKCS#12"), "", tr("PKCS#12 (*.p12 *.pfx)")
        )
        if not path:
            return
        file_passphrase = messages.text_input(
            self, tr("Kata sandi berkas"), tr("Kata sandi berkas PKCS#12:")
        )
        if file_passphrase is None:
            return
        report_ops.import_pkcs12(
            parent=self,
            officer_id=self.officer_id,
            path=Path(path),
            file_passphrase=file_passphrase,
            passphrase=passphrase,
        ).success(self._enrolled).failure(lambda e: self.error.setText(str(e))).run()
