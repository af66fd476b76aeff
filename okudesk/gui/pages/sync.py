"""Sinkronisasi: at a post, export to a USB stick and import HQ's receipt; at HQ, import a
folder or drive of bundles, see every post's sync status, conflicts and held records.

All file, crypto and database work runs as operations on the worker (okudesk.gui.operations).
"""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from okudesk.gui import labels, messages
from okudesk.gui.dialogs import conflict_review
from okudesk.gui.i18n import tr
from okudesk.gui.operations import ALL_AREAS, Changes, StoreTask
from okudesk.gui.operations import settings as settings_ops
from okudesk.gui.operations import sync as sync_ops
from okudesk.gui.pages.base import Page


def list_volumes():
    """The laptop's volumes (okudesk/core/volumes.py; Windows only). Tests replace this."""
    from okudesk.core import volumes

    return volumes.enumerator()()


# The list looks again when Windows says a drive came or went (okudesk/gui/devices.py), when
# the page shows, and on "Muat ulang". Besides, while the page shows, a slow look as a
# fallback: some USB card readers never announce a card put in (Windows finds it only by
# polling the reader), and the free space shown changes when something else writes there.
DRIVE_POLL_MS = 15000


def _is_drive_root(path: str) -> bool:
    drive, rest = os.path.splitdrive(path)
    return bool(drive) and rest in ("", "\\", "/")


def _table(headers: list[str]) -> QTableWidget:
    t = QTableWidget(0, len(headers))
    t.setHorizontalHeaderLabels(headers)
    t.verticalHeader().setVisible(False)
    t.horizontalHeader().setStretchLastSection(True)
    t.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
    t.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
    return t


def _fill(table: QTableWidget, rows: list[list]) -> None:
    table.setRowCount(len(rows))
    for r, values in enumerate(rows):
        for c, value in enumerate(values):
            table.setItem(r, c, QTableWidgetItem("" if value is None else str(value)))
    table.resizeColumnsToContents()


def _fit_rows(table: QTableWidget, most: int = 25) -> None:
    """Tall enough for every row (up to ``most``): a few posts are read at a glance, not
    scrolled through a viewport of two and a half rows."""
    rows = min(table.rowCount(), most)
    height = table.horizontalHeader().sizeHint().height() + 2 * table.frameWidth()
    height += (
        sum(table.rowHeight(r) for r in range(rows)) or table.verticalHeader().defaultSectionSize()
    )
    if table.horizontalScrollBar().isVisible() or table.horizontalScrollBar().maximum() > 0:
        height += table.horizontalScrollBar().sizeHint().height()
    table.setMinimumHeight(height)


SILENT = QColor("#fff3cd")  # the warning colour of the export reminder


def _mark_silent(table: QTableWidget, rows: list, days: int) -> None:
    """A post silent longer than the export-reminder days stands out, with the reason."""
    for r, p in enumerate(rows):
        if r >= table.rowCount():
            return
        silent = p.days_since is not None and p.days_since > days
        for c in range(table.columnCount()):
            item = table.item(r, c)
            if item is None:
                continue
            item.setBackground(SILENT if silent else QBrush())
            item.setToolTip(
                tr("Tidak ada bundel dari pos ini lebih dari {days} hari").format(days=days)
                if silent
                else ""
            )


def _when(value) -> str:
    if not value:
        return "-"
    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value)
        except ValueError:
            return value
    return labels.when(value)


