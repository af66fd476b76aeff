"""The post's report settings: numbering pattern, classification codes, security class,
"Mengetahui" block, letterhead and logo."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from okudesk.gui import messages
from okudesk.gui.i18n import tr
from okudesk.gui.operations import reports as report_ops

SECURITY_LABELS = {
    "Biasa": QT_TRANSLATE_NOOP("", "Biasa"),
    "Terbatas": QT_TRANSLATE_NOOP("", "Terbatas"),
    "Rahasia": QT_TRANSLATE_NOOP("", "Rahasia"),
    "Sangat Rahasia": QT_TRANSLATE_NOOP("", "Sangat Rahasia"),
}


# The number pattern is edited in words ("[nomor]/[tahun]/[kode pos]"), stored with the
# core's placeholders ("{no}/{year}/{code}"); typed placeholders are still understood.
PATTERN_WORDS = {
    "sec": QT_TRANSLATE_NOOP("", "sifat"),
    "no": QT_TRANSLATE_NOOP("", "nomor"),
    "month": QT_TRANSLATE_NOOP("", "bulan"),
    "class": QT_TRANSLATE_NOOP("", "klasifikasi"),
    "year": QT_TRANSLATE_NOOP("", "tahun"),
    "code": QT_TRANSLATE_NOOP("", "kode pos"),
}


def _word(key: str) -> str:
    return "[" + tr(PATTERN_WORDS[key]) + "]"


def pattern_in_words(template: str) -> str:
    for key in PATTERN_WORDS:
        template = template.replace("{" + key + "}", _word(key))
    return template


class PatternError(ValueError):
    pass


def pattern_from_words(text: str) -> str:
    """The stored template for what the user typed; PatternError names a part it does not
    know (a typo in a word would otherwise be printed as it is)."""
    import re

    out = text.strip()
    for key in PATTERN_WORDS:
        out = re.sub(re.escape(_word(key)), "{" + key + "}", out, flags=re.IGNORECASE)
    unknown = re.search(r"\[[^\]]*\]", out)
    if unknown:
        raise PatternError(
            tr("Bagian {part} tidak dikenal. Yang dapat dipakai: {parts}").format(
                part=unknown.group(0), parts=" ".join(_word(k) for k in PATTERN_WORDS)
            )
        )
    return out


def _parts(template: str) -> set[str]:
    import string

    try:
        return {n for _t, n, _s, _c in string.Formatter().parse(template) if n is not None}
    except ValueError:
        return set()


def checked_pattern(text: str) -> str:
    """The stored template for ``text``, or PatternError in words."""
    from okudesk.core.reports import numbering

    template = pattern_from_words(text)
    parts = _parts(template)
    if not numbering.REQUIRED <= parts or not parts <= numbering.FIELDS:
        raise PatternError(pattern_rule())
    return template


def pattern_rule() -> str:
    return tr("Pola nomor harus memuat {no}, {year} dan {code}; bagian lain: {others}").format(
        no=_word("no"),
        year=_word("year"),
        code=_word("code"),
        others=" ".join(_word(k) for k in ("sec", "month", "class")),
    )


class ReportSettingsDialog(QDialog):
    """The post's numbering pattern, classification codes, security class, commander, kop."""

    saved = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        from okudesk.core.reports import numbering

        self.setWindowTitle(tr("Pengaturan laporan"))
        self.setMinimumWidth(520)
        self.template = QLineEdit()
        self.template.setToolTip(pattern_rule())
        self.class_meeting = QLineEdit()
        self.class_incident = QLineEdit()
        self.security = QComboBox()
        for name in numbering.SECURITY_CLASSES:
            self.security.addItem(tr(SECURITY_LABELS.get(name, name)), name)
        self.commander = QComboBox()
        self.paper = QComboBox()
        self.paper.addItem(tr("A4 (210 x 297 mm)"), "A4")
        self.paper.addItem(tr("F4 / folio (215 x 330 mm)"), "F4")
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
        form.addRow(tr('Blok "Mengetahui"'), self.commander)
        form.addRow(tr("Ukuran kertas"), self.paper)
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
        self._post_code: str | None = None  # the example number's {code}, once read
        report_ops.load_settings(parent=self).success(self._show).failure(
            lambda e: self.error.setText(str(e))
        ).run()

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
            self.error.setText(
                tr("Berkas tidak dapat dibaca: {reason}").format(reason=exc.strerror or exc)
            )
            return
        self._save_logo(data)

    def _save_logo(self, data: bytes | None) -> None:
        report_ops.save_logo(parent=self, data=data).success(self._show_logo).failure(
            lambda e: self.error.setText(str(e))
        ).run()

    def _show(self, result) -> None:
        cfg, people, self._post_code, has_logo = result
        self._show_logo(has_logo)
        self.template.setText(pattern_in_words(cfg.number_template))
        self.class_meeting.setText(cfg.class_meeting)
        self.class_incident.setText(cfg.class_incident)
        self.security.setCurrentIndex(max(0, self.security.findData(cfg.security_class)))
        self.commander.addItem(tr("Otomatis (Kapolsek menurut jabatan)"), "")
        for officer_id, text in people:
            self.commander.addItem(text, officer_id)
        self.commander.setCurrentIndex(max(0, self.commander.findData(cfg.commander_id)))
        self.letterhead.setChecked(cfg.letterhead)
        self.paper.setCurrentIndex(max(0, self.paper.findData(cfg.paper)))
        self._update_example()

    def _update_example(self) -> None:
        from datetime import date

        from okudesk.core.errors import ValidationError
        from okudesk.core.reports import numbering

        if self._post_code is None:  # not read yet
            self.example.setText("-")
            return
        try:
            template = checked_pattern(self.template.text())
            self.example.setText(
                numbering.format_number(
                    template,
                    no=42,
                    when=date.today(),
                    class_code=self.class_meeting.text() or "LHK",
                    post_code=self._post_code,
                    security_class=self.security.currentData() or "Biasa",
                )
            )
            self.error.clear()
        except PatternError as exc:
            self.example.setText("-")
            self.error.setText(str(exc))
        except (ValidationError, KeyError, ValueError, IndexError):
            self.example.setText("-")
            self.error.setText(pattern_rule())

    def save(self) -> None:
        from okudesk.core.reports import settings

        try:
            template = checked_pattern(self.template.text())
        except PatternError as exc:
            self.error.setText(str(exc))
            self.template.setFocus()
            return
        cfg = settings.ReportSettings(
            number_template=template,
            class_meeting=self.class_meeting.text().strip(),
            class_incident=self.class_incident.text().strip(),
            security_class=self.security.currentData(),
            commander_id=self.commander.currentData() or "",
            letterhead=self.letterhead.isChecked(),
            paper=self.paper.currentData() or "A4",
        )

        def done(_result) -> None:
            self.saved.emit()
            self.accept()

        report_ops.save_settings(parent=self, settings=cfg).success(done).failure(
            lambda e: self.error.setText(str(e))
        ).run()
