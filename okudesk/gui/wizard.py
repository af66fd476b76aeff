"""First run on an empty data folder: set up this post (name, code, letterhead, officers),
or try okudesk with demo data (filled on the operation worker)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from okudesk.gui.i18n import tr
from okudesk.gui.messages import ErrorLabel
from okudesk.gui.operations import setup as setup_ops
from okudesk.gui.pages.base import Combo


class FirstRunWizard(QWidget):
    finished_setup = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        outer = QVBoxLayout(self)
        card = QFrame()
        card.setObjectName("card")
        card.setMaximumWidth(820)
        outer.addWidget(card, 0, Qt.AlignmentFlag.AlignHCenter)
        outer.addStretch(1)
        v = QVBoxLayout(card)
        self.heading = QLabel(tr("Selamat datang di okudesk"))
        self.heading.setObjectName("pageTitle")
        v.addWidget(self.heading)
        self.steps = QStackedWidget()
        v.addWidget(self.steps)

        # step 1: choose
        s1 = QWidget()
        l1 = QVBoxLayout(s1)
        intro = QLabel(
            tr(
                "Folder data ini masih kosong. Siapkan pos Anda dalam dua langkah singkat, atau "
                "coba okudesk dulu dengan data contoh (data contoh dapat dipakai untuk latihan)."
            )
        )
        intro.setWordWrap(True)
        l1.addWidget(intro)
        self.setup_button = QPushButton(tr("Siapkan pos ini"))
        self.demo_button = QPushButton(tr("Coba dengan data contoh"))
        for b in (self.setup_button, self.demo_button):
            b.setMinimumHeight(40)
            l1.addWidget(b)
        self.progress = QProgressBar()
        self.progress.setVisible(False)
        l1.addWidget(self.progress)
        self.progress_label = QLabel()
        l1.addWidget(self.progress_label)
        self.setup_button.clicked.connect(lambda: self.steps.setCurrentIndex(1))
        self.demo_button.clicked.connect(self.load_demo)
        self.steps.addWidget(s1)

        # step 2: the post
        s2 = QWidget()
        l2 = QVBoxLayout(s2)
        form = QFormLayout()
        self.errors: dict[str, ErrorLabel] = {}
        self.name = QLineEdit()
        self.name.setPlaceholderText(tr("mis. Polsek Baturaja Timur"))
        self.code = QLineEdit()
        self.code.setPlaceholderText(tr("mis. BTT"))
        self.code.setMaxLength(12)
        self.kecamatan = Combo(tr("(pilih kecamatan wilayah pos)"))
        self.place_name = QLineEdit()
        self.place_name.setPlaceholderText(tr("mis. Baturaja"))
        self.letterhead = [QLineEdit() for _ in range(3)]
        defaults = ("KEPOLISIAN DAERAH SUMATERA SELATAN", "RESOR OGAN KOMERING ULU", "")
        for edit, text in zip(self.letterhead, defaults, strict=True):
            edit.setText(text)
            edit.setMaxLength(60)
        self.letterhead[2].setPlaceholderText(tr("mis. SEKTOR BATURAJA TIMUR"))
        self._row(form, tr("Nama pos"), self.name, "name")
        self._row(form, tr("Kode satuan (untuk nomor surat)"), self.code, "code")
        self._row(form, tr("Kecamatan wilayah"), self.kecamatan, "kecamatan")
        self._row(form, tr("Tempat penandatanganan"), self.place_name, "place_name")
        for i, edit in enumerate(self.letterhead, 1):
            form.addRow(tr("Kop surat baris {n}").format(n=i), edit)
        self.errors["letterhead"] = ErrorLabel()
        form.addRow("", self.errors["letterhead"])
        l2.addLayout(form)
        nav2 = QHBoxLayout()
        back2, self.next2 = QPushButton(tr("Kembali")), QPushButton(tr("Lanjut"))
        nav2.addWidget(back2)
        nav2.addStretch(1)
        nav2.addWidget(self.next2)
        l2.addLayout(nav2)
        back2.clicked.connect(lambda: self.steps.setCurrentIndex(0))
        self.next2.clicked.connect(self._check_post)
        self.steps.addWidget(s2)

        # step 3: the officers
        s3 = QWidget()
        l3 = QVBoxLayout(s3)
        l3.addWidget(
            QLabel(
                tr(
                    "Petugas pos ini (nama, pangkat, NRP 8 angka, jabatan). Dapat ditambah nanti "
                    "di Pengaturan."
                )
            )
        )
        self.officers = QTableWidget(4, 4)
        self.officers.setHorizontalHeaderLabels(
            [tr("Nama"), tr("Pangkat"), tr("NRP"), tr("Jabatan")]
        )
        self.officers.horizontalHeader().setStretchLastSection(True)
        self.officers.setColumnWidth(0, 220)
        self.officers.setColumnWidth(1, 130)
        self.officers.verticalHeader().setVisible(False)
        self.officers.setMinimumHeight(170)
        l3.addWidget(self.officers)
        self.errors["officers"] = ErrorLabel()
        l3.addWidget(self.errors["officers"])
        nav3 = QHBoxLayout()
        back3, self.finish = QPushButton(tr("Kembali")), QPushButton(tr("Selesai dan mulai"))
        add_row = QPushButton(tr("+ Baris"))
        nav3.addWidget(back3)
        nav3.addWidget(add_row)
        nav3.addStretch(1)
        nav3.addWidget(self.finish)
        l3.addLayout(nav3)
        back3.clicked.connect(lambda: self.steps.setCurrentIndex(1))
        add_row.clicked.connect(self._add_officer_row)
        self.finish.clicked.connect(self.save)
        self.steps.addWidget(s3)
        self.ranks: list = []
        self.officers_added = 0  # officers saved by the wizard: they have no login yet
        self._load()

    def _row(self, form: QFormLayout, label: str, widget: QWidget, field: str) -> None:
        box = QWidget()
        v = QVBoxLayout(box)
        v.setContentsMargins(0, 0, 0, 0)
        v.setSpacing(2)
        v.addWidget(widget)
        self.errors[field] = ErrorLabel()
        v.addWidget(self.errors[field])
        form.addRow(label, box)

    def _load(self) -> None:
        def done(result) -> None:
            kecamatan, ranks = result
            self.kecamatan.set_items([(k.id, k.name) for k in kecamatan])
            self.ranks = ranks
            for row in range(self.officers.rowCount()):
                self._rank_combo(row)

        setup_ops.choices(parent=self).success(done).run()

    def _rank_combo(self, row: int) -> None:
        combo = Combo(tr("(pangkat)"))
        combo.set_items([(r.id, r.name) for r in self.ranks])
        self.officers.setCellWidget(row, 1, combo)

    def _add_officer_row(self) -> None:
        self.officers.insertRow(self.officers.rowCount())
        self._rank_combo(self.officers.rowCount() - 1)

    def _clear_errors(self) -> None:
        for e in self.errors.values():
            e.show_text("")

    def _check_post(self) -> None:
        """Check name, code and letterhead with the core's rules before the officers step."""
        from okudesk.core.errors import ValidationError
        from okudesk.core.records import posts

        self._clear_errors()
        if not self.name.text().strip():
            self.errors["name"].show_text(tr("Nama pos wajib diisi"))
            return
        try:
            self.code.setText(posts.validate_code(self.code.text()))
            lines = posts.validate_letterhead([e.text() for e in self.letterhead])
        except ValidationError as exc:
            self.errors.get(exc.field or "letterhead", self.errors["letterhead"]).show_text(
                str(exc)
            )
            return
        for edit, line in zip(self.letterhead, list(lines) + ["", "", ""], strict=False):
            edit.setText(line)
        self.steps.setCurrentIndex(2)

    def officer_rows(self) -> list[tuple[str, str | None, str, str]]:
        rows = []
        for row in self.officer_table_rows():

            def cell(col, row=row):
                item = self.officers.item(row, col)
                return item.text().strip() if item else ""

            combo = self.officers.cellWidget(row, 1)
            rows.append((cell(0), combo.current_id() if combo else None, cell(2), cell(3)))
        return rows

    def officer_table_rows(self) -> list[int]:
        """The table rows someone typed in (empty rows are skipped)."""

        def filled(row: int) -> bool:
            items = (self.officers.item(row, col) for col in (0, 2, 3))
            return any(item is not None and item.text().strip() for item in items)

        return [row for row in range(self.officers.rowCount()) if filled(row)]

    def set_officer(self, row: int, name: str, nrp: str, position: str = "") -> None:
        """Fill one officer row (used by tests and by people pasting)."""
        while self.officers.rowCount() <= row:
            self._add_officer_row()
        for col, value in ((0, name), (2, nrp), (3, position)):
            self.officers.setItem(row, col, QTableWidgetItem(value))

    def save(self) -> None:
        self._clear_errors()
        name, code, place = self.name.text(), self.code.text(), self.place_name.text()
        letterhead = [e.text() for e in self.letterhead]
        kecamatan = [self.kecamatan.current_id()] if self.kecamatan.current_id() else []
        officers_rows = self.officer_rows()
        officer_table_rows = self.officer_table_rows()

        def failed(exc) -> None:
            from okudesk.core.errors import ValidationError

            self.finish.setEnabled(True)
            if isinstance(exc, ValidationError):
                target = {"code": "code", "letterhead": "letterhead"}.get(
                    exc.field or "", "officers"
                )
                if target != "officers":
                    self.steps.setCurrentIndex(1)
                text = str(exc)
                row = getattr(exc, "officer_row", None)
                if target == "officers" and row is not None:
                    table_row = officer_table_rows[row]
                    text = tr("Petugas baris {n} ({name}): {reason}").format(
                        n=table_row + 1, name=officers_rows[row][0] or "-", reason=text
                    )
                    column = 2 if exc.field == "nrp" else 0
                    self.officers.setCurrentCell(table_row, column)
                    self.officers.setFocus()
                self.errors[target].show_text(text)
            else:
                from okudesk.gui import errors

                errors.show_exception(exc, parent=self)

        def done(_post) -> None:
            self.officers_added = len(officers_rows)
            self.finished_setup.emit()

        self.finish.setEnabled(False)
        setup_ops.set_up_post(
            parent=self,
            code=code,
            name=name,
            letterhead=letterhead,
            place_name=place,
            kecamatan_ids=kecamatan,
            officer_rows=officers_rows,
        ).success(done).failure(failed).run()

    def load_demo(self, *, meetings: int = 120, incidents: int = 200) -> None:
        self.setup_button.setEnabled(False)
        self.demo_button.setEnabled(False)
        self.progress.setVisible(True)
        self.progress.setRange(0, 0)
        self.progress_label.setText(tr("Mengisi data contoh…"))

        def failed(exc) -> None:
            self.setup_button.setEnabled(True)
            self.demo_button.setEnabled(True)
            self.progress.setVisible(False)
            self.progress_label.setText("")
            from okudesk.gui import errors

            errors.show_exception(exc, parent=self)

        setup_ops.fill_demo(parent=self, meetings=meetings, incidents=incidents).success(
            lambda _s: self.finished_setup.emit()
        ).failure(failed).run()