class SyncPage(Page):
    areas = ALL_AREAS  # the waiting count changes with every saved record

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
        title = QLabel(tr("Sinkronisasi"))
        title.setObjectName("pageTitle")
        v.addWidget(title)
        self.role = None
        self._queue: list[Path] = []
        self._build_setup(v)
        self._build_post(v)
        self._build_hq(v)
        v.addStretch(1)
        self.guard("sync.export", self.export_button)
        self.guard(
            "sync.import",
            self.receipt_button,
            self.import_folder_button,
            self.import_files_button,
            self.review_button,
        )
        self.guard("hq.posts", self.add_post_button)
        self.guard("hq.revoke", self.revoke_button)

    # --- layout -------------------------------------------------------------------------------

    def _build_setup(self, v: QVBoxLayout) -> None:
        self.setup_box = QGroupBox(tr("Belum disiapkan"))
        f = QVBoxLayout(self.setup_box)
        note = QLabel(
            tr(
                "Instalasi ini belum terhubung dengan Polres. Polres membuat kit pendaftaran "
                "untuk pos ini; pilih berkas kit itu untuk menyiapkan sinkronisasi."
            )
        )
        note.setWordWrap(True)
        f.addWidget(note)
        self.kit_button = QPushButton(tr("Siapkan pos dari kit…"))
        self.kit_button.clicked.connect(self.set_up_from_kit)
        f.addWidget(self.kit_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.setup_result = QLabel()
        self.setup_result.setWordWrap(True)
        f.addWidget(self.setup_result)
        v.addWidget(self.setup_box)

    def _build_post(self, v: QVBoxLayout) -> None:
        self.post_box = QGroupBox(tr("Kirim data ke Polres"))
        f = QFormLayout(self.post_box)
        self.post_name = QLabel()
        f.addRow(tr("Pos"), self.post_name)
        self.enrolled = QLabel()
        f.addRow(tr("Sertifikat"), self.enrolled)
        self.waiting = QLabel()
        self.waiting.setObjectName("syncWaiting")
        f.addRow(tr("Perubahan menunggu"), self.waiting)
        self.last_export = QLabel()
        f.addRow(tr("Ekspor terakhir"), self.last_export)
        self.last_receipt = QLabel()
        f.addRow(tr("Tanda terima terakhir"), self.last_receipt)
        target = QHBoxLayout()
        self.drive = QComboBox()
        self.drive.setMinimumContentsLength(24)
        self.choose_button = QPushButton(tr("Pilih folder…"))
        self.choose_button.clicked.connect(self.choose_target)
        self.refresh_drives_button = QPushButton(tr("Muat ulang"))
        self.refresh_drives_button.setToolTip(tr("Cari lagi flashdisk yang terpasang"))
        self.refresh_drives_button.clicked.connect(self._fill_drives)
        target.addWidget(self.drive, 1)
        target.addWidget(self.refresh_drives_button)
        target.addWidget(self.choose_button)
        self._volumes: list = []  # the last listing (okudesk.core.volumes.Volume)
        self._probing = False
        self._look_again = False  # a change came while the drives were being probed
        from PySide6.QtCore import QTimer

        from okudesk.gui import devices

        self.drive_timer = QTimer(self)
        self.drive_timer.setInterval(DRIVE_POLL_MS)
        self.drive_timer.timeout.connect(self._fill_drives)
        devices.watcher().changed.connect(self._drives_changed)
        f.addRow(tr("Tujuan"), target)
        buttons = QHBoxLayout()
        self.export_button = QPushButton(tr("Ekspor ke USB"))
        self.export_button.clicked.connect(self.export)
        self.receipt_button = QPushButton(tr("Impor tanda terima…"))
        self.receipt_button.clicked.connect(self.import_receipt)
        buttons.addWidget(self.export_button)
        buttons.addWidget(self.receipt_button)
        buttons.addStretch(1)
        f.addRow("", buttons)
        self.post_progress = QProgressBar()
        self.post_progress.setRange(0, 0)
        self.post_progress.setVisible(False)
        f.addRow("", self.post_progress)
        self.post_result = QLabel()
        self.post_result.setWordWrap(True)
        self.post_result.setObjectName("syncResult")
        f.addRow("", self.post_result)
        v.addWidget(self.post_box)

    def _build_hq(self, v: QVBoxLayout) -> None:
        self.hq_box = QWidget()
        hv = QVBoxLayout(self.hq_box)
        hv.setContentsMargins(0, 0, 0, 0)
        status_box = QGroupBox(tr("Status sinkronisasi per pos"))
        sv = QVBoxLayout(status_box)
        self.posts = _table(
            [
                tr("Pos"),
                tr("Nama"),
                tr("Status"),
                tr("Bundel"),
                tr("Bundel terakhir"),
                tr("Hari sejak"),
                tr("Penghitung diakui"),
                tr("Selisih (bundel hilang)"),
                tr("Konflik"),
                tr("Ditahan"),
            ]
        )
        sv.addWidget(self.posts)
        manage = QHBoxLayout()
        self.add_post_button = QPushButton(tr("Daftarkan pos…"))
        self.add_post_button.setToolTip(
            tr("Mendaftarkan pos dan menulis kit pendaftarannya ke folder atau flashdisk")
        )
        self.add_post_button.clicked.connect(self.add_post)
        self.revoke_button = QPushButton(tr("Cabut pos terpilih…"))
        self.revoke_button.setToolTip(
            tr("Laptop pos hilang atau dicuri: bundel bertanda tangan kuncinya ditolak")
        )
        self.revoke_button.clicked.connect(self.revoke_selected)
        manage.addWidget(self.add_post_button)
        manage.addWidget(self.revoke_button)
        manage.addStretch(1)
        sv.addLayout(manage)
        self.manage_result = QLabel()
        self.manage_result.setWordWrap(True)
        sv.addWidget(self.manage_result)
        hv.addWidget(status_box)

        import_box = QGroupBox(tr("Impor bundel dari pos"))
        iv = QVBoxLayout(import_box)
        buttons = QHBoxLayout()
        self.import_folder_button = QPushButton(tr("Impor semua bundel dari folder/flashdisk…"))
        self.import_folder_button.clicked.connect(self.import_folder)
        self.import_files_button = QPushButton(tr("Impor berkas bundel…"))
        self.import_files_button.clicked.connect(self.import_files)
        buttons.addWidget(self.import_folder_button)
        buttons.addWidget(self.import_files_button)
        buttons.addStretch(1)
        iv.addLayout(buttons)
        self.hq_progress = QProgressBar()
        self.hq_progress.setVisible(False)
        iv.addWidget(self.hq_progress)
        self.results = _table(
            [
                tr("Berkas"),
                tr("Pos"),
                tr("Hasil"),
                tr("Baru"),
                tr("Diperbarui"),
                tr("Tidak berubah"),
                tr("Konflik"),
                tr("Ditahan"),
                tr("Tanda terima"),
            ]
        )
        iv.addWidget(self.results)
        hv.addWidget(import_box)

        conflict_box = QGroupBox(tr("Konflik (versi yang kalah, disimpan untuk diperiksa)"))
        cv = QVBoxLayout(conflict_box)
        self.conflicts = _table(
            [tr("Jenis"), tr("Nomor"), tr("Pos"), tr("Isi versi yang kalah"), tr("Ditemukan")]
        )
        cv.addWidget(self.conflicts)
        resolve = QHBoxLayout()
        # deciding blind is what went wrong: a conflict is decided in its review only
        self.review_button = QPushButton(tr("Periksa dan putuskan…"))
        self.review_button.setToolTip(
            tr("Bandingkan kedua versi kolom demi kolom, lalu pilih versi yang dipakai")
        )
        self.review_button.clicked.connect(self.review_selected)
        self.conflicts.doubleClicked.connect(lambda _i: self.review_selected())
        resolve.addWidget(self.review_button)
        resolve.addStretch(1)
        cv.addLayout(resolve)
        self._conflict_keys: list[tuple[str, str, str]] = []
        hv.addWidget(conflict_box)
        held_box = QGroupBox(tr("Data ditahan (induknya belum tiba)"))
        dv = QVBoxLayout(held_box)
        self.held = _table([tr("Tabel"), tr("Data"), tr("Pos"), tr("Menunggu"), tr("Sejak")])
        dv.addWidget(self.held)
        held_actions = QHBoxLayout()
        self.discard_held_button = QPushButton(tr("Buang data ditahan…"))
        self.discard_held_button.setToolTip(
            tr("Data ini tetap ada di pos dan ikut lagi bila diubah di sana")
        )
        self.discard_held_button.clicked.connect(self.discard_selected_held)
        self.discard_post_held_button = QPushButton(tr("Buang semua dari pos ini…"))
        self.discard_post_held_button.clicked.connect(self.discard_post_held)
        held_actions.addWidget(self.discard_held_button)
        held_actions.addWidget(self.discard_post_held_button)
        held_actions.addStretch(1)
        dv.addLayout(held_actions)
        self._held_keys: list[tuple[str, str, str]] = []
        hv.addWidget(held_box)
        v.addWidget(self.hq_box)

    # --- showing ------------------------------------------------------------------------------

    def activate(self) -> None:
        self.refresh()

    def refresh(self, changes: Changes | None = None) -> None:
        sync_ops.load(parent=self).success(self._show).run()

    def _show(self, result) -> None:
        local, post_rows, conflict_rows, held_rows = result
        self.role = local.role if local else None
        self.setup_box.setVisible(local is None)
        self.post_box.setVisible(self.role == "post")
        self.hq_box.setVisible(self.role == "hq")
        if self.role == "post":
            self.post_name.setText(
                tr("{code} (Polres {hq})").format(code=local.code, hq=local.hq_code)
            )
            self.enrolled.setText(
                tr("diterbitkan Polres")
                if local.enrolled
                else tr("menunggu tanda terima pertama dari Polres")
            )
            self.waiting.setText(str(local.waiting))
            self.last_export.setText(
                _when(local.last_export_at)
                + (f"  ({Path(local.last_export_file).name})" if local.last_export_file else "")
            )
            self.last_receipt.setText(_when(local.last_receipt_at))
            self._fill_drives()
        elif self.role == "hq":
            _fill(
                self.posts,
                [
                    [
                        p.code,
                        p.name,
                        labels.post_status(p.status)
                        + (
                            tr(
                                " · rantai audit bermasalah ({n}), lihat 'audit verify --post'"
                            ).format(n=len(p.trail_problems))
                            if p.trail_problems
                            else ""
                        ),
                        p.bundles,
                        _when(p.last_bundle_at),
                        "-" if p.days_since is None else p.days_since,
                        p.acknowledged,
                        p.lag,
                        p.conflicts,
                        p.held,
                    ]
                    for p in post_rows
                ],
            )
            _fit_rows(self.posts)
            settings_ops.export_warning_days(parent=self).success(
                lambda days, rows=post_rows: _mark_silent(self.posts, rows, days)
            ).run()
            _fill(
                self.conflicts,
                [
                    [
                        conflict_review.table_name(c.table),
                        c.row.get("number") or c.record_id,
                        c.post_code,
                        c.summary,
                        _when(c.detected_at),
                    ]
                    for c in conflict_rows
                ],
            )
            self._conflict_keys = [(c.table, c.record_id, c.instance) for c in conflict_rows]
            _fill(
                self.held,
                [
                    [h.table, h.record_id, h.post_code, h.missing, _when(h.held_at)]
                    for h in held_rows
                ],
            )
            self._held_keys = [(h.table, h.record_id, h.post_code) for h in held_rows]
        self.ready.emit()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self.post_box.isVisible():
            self._fill_drives()
            self.drive_timer.start()

    def _drives_changed(self) -> None:
        """A drive came or went (Windows said so): look at once if the list shows; a page
        shown later looks when it shows."""
        if self.isVisible() and self.post_box.isVisible():
            self._fill_drives()

    def hideEvent(self, event) -> None:
        self.drive_timer.stop()
        super().hideEvent(event)

    def _fill_drives(self) -> None:
        """List the USB drives, probed on the worker (a slow stick must not freeze the
        window); a chosen folder stays in the list."""
        if self._probing:
            self._look_again = True  # this probe may have started before the change
            return
        self._probing = True
        self._look_again = False

        def finished() -> None:
            self._probing = False
            if self._look_again:
                self._fill_drives()

        def done(found) -> None:
            self._show_drives(found)
            finished()

        def failed(_exc: BaseException) -> None:
            finished()

        StoreTask(None, lambda _store: list_volumes(), needs_store=False).success(done).failure(
            failed
        ).run()

    def _show_drives(self, found) -> None:
        from okudesk.core import volumes

        usable = volumes.targets(found)
        if [v.root for v in usable] == [v.root for v in self._volumes] and self.drive.count():
            self._volumes = usable  # same drives: keep the person's choice as it is
            for v in usable:  # with today's label and free space
                self.drive.setItemText(self.drive.findData(v.root), v.describe())
            return
        self._volumes = usable
        current = self.drive.currentData()
        self.drive.clear()
        for v in usable:
            self.drive.addItem(v.describe(), v.root)
        if current and self.drive.findData(current) < 0 and not _is_drive_root(current):
            self.drive.addItem(current, current)  # a folder chosen by hand
        if current and self.drive.findData(current) >= 0:
            self.drive.setCurrentIndex(self.drive.findData(current))
        if self.drive.count() == 0:
            self.drive.addItem(tr("(pilih folder tujuan)"), None)

    # --- post ---------------------------------------------------------------------------------

    def choose_target(self) -> None:
        folder = messages.choose_folder(self, tr("Pilih flashdisk atau folder tujuan"))
        if folder:
            if self.drive.findData(folder) < 0:
                self.drive.addItem(folder, folder)
            self.drive.setCurrentIndex(self.drive.findData(folder))
            no_target = self.drive.findData(None)
            if no_target >= 0:
                self.drive.removeItem(no_target)

    def export(self) -> None:
        target = self.drive.currentData()
        if not target:
            self.choose_target()
            target = self.drive.currentData()
            if not target:
                return
        from okudesk.core import volumes

        volume = volumes.volume_of(target, self._volumes)
        problem = volumes.problem(volume, 0)  # ready; its size is checked once encrypted
        if problem:
            self.post_result.setText(tr("Gagal: {reason}").format(reason=problem))
            return
        self._busy(self.post_progress, True)
        self.post_result.setText(tr("Menulis bundel ke {target}…").format(target=target))

        def done(result) -> None:
            self._busy(self.post_progress, False)
            self.post_result.setText(
                tr(
                    "Selesai: {n} catatan dan {photos} foto ditulis ke {path}. Bawa flashdisk ini "
                    "ke Polres; data tetap tersimpan di sini sampai tanda terima Polres diimpor."
                ).format(n=result.records, photos=result.photos, path=result.path)
                + (
                    " "
                    + tr(
                        'Lepaskan flashdisk dengan aman (ikon "Safely Remove Hardware") '
                        "sebelum mencabutnya."
                    )
                    if volume is not None
                    else ""
                )
            )

        sync_ops.export_bundle(parent=self, target=Path(target)).success(done).failure(
            self._post_failed
        ).run()

    def _post_failed(self, exc: BaseException) -> None:
        self._busy(self.post_progress, False)
        self.post_result.setText(tr("Gagal: {reason}").format(reason=exc))

    def import_receipt(self) -> None:
        files = messages.open_files(
            self,
            tr("Pilih tanda terima dari Polres"),
            tr("Tanda terima okudesk (*.okr);;Semua berkas (*)"),
        )
        if not files:
            return
        self._busy(self.post_progress, True)

        def done(outcomes) -> None:
            self._busy(self.post_progress, False)
            lines = []
            for o in outcomes:
                if o.ok:
                    c = o.counts
                    lines.append(
                        tr("{file}: diterapkan ({new} baru, {updated} diperbarui{cert})").format(
                            file=o.file.name,
                            new=c["new"],
                            updated=c["updated"],
                            cert=tr("; sertifikat pos dari Polres dipasang")
                            if o.certificate_installed
                            else "",
                        )
                    )
                else:
                    lines.append(
                        tr("{file}: DITOLAK: {reason}").format(file=o.file.name, reason=o.reason)
                    )
            self.post_result.setText("\n".join(lines))

        sync_ops.import_receipts(parent=self, paths=[Path(f) for f in files]).success(done).failure(
            self._post_failed
        ).run()

    def set_up_from_kit(self) -> None:
        files = messages.open_files(
            self,
            tr("Pilih kit pendaftaran dari Polres"),
            tr("Kit okudesk (*.json);;Semua berkas (*)"),
        )
        if not files:
            return

        def done(role) -> None:
            self.setup_result.setText(
                tr(
                    "Pos {code} siap; ekspor pertama membawa bukti pendaftaran ke Polres {hq}."
                ).format(code=role.code, hq=role.hq_code)
            )

        def failed(exc: BaseException) -> None:
            self.setup_result.setText(tr("Gagal: {reason}").format(reason=exc))

        sync_ops.set_up_post(parent=self, kit=Path(files[0])).success(done).failure(failed).run()

    # --- HQ -----------------------------------------------------------------------------------

    def import_folder(self) -> None:
        folder = messages.choose_folder(self, tr("Pilih folder atau flashdisk berisi bundel"))
        if folder:
            self.start_import(sorted(Path(folder).glob("*.okb")))

    def import_files(self) -> None:
        files = messages.open_files(
            self, tr("Pilih bundel dari pos"), tr("Bundel okudesk (*.okb);;Semua berkas (*)")
        )
        if files:
            self.start_import([Path(f) for f in files])

    def start_import(self, paths: list[Path]) -> None:
        """Import bundles one operation each, so the bar moves and each result shows at once."""
        self.results.setRowCount(0)
        if not paths:
            messages.info(self, tr("Tidak ada bundel (.okb) di folder itu."))
            return
        self._queue = list(paths)
        self.hq_progress.setRange(0, len(paths))
        self.hq_progress.setValue(0)
        self.hq_progress.setVisible(True)
        self.import_folder_button.setEnabled(False)
        self.import_files_button.setEnabled(False)
        self._next_import()

    def _next_import(self) -> None:
        if not self._queue:
            self.hq_progress.setVisible(False)
            self.import_folder_button.setEnabled(True)
            self.import_files_button.setEnabled(True)
            return
        path = self._queue.pop(0)

        def done(outcome) -> None:
            self._add_result(outcome)
            self.hq_progress.setValue(self.hq_progress.value() + 1)
            self._next_import()

        def failed(exc: BaseException) -> None:
            from okudesk.core.sync.importer import BundleOutcome

            done(BundleOutcome(path, False, str(exc)))

        sync_ops.import_bundle(parent=self, path=path).success(done).failure(failed).run()

    def add_post(self) -> None:
        code = messages.text_input(self, tr("Daftarkan pos"), tr("Kode pos (mis. BTT):"))
        if not code:
            return
        name = messages.text_input(self, tr("Daftarkan pos"), tr("Nama pos:"))
        if not name:
            return
        folder = messages.choose_folder(
            self, tr("Pilih folder atau flashdisk untuk kit pendaftaran")
        )
        if not folder:
            return

        def done(path) -> None:
            self.manage_result.setText(
                tr(
                    "Kit pendaftaran ditulis ke {path}. Serahkan kepada pos seperti menyerahkan "
                    "kunci."
                ).format(path=path)
            )

        def failed(exc: BaseException) -> None:
            self.manage_result.setText(tr("Gagal: {reason}").format(reason=exc))

        sync_ops.add_post(parent=self, code=code, name=name, out_dir=Path(folder)).success(
            done
        ).failure(failed).run()

    def revoke_selected(self) -> None:
        row = self.posts.currentRow()
        if row < 0:
            messages.info(self, tr("Pilih dulu satu pos di daftar."))
            return
        code = self.posts.item(row, 0).text()
        if not messages.confirm(
            self,
            tr(
                "Cabut pos {code}? Bundel yang ditandatangani kunci pos ini akan ditolak; "
                "pos perlu kit baru."
            ).format(code=code),
            ok_text=tr("Cabut"),
        ):
            return

        def done(_post) -> None:
            self.manage_result.setText(tr("Pos {code} dicabut.").format(code=code))

        sync_ops.revoke_post(parent=self, code=code).success(done).run()

    def _selected_held(self) -> tuple[str, str, str] | None:
        row = self.held.currentRow()
        if not 0 <= row < len(self._held_keys):
            messages.info(self, tr("Pilih dulu satu data ditahan di daftar."))
            return None
        return self._held_keys[row]

    def discard_selected_held(self) -> None:
        """Discard the selected held row (audited): it waits for a parent that never comes."""
        key = self._selected_held()
        if key is None:
            return
        table, record_id, post = key
        if not messages.confirm(
            self,
            tr(
                "Buang data {id} ({table}) dari pos {post}? Data ini tetap ada di pos dan ikut "
                "lagi bila diubah di sana."
            ).format(id=record_id, table=table, post=post),
            ok_text=tr("Buang"),
        ):
            return
        sync_ops.discard_held(parent=self, table=table, record_id=record_id).success(
            lambda _n: self.refresh()
        ).run()

    def discard_post_held(self) -> None:
        """Discard every held row of the selected row's post (one audit entry)."""
        key = self._selected_held()
        if key is None:
            return
        post = key[2]
        if not messages.confirm(
            self,
            tr(
                "Buang semua data ditahan dari pos {post}? Data ini tetap ada di pos dan ikut "
                "lagi bila diubah di sana."
            ).format(post=post),
            ok_text=tr("Buang"),
        ):
            return
        sync_ops.discard_held(parent=self, post_code=post).success(lambda _n: self.refresh()).run()

    def review_selected(self) -> conflict_review.ConflictReviewDialog | None:
        row = self.conflicts.currentRow()
        if not 0 <= row < len(self._conflict_keys):
            messages.info(self, tr("Pilih dulu satu konflik di daftar."))
            return None
        table, record_id, instance = self._conflict_keys[row]
        dialog = conflict_review.ConflictReviewDialog(self, table, record_id, instance)
        dialog.open()
        return dialog

    def _add_result(self, o) -> None:
        row = self.results.rowCount()
        self.results.insertRow(row)
        c = o.counts or {}
        verdict = tr("diterapkan") if o.ok else tr("DITOLAK: {reason}").format(reason=o.reason)
        if o.ok and c.get("set_aside"):  # a post's edit of HQ's data, kept with the conflicts
            verdict = tr("diterapkan; {n} disisihkan untuk ditinjau").format(n=c["set_aside"])
        if o.ok and o.trail:  # HQ kept its copy of the trail; say what the post sent
            verdict += " · " + tr("rantai audit: {problem}").format(problem="; ".join(o.trail))
        values = [
            o.file.name,
            o.post,
            verdict,
            c.get("new", ""),
            c.get("updated", ""),
            c.get("unchanged", ""),
            c.get("conflicts", ""),
            c.get("held", ""),
            o.receipt.name if o.receipt else "",
        ]
        for col, value in enumerate(values):
            self.results.setItem(row, col, QTableWidgetItem(str(value)))
        self.results.resizeColumnsToContents()

    # --- helpers ------------------------------------------------------------------------------

    def _busy(self, bar: QProgressBar, busy: bool) -> None:
        bar.setVisible(busy)
        for b in (self.export_button, self.receipt_button, self.choose_button):
            b.setEnabled(not busy)
