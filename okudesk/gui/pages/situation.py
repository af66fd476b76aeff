"""Situasi wilayah: the regency (or a Polsek's sector) at a glance for a period.

Every figure comes from the core's recap (okudesk.core.records.recap), read on the worker;
each number carries the list filter that counts it, and clicking it opens that list."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QBrush, QColor, QPainter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from okudesk.gui import labels
from okudesk.gui.dates import DateBox
from okudesk.gui.i18n import tr
from okudesk.gui.operations import FOLLOW_UP, INCIDENT, MEETING, REFERENCE, STAKEHOLDER, SYNC
from okudesk.gui.operations import recap as recap_ops
from okudesk.gui.operations import reference as reference_ops
from okudesk.gui.pages.base import Combo, Page

DRILL = Qt.ItemDataRole.UserRole + 1
PAGE_OF_LIST = {
    "incident": "incidents",
    "meeting": "meetings",
    "follow_up": "follow_ups",
    "stakeholder": "stakeholders",
}
WEEK, MONTH, RANGE = "week", "month", "range"


def change_text(change: int | None) -> str:
    if change is None:
        return ""
    return f"+{change}" if change > 0 else str(change)


def shade(value: int, top: int) -> QColor:
    """White for nothing, deeper red as the count nears the table's highest."""
    if value <= 0 or top <= 0:
        return QColor(Qt.GlobalColor.white)
    strength = 0.15 + 0.65 * value / top
    return QColor(
        255, int(255 - 180 * strength), int(255 - 200 * strength)
    )  # light pink to deep red


class FigureTable(QTableWidget):
    """A read-only table whose counts open their lists when clicked."""

    def __init__(self, page: SituationPage):
        super().__init__()
        self.page = page
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.verticalHeader().setVisible(False)
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.cellClicked.connect(self._clicked)

    def _clicked(self, row: int, column: int) -> None:
        item = self.item(row, column)
        drill = item.data(DRILL) if item is not None else None
        if drill is not None:
            self.page.open_drill(drill)

    def fill(self, header: list[str], rows: list[list]) -> None:
        """``rows`` of cells: a text, or a Count (shown as its value, clickable if it has a
        drill), or a (text, Count) pair whose text is shown."""
        self.clear()
        self.setColumnCount(len(header))
        self.setHorizontalHeaderLabels(header)
        self.setRowCount(len(rows))
        for r, row in enumerate(rows):
            for c, cell in enumerate(row):
                self.setItem(r, c, self._item(cell))
        self.fit_height()

    def _item(self, cell) -> QTableWidgetItem:
        from okudesk.core.records.recap import Count

        if isinstance(cell, Count | tuple):
            text, count = (str(cell.value), cell) if isinstance(cell, Count) else cell
            item = QTableWidgetItem(text)
            item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            if count.drill is not None:
                item.setData(DRILL, count.drill)
                item.setToolTip(tr("Klik untuk membuka daftarnya"))
                font = item.font()
                font.setUnderline(count.value > 0)
                item.setFont(font)
            return item
        return QTableWidgetItem("" if cell is None else str(cell))

    def fit_height(self) -> None:
        height = self.horizontalHeader().height() + 2 * self.frameWidth()
        for r in range(self.rowCount()):
            height += self.rowHeight(r)
        self.setFixedHeight(min(max(height, 60), 520))

    def cell_of(self, row_label: str, column_header: str) -> tuple[int, int]:
        headers = [self.horizontalHeaderItem(c).text() for c in range(self.columnCount())]
        column = headers.index(column_header)
        for r in range(self.rowCount()):
            if self.item(r, 0) is not None and self.item(r, 0).text() == row_label:
                return r, column
        raise KeyError(row_label)


def _box(title: str, *widgets: QWidget) -> QGroupBox:
    box = QGroupBox(title)
    layout = QVBoxLayout(box)
    for w in widgets:
        layout.addWidget(w)
    return box


