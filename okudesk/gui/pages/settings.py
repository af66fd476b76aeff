"""Pengaturan: language, this post's letterhead, the officers, the export reminder."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from okudesk.gui import i18n, messages
from okudesk.gui.i18n import tr
from okudesk.gui.operations import OFFICER, POST, SETTING, hub
from okudesk.gui.operations import settings as settings_ops
from okudesk.gui.pages.base import Combo, Page, PostPicker, show_post_column


def _data_dir():
    """The open data folder: the language is kept per folder (okudesk.gui.i18n)."""
    store = hub().store
    return store.data_dir if store is not None else None


class SettingsPage(Page):
    areas = frozenset({POST, OFFICER, SETTING})

    def __init__(self, window):
        super().__init__(window)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)  # like the other pages: no box around the page
        outer.addWidget(scroll)
        body = QWidget()
        scroll.setWidget(body)
        v = QVBoxLayout(body)
        title = QLabel(tr("Pengaturan"))
        title.setObjectName("pageTitle")
        v.addWidget(title)

        lang_box = QGroupBox(tr("Bahasa"))
        lf = QFormLayout(lang_box)
        lf.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        self.language = QComboBox()
        self.language.addItem("Bahasa Indonesia", "id")
        self.language.addItem("English", "en")
        self.language.setCurrentIndex(
            max(self.language.findData(i18n.saved_language(_data_dir())), 0)
        )
        self.language.activated.connect(self._language_chosen)
        lf.addRow(tr("Bahasa tampilan"), self.language)
        self.language_note = QLabel(tr("Bahasa baru berlaku setelah okudesk dibuka ulang."))
        self.language_note.setStyleSheet("color: #5b6b7b;")
        lf.addRow("", self.language_note)
        v.addWidget(lang_box)

        post_box = QGroupBox(tr("Pos ini"))
        pf = QFormLayout(post_box)
        self.post_name = QLabel()
        pf.addRow(tr("Nama pos"), self.post_name)
        self.letterhead = [QLineEdit() for _ in range(3)]
        for i, edit in enumerate(self.letterhead, 1):
            edit.setMaxLength(60)
            pf.addRow(tr("Kop surat baris {n}").format(n=i), edit)
        self.place_name = QLineEdit()
        pf.addRow(tr("Tempat penandatanganan"), self.place_name)
        self.kecamatan = QListWidget()
        self.kecamatan.setMaximumHeight(120)
        pf.addRow(tr("Kecamatan wilayah"), self.kecamatan)
        self.post_error = QLabel()
        self.post_error.setStyleSheet("color: #b71c1c;")
        self.post_error.setWordWrap(True)
        pf.addRow("", self.post_error)
        self.save_post = QPushButton(tr("Simpan data pos"))
        self.save_post.clicked.connect(self.save)
        save_row = QHBoxLayout()
        save_row.addWidget(self.save_post)
        save_row.addStretch(1)
        pf.addRow("", save_row)
        v.addWidget(post_box)

        place_box = QGroupBox(tr("Wilayah"))
        pl = QHBoxLayout(place_box)
        place_note = QLabel(
            tr("13 kecamatan dan 157 desa/kelurahan OKU dengan kode Kemendagri, dan desa lokal")
        )
        place_note.setWordWrap(True)
        pl.addWidget(place_note, 1)
        self.manage_villages = QPushButton(tr("Kelola desa/kelurahan…"))
        self.manage_villages.clicked.connect(self._manage_villages)
        pl.addWidget(self.manage_villages)
        self.guard("reference.write", self.manage_villages)
        v.addWidget(place_box)

        off_box = QGroupBox(tr("Petugas"))
        ov = QVBoxLayout(off_box)
        self.officer_post = PostPicker()  # HQ: every post's officers are here
        self.officer_post.known.connect(lambda _hq: self._show_officer_posts())
        self.officer_post.currentIndexChanged.connect(lambda _i: self._show_officer_posts())
        ov.addWidget(self.officer_post)
        self.officers = QTableWidget(0, 5)
        self.officers.setHorizontalHeaderLabels(
            [tr("Nama"), tr("Pangkat"), tr("NRP"), tr("Jabatan"), tr("Pos")]
        )
        self.officers.verticalHeader().setVisible(False)
        self.officers.horizontalHeader().setStretchLastSection(True)
        self.officers.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.officers.setMinimumHeight(200)
        ov.addWidget(self.officers)
        add = QHBoxLayout()
        self.o_name, self.o_rank, self.o_nrp, self.o_position = (
            QLineEdit(),
            Combo(tr("(pangkat)")),
            QLineEdit(),
            QLineEdit(),
        )
        self.o_name.setPlaceholderText(tr("Nama"))
        self.o_nrp.setPlaceholderText(tr("NRP (8 angka)"))
        self.o_nrp.setMaxLength(8)
        self.o_position.setPlaceholderText(tr("Jabatan"))
        self.add_officer = QPushButton(tr("Tambah petugas"))
        for w in (self.o_name, self.o_rank, self.o_nrp, self.o_position, self.add_officer):
            add.addWidget(w)
        ov.addLayout(add)
        self.officer_error = QLabel()
        self.officer_error.setStyleSheet("color: #b71c1c;")
        ov.addWidget(self.officer_error)
        self.add_officer.clicked.connect(self._add_officer)
        self.edit_officer = QPushButton(tr("Ubah petugas…"))
        self.edit_officer.setToolTip(tr("Ubah pangkat, nama atau jabatan petugas yang dipilih"))
        self.edit_officer.setEnabled(False)
        self.edit_officer.clicked.connect(self._edit_officer)
        self.officers.itemSelectionChanged.connect(
            lambda: self.edit_officer.setEnabled(self._chosen_officer() is not None)
        )
        self.officers.itemDoubleClicked.connect(lambda _item: self._edit_officer())
        edit_row = QHBoxLayout()
        edit_row.addWidget(self.edit_officer)
        edit_row.addStretch(1)
        ov.insertLayout(1, edit_row)
        self._officer_list: list = []
        self._ranks: list = []
        self.guard("letterhead.write", self.save_post, actions=("save",))
        self.guard("officer.manage", self.add_officer, self.edit_officer)
        v.addWidget(off_box)

        rem_box = QGroupBox(tr("Pengingat ekspor"))
        rf = QFormLayout(rem_box)
        rf.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        self.warn_days = QSpinBox()
        self.warn_days.setRange(1, 90)
        self.warn_days.setSuffix(tr(" hari"))
        self.warn_days.editingFinished.connect(self._save_days)
        rf.addRow(tr("Ingatkan bila tidak ada ekspor selama"), self.warn_days)
        v.addWidget(rem_box)
        v.addStretch(1)
        self.post = None
        self.refresh()

    def _manage_villages(self) -> None:
        from okudesk.gui.dialogs.villages import VillagesDialog

        VillagesDialog(self).exec()

    def _language_chosen(self, _index: int) -> None:
        language = self.language.currentData()
        i18n.save_language(language, _data_dir())
        from okudesk.core import i18n as core_i18n

        core_i18n.set_language(language)
        messages.info(self, tr("Bahasa disimpan. Buka ulang okudesk untuk memakai bahasa baru."))

    def _show_officer_posts(self) -> None:
        show_post_column(self.officers, 4, self.officer_post)

    def refresh(self, changes=None) -> None:
        settings_ops.load(parent=self).success(self._show).run()

    def _show(self, result) -> None:
        post, officer_list, ranks, days, kecamatan = result
        self.post = post
        if post is not None:
            self.post_name.setText(f"{post.name} ({post.code})")
            lines = list(post.letterhead) + ["", "", ""]
            for edit, line in zip(self.letterhead, lines, strict=False):
                edit.setText(line)
            self.place_name.setText(post.place_name)
        self.kecamatan.clear()
        mine = set(post.kecamatan_ids) if post is not None else set()
        for k in kecamatan:
            item = QListWidgetItem(k.name)
            item.setData(Qt.ItemDataRole.UserRole, k.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            checked = k.id in mine
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
            self.kecamatan.addItem(item)
        self._officer_list, self._ranks = list(officer_list), list(ranks)
        self.officers.setRowCount(len(officer_list))
        for row, o in enumerate(officer_list):
            for col, value in enumerate((o.name, o.rank, o.nrp, o.position, o.origin_post)):
                self.officers.setItem(row, col, QTableWidgetItem(value))
        self.officers.resizeColumnsToContents()
        self.officers.horizontalHeader().setStretchLastSection(True)
        if not self.officer_post.hq:
            self.officer_post.load(self)
        self._show_officer_posts()
        self.o_rank.set_items([(r.id, r.name) for r in ranks])
        self.warn_days.setValue(days)
        self.ready.emit()

    def save(self) -> None:
        if self.post is None:
            return
        post_id, lines, place = (
            self.post.id,
            [e.text() for e in self.letterhead],
            self.place_name.text(),
        )
        kecamatan = [
            self.kecamatan.item(i).data(Qt.ItemDataRole.UserRole)
            for i in range(self.kecamatan.count())
            if self.kecamatan.item(i).checkState() == Qt.CheckState.Checked
        ]
        self.post_error.setText("")

        def failed(exc):
            from okudesk.core.errors import ValidationError

            if isinstance(exc, ValidationError):
                self.post_error.setText(str(exc))
            else:
                from okudesk.gui import errors

                errors.show_exception(exc, parent=self)

        settings_ops.update_letterhead(
            parent=self, post_id=post_id, lines=lines, place_name=place, kecamatan_ids=kecamatan
        ).failure(failed).run()

    def _add_officer(self) -> None:
        name, rank, nrp, position = (
            self.o_name.text(),
            self.o_rank.current_id(),
            self.o_nrp.text(),
            self.o_position.text(),
        )
        post_id = self.post.id if self.post else None
        self.officer_error.setText("")

        def done(_info) -> None:
            for w in (self.o_name, self.o_nrp, self.o_position):
                w.clear()

        def failed(exc):
            self.officer_error.setText(str(exc))

        settings_ops.add_officer(
            parent=self, name=name, nrp=nrp, rank_id=rank, position=position, post_id=post_id
        ).success(done).failure(failed).run()

    def _chosen_officer(self):
        row = self.officers.currentRow()
        selected = self.officers.selectionModel().hasSelection()
        return self._officer_list[row] if selected and 0 <= row < len(self._officer_list) else None

    def _edit_officer(self):
        """A missing rank, a promotion, a new position: corrected in a small dialog."""
        officer = self._chosen_officer()
        if officer is None or not self.allowed("officer.manage"):
            return None
        from okudesk.gui.dialogs.officer_edit import OfficerDialog

        dialog = OfficerDialog(self, officer, self._ranks)
        dialog.open()
        return dialog

    def _save_days(self) -> None:
        settings_ops.set_export_warning_days(parent=self, days=self.warn_days.value()).run()
