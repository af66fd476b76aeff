"""The "Audit & Keamanan" page (commanders and admins): the audit trail filtered by officer,
record, action and date, with a check of the hash chain; officers' accounts; backups to a
USB stick ("Cadangkan ke USB") and the idle-lock time."""

from __future__ import annotations

import json
from datetime import UTC, datetime, time, timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from okudesk.core.permissions import SYSTEM_ROLE
from okudesk.gui import labels, messages
from okudesk.gui.dates import DateBox
from okudesk.gui.i18n import tr
from okudesk.gui.messages import ErrorLabel
from okudesk.gui.operations import ALL_AREAS, Changes
from okudesk.gui.operations import accounts as account_ops
from okudesk.gui.operations import audit as audit_ops
from okudesk.gui.operations import backups as backup_ops
from okudesk.gui.pages.base import Combo, Page, PostPicker, current_actor, show_post_column

LIMIT = 500
SYSTEM_CHOICE = "@system"  # the officer filter's choice for what no officer did


def choose_folder(parent) -> str | None:
    """Where to write a backup (a USB stick); tests replace this."""
    path = QFileDialog.getExistingDirectory(
        parent, tr("Pilih flashdisk atau folder tujuan cadangan")
    )
    return path or None


def choose_backup_file(parent) -> str | None:
    """Which backup to restore; tests replace this."""
    path, _filter = QFileDialog.getOpenFileName(
        parent,
        tr("Pilih berkas cadangan"),
        "",
        tr("Cadangan okudesk (*.zip *.sqlite3);;Semua berkas (*)"),
    )
    return path or None


def _utc(day, end: bool = False) -> datetime | None:
    if day is None:
        return None
    moment = datetime.combine(day + timedelta(days=1) if end else day, time())
    return moment.astimezone(UTC).replace(tzinfo=None)


def _local(at: datetime) -> str:
    return labels.when(at.replace(tzinfo=UTC).astimezone(), seconds=True)


