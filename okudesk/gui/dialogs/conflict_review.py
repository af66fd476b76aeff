"""Periksa konflik: one kept conflict at HQ seen whole before anyone decides it.

The record's number and title, the two versions side by side with the differing fields
highlighted, where, by whom and when each was made (on that computer's clock), why the merge
chose the version in use, anything inside the record that disagrees, and the two decisions,
each confirmed with the fields it will change. The comparison and the decision are the core's
(okudesk.core.sync.conflicts); this only shows them.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from okudesk.gui import labels, messages
from okudesk.gui.i18n import tr
from okudesk.gui.operations import sync as sync_ops

DIFF_BACKGROUND = QColor("#fff1c2")
WARN = "#b3261e"

TABLE_NAMES = {
    "incident": lambda: tr("Kejadian"),
    "meeting": lambda: tr("Rapat"),
    "stakeholder": lambda: tr("Tokoh"),
    "follow_up": lambda: tr("Tindak lanjut"),
}


def table_name(table: str) -> str:
    name = TABLE_NAMES.get(table)
    return name() if name else table


def _side_text(side) -> str:
    where = tr("Polres") if side.is_hq else tr("pos {post}").format(post=side.post_code or "?")
    first = [where]
    if side.changed_by:
        first.append(tr("diubah oleh {name}").format(name=side.changed_by))
    if side.deleted:
        first.append(tr("DIHAPUS"))
    lines = [" · ".join(first)]
    if side.changed_at is not None:
        when = labels.when(side.changed_at)
        lines.append(tr("{when} (jam komputer {where})").format(when=when, where=where))
    return "\n".join(lines)


def _value(name: str, text: str) -> str:
    if name == "status":
        return labels.incident_status(text) if text else ""
    if name == "severity":
        return labels.severity(text) if text else ""
    return " ".join(text.split())


class ConflictReviewDialog(QDialog):
    decided = Signal(bool)  # adopted?

    def __init__(self, parent: QWidget | None, table: str, record_id: str, instance: str):
        super().__init__(parent)
        self.key = (table, record_id, instance)
        self.review = None
        self.setWindowTitle(tr("Periksa konflik sinkronisasi"))
        self.resize(980, 620)
        self.heading = QLabel()
        self.heading.setObjectName("pageTitle")
        self.heading.setWordWrap(True)
        self.rule = QLabel()
        self.rule.setWordWrap(True)
        self.rule.setStyleSheet("background:#eef4fb; padding:6px; border-radius:4px;")
        self.problems = QLabel()
        self.problems.setWordWrap(True)
        self.problems.setStyleSheet(f"color:{WARN}; font-weight:600;")
        self.problems.hide()
        self.only_differing = QCheckBox(tr("Hanya kolom yang berbeda"))
        self.only_differing.toggled.connect(self._filter_rows)
        self.fields = QTableWidget(0, 3)
        self.fields.verticalHeader().setVisible(False)
        self.fields.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.fields.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.fields.setWordWrap(True)
        header = self.fields.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.keep_button = QPushButton(tr("Pertahankan versi yang dipakai…"))
        self.adopt_button = QPushButton(tr("Pakai versi dari pos…"))
        close = QPushButton(tr("Tutup"))
        self.keep_button.clicked.connect(lambda: self.decide(adopt=False))
        self.adopt_button.clicked.connect(lambda: self.decide(adopt=True))
        close.clicked.connect(self.reject)
        for b in (self.keep_button, self.adopt_button):
            b.setEnabled(False)
            b.setAutoDefault(False)
        buttons = QHBoxLayout()
        buttons.addWidget(self.only_differing)
        buttons.addStretch(1)
        buttons.addWidget(self.keep_button)
        buttons.addWidget(self.adopt_button)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.rule)
        layout.addWidget(self.problems)
        layout.addWidget(self.fields, 1)
        layout.addWidget(self.summary)
        layout.addLayout(buttons)
        sync_ops.review_conflict(
            parent=self, table=table, record_id=record_id, instance=instance
        ).success(self.show_review).run()

    def show_review(self, r) -> None:
        self.review = r
        what = table_name(r.table)
        self.heading.setText(
            f"{what} {r.number}".strip() + (f" — {r.title}" if r.title else "")
            if r.number
            else f"{what} — {r.title or r.record_id}"
        )
        if r.exists:
            self.rule.setText(
                "<b>"
                + escape(tr("Dipakai sekarang"))
                + ":</b> "
                + escape(r.reason)
                + "<br><span style='color:#5b6b7b'>"
                + escape(tr("Jam yang tercantum adalah jam komputer tempat versi itu dibuat."))
                + "</span>"
            )
        else:
            self.rule.setText(
                escape(tr("Data ini tidak ada di Polres; versi dari pos hanya dapat ditolak."))
            )
        if r.problems:
            self.problems.setText("⚠ " + "<br>".join(escape(p) for p in r.problems))
            self.problems.show()
        current = tr("Dipakai sekarang") + "\n" + _side_text(r.current)
        kept = tr("Versi dari pos (disimpan)") + "\n" + _side_text(r.kept)
        self.fields.setHorizontalHeaderLabels([tr("Kolom"), current, kept])
        self.fields.setRowCount(len(r.fields))
        bold = QFont(self.font())
        bold.setBold(True)
        for row, f in enumerate(r.fields):
            cells = [f.label, _value(f.name, f.current_text), _value(f.name, f.kept_text)]
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(text if len(text) > 40 else "")
                if f.differs:
                    item.setBackground(QBrush(DIFF_BACKGROUND))
                    item.setFont(bold)
                item.setData(Qt.ItemDataRole.UserRole, f.name)
                self.fields.setItem(row, col, item)
        self.fields.resizeRowsToContents()
        n = len(r.differing)
        self.summary.setText(
            tr("{n} kolom berbeda: {names}").format(
                n=n, names=", ".join(f.label for f in r.differing)
            )
            if n
            else tr("Isi kedua versi sama.")
        )
        self.keep_button.setEnabled(True)
        self.adopt_button.setEnabled(r.exists)

    def differing_rows(self) -> list[int]:
        if self.review is None:
            return []
        return [k for k, f in enumerate(self.review.fields) if f.differs]

    def _filter_rows(self, only: bool) -> None:
        differing = set(self.differing_rows())
        for row in range(self.fields.rowCount()):
            self.fields.setRowHidden(row, only and row not in differing)

    def decide(self, *, adopt: bool) -> None:
        r = self.review
        if r is None:
            return
        record = f"{table_name(r.table)} {r.number or r.record_id}"
        if adopt:
            lines = [
                f"• {f.label}: «{_value(f.name, f.current_text)[:60]}» → "
                f"«{_value(f.name, f.kept_text)[:60]}»"
                for f in r.differing
            ]
            text = tr(
                "Pakai versi dari pos {post} untuk {record}? Yang berubah:\n{changes}\n\n"
                "Perubahan ini menjadi perubahan Polres, dicatat di jejak audit dan dikirim ke "
                "pos pada tanda terima berikutnya."
            ).format(
                post=r.kept.post_code or "?",
                record=record,
                changes="\n".join(lines) or tr("(tidak ada kolom yang berbeda)"),
            )
            ok = tr("Pakai versi dari pos")
        else:
            text = tr(
                "Pertahankan versi yang dipakai untuk {record}? Versi dari pos {post} ditolak "
                "({n} kolom berbeda tidak dipakai); keputusan dicatat di jejak audit."
            ).format(record=record, post=r.kept.post_code or "?", n=len(r.differing))
            ok = tr("Pertahankan")
        if r.problems:
            text += "\n\n" + tr(
                "Status dan riwayat statusnya akan disamakan dengan satu baris riwayat baru."
            )
        if not messages.confirm(self, text, ok_text=ok):
            return
        table, record_id, instance = self.key
        self.keep_button.setEnabled(False)
        self.adopt_button.setEnabled(False)

        def done(_seen) -> None:
            messages.info(
                self.parentWidget(),
                (
                    tr("Konflik {record} diputuskan: versi dari pos dipakai.")
                    if adopt
                    else tr("Konflik {record} diputuskan: versi yang dipakai dipertahankan.")
                ).format(record=record),
            )
            self.decided.emit(adopt)
            self.accept()

        def failed(exc: BaseException) -> None:
            from okudesk.gui import errors

            self.keep_button.setEnabled(True)
            self.adopt_button.setEnabled(r.exists)
            errors.show_exception(exc, parent=self)

        sync_ops.decide_conflict(
            parent=self, table=table, record_id=record_id, instance=instance, adopt=adopt
        ).success(done).failure(failed).run()
