"""Laporan: the register of signed reports, verification, and officers' signatures and keys."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from okudesk.gui import labels, messages
from okudesk.gui.dialogs.report_print import KIND_TITLES, open_in_viewer
from okudesk.gui.dialogs.report_settings import ReportSettingsDialog
from okudesk.gui.dialogs.report_verify import VerifyDialog
from okudesk.gui.dialogs.signing_credential import CredentialDialog
from okudesk.gui.i18n import tr
from okudesk.gui.operations import INCIDENT, MEETING, OFFICER, Changes
from okudesk.gui.operations import reports as report_ops
from okudesk.gui.pages.base import Page


class ReportsPage(Page):
    """The register of signed reports, verification, and officers' signatures and keys."""

    areas = frozenset({MEETING, INCIDENT, OFFICER})

    def __init__(self, window):
        super().__init__(window)
        title = QLabel(tr("Laporan"))
        title.setObjectName("pageTitle")
        self.table = QTableWidget(0, 6)
        self.table.setHorizontalHeaderLabels(
            [
                tr("Nomor"),
                tr("Jenis"),
                tr("Tentang"),
                tr("Penanda tangan"),
                tr("Ditandatangani"),
                tr("Halaman"),
            ]
        )
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setVisible(False)
        self.table.doubleClicked.connect(self.open_selected)
        self.open_button = QPushButton(tr("Buka"))
        self.verify_button = QPushButton(tr("Verifikasi dokumen…"))
        self.code_button = QPushButton(tr("Periksa kode…"))
        self.code_button.setToolTip(tr("Periksa salinan kertas dari kode di kaki halaman"))
        self.code_button.clicked.connect(self.check_code)
        self.officer = QComboBox()
        self.officer.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.officer.setMinimumContentsLength(30)  # a long name is cut here, not the buttons
        self.settings_button = QPushButton(tr("Pengaturan laporan…"))
        self.settings_button.clicked.connect(self.edit_settings)
        self.guard("settings.write", self.settings_button)
        self.signature_button = QPushButton(tr("Tanda tangan…"))
        self.credential_button = QPushButton(tr("Sertifikat…"))
        self.open_button.clicked.connect(self.open_selected)
        self.verify_button.clicked.connect(self.verify)
        self.signature_button.clicked.connect(self.edit_signature)
        self.credential_button.clicked.connect(self.edit_credential)
        row = QHBoxLayout()
        row.addWidget(self.open_button)
        row.addWidget(self.verify_button)
        row.addWidget(self.code_button)
        row.addWidget(self.settings_button)
        row.addStretch(1)
        officer_row = QHBoxLayout()  # its own row: one row of everything overflows 1024 px
        officer_row.addWidget(QLabel(tr("Petugas")))
        officer_row.addWidget(self.officer)
        officer_row.addWidget(self.signature_button)
        officer_row.addWidget(self.credential_button)
        officer_row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addLayout(row)
        layout.addLayout(officer_row)
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

        reports, people, about = result
        self.rows = reports
        self.table.setRowCount(len(reports))
        for r, rep in enumerate(reports):
            for c, text in enumerate(
                (
                    rep.number,
                    tr(KIND_TITLES.get(rep.kind, rep.kind)),
                    about.get(rep.record_id, "-"),
                    rep.signer_name,
                    labels.when(rep.signed_at.replace(tzinfo=UTC).astimezone(WIB)) + " WIB",
                    str(rep.pages),
                )
            ):
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

    def check_code(self):
        from okudesk.gui.dialogs.code_check import CodeCheckDialog

        dialog = CodeCheckDialog(self)
        dialog.open()
        return dialog

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