class SituationPage(Page):
    areas = frozenset({INCIDENT, MEETING, FOLLOW_UP, STAKEHOLDER, SYNC, REFERENCE})

    def __init__(self, window):
        super().__init__(window)
        self.recap = None
        self._generation = 0
        self._shown_once = False
        self.today = date.today()  # tests set the day the periods are counted from
        # what a change of period or post can reuse (the core's recap.Memo, made on the
        # worker): kept while the data stays the same, dropped when the page is told of a change
        self._kept: dict[str, object] = {}

        self.title = QLabel(tr("Situasi wilayah"))
        self.title.setObjectName("pageTitle")
        self.period = QComboBox()
        for key, text in (
            (WEEK, tr("Minggu ini")),
            (MONTH, tr("Bulan ini")),
            (RANGE, tr("Rentang tanggal")),
        ):
            self.period.addItem(text, key)
        self.date_from, self.date_to = DateBox(), DateBox()
        self.post = Combo(tr("Semua pos"))
        self.post.setVisible(False)
        self.export_button = QPushButton(tr("Ekspor ke Excel…"))
        self.export_button.clicked.connect(self.export_workbook)
        self.pdf_button = QPushButton(tr("Laporan rekap (PDF)…"))
        self.pdf_button.clicked.connect(self.print_current)
        top = QHBoxLayout()
        top.addWidget(self.title)
        top.addStretch(1)
        top.addWidget(QLabel(tr("Periode")))
        top.addWidget(self.period)
        top.addWidget(self.date_from)
        top.addWidget(QLabel(tr("s.d.")))
        top.addWidget(self.date_to)
        top.addWidget(self.post)
        # the outputs on a row of their own: the period row fills a 1024 px screen
        outputs = QHBoxLayout()
        outputs.addStretch(1)
        outputs.addWidget(self.export_button)
        outputs.addWidget(self.pdf_button)

        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.escalated_button = QPushButton()
        self.escalated_button.clicked.connect(
            lambda: self._open_count(self.recap.escalated_open if self.recap else None)
        )
        self.matrix = FigureTable(self)
        self.severity = FigureTable(self)
        self.overdue = FigureTable(self)
        self.activities = FigureTable(self)
        self.coverage = FigureTable(self)
        self.discipline = FigureTable(self)
        self.party_posts = FigureTable(self)
        self.severity_chart = self._chart_view()
        self.category_chart = self._chart_view()

        body = QWidget()
        grid = QGridLayout(body)
        head = QHBoxLayout()
        head.addWidget(self.summary, 1)
        head.addWidget(self.escalated_button)
        grid.addLayout(head, 0, 0, 1, 2)
        grid.addWidget(
            _box(tr("Kejadian menurut kecamatan dan kategori (perubahan: Δ)"), self.matrix),
            1,
            0,
            1,
            2,
        )
        grid.addWidget(_box(tr("Menurut tingkat kerawanan"), self.severity), 2, 0)
        grid.addWidget(_box(tr("Tindak lanjut terlambat per pos"), self.overdue), 2, 1)
        grid.addWidget(_box(tr("Rapat & kunjungan menurut jenis kegiatan"), self.activities), 3, 0)
        grid.addWidget(_box(tr("Cakupan pemangku kepentingan"), self.coverage), 3, 1)
        grid.addWidget(_box(tr("Disiplin pelaporan per pos"), self.discipline), 4, 0, 1, 2)
        grid.addWidget(
            _box(tr("Kejadian per minggu menurut tingkat kerawanan"), self.severity_chart), 5, 0
        )
        grid.addWidget(_box(tr("Kejadian per minggu menurut kategori"), self.category_chart), 5, 1)
        grid.addWidget(
            _box(tr("Partai politik yang ditemui per pos (pertemuan terakhir)"), self.party_posts),
            6,
            0,
            1,
            2,
        )
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(outputs)
        layout.addWidget(scroll, 1)

        self._set_dates(WEEK)
        self.period.currentIndexChanged.connect(self._period_chosen)
        self.date_from.dateChanged.connect(self._range_changed)
        self.date_to.dateChanged.connect(self._range_changed)
        self.post.currentIndexChanged.connect(self.load)
        self.guard("data.read", self.pdf_button, actions=("print_current",))
        self._debounce = QTimer(self, singleShot=True, interval=150)
        self._debounce.timeout.connect(self.load)

    def _chart_view(self) -> QWidget:
        from PySide6.QtCharts import QChart, QChartView

        view = QChartView(QChart())
        view.setRenderHint(QPainter.RenderHint.Antialiasing)
        view.setMinimumHeight(300)
        return view

    # --- the period and the post -------------------------------------------------------------

    def _set_dates(self, key: str) -> None:
        from okudesk.core.records.recap import Period

        if key == WEEK:
            p = Period.this_week(self.today)
        elif key == MONTH:
            p = Period.this_month(self.today)
        else:
            return
        for box, value in ((self.date_from, p.start), (self.date_to, p.end)):
            box.blockSignals(True)
            box.set_value(value)
            box.blockSignals(False)

    def set_period(self, key: str) -> None:
        self.period.setCurrentIndex(self.period.findData(key))

    def _period_chosen(self) -> None:
        key = self.period.currentData()
        custom = key == RANGE
        self.date_from.setEnabled(custom)
        self.date_to.setEnabled(custom)
        self._set_dates(key)
        self.load()

    def _range_changed(self) -> None:
        if self.period.currentData() != RANGE:
            self.period.blockSignals(True)
            self.period.setCurrentIndex(self.period.findData(RANGE))
            self.period.blockSignals(False)
        self._debounce.start()

    def set_range(self, start: date, end: date) -> None:
        self.period.setCurrentIndex(self.period.findData(RANGE))
        for box, value in ((self.date_from, start), (self.date_to, end)):
            box.blockSignals(True)
            box.set_value(value)
            box.blockSignals(False)
        self.load()

    def dates(self) -> tuple[date, date] | None:
        start, end = self.date_from.value(), self.date_to.value()
        if start is None or end is None:
            return None
        return (start, end) if start <= end else (end, start)

    # --- loading -----------------------------------------------------------------------------

    def activate(self) -> None:
        if not self._shown_once:
            self._shown_once = True
            self.date_from.setEnabled(False)
            self.date_to.setEnabled(False)
            self.load()
            reference_ops.hq_post_choices(parent=self).success(self._posts_known).run()

    def _posts_known(self, items) -> None:
        self.post.setVisible(items is not None)
        if items is not None:
            self.post.set_items(items)

    def refresh(self, changes=None) -> None:
        self._kept = {}  # a new dict: a read still running keeps filling the old one
        if self._shown_once:
            self.load()

    def load(self) -> None:
        span = self.dates()
        if span is None:
            return
        self._generation += 1
        generation = self._generation
        post_code = self.post.current_id() if self.post.isVisibleTo(self) else None
        recap_ops.situation(
            parent=self,
            start=span[0],
            end=span[1],
            post_code=post_code,
            today=self.today,
            kept=self._kept,
        ).success(lambda r: self._show(generation, r)).run()

    def _show(self, generation: int, recap) -> None:
        if generation != self._generation:  # a newer period or post was asked meanwhile
            return
        self.recap = recap
        self._fill_summary(recap)
        self._fill_matrix(recap)
        self._fill_tables(recap)
        self._fill_charts(recap)
        self.ready.emit()

    def _fill_summary(self, r) -> None:
        # tr() outside the f-strings: lupdate does not look inside them
        since = tr("dari periode sebelumnya")

        def line(text: str, count) -> str:
            change = change_text(count.change)
            return f"<b>{count.value}</b> {text}" + (f" ({change} {since})" if change else "")

        period = f"{r.period.start:%d/%m/%Y} – {r.period.end:%d/%m/%Y}"
        self.summary.setText(
            tr("Periode")
            + f" {period} · "
            + line(tr("kejadian"), r.incidents)
            + " · "
            + line(tr("rapat & kunjungan"), r.meetings)
        )
        self.escalated_button.setText(
            tr("{n} kejadian dieskalasi belum ditangani").format(n=r.escalated_open.value)
        )

    def _fill_matrix(self, r) -> None:
        m = r.by_kecamatan_category
        header = [
            tr("Kecamatan"),
            *(label for _id, label in m.columns),
            tr("Jumlah"),
            tr("Δ"),
        ]
        rows = []
        for kec, label in m.rows:
            total = m.row_totals[kec]
            rows.append(
                [label, *(m.cell(kec, c) for c, _l in m.columns), total, change_text(total.change)]
            )
        rows.append(
            [
                tr("Jumlah"),
                *(m.column_totals[c] for c, _l in m.columns),
                m.total,
                change_text(m.total.change),
            ]
        )
        self.matrix.fill(header, rows)
        top = max((c.value for c in m.cells.values()), default=0)
        for i, (kec, _label) in enumerate(m.rows):
            for j, (cat, _l) in enumerate(m.columns, start=1):
                cell = m.cell(kec, cat)
                item = self.matrix.item(i, j)
                item.setBackground(QBrush(shade(cell.value, top)))
                if cell.value > 0.6 * top > 0:
                    item.setForeground(QBrush(QColor(Qt.GlobalColor.white)))
                item.setToolTip(
                    tr("Periode sebelumnya: {n} ({change})").format(
                        n=cell.previous, change=change_text(cell.change)
                    )
                )

    def _fill_tables(self, r) -> None:
        now, before, delta = tr("Periode ini"), tr("Sebelumnya"), tr("Δ")
        self.severity.fill(
            [tr("Kerawanan"), now, before, delta],
            [[labels.severity(c.key), c, c.previous, change_text(c.change)] for c in r.by_severity],
        )
        self.overdue.fill(
            [tr("Pos"), tr("Terlambat")],
            [[c.label, c] for c in r.overdue_follow_ups] or [[tr("Tidak ada"), ""]],
        )
        self.activities.fill(
            [tr("Jenis kegiatan"), now, before, delta],
            [[c.label, c, c.previous, change_text(c.change)] for c in r.meetings_by_activity],
        )
        self.coverage.fill(
            [tr("Jenis pemangku kepentingan"), tr("Rapat"), tr("Orang"), tr("Ditemui")],
            [
                [c.label, c.meetings, c.people, tr("Ya") if c.met else tr("Belum")]
                for c in (*r.stakeholder_coverage, *r.parties)
            ],
        )
        for row, c in enumerate((*r.stakeholder_coverage, *r.parties)):
            if not c.met:
                self.coverage.item(row, 3).setForeground(QBrush(QColor("#b71c1c")))
        self.discipline.fill(
            [
                tr("Pos"),
                tr("Status"),
                tr("Data terakhir"),
                tr("Hari sejak"),
                tr("Perubahan menunggu"),
                tr("Konflik"),
                tr("Tertahan"),
            ],
            [
                [
                    f"{d.code} - {d.name}",
                    d.status,
                    labels.when(d.last_bundle_at) if d.last_bundle_at else tr("belum pernah"),
                    "" if d.days_since is None else d.days_since,
                    d.waiting,
                    d.conflicts,
                    d.held,
                ]
                for d in r.discipline
            ]
            or [[tr("Belum ada sinkronisasi"), "", "", "", "", "", ""]],
        )
        self._fill_party_posts(r)

    def _fill_party_posts(self, r) -> None:
        """Parties x posts: the date of each post's last meeting with the party in the
        period, and when anyone last met it; a party nobody met is marked."""
        from okudesk.gui import labels

        posts = [r.post_code] if r.post_code else [d.code for d in r.discipline]
        for p in r.party_posts:
            posts += [code for code in p.met_by_post if code not in posts]
        rows = []
        for p, cover in zip(r.party_posts, r.parties, strict=True):
            cells: list = [p.label, cover.meetings]
            cells += [
                labels.when(p.met_by_post[c].date()) if c in p.met_by_post else "-" for c in posts
            ]
            cells.append(labels.when(p.last_met.date()) if p.last_met else tr("belum pernah"))
            rows.append(cells)
        self.party_posts.fill([tr("Partai"), tr("Rapat"), *posts, tr("Terakhir ditemui")], rows)
        for row, p in enumerate(r.party_posts):
            if not p.met_by_post:
                self.party_posts.item(row, 0).setForeground(QBrush(QColor("#b71c1c")))

    def _fill_charts(self, r) -> None:
        from PySide6.QtCharts import QBarCategoryAxis, QBarSet, QStackedBarSeries, QValueAxis

        weeks = [f"{w:%d/%m}" for w in r.weekly.weeks]
        for view, rows, title, colored in (
            (self.severity_chart, r.weekly.by_severity, tr("Tingkat kerawanan"), True),
            (self.category_chart, r.weekly.by_category, tr("Kategori"), False),
        ):
            chart = view.chart()
            chart.removeAllSeries()
            for axis in chart.axes():
                chart.removeAxis(axis)
            series = QStackedBarSeries()
            top = 0
            for name, counts in rows:
                bar = QBarSet(labels.severity(name) if colored else name)
                if colored:
                    bar.setColor(QColor(labels.SEVERITY_COLOR.get(name, "#607d8b")))
                for c in counts:
                    bar.append(c.value)
                bar.setProperty("counts", list(counts))
                series.append(bar)
            for i in range(len(weeks)):
                top = max(top, sum(counts[i].value for _n, counts in rows))
            series.clicked.connect(lambda index, bar: self._bar_clicked(index, bar))
            chart.addSeries(series)
            x = QBarCategoryAxis()
            x.append(weeks)
            y = QValueAxis()
            y.setRange(0, max(top, 1))
            y.setLabelFormat("%d")
            y.applyNiceNumbers()
            chart.addAxis(x, Qt.AlignmentFlag.AlignBottom)
            chart.addAxis(y, Qt.AlignmentFlag.AlignLeft)
            series.attachAxis(x)
            series.attachAxis(y)
            chart.setTitle(title)
            chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)

    def _bar_clicked(self, index: int, bar) -> None:
        counts = bar.property("counts") or []
        if 0 <= index < len(counts):
            self._open_count(counts[index])

    # --- drill-down and export ---------------------------------------------------------------

    def _open_count(self, count) -> None:
        if count is not None and count.drill is not None:
            self.open_drill(count.drill)

    def open_drill(self, drill) -> None:
        """Open the list this count counts, filtered to exactly its rows."""
        key = PAGE_OF_LIST.get(drill.listing)
        window = self.window_
        if key is None or window is None or not hasattr(window, "go_to"):
            return
        page = window.go_to(key)
        page.show_filter(drill.filter)

    def export_workbook(self) -> None:
        if self.recap is None:
            return
        from pathlib import Path

        from okudesk.gui import export
        from okudesk.gui.operations import export as export_ops

        r = self.recap
        suggested = f"rekap-{r.period.start:%Y%m%d}-{r.period.end:%Y%m%d}.xlsx"
        path = export.ask_path(self, suggested)
        if not path:
            return
        if not path.lower().endswith(".xlsx"):
            path = path.rsplit(".", 1)[0] + ".xlsx"  # the recap's charts need a workbook
        export_ops.export_recap(parent=self, recap=r, path=Path(path)).success(
            lambda p: self.say(tr("Rekap disimpan: {path}").format(path=p))
        ).run()

    def print_current(self) -> None:
        """Ctrl+P: the Laporan Rekapitulasi of the period on screen, signed (or a draft)."""
        r = self.recap
        if r is None:
            return
        from okudesk.gui.operations import export as export_ops

        export_ops.signers(parent=self).success(lambda choices: self._sign(r, choices)).run()

    def _sign(self, r, choices) -> None:
        answer = ask_signer(self, choices)
        if answer is None:
            return
        nrp, passphrase, draft = answer
        from pathlib import Path

        suggested = f"rekap-{r.period.start:%Y%m%d}-{r.period.end:%Y%m%d}.pdf"
        path = ask_pdf_path(self, suggested)
        if not path:
            return
        from okudesk.gui.operations import export as export_ops

        self.say(tr("Menyusun dan menandatangani laporan rekap…"))
        export_ops.recap_pdf(
            parent=self,
            start=r.period.start,
            end=r.period.end,
            post_code=r.post_code,
            officer_nrp=nrp,
            passphrase=None if draft else passphrase,
            draft=draft,
            path=Path(path),
        ).success(lambda p: self.say(tr("Laporan rekap disimpan: {path}").format(path=p))).run()


