"""Desa dan kelurahan: the administrator's list of villages per kecamatan.

The official villages come with their Kemendagri codes and only Polres corrects them; a post
adds the villages the list lacks and renames or switches off its own additions. A switched-off
village is no longer offered in the forms but stays on the records that name it.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from okudesk.gui.i18n import tr
from okudesk.gui.operations import reference as reference_ops


class VillagesDialog(QDialog):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(tr("Desa dan kelurahan"))
        self.kecamatan = QComboBox()
        self.kecamatan.currentIndexChanged.connect(self._load)
        note = QLabel(
            tr(
                "Desa dan kelurahan resmi memakai kode Kemendagri dan hanya dapat diubah oleh "
                "Polres. Desa yang belum ada di daftar dapat ditambahkan pos sebagai desa lokal."
            )
        )
        note.setWordWrap(True)
        note.setStyleSheet("color: #5b6b7b;")
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels([tr("Nama"), tr("Kode"), tr("Jenis"), tr("Status")])
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2, 3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.table.itemSelectionChanged.connect(self._selected)
        self.table.doubleClicked.connect(lambda _index: self._rename())
        self.new_name = QLineEdit()
        self.new_name.setPlaceholderText(tr("Nama desa baru"))
        self.new_name.setMaxLength(80)
        self.new_name.returnPressed.connect(self._add)
        self.add_button = QPushButton(tr("Tambah desa"))
        self.add_button.clicked.connect(self._add)
        self.rename_button = QPushButton(tr("Ubah nama…"))
        self.rename_button.clicked.connect(self._rename)
        self.active_button = QPushButton(tr("Nonaktifkan"))
        self.active_button.clicked.connect(self._toggle_active)
        self.why = QLabel()
        self.why.setWordWrap(True)
        self.why.setStyleSheet("color: #5b6b7b;")
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b3261e;")
        close = QPushButton(tr("Tutup"))
        close.clicked.connect(self.accept)

        top = QHBoxLayout()
        top.addWidget(QLabel(tr("Kecamatan")))
        top.addWidget(self.kecamatan, 1)
        add_row = QHBoxLayout()
        add_row.addWidget(self.new_name, 1)
        add_row.addWidget(self.add_button)
        edit_row = QHBoxLayout()
        edit_row.addWidget(self.rename_button)
        edit_row.addWidget(self.active_button)
        edit_row.addWidget(self.why, 1)
        bottom = QHBoxLayout()
        bottom.addStretch(1)
        bottom.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(note)
        layout.addWidget(self.table, 1)
        layout.addLayout(edit_row)
        layout.addLayout(add_row)
        layout.addWidget(self.error)
        layout.addLayout(bottom)
        self._villages: list = []
        self._select_after: str | None = None
        self._selected()
        reference_ops.kecamatan_choices(parent=self).success(self._show_kecamatan).failure(
            self._failed
        ).run()

    def sizeHint(self):  # noqa: N802 (Qt)
        hint = super().sizeHint()
        hint.setWidth(max(hint.width(), 560))
        hint.setHeight(max(hint.height(), 520))
        return hint

    def _failed(self, exc: BaseException) -> None:
        self.error.setText(str(exc))

    def _show_kecamatan(self, choices: list[tuple[str, str]]) -> None:
        self.kecamatan.blockSignals(True)
        for kecamatan_id, name in choices:
            self.kecamatan.addItem(name, kecamatan_id)
        self.kecamatan.blockSignals(False)
        self._load()

    def _load(self, _index: int | None = None) -> None:
        kecamatan_id = self.kecamatan.currentData()
        if not kecamatan_id:
            return
        reference_ops.villages(parent=self, kecamatan_id=kecamatan_id).success(self._show).failure(
            self._failed
        ).run()

    def _show(self, villages: list) -> None:
        self._villages = villages
        self.table.setRowCount(len(villages))
        kinds = {True: tr("Kelurahan"), False: tr("Desa")}
        select_row = -1
        for row, v in enumerate(villages):
            cells = (
                v.name,
                v.code or tr("(lokal)"),
                kinds[v.is_kelurahan],
                tr("Aktif") if v.active else tr("Nonaktif"),
            )
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if not v.active:
                    item.setForeground(Qt.GlobalColor.gray)
                self.table.setItem(row, column, item)
            if v.id == self._select_after:
                select_row = row
        self._select_after = None
        if select_row >= 0:
            self.table.selectRow(select_row)
            self.table.scrollToItem(self.table.item(select_row, 0))
        self._selected()

    def _current(self):
        rows = self.table.selectionModel().selectedRows()
        return self._villages[rows[0].row()] if rows else None

    def _selected(self) -> None:
        village = self._current()
        editable = village is not None and village.editable
        self.rename_button.setEnabled(editable)
        self.active_button.setEnabled(editable)
        if village is not None:
            self.active_button.setText(tr("Nonaktifkan") if village.active else tr("Aktifkan"))
        if village is not None and not village.editable:
            self.why.setText(tr("Desa resmi: perbaikan nama diajukan ke Polres."))
        else:
            self.why.clear()

    def _saved(self, village_id: str):
        def done(_result) -> None:
            self.error.clear()
            self._select_after = village_id
            self._load()

        return done

    def _rename(self) -> None:
        village = self._current()
        if village is None or not village.editable:
            return
        name, ok = QInputDialog.getText(
            self, tr("Ubah nama desa"), tr("Nama baru"), QLineEdit.EchoMode.Normal, village.name
        )
        if not ok or name.strip() == village.name:
            return
        reference_ops.update_desa(
            parent=self, desa_id=village.id, name=name, active=village.active
        ).success(self._saved(village.id)).failure(self._failed).run()

    def _toggle_active(self) -> None:
        village = self._current()
        if village is None or not village.editable:
            return
        reference_ops.update_desa(
            parent=self, desa_id=village.id, name=village.name, active=not village.active
        ).success(self._saved(village.id)).failure(self._failed).run()

    def _add(self) -> None:
        kecamatan_id = self.kecamatan.currentData()
        name = self.new_name.text().strip()
        if not kecamatan_id or not name:
            self.error.setText(tr("Tulis nama desa yang akan ditambahkan."))
            return

        def done(result) -> None:
            new_id, _all = result
            self.new_name.clear()
            self._saved(new_id)(None)

        reference_ops.add_desa(parent=self, kecamatan_id=kecamatan_id, name=name).success(
            done
        ).failure(self._failed).run()
