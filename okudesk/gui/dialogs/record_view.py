"""Lihat: a meeting or an incident read whole, changing nothing (HQ, where editing a post's
record is not allowed, and posts): every field of its field table, the status history, the
photos at full size (zoom, next/previous), follow-ups, the reports made from it and the audit
entries for it. The data come whole from the core (okudesk.core.records.view)."""

from __future__ import annotations

import json
from datetime import UTC
from html import escape

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage, QKeySequence, QPixmap, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from okudesk.gui import labels
from okudesk.gui.i18n import tr
from okudesk.gui.operations import record_view as view_ops

ZOOM_STEP = 1.25
ZOOM_MIN, ZOOM_MAX = 0.05, 8.0


def _value_text(table: str, f) -> str:
    if f.kind == "choice" and f.name == "status":
        return labels.incident_status(f.value) if table == "incident" else str(f.value or "")
    if f.kind == "choice" and f.name == "severity":
        return labels.severity(f.value)
    if f.kind in ("datetime", "date") and f.value is not None:
        return labels.when(f.value)
    return f.text


def _table(headers: list[str]) -> QTableWidget:
    t = QTableWidget(0, len(headers))
    t.setHorizontalHeaderLabels(headers)
    t.verticalHeader().setVisible(False)
    t.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    t.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    t.horizontalHeader().setSectionResizeMode(len(headers) - 1, QHeaderView.ResizeMode.Stretch)
    t.setWordWrap(False)
    return t


def _fill(t: QTableWidget, rows: list[list[str]], tooltips: list[str] | None = None) -> None:
    t.setRowCount(len(rows))
    for r, values in enumerate(rows):
        for c, value in enumerate(values):
            item = QTableWidgetItem(value)
            if tooltips and c == len(values) - 1 and tooltips[r]:
                item.setToolTip(tooltips[r])
            t.setItem(r, c, item)
    t.resizeColumnsToContents()