def ask_pdf_path(parent: QWidget | None, suggested: str) -> str | None:
    """Where to write the recap report (tests replace this)."""
    from PySide6.QtWidgets import QFileDialog

    path, _chosen = QFileDialog.getSaveFileName(
        parent, tr("Simpan laporan rekap"), suggested, tr("PDF (*.pdf)")
    )
    if path and not path.lower().endswith(".pdf"):
        path += ".pdf"
    return path or None


def ask_signer(parent: QWidget | None, choices: list[tuple[str, str]]):
    """(NRP, passphrase, draft) of the officer who signs the recap, or None (tests replace
    this)."""
    from PySide6.QtWidgets import QCheckBox, QDialog, QDialogButtonBox, QFormLayout, QLineEdit

    dialog = QDialog(parent)
    dialog.setWindowTitle(tr("Laporan rekap"))
    form = QFormLayout(dialog)
    officer = Combo()
    officer.set_items([(nrp, text) for nrp, text in choices])
    passphrase = QLineEdit()
    passphrase.setEchoMode(QLineEdit.EchoMode.Password)
    draft = QCheckBox(tr("Draf (tanpa nomor dan tanda tangan)"))
    form.addRow(tr("Penanda tangan"), officer)
    form.addRow(tr("Kata sandi"), passphrase)
    form.addRow("", draft)
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
    )
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    form.addRow(buttons)
    if dialog.exec() != QDialog.DialogCode.Accepted or officer.current_id() is None:
        return None
    return officer.current_id(), passphrase.text(), draft.isChecked()
