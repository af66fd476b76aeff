"""Ubah petugas: correct an officer's rank, name or position (Pengaturan > Petugas)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from okudesk.gui.i18n import tr
from okudesk.gui.operations import settings as settings_ops
from okudesk.gui.pages.base import Combo


class OfficerDialog(QDialog):
    """The NRP is shown, not edited: accounts, certificates and signed reports name it."""

    saved = Signal(object)  # okudesk.core.records.officers.OfficerInfo

    def __init__(self, parent: QWidget | None, officer, ranks):
        super().__init__(parent)
        self.officer = officer
        self.setWindowTitle(tr("Ubah petugas"))
        self.name = QLineEdit(officer.name)
        self.name.setMaxLength(120)
        self.rank = Combo(tr("(pangkat)"))
        self.rank.set_items([(r.id, r.name) for r in ranks], keep=False)
        self.rank.set_current_id(officer.rank_id)
        self.position = QLineEdit(officer.position)
        self.position.setMaxLength(120)
        self.error = QLabel()
        self.error.setStyleSheet("color: #b71c1c;")
        self.error.setWordWrap(True)
        for edit in (self.name, self.position):
            edit.textChanged.connect(lambda _t: self.error.clear())
        form = QFormLayout()
        form.addRow(tr("NRP"), QLabel(officer.nrp))
        form.addRow(tr("Pangkat"), self.rank)
        form.addRow(tr("Nama") + " *", self.name)
        form.addRow(tr("Jabatan"), self.position)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText(tr("Simpan"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(tr("Batal"))
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)

    def save(self) -> None:
        self.error.clear()
        self.buttons.setEnabled(False)

        def done(info) -> None:
            self.saved.emit(info)
            self.accept()

        def failed(exc: BaseException) -> None:
            from okudesk.core.errors import OkudeskError

            self.buttons.setEnabled(True)
            if isinstance(exc, OkudeskError):
                self.error.setText(str(exc))
                self.name.setFocus()
            else:
                from okudesk.gui import errors

                errors.show_exception(exc, parent=self)

        settings_ops.update_officer(
            parent=self,
            officer_id=self.officer.id,
            name=self.name.text(),
            rank_id=self.rank.current_id(),
            position=self.position.text(),
        ).success(done).failure(failed).run()