class AuditPage(Page):
    areas = ALL_AREAS  # every change and event is in the trail

    def __init__(self, window):
        super().__init__(window)
        layout = QVBoxLayout(self)
        title = QLabel(tr("Audit & Keamanan"))
        title.setObjectName("pageTitle")
        layout.addWidget(title)
        self.tabs = QTabWidget()
        layout.addWidget(self.tabs)
        self._build_trail()
        self._build_accounts()
        self._build_backup()
        self.guard("account.manage", self.save_account, self.unlock_button)
        self.guard("backup.make", self.usb_button)
        self.guard("backup.restore", self.restore_button)
        self.guard("settings.write", self.idle_save)
        self._shown = False

    # --- the audit trail ------------------------------------------------------------------------

    def _build_trail(self) -> None:
        tab = QWidget()
        v = QVBoxLayout(tab)
        bar = QHBoxLayout()
        self.officer = Combo(tr("(semua petugas)"))
        self.action = Combo(tr("(semua tindakan)"))
        self.action.set_items([(k, labels.audit_action(k)) for k in labels.AUDIT_ACTION])
        self.record = QLineEdit()
        self.record.setPlaceholderText(tr("Nomor data (atau ID)"))
        self.record.setClearButtonEnabled(True)
        self.since, self.until = DateBox(), DateBox()
        self.post = PostPicker()  # HQ: the entries of one post
        bar.addWidget(self.post)
        for label, w in (
            (tr("Petugas"), self.officer),
            (tr("Tindakan"), self.action),
            (tr("Data"), self.record),
            (tr("Dari"), self.since),
            (tr("Sampai"), self.until),
        ):
            bar.addWidget(QLabel(label))
            bar.addWidget(w)
        self.verify_button = QPushButton(tr("Periksa rantai"))
        bar.addStretch(1)
        v.addLayout(bar)
        self.chain_label = QLabel()
        self.chain_label.setWordWrap(True)
        chain = QHBoxLayout()  # its own row: the filters take a small screen's width
        chain.addWidget(self.chain_label, 1)
        chain.addWidget(self.verify_button)
        v.addLayout(chain)
        self.table = QTableWidget(0, 7)
        self.table.setObjectName("auditTable")
        self.table.setHorizontalHeaderLabels(
            [
                tr("Waktu"),
                tr("Petugas"),
                tr("Tindakan"),
                tr("Data"),
                tr("Keterangan"),
                tr("Perubahan"),
                tr("Pos"),
            ]
        )
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setVisible(False)
        self.table.setWordWrap(False)  # one line per entry; the whole text in the tooltip
        self.table.horizontalHeader().setSectionResizeMode(5, QHeaderView.ResizeMode.Stretch)
        v.addWidget(self.table)
        self.count_label = QLabel()
        # the whole trail, a page at a time: nothing past the first page is out of reach
        self.offset = 0
        self.total = 0
        self.first_button = QPushButton(tr("« Terbaru"))
        self.prev_button = QPushButton(tr("‹ Sebelumnya"))
        self.next_button = QPushButton(tr("Berikutnya ›"))
        self.last_button = QPushButton(tr("Terlama »"))
        pager = QHBoxLayout()
        pager.addWidget(self.count_label, 1)
        for b, go in (
            (self.first_button, lambda: 0),
            (self.prev_button, lambda: self.offset - LIMIT),
            (self.next_button, lambda: self.offset + LIMIT),
            (self.last_button, lambda: (max(self.total - 1, 0) // LIMIT) * LIMIT),
        ):
            pager.addWidget(b)
            b.clicked.connect(lambda _c=False, go=go: self.go_to_offset(go()))
        v.addLayout(pager)
        for w in (self.officer, self.action, self.post):
            w.currentIndexChanged.connect(self.load_entries)
        self.post.known.connect(lambda _hq: show_post_column(self.table, 6, self.post))
        for w in (self.since, self.until):
            w.dateChanged.connect(self.load_entries)
        self.record.returnPressed.connect(self.load_entries)
        self.record.editingFinished.connect(self.load_entries)
        self.verify_button.clicked.connect(self.verify_chain)
        self.tabs.addTab(tab, tr("Jejak audit"))

    def activate(self) -> None:
        if not self._shown:
            self._shown = True
            self.post.load(self)
            self.account_post.load(self)
            self.refresh()
        self.ready.emit()

    def refresh(self, changes: Changes | None = None) -> None:
        actor = current_actor()
        if actor is None:
            return
        self.tabs.setTabVisible(1, actor.may("account.manage"))
        self.tabs.setTabVisible(2, actor.may("backup.make"))

        account_ops.people(parent=self).success(self._show_people).run()
        self.load_entries()

    def show_record(self, record_id: str) -> None:
        """The trail of one record (for a "Riwayat" button on a record's page)."""
        self.tabs.setCurrentIndex(0)
        self.officer.set_current_id(None)
        self.action.set_current_id(None)
        self.post.set_current_id(None)
        self.since.set_value(None)
        self.until.set_value(None)
        self.record.setText(record_id)
        self._shown = True
        self.load_entries()

    def filters(self) -> dict:
        who = self.officer.current_id()
        return dict(
            **({"actor_role": SYSTEM_ROLE} if who == SYSTEM_CHOICE else {"actor_id": who}),
            action=self.action.current_id(),
            since=_utc(self.since.value()),
            until=_utc(self.until.value(), end=True),
            **({"origin_post": self.post.code()} if self.post.code() else {}),
        )

    def load_entries(self, *_args) -> None:
        """From the newest entry again (the filters changed)."""
        self.go_to_offset(0)

    def go_to_offset(self, offset: int) -> None:
        if current_actor() is None:
            return
        self.offset = max(0, offset)
        audit_ops.page(
            parent=self,
            filters=self.filters(),
            record=self.record.text().strip(),
            offset=self.offset,
            limit=LIMIT,
        ).success(self._show_page).failure(self._failed).run()

    def _show_page(self, result) -> None:
        rows, total, numbers = result
        self.total = total
        self._numbers = numbers
        self._show_entries(rows)

    def _failed(self, exc: BaseException) -> None:
        from okudesk.core.errors import OkudeskError

        if isinstance(exc, OkudeskError):
            self.chain_label.setText(str(exc))
        else:
            from okudesk.gui import errors

            errors.show_exception(exc, parent=self)

    def _show_entries(self, rows) -> None:
        self.table.setRowCount(len(rows))
        for r, e in enumerate(rows):
            cells = (
                _local(e.at),
                e.who,
                labels.audit_action(e.action),
                self._record_text(e),  # its kind, and its number when it has one
                self._details(e),
                ", ".join(sorted(labels.changed_field(e.record_type, k) for k in e.changes)),
                e.origin_post,
            )
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if c == 5 and e.changes:
                    item.setToolTip(json.dumps(e.changes, ensure_ascii=False, indent=1)[:4000])
                elif c in (1, 3, 4) and text:
                    item.setToolTip(text)
                if c == 0:
                    item.setData(Qt.ItemDataRole.UserRole, e.id)
                self.table.setItem(r, c, item)
        self.table.resizeColumnsToContents()
        # long names and details end in "…" (whole in the tooltip), so that what changed
        # keeps room at 1366 px
        for c, widest in ((1, 240), (3, 190), (4, 260)):
            self.table.setColumnWidth(c, min(self.table.columnWidth(c), widest))
        show_post_column(self.table, 6, self.post)
        first = self.offset + 1 if rows else 0
        self.count_label.setText(
            tr("Entri {first}–{last} dari {total} (paling baru dulu)").format(
                first=first, last=self.offset + len(rows), total=self.total
            )
        )
        self.first_button.setEnabled(self.offset > 0)
        self.prev_button.setEnabled(self.offset > 0)
        self.next_button.setEnabled(self.offset + len(rows) < self.total)
        self.last_button.setEnabled(self.offset + len(rows) < self.total)

    def _details(self, e) -> str:
        """What the entry is about in words: a setting by its name, an officer's account by
        the officer's name (never the start of an internal ID)."""
        if e.record_type == "setting":
            from okudesk.core.records import settings

            return settings.label(e.summary or e.record_id)
        if e.summary:
            return e.summary
        people = {p.id: p.display for p in getattr(self, "_people", ())}
        return people.get(e.record_id, "")

    def _record_text(self, e) -> str:
        """A record by its number when it has one, else its kind and the start of its ID."""
        number = getattr(self, "_numbers", {}).get(e.record_id)
        kind = labels.record_type(e.record_type)
        return f"{kind} {number}" if number else kind

    def verify_chain(self) -> None:
        def show(result) -> None:
            if result.ok:
                self.chain_label.setText(
                    tr("Rantai audit utuh: {n} entri dalam {c} rantai.").format(
                        n=result.entries, c=result.chains
                    )
                )
                self.chain_label.setStyleSheet("color: #1b5e20;")
            else:
                self.chain_label.setText(
                    tr("Rantai audit RUSAK: {problem}").format(problem=result.problem)
                )
                self.chain_label.setStyleSheet("color: #b71c1c; font-weight: 600;")

        audit_ops.verify(parent=self).success(show).run()

    # --- accounts ----------------------------------------------------------------------------

    def _build_accounts(self) -> None:
        tab = QWidget()
        v = QVBoxLayout(tab)
        self.account_post = PostPicker()  # HQ: every post's officers are listed
        v.addWidget(self.account_post)
        self.accounts = QTableWidget(0, 5)
        self.accounts.setObjectName("accountsTable")
        self.accounts.setHorizontalHeaderLabels(
            [tr("Petugas"), tr("NRP"), tr("Peran"), tr("Keadaan"), tr("Pos")]
        )
        for signal in (self.account_post.known, self.account_post.currentIndexChanged):
            signal.connect(lambda *_: show_post_column(self.accounts, 4, self.account_post))
        self.accounts.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.accounts.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.accounts.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.accounts.verticalHeader().setVisible(False)
        self.accounts.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        v.addWidget(self.accounts)
        form = QFormLayout()
        from okudesk.core.permissions import ROLE_LABELS, ROLES

        self.role = QComboBox()
        for role in ROLES:
            self.role.addItem(tr(ROLE_LABELS[role]), role)
        self.temp_pass = QLineEdit()
        self.temp_pass.setEchoMode(QLineEdit.EchoMode.Password)
        self.temp_pass.setPlaceholderText(
            tr("kata sandi sementara (petugas menggantinya saat masuk)")
        )
        form.addRow(tr("Peran"), self.role)
        form.addRow(tr("Kata sandi sementara"), self.temp_pass)
        buttons = QHBoxLayout()
        self.save_account = QPushButton(tr("Simpan akun"))
        self.unlock_button = QPushButton(tr("Buka kunci"))
        buttons.addWidget(self.save_account)
        buttons.addWidget(self.unlock_button)
        buttons.addStretch(1)
        v.addLayout(form)
        v.addLayout(buttons)
        self.account_error = ErrorLabel()
        v.addWidget(self.account_error)
        self.accounts.itemSelectionChanged.connect(self._account_selected)
        self.save_account.clicked.connect(self._save_account)
        self.unlock_button.clicked.connect(self._unlock)
        self.tabs.addTab(tab, tr("Akun petugas"))
        self._people: list = []
        self._accounts: dict = {}

    def _show_people(self, result) -> None:
        from okudesk.core.permissions import ROLE_LABELS

        people, acc, minutes = result
        self._people, self._accounts = people, acc
        # the console and the start-up jobs act too, as no officer: a choice of their own
        self.officer.set_items(
            [(p.id, p.display) for p in people] + [(SYSTEM_CHOICE, tr("Sistem (bukan petugas)"))]
        )
        self.idle_minutes.setValue(minutes)
        self.accounts.setRowCount(len(people))
        for r, p in enumerate(people):
            a = acc.get(p.id)
            state = (
                ""
                if a is None
                else (
                    tr("terkunci")
                    if a.locked_seconds
                    else tr("harus ganti kata sandi")
                    if a.must_change
                    else tr("aktif")
                )
            )
            for c, text in enumerate(
                (
                    p.display,
                    p.nrp,
                    tr(ROLE_LABELS[a.role]) if a else tr("(belum ada akun)"),
                    state,
                    p.origin_post,
                )
            ):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, p.id)
                self.accounts.setItem(r, c, item)
        show_post_column(self.accounts, 4, self.account_post)

    def selected_officer(self) -> str | None:
        items = self.accounts.selectedItems()
        return items[0].data(Qt.ItemDataRole.UserRole) if items else None

    def _account_selected(self) -> None:
        a = self._accounts.get(self.selected_officer())
        if a is not None:
            self.role.setCurrentIndex(max(self.role.findData(a.role), 0))

    def _save_account(self) -> None:
        officer_id, role, passphrase = (
            self.selected_officer(),
            self.role.currentData(),
            self.temp_pass.text() or None,
        )
        if officer_id is None:
            return
        self.account_error.show_text("")

        def done(_info) -> None:
            self.temp_pass.clear()

        account_ops.set_account(
            parent=self, officer_id=officer_id, role=role, passphrase=passphrase
        ).success(done).failure(self._account_failed).run()

    def _unlock(self) -> None:
        officer_id = self.selected_officer()
        if officer_id is None:
            return

        account_ops.unlock(parent=self, officer_id=officer_id).failure(self._account_failed).run()

    def _account_failed(self, exc: BaseException) -> None:
        from okudesk.core.errors import OkudeskError

        if isinstance(exc, OkudeskError):
            self.account_error.show_text(str(exc))
        else:
            from okudesk.gui import errors

            errors.show_exception(exc, parent=self)

    # --- backups and the idle lock ----------------------------------------------------------------

    def _build_backup(self) -> None:
        tab = QWidget()
        v = QVBoxLayout(tab)
        note = QLabel(
            tr(
                "okudesk membuat cadangan otomatis sekali sehari di folder data. Simpan juga "
                "cadangan di flashdisk yang disimpan terpisah dari laptop."
            )
        )
        note.setWordWrap(True)
        v.addWidget(note)
        self.usb_button = QPushButton(tr("Cadangkan ke USB…"))
        self.usb_button.setObjectName("backupToUsb")
        self.usb_button.setMinimumHeight(36)
        v.addWidget(self.usb_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.backup_label = QLabel()
        self.backup_label.setWordWrap(True)
        v.addWidget(self.backup_label)
        self.restore_button = QPushButton(tr("Pulihkan dari cadangan…"))
        self.restore_button.setObjectName("restoreBackup")
        v.addWidget(self.restore_button, 0, Qt.AlignmentFlag.AlignLeft)
        form = QFormLayout()
        self.idle_minutes = QSpinBox()
        self.idle_minutes.setRange(1, 240)
        self.idle_minutes.setSuffix(tr(" menit"))
        self.idle_save = QPushButton(tr("Simpan"))
        row = QHBoxLayout()
        row.addWidget(self.idle_minutes)
        row.addWidget(self.idle_save)
        row.addStretch(1)
        form.addRow(tr("Kunci layar setelah tidak dipakai"), row)
        v.addLayout(form)
        v.addStretch(1)
        self.usb_button.clicked.connect(self.backup_to_usb)
        self.restore_button.clicked.connect(self.restore_backup)
        self.idle_save.clicked.connect(self._save_idle)
        self.tabs.addTab(tab, tr("Cadangan && kunci layar"))

    def backup_to_usb(self) -> None:
        folder = choose_folder(self)
        if not folder:
            return
        self.usb_button.setEnabled(False)
        self.backup_label.setText(tr("Membuat cadangan…"))

        def done(info) -> None:
            self.usb_button.setEnabled(True)
            self.backup_label.setText(
                tr("Cadangan tersimpan: {path} ({mb:.1f} MB, {n} foto)").format(
                    path=str(info.path), mb=info.size / 1e6, n=info.photos
                )
            )

        def failed(exc: BaseException) -> None:
            self.usb_button.setEnabled(True)
            self.backup_label.setText("")
            messages.error(self, tr("Cadangan gagal: {reason}").format(reason=str(exc)))

        backup_ops.write_backup(parent=self, folder=folder).success(done).failure(failed).run()

    def restore_backup(self) -> None:
        """Put a backup in place of the database in use (kept aside), then log in again."""
        path = choose_backup_file(self)
        if not path or not messages.confirm(
            self,
            tr(
                "Data sekarang akan diganti dengan isi cadangan ini (data sekarang disimpan di "
                "folder replaced). Lanjutkan?"
            ),
            ok_text=tr("Pulihkan"),
        ):
            return

        self._restore(path, reenrol=False)

    def _restore(self, path, *, reenrol: bool) -> None:
        def done(info) -> None:
            from okudesk.gui.login import gate

            self.backup_label.setText(
                tr("Cadangan dipulihkan dari {path}.").format(path=str(info.source))
                + "\n"
                + info.statement
                + (
                    "\n" + tr("rantai audit: {problem}").format(problem=info.trail_problem)
                    if info.trail_problem
                    else ""
                )
            )
            gate(self.window_).lock("restore")  # the restored database has its own accounts

        def failed(exc: BaseException) -> None:
            from okudesk.core.backups import ForeignBackup

            # another installation's backup: only a confirmed re-enrolment puts it in place
            if (
                isinstance(exc, ForeignBackup)
                and not reenrol
                and messages.confirm(
                    self,
                    str(exc)
                    + "\n\n"
                    + tr(
                        "Pulihkan tetap sebagai pendaftaran ulang? Laptop ini akan memakai "
                        "identitas, akun dan kunci dari cadangan itu."
                    ),
                    ok_text=tr("Daftar ulang dan pulihkan"),
                )
            ):
                self._restore(path, reenrol=True)
                return
            messages.error(
                self, tr("Cadangan tidak dapat dipulihkan: {reason}").format(reason=str(exc))
            )

        backup_ops.restore(parent=self, source=path, reenrol=reenrol).success(done).failure(
            failed
        ).run()

    def _save_idle(self) -> None:
        def done(value) -> None:
            from okudesk.gui.login import gate

            gate(self.window_).idle.start(value)

        account_ops.set_idle_lock_minutes(parent=self, minutes=self.idle_minutes.value()).success(
            done
        ).run()
