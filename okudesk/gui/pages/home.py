"""Beranda: today at a glance."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
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
from okudesk.gui.i18n import tr
from okudesk.gui.operations import FOLLOW_UP, INCIDENT, MEETING, SETTING, hub
from okudesk.gui.operations import backups as backup_ops
from okudesk.gui.operations import dashboard as dashboard_ops
from okudesk.gui.pages.base import Page


class Card(QFrame):
    def __init__(self, caption: str):
        super().__init__()
        self.setObjectName("card")
        v = QVBoxLayout(self)
        self.number = QLabel("–")
        self.number.setObjectName("cardNumber")
        self.caption = QLabel(caption)
        self.caption.setObjectName("cardCaption")
        self.caption.setWordWrap(True)
        v.addWidget(self.number)
        v.addWidget(self.caption)


def _more_label(open_all) -> QLabel:
    """Under a short list: how much of the whole it shows, and a link to the whole."""
    label = QLabel()
    label.setTextFormat(Qt.TextFormat.RichText)
    label.linkActivated.connect(lambda _link: open_all())
    label.setVisible(False)
    return label


def _say_part(label: QLabel, shown: int, total: int) -> None:
    label.setVisible(total > shown)
    if total > shown:
        label.setText(
            tr("{shown} dari {total}, <a href='all'>lihat semua</a>").format(
                shown=shown, total=total
            )
        )


def _table(headers: list[str]) -> QTableWidget:
    t = QTableWidget(0, len(headers))
    t.setHorizontalHeaderLabels(headers)
    t.verticalHeader().setVisible(False)
    t.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
    t.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
    t.horizontalHeader().setStretchLastSection(True)
    t.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    t.setTextElideMode(Qt.TextElideMode.ElideRight)
    t.setWordWrap(False)
    t.setAlternatingRowColors(True)
    t.setMinimumHeight(180)
    return t


# the daily backup runs at each start; older than this, one or more have not been made
BACKUP_STALE_AFTER = timedelta(days=2)


class HomePage(Page):
    areas = frozenset({MEETING, INCIDENT, FOLLOW_UP, SETTING})

    def __init__(self, window):
        super().__init__(window)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        outer.addWidget(scroll)
        body = QWidget()
        scroll.setWidget(body)
        v = QVBoxLayout(body)
        top = QHBoxLayout()
        self.title = QLabel(tr("Beranda"))
        self.title.setObjectName("pageTitle")
        top.addWidget(self.title)
        top.addStretch(1)
        self.new_meeting = QPushButton(tr("Rapat baru"))
        self.new_incident = QPushButton(tr("Kejadian baru"))
        self.new_meeting.clicked.connect(lambda: window.go_to("meetings").new_record())
        self.new_incident.clicked.connect(lambda: window.go_to("incidents").new_record())
        top.addWidget(self.new_meeting)
        top.addWidget(self.new_incident)
        self.guard("meeting.write", self.new_meeting, actions=("new_record",))
        self.guard("incident.write", self.new_incident)
        v.addLayout(top)
        self.export_warning = QLabel()
        self.export_warning.setObjectName("warning")
        self.export_warning.setWordWrap(True)
        self.export_warning.setVisible(False)
        v.addWidget(self.export_warning)
        self.backup_box = QFrame()
        row = QHBoxLayout(self.backup_box)
        row.setContentsMargins(0, 0, 0, 0)
        self.backup_warning = QLabel()
        self.backup_warning.setObjectName("warning")
        self.backup_warning.setWordWrap(True)
        self.backup_now = QPushButton(tr("Buat cadangan sekarang"))
        self.backup_now.clicked.connect(self.make_backup)
        row.addWidget(self.backup_warning, 1)
        row.addWidget(self.backup_now)
        self.guard("backup.make", self.backup_now, actions=("make_backup",))
        self.backup_box.setVisible(False)
        v.addWidget(self.backup_box)
        self._backup_poll = QTimer(self, interval=1000)
        self._backup_poll.timeout.connect(self._backup_progress)
        grid = QGridLayout()
        self.cards = {
            "meetings_today": Card(tr("Rapat & kunjungan hari ini")),
            "meetings_week": Card(tr("Rapat & kunjungan minggu ini")),
            "incidents_today": Card(tr("Kejadian hari ini")),
            "incidents_week": Card(tr("Kejadian minggu ini")),
            "overdue": Card(tr("Tindak lanjut terlambat")),
            "due_soon": Card(tr("Tindak lanjut jatuh tempo 3 hari ke depan")),
        }
        for i, card in enumerate(self.cards.values()):
            grid.addWidget(card, i // 3, i % 3)
        v.addLayout(grid)
        lists = QHBoxLayout()
        left = QVBoxLayout()
        head = QLabel(tr("Tindak lanjut yang perlu perhatian"))
        head.setStyleSheet("font-weight: 600; font-size: 11pt;")
        head.setWordWrap(True)  # a narrow screen wraps it instead of scrolling sideways
        left.addWidget(head)
        self.follow_ups = _table([tr("Batas waktu"), tr("Tindak lanjut"), tr("Penanggung jawab")])
        self.follow_ups.cellDoubleClicked.connect(lambda *_: window.go_to("follow_ups"))
        left.addWidget(self.follow_ups)
        self.follow_ups_more = _more_label(self._all_follow_ups)
        left.addWidget(self.follow_ups_more)
        right = QVBoxLayout()
        head2 = QLabel(tr("Kejadian terbaru menurut tingkat kerawanan (30 hari)"))
        head2.setStyleSheet("font-weight: 600; font-size: 11pt;")
        head2.setWordWrap(True)
        right.addWidget(head2)
        self.incidents = _table([tr("Kerawanan"), tr("Waktu"), tr("Status"), tr("Uraian")])
        self.incidents.cellDoubleClicked.connect(self._open_incident)
        right.addWidget(self.incidents)
        self.incidents_more = _more_label(self._all_incidents)
        right.addWidget(self.incidents_more)
        lists.addLayout(left, 1)
        lists.addLayout(right, 1)
        v.addLayout(lists, 1)
        self.data = None
        self.refresh()

    def refresh(self, changes=None) -> None:
        dashboard_ops.summary(parent=self).success(self._show).run()
        self.refresh_backup()

    # --- the backup's state ----------------------------------------------------------------

    def refresh_backup(self) -> None:
        backup_ops.last_daily(parent=self).success(self._show_backup).run()

    def _show_backup(self, last: datetime | None) -> None:
        from okudesk.gui import daily_backup

        if daily_backup.running():
            self.backup_warning.setText(tr("Cadangan data sedang dibuat..."))
            self.backup_now.setEnabled(False)
            self.backup_box.setVisible(True)
            self._backup_poll.start()
            return
        self.backup_now.setEnabled(True)
        if last is None:
            self.backup_warning.setText(tr("Belum ada cadangan data di laptop ini."))
        elif datetime.now() - last >= BACKUP_STALE_AFTER:
            self.backup_warning.setText(
                tr("Cadangan data terakhir sudah {n} hari yang lalu ({when}).").format(
                    n=(datetime.now() - last).days, when=labels.when(last)
                )
            )
        else:
            self.backup_box.setVisible(False)
            return
        self.backup_box.setVisible(True)

    def make_backup(self) -> None:
        """A backup now, in its own process like the daily one (it outlives the window)."""
        if not self.may("make_backup"):
            return
        self.backup_now.setEnabled(False)
        backup_ops.start_daily(parent=self, data_dir=hub().store.data_dir, now=True).success(
            self._backup_started
        ).run()

    def _backup_started(self, started: bool) -> None:
        if started:
            self.refresh_backup()
        else:
            self.backup_now.setEnabled(True)
            self.backup_warning.setText(
                tr("Cadangan tidak dapat dimulai; rinciannya ada di berkas log.")
            )

    def _backup_progress(self) -> None:
        from okudesk.gui import daily_backup

        if not daily_backup.running():
            self._backup_poll.stop()
            self.refresh_backup()

    def _show(self, d) -> None:
        self.data = d
        for key, card in self.cards.items():
            value = getattr(d, key if key not in ("overdue", "due_soon") else f"{key}_count")
            card.number.setText(str(value))
        self.cards["overdue"].number.setStyleSheet("color: #b71c1c;" if d.overdue_count else "")
        if not d.can_export:  # not enrolled with HQ yet: there is nowhere to export to
            self.export_warning.setText(
                tr(
                    "Pos ini belum terhubung dengan Polres. Setelah menerima kit pendaftaran "
                    "dari Polres, siapkan pos di halaman Sinkronisasi."
                )
            )
            self.export_warning.setVisible(self.allowed("sync.export"))
        elif d.days_since_export is None:
            self.export_warning.setText(
                tr(
                    "Data pos ini belum pernah diekspor ke Polres. Buat paket sinkronisasi di "
                    "halaman Sinkronisasi."
                )
                if self.allowed("sync.export")
                else tr(
                    "Data pos ini belum pernah diekspor ke Polres. Minta admin pos atau Kapolsek "
                    "membuat paket sinkronisasi."
                )
            )
            self.export_warning.setVisible(True)
        elif d.days_since_export >= d.export_warning_days:
            self.export_warning.setText(
                (
                    tr(
                        "Sudah {n} hari tidak ada ekspor ke Polres (terakhir {when}). Buat paket "
                        "sinkronisasi di halaman Sinkronisasi."
                    )
                    if self.allowed("sync.export")
                    else tr(
                        "Sudah {n} hari tidak ada ekspor ke Polres (terakhir {when}). Minta admin "
                        "pos atau Kapolsek membuat paket sinkronisasi."
                    )
                ).format(n=d.days_since_export, when=labels.when(d.last_export))
            )
            self.export_warning.setVisible(True)
        else:
            self.export_warning.setVisible(False)
        lines = [(f, True) for f in d.overdue] + [(f, False) for f in d.due_soon]
        self.follow_ups.setRowCount(len(lines))
        for row, (f, late) in enumerate(lines):
            due = QTableWidgetItem(
                labels.when(f.due_date) + (" " + tr("(terlambat)") if late else "")
            )
            if late:
                due.setForeground(Qt.GlobalColor.darkRed)
            self.follow_ups.setItem(row, 0, due)
            self.follow_ups.setItem(row, 1, QTableWidgetItem(f.what))
            self.follow_ups.setItem(row, 2, QTableWidgetItem(f.responsible))
        header = self.follow_ups.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.incidents.setRowCount(len(d.latest_incidents))
        for row, i in enumerate(d.latest_incidents):
            sev = QTableWidgetItem(labels.severity(i.severity))
            color = labels.severity_color(i.severity)
            if color is not None:
                sev.setForeground(color)
            sev.setData(Qt.ItemDataRole.UserRole, i.id)
            self.incidents.setItem(row, 0, sev)
            self.incidents.setItem(row, 1, QTableWidgetItem(labels.when(i.occurred_at)))
            self.incidents.setItem(row, 2, QTableWidgetItem(labels.incident_status(i.status)))
            self.incidents.setItem(
                row, 3, QTableWidgetItem(f"{i.category}: {i.summary}" if i.category else i.summary)
            )
        header = self.incidents.horizontalHeader()
        for col in range(3):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        _say_part(self.follow_ups_more, len(lines), d.overdue_count + d.due_soon_count)
        _say_part(self.incidents_more, len(d.latest_incidents), d.recent_incidents)
        self.ready.emit()

    def _all_follow_ups(self) -> None:
        """Every open follow-up (the overdue and the due soon are among them, first by date)."""
        self.window_.go_to("follow_ups").set_quick_filter("open")

    def _all_incidents(self) -> None:
        from okudesk.core.records.dashboard import RECENT_DAYS
        from okudesk.core.records.listing import ListFilter

        since = (self.data.today if self.data else date.today()) - timedelta(days=RECENT_DAYS)
        self.window_.go_to("incidents").show_filter(ListFilter(date_from=since))

    def _open_incident(self, row: int, _col: int) -> None:
        item = self.incidents.item(row, 0)
        if item is not None:
            page = self.window_.go_to("incidents")
            page.open_record(item.data(Qt.ItemDataRole.UserRole))

    def new_record(self) -> None:
        self.window_.go_to("meetings").new_record()