class PhotoViewer(QWidget):
    """One photo at a time at full size: zoom in and out, fit, next and previous."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.photos: list = []
        self.index = -1
        self.zoom = 1.0
        self.fit = True
        self.image: QImage | None = None
        self.picture = QLabel()
        self.picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.scroll = QScrollArea()
        self.scroll.setWidget(self.picture)
        self.scroll.setWidgetResizable(False)
        self.scroll.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.caption = QLabel()
        self.caption.setWordWrap(True)
        self.position = QLabel()
        self.prev_button = QPushButton(tr("‹ Sebelumnya"))
        self.next_button = QPushButton(tr("Berikutnya ›"))
        self.zoom_out_button = QPushButton(tr("Perkecil −"))
        self.zoom_in_button = QPushButton(tr("Perbesar +"))
        self.fit_button = QPushButton(tr("Sesuai layar"))
        self.actual_button = QPushButton(tr("Ukuran asli"))
        self.prev_button.clicked.connect(lambda: self.show_photo(self.index - 1))
        self.next_button.clicked.connect(lambda: self.show_photo(self.index + 1))
        self.zoom_in_button.clicked.connect(lambda: self.set_zoom(self.zoom * ZOOM_STEP))
        self.zoom_out_button.clicked.connect(lambda: self.set_zoom(self.zoom / ZOOM_STEP))
        self.fit_button.clicked.connect(self.fit_to_window)
        self.actual_button.clicked.connect(lambda: self.set_zoom(1.0))
        for key, fn in (
            (QKeySequence.StandardKey.ZoomIn, lambda: self.set_zoom(self.zoom * ZOOM_STEP)),
            (QKeySequence.StandardKey.ZoomOut, lambda: self.set_zoom(self.zoom / ZOOM_STEP)),
        ):
            QShortcut(key, self, fn)
        QShortcut(QKeySequence(Qt.Key.Key_Right), self, lambda: self.show_photo(self.index + 1))
        QShortcut(QKeySequence(Qt.Key.Key_Left), self, lambda: self.show_photo(self.index - 1))
        bar = QHBoxLayout()
        for w in (self.prev_button, self.next_button, self.position):
            bar.addWidget(w)
        bar.addStretch(1)
        for w in (self.zoom_out_button, self.zoom_in_button, self.fit_button, self.actual_button):
            bar.addWidget(w)
        v = QVBoxLayout(self)
        v.addLayout(bar)
        v.addWidget(self.scroll, 1)
        v.addWidget(self.caption)
        self._update_buttons()

    def set_photos(self, photos) -> None:
        self.photos = list(photos)
        self.index = -1
        if self.photos:
            self.show_photo(0)
        else:
            self.picture.setText(tr("Tidak ada foto."))
            self._update_buttons()

    def show_photo(self, index: int) -> None:
        if not 0 <= index < len(self.photos):
            return
        self.index = index
        a = self.photos[index]
        self.caption.setText(
            " · ".join(x for x in (a.caption, labels.when(a.taken_at), a.original_name) if x)
        )
        self.position.setText(
            tr("Foto {n} dari {total}").format(n=index + 1, total=len(self.photos))
        )
        self._update_buttons()

        def done(image: QImage) -> None:
            if self.index != index:
                return
            if image.isNull():
                self.image = None
                self.picture.setText(tr("Berkas foto tidak dapat dibaca."))
                return
            self.image = image
            if self.fit:
                self.fit_to_window()
            else:
                self._render()

        def failed(_exc: BaseException) -> None:
            if self.index == index:
                self.image = None
                self.picture.setText(tr("Berkas foto tidak ada di folder data."))

        view_ops.photo_image(parent=self, sha256=a.sha256).success(done).failure(failed).run()

    def fit_to_window(self) -> None:
        self.fit = True
        if self.image is None:
            return
        area = self.scroll.viewport().size()
        w, h = max(area.width() - 4, 50), max(area.height() - 4, 50)
        self.zoom = min(w / self.image.width(), h / self.image.height(), 1.0)
        self._render()

    def set_zoom(self, zoom: float) -> None:
        self.fit = False
        self.zoom = min(max(zoom, ZOOM_MIN), ZOOM_MAX)
        self._render()

    def _render(self) -> None:
        if self.image is None:
            return
        size = self.image.size() * self.zoom
        pixmap = QPixmap.fromImage(self.image).scaled(
            size, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation
        )
        self.picture.setPixmap(pixmap)
        self.picture.resize(pixmap.size())
        self._update_buttons()

    def _update_buttons(self) -> None:
        n = len(self.photos)
        self.prev_button.setEnabled(self.index > 0)
        self.next_button.setEnabled(0 <= self.index < n - 1)
        for b in (self.zoom_in_button, self.zoom_out_button, self.fit_button, self.actual_button):
            b.setEnabled(n > 0)


class RecordViewDialog(QDialog):
    def __init__(self, parent: QWidget | None, table: str, record_id: str):
        super().__init__(parent)
        self.table_name = table
        self.record_id = record_id
        self.record = None
        self.setWindowTitle(tr("Lihat data"))
        self.resize(1000, 680)
        self.heading = QLabel()
        self.heading.setObjectName("pageTitle")
        self.heading.setWordWrap(True)
        self.tabs = QTabWidget()
        self.data = QTextBrowser()
        self.photos = PhotoViewer()
        self.follow_ups = _table([tr("Apa"), tr("Penanggung jawab"), tr("Tenggat"), tr("Status")])
        self.reports = _table(
            [tr("Nomor"), tr("Ditandatangani"), tr("Penanda tangan"), tr("Halaman"), tr("Kode")]
        )
        self.audit = _table(
            [tr("Waktu"), tr("Petugas"), tr("Tindakan"), tr("Keterangan"), tr("Perubahan")]
        )
        self.tabs.addTab(self.data, tr("Data"))
        self.tabs.addTab(self.photos, tr("Foto"))
        self.tabs.addTab(self.follow_ups, tr("Tindak lanjut"))
        self.tabs.addTab(self.reports, tr("Laporan"))
        self.tabs.addTab(self.audit, tr("Jejak audit"))
        close = QPushButton(tr("Tutup"))
        close.clicked.connect(self.accept)
        bottom = QHBoxLayout()
        note = QLabel(tr("Hanya dilihat: tidak ada yang diubah di sini."))
        note.setStyleSheet("color:#5b6b7b")
        bottom.addWidget(note)
        bottom.addStretch(1)
        bottom.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.tabs, 1)
        layout.addLayout(bottom)
        view_ops.read_record(parent=self, table=table, record_id=record_id).success(
            self.show_record
        ).run()

    def show_record(self, r) -> None:
        self.record = r
        kind = labels.record_type(r.table)  # one record: "Kejadian", in English "Incident"
        self.heading.setText(f"{kind} {r.number}" + (f" — {r.title}" if r.title else ""))
        rows = "".join(
            "<tr><td style='color:#5b6b7b;padding:2px 10px 2px 0;vertical-align:top'>"
            f"{escape(f.label)}</td><td style='padding:2px 0'>"
            f"{escape(_value_text(r.table, f)).replace(chr(10), '<br>')}</td></tr>"
            for f in r.fields
        )
        html = [f"<table>{rows}</table>"]
        if r.table == "incident":
            steps = []
            for h in r.history:
                step = f"<b>{escape(labels.when(h.changed_at))}</b> &nbsp; "
                if h.from_status:
                    step += f"{escape(labels.incident_status(h.from_status))} → "
                step += f"<b>{escape(labels.incident_status(h.to_status))}</b>"
                if h.officer_name:
                    step += f" ({escape(h.officer_name)})"
                if h.note:
                    step += f"<br><i>{escape(h.note)}</i>"
                steps.append(f"<li>{step}</li>")
            html.append(
                f"<h4 style='color:#1f3b57'>{escape(tr('Riwayat status'))}</h4>"
                f"<ol>{''.join(steps)}</ol>"
            )
        self.data.setHtml("".join(html))
        self.photos.set_photos(r.photos)
        _fill(
            self.follow_ups,
            [
                [
                    " ".join(f.what.split()),
                    f.responsible,
                    labels.when(f.due_date),
                    labels.follow_up_status(f.status),
                ]
                for f in r.follow_ups
            ],
        )
        from okudesk.core.records.register import verification_code

        _fill(
            self.reports,
            [
                [
                    p.number,
                    labels.when(p.signed_at),
                    p.signer_name,
                    str(p.pages),
                    verification_code(p.content_sha256) if p.content_sha256 else "",
                ]
                for p in r.reports
            ],
        )
        _fill(
            self.audit,
            [
                [
                    labels.when(e.at.replace(tzinfo=UTC).astimezone(), seconds=True),
                    e.who,
                    labels.audit_action(e.action),
                    e.summary,
                    ", ".join(sorted(labels.changed_field(e.record_type, k) for k in e.changes)),
                ]
                for e in r.audit
            ],
            [json.dumps(e.changes, ensure_ascii=False, indent=1)[:4000] for e in r.audit],
        )
        counts = (
            (1, tr("Foto"), len(r.photos)),
            (2, tr("Tindak lanjut"), len(r.follow_ups)),
            (3, tr("Laporan"), len(r.reports)),
            (4, tr("Jejak audit"), len(r.audit)),
        )
        for index, name, n in counts:
            self.tabs.setTabText(index, f"{name} ({n})")
        self.tabs.setTabVisible(4, r.audit_allowed)
