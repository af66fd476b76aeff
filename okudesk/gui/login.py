"""Logging in, the idle lock and role-based hiding, for one main window.

The :class:`LockScreen` is an opaque overlay over the whole window (nothing of the data
behind it shows): pick your name, type your passphrase. On an installation without any
account it asks for the first admin instead (``accounts.create_first_admin``); an officer
whose passphrase was reset must choose a new one. Once someone is in, the store acts as
them (``store.actor``: every operation's session carries it, the core checks it) and the
navigation hides the pages their role may not use. After the idle time set by the admin
(default 15 minutes) or Ctrl+L the window locks again: the store stops acting for anyone.

All passphrase work (scrypt) runs on the operation worker, never on the UI thread.
"""

from __future__ import annotations

import threading

from PySide6.QtCore import QCoreApplication, QObject, QRectF, QTimer, Signal
from PySide6.QtGui import QColor, QPainter, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from okudesk.gui.messages import ErrorLabel, set_color
from okudesk.gui.operations import Changes, hub
from okudesk.gui.operations import accounts as account_ops
from okudesk.gui.pages import PAGES

# Pages a role must be allowed to see (any one of the permissions); the others need "data.read".
PAGE_PERMISSIONS = {"settings": ("settings.write",), "sync": ("sync.export", "sync.import"), "audit": ("audit.read",)}
# Buttons on other helpers' pages that only some roles may use: (page, attribute) -> permission.
BUTTON_PERMISSIONS = {
    ("home", "new_meeting"): "meeting.write",
    ("home", "new_incident"): "incident.write",
    ("meetings", "new_button"): "meeting.write",
    ("incidents", "new_button"): "incident.write",
    ("settings", "add_officer"): "officer.manage",
}

BACKGROUND_COLOR = QColor("#1f3b57")  # the navigation's blue
CARD_COLOR = QColor("white")


def tr(text: str) -> str:
    return QCoreApplication.translate("", text)  # the context lupdate gives tr() calls


def _password_edit() -> QLineEdit:
    edit = QLineEdit()
    edit.setEchoMode(QLineEdit.EchoMode.Password)
    edit.setMinimumWidth(260)
    return edit


# The three forms of the lock screen.
LOGIN, FIRST_ADMIN, NEW_PASSPHRASE = "login", "first_admin", "new_passphrase"


class _Card(QWidget):
    """The white card with rounded corners the forms sit on, painted rather than styled: a
    style sheet costs its first user ~6 ms, and this is the first screen of a cold start."""

    def __init__(self):
        super().__init__()
        set_color(self, QPalette.ColorRole.Window, CARD_COLOR)  # the fields' frames are drawn to match

    def paintEvent(self, _event) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(CARD_COLOR)
        painter.setBrush(CARD_COLOR)
        painter.drawRoundedRect(QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5), 8, 8)


class LockScreen(QFrame):
    """The overlay: login, first admin, or a new passphrase. Emits ``unlocked(actor)``.

    It fills the window with its own opaque background: nothing of the window behind shows.
    It is the first screen of a cold start, so it keeps away from style sheets and from
    PySide6's costly ``Qt`` enum namespace (see MainWindow._finish_shell), and builds each
    form the first time it is shown."""

    unlocked = Signal(object)

    def __init__(self, window):
        super().__init__(window)
        self.setObjectName("lockScreen")
        set_color(self, QPalette.ColorRole.Window, BACKGROUND_COLOR)
        self.setAutoFillBackground(True)
        # follow the window's size (a window-wide event filter would hand every event of
        # the window to Python, creating PySide6 types the first screen does not need)
        window.resized.connect(self._fit)
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        card = _Card()
        card.setObjectName("card")
        card.setMaximumWidth(460)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(card, 4)
        row.addStretch(1)
        outer.addLayout(row)
        outer.addStretch(2)
        v = QVBoxLayout(card)
        self.title = QLabel()
        self.title.setObjectName("pageTitle")
        v.addWidget(self.title)
        self.forms = QVBoxLayout()  # the forms, one visible at a time
        v.addLayout(self.forms)
        self.message = ErrorLabel()
        v.addWidget(self.message)
        self._forms: dict[str, QWidget] = {}
        self._buttons: list[QPushButton] = []  # disabled while the worker checks
        self._pending_actor = None
        self._old: str | None = ""
        self.hide()

    def _form(self, name: str) -> QWidget:
        """One of the forms (LOGIN, FIRST_ADMIN, NEW_PASSPHRASE), built on first use."""
        if name not in self._forms:
            page = QWidget()
            build = {LOGIN: self._build_login, FIRST_ADMIN: self._build_first_admin,
                     NEW_PASSPHRASE: self._build_new_passphrase}[name]
            build(QFormLayout(page))
            page.hide()
            self._forms[name] = page
            self.forms.addWidget(page)
        return self._forms[name]

    def _button(self, text: str, then) -> QPushButton:
        button = QPushButton(text)
        button.clicked.connect(then)
        self._buttons.append(button)
        return button

    def _build_login(self, form: QFormLayout) -> None:
        self.officer = QComboBox()
        self.officer.setObjectName("loginOfficer")
        self.passphrase = _password_edit()
        self.passphrase.setObjectName("loginPassphrase")
        self.login_button = self._button(tr("Masuk"), self._login)
        self.login_button.setObjectName("loginButton")
        self.login_button.setDefault(True)
        form.addRow(tr("Nama"), self.officer)
        form.addRow(tr("Kata sandi"), self.passphrase)
        form.addRow("", self.login_button)
        self.passphrase.returnPressed.connect(self._login)

    def _build_first_admin(self, form: QFormLayout) -> None:
        intro = QLabel(tr("Belum ada akun. Buat akun admin pertama: admin mengatur pos, petugas dan cadangan."))
        intro.setWordWrap(True)
        form.addRow(intro)
        self.admin_name = QLineEdit()
        self.admin_nrp = QLineEdit()
        self.admin_nrp.setMaxLength(8)
        self.admin_pass = _password_edit()
        self.admin_pass2 = _password_edit()
        self.admin_button = self._button(tr("Buat akun admin"), self._create_admin)
        form.addRow(tr("Nama"), self.admin_name)
        form.addRow(tr("NRP"), self.admin_nrp)
        form.addRow(tr("Kata sandi"), self.admin_pass)
        form.addRow(tr("Ulangi kata sandi"), self.admin_pass2)
        form.addRow("", self.admin_button)

    def _build_new_passphrase(self, form: QFormLayout) -> None:
        """After a reset, or when the officer wants a new passphrase."""
        self.change_form = form
        self.change_note = QLabel()
        self.change_note.setWordWrap(True)
        form.addRow(self.change_note)
        self.old_pass = _password_edit()
        self.new_pass = _password_edit()
        self.new_pass2 = _password_edit()
        self.change_button = self._button(tr("Simpan kata sandi baru"), self._change)
        self.cancel_change = QPushButton(tr("Batal"))
        form.addRow(tr("Kata sandi lama"), self.old_pass)
        form.addRow(tr("Kata sandi baru"), self.new_pass)
        form.addRow(tr("Ulangi kata sandi baru"), self.new_pass2)
        form.addRow(self.cancel_change, self.change_button)
        self.cancel_change.clicked.connect(self.hide)
        self.new_pass2.returnPressed.connect(self._change)

    def _fit(self) -> None:
        self.setGeometry(self.parent().rect())

    def cover(self) -> None:
        self._fit()
        self.show()
        self.raise_()

    # --- the three forms -------------------------------------------------------------------------

    def _step(self, name: str) -> None:
        """Show one form; hidden forms take no room, so the card takes that form's height."""
        shown = self._form(name)
        for form in self._forms.values():
            form.setVisible(form is shown)

    def showing(self, name: str) -> bool:
        form = self._forms.get(name)
        return self.isVisible() and form is not None and not form.isHidden()

    def show_login(self, choices, preferred: str | None = None) -> None:
        """The login form with ``choices`` (accounts.login_choices or store/peek.py). When it
        is already showing, only the list is brought up to date: what the user picked and
        typed stays."""
        items = [(f"{c.display} ({c.nrp})", c.officer_id) for c in choices]
        if self.showing(LOGIN):
            shown = [(self.officer.itemText(i), self.officer.itemData(i)) for i in range(self.officer.count())]
            if items != shown:
                self._set_choices(items, self.officer.currentData())
            return
        self._form(LOGIN)
        self.title.setText(tr("Masuk ke okudesk"))
        self._set_choices(items, preferred)
        self.passphrase.clear()
        self.message.show_text("")
        self.login_button.setEnabled(True)
        self._step(LOGIN)
        self.cover()
        self.passphrase.setFocus()

    def _set_choices(self, items: list[tuple[str, str]], select: str | None) -> None:
        self.officer.clear()
        for text, officer_id in items:
            self.officer.addItem(text, officer_id)
        self.officer.setCurrentIndex(max(self.officer.findData(select), 0) if select else 0)

    def show_first_admin(self) -> None:
        if self.showing(FIRST_ADMIN):
            return
        self.title.setText(tr("Selamat datang di okudesk"))
        self.message.show_text("")
        self._step(FIRST_ADMIN)
        self.cover()
        self.admin_name.setFocus()

    def _busy(self, busy: bool) -> None:
        for b in self._buttons:
            b.setEnabled(not busy)

    def _failed(self, exc: BaseException) -> None:
        from okudesk.core.errors import OkudeskError

        self._busy(False)
        if not isinstance(exc, OkudeskError):
            from okudesk.gui import errors

            errors.show_exception(exc, parent=self)
            return
        self.message.show_text(str(exc))

    def _login(self) -> None:
        officer_id, passphrase = self.officer.currentData(), self.passphrase.text()
        if officer_id is None:
            return
        self._busy(True)
        self.message.show_text("")

        account_ops.log_in(parent=self, officer_id=officer_id, passphrase=passphrase) \
            .success(lambda result: self._logged_in(result, passphrase)).failure(self._failed).run()

    def _logged_in(self, result, passphrase: str) -> None:
        actor, must_change = result
        self.passphrase.clear()
        self._busy(False)
        if must_change:
            self._ask_new(actor, passphrase)
            return
        self.unlocked.emit(actor)

    def _ask_new(self, actor, old: str | None) -> None:
        self._pending_actor, self._old = actor, old
        self._form(NEW_PASSPHRASE)
        self.title.setText(tr("Kata sandi baru"))
        self.change_note.setText(
            tr("Kata sandi Anda diatur ulang oleh admin. Pilih kata sandi baru (minimal 8 karakter).") if old else
            tr("Kata sandi ini juga melindungi kunci tanda tangan Anda (minimal 8 karakter)."))
        self.change_form.setRowVisible(self.old_pass, old is None)
        self.cancel_change.setVisible(old is None)
        self.message.show_text("")
        self._step(NEW_PASSPHRASE)
        self.cover()
        (self.old_pass if old is None else self.new_pass).setFocus()

    def show_change(self, actor) -> None:
        """The logged-in officer chooses a new passphrase (the old one is asked for)."""
        self._ask_new(actor, None)

    def _create_admin(self) -> None:
        if self.admin_pass.text() != self.admin_pass2.text():
            self.message.show_text(tr("Kedua kata sandi tidak sama"))
            return
        name, nrp, passphrase = self.admin_name.text(), self.admin_nrp.text(), self.admin_pass.text()
        self._busy(True)

        def done(actor) -> None:
            self._busy(False)
            self.admin_pass.clear()
            self.admin_pass2.clear()
            self.unlocked.emit(actor)

        account_ops.create_first_admin(parent=self, name=name, nrp=nrp, passphrase=passphrase) \
            .success(done).failure(self._failed).run()

    def _change(self) -> None:
        if self.new_pass.text() != self.new_pass2.text():
            self.message.show_text(tr("Kedua kata sandi tidak sama"))
            return
        actor, new = self._pending_actor, self.new_pass.text()
        old = self._old if self._old is not None else self.old_pass.text()
        self._busy(True)

        def done(actor) -> None:
            self._busy(False)
            for edit in (self.old_pass, self.new_pass, self.new_pass2):
                edit.clear()
            self._pending_actor, self._old = None, ""
            self.unlocked.emit(actor)

        account_ops.change_passphrase(parent=self, officer_id=actor.officer_id, old=old, new=new) \
            .success(done).failure(self._failed).run()


class IdleWatcher(QObject):
    """Emits ``idle`` when nobody touched keyboard or mouse in the application for a while.

    It watches the windows' input only while someone is logged in (between start and stop):
    each event it sees passes through Python."""

    idle = Signal()

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self._timed_out)
        self.activity: frozenset = frozenset()
        self._watching = False

    def start(self, minutes: int) -> None:
        if not self.activity:
            from PySide6.QtCore import QEvent  # not at import: see Gate._add_controls

            self.activity = frozenset({QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.MouseMove,
                                       QEvent.Type.Wheel, QEvent.Type.TouchBegin})
        self._watch_windows(True)
        self.timer.start(max(1, int(minutes)) * 60_000)

    def stop(self) -> None:
        self.timer.stop()
        self._watch_windows(False)

    def _timed_out(self) -> None:
        self._watch_windows(False)
        self.idle.emit()

    def _watch_windows(self, on: bool) -> None:
        """Keys and clicks reach a window (QWindow) before its widgets: watching the windows
        (and each window that gets focus later: dialogs) sees every one of them, without
        this Python filter being called for each paint, layout and timer event of every
        widget, as an application-wide filter is (a quarter of a list's first paint)."""
        app = QApplication.instance()
        if on != self._watching:
            self._watching = on
            if on:
                app.focusWindowChanged.connect(self._watch)
            else:
                app.focusWindowChanged.disconnect(self._watch)
        for window in app.topLevelWindows():
            if on:
                self._watch(window)
            else:
                window.removeEventFilter(self)

    def _watch(self, window) -> None:
        if window is not None:
            window.removeEventFilter(self)  # installed once, however often started
            window.installEventFilter(self)

    def eventFilter(self, _obj, event) -> bool:
        if self.timer.isActive() and event.type() in self.activity:
            self.timer.start()  # again from the full interval
        return False


class Gate(QObject):
    """Who is logged in to one main window."""

    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.screen = LockScreen(window)
        self.screen.unlocked.connect(self._unlocked)
        self.idle = IdleWatcher(self)
        self.idle.idle.connect(lambda: self.lock("idle"))
        self.actor = None
        self._then = None
        self.change_button = self.lock_button = None  # made at the first login: _add_controls
        build = getattr(window, "page", None)
        if build is not None:  # pages are built when first shown: hide their buttons then

            def page(key, _build=build):
                built = _build(key)
                apply_buttons(window, self.actor)
                return built

            window.page = page

    def _add_controls(self) -> None:
        """Ctrl+L and the status bar's lock and change-passphrase buttons, once someone is
        logged in. Not made with the gate: the login is the first screen of a cold start,
        and PySide6 makes each class the first time its name is looked up (QKeySequence,
        QShortcut, QEvent: ~2 ms that showing the login does not need)."""
        if self.lock_button is not None:
            return
        from PySide6.QtGui import QKeySequence, QShortcut

        shortcut = QShortcut(QKeySequence("Ctrl+L"), self.window)
        shortcut.activated.connect(lambda: self.lock("manual"))
        self.change_button = QPushButton(tr("Ganti kata sandi"))
        self.lock_button = QPushButton(tr("Kunci (Ctrl+L)"))
        self.change_button.clicked.connect(self.change_passphrase)
        self.lock_button.clicked.connect(lambda: self.lock("manual"))
        if hasattr(self.window, "statusBar"):
            for b in (self.change_button, self.lock_button):
                b.setFlat(True)
                self.window.statusBar().addPermanentWidget(b)

    def require(self, store, then) -> None:
        """Run ``then`` once someone is logged in (at once when the store already acts for
        someone: a console or test store)."""
        if store.actor is not None:
            self.actor = store.actor
            self._add_controls()
            apply_roles(self.window, store.actor)
            then()
            return
        self._then = then
        self._ask()

    def show_before_store(self, early) -> None:
        """The login screen read by store/peek.py while the store is still opening: the
        user picks a name and types; logging in waits on the worker for the store."""
        if early.first_admin:
            self.screen.show_first_admin()
        else:
            self.screen.show_login(early.choices)
        if hasattr(self.window, "_first_ready"):
            self.window._first_ready()

    def _ask(self, preferred: str | None = None) -> None:
        def show(result) -> None:
            if self.actor is not None:  # logged in from the early screen meanwhile
                return
            first, choices = result
            if first:
                self.screen.show_first_admin()
            else:
                self.screen.show_login(choices, preferred)
            if hasattr(self.window, "_first_ready"):
                self.window._first_ready()  # the window is up: the lock screen is its first page

        account_ops.login_choices(parent=self.window).success(show).run()

    def _unlocked(self, actor) -> None:
        store = hub().store
        store.actor = self.actor = actor
        hub().officer_on_duty = actor.officer_id
        self._add_controls()
        apply_roles(self.window, actor)
        self.screen.hide()
        if actor.officer_id is not None:  # who logged in is the officer on duty
            account_ops.take_duty(parent=self.window, officer_id=actor.officer_id).run()
        account_ops.idle_lock_minutes(parent=self.window).success(self.idle.start).run()
        then, self._then = self._then, None
        if then is not None:
            then()
        else:
            hub().notify(Changes.everything())  # who acts changed: every page reads again

    def change_passphrase(self) -> None:
        if self.actor is not None and self.actor.officer_id is not None:
            self.screen.show_change(self.actor)

    def lock(self, reason: str = "manual") -> None:
        """Stop acting for the officer, record it, and show the login again."""
        actor, store = self.actor, hub().store
        if actor is None or store is None:  # nobody in (the login form may be showing)
            return
        self.idle.stop()
        store.actor = self.actor = None

        account_ops.log_out(parent=self.window, actor=actor, reason=reason).run()
        self._ask(preferred=actor.officer_id)


def gate(window) -> Gate:
    """The window's gate, made on first use."""
    existing = getattr(window, "_okudesk_gate", None)
    if existing is None:
        existing = window._okudesk_gate = Gate(window)
    return existing


def apply_roles(window, actor) -> None:
    """Hide the pages the actor's role may not use (the core refuses them anyway)."""
    nav = getattr(window, "nav", None)
    if nav is None:
        return
    first_visible = None
    for row, spec in enumerate(PAGES):
        if row >= nav.count():
            break
        allowed = any(actor.may(p) for p in PAGE_PERMISSIONS.get(spec.key, ("data.read",)))
        nav.item(row).setHidden(not allowed)
        if allowed and first_visible is None:
            first_visible = row
    current = nav.currentRow()
    if current >= 0 and nav.item(current).isHidden() and first_visible is not None:
        nav.setCurrentRow(first_visible)
    apply_buttons(window, actor)
    combo = getattr(window, "officer_combo", None)
    if combo is not None and actor.officer_id is not None:
        i = combo.findData(actor.officer_id)
        if i >= 0:
            combo.setCurrentIndex(i)
        combo.setEnabled(False)  # the officer on duty is who logged in


def daily_backup(store) -> threading.Thread:
    """At start-up: a backup into ``backups/`` when the last is a day old.

    It runs on a thread of its own, not the operation worker, so logging in does not wait
    for a large photo folder to be copied (SQLite's backup API reads beside the worker's
    connection). A failure (a full disk, a damaged database) is logged; it does not keep
    anyone from working, and the next start tries again.
    """
    import logging

    def work() -> None:
        from okudesk.core import backups

        try:
            backups.daily_if_due(store)
        except Exception:  # noqa: BLE001 - logged; the next start tries again
            logging.getLogger(__name__).exception("daily backup failed")

    thread = threading.Thread(target=work, name="okudesk-daily-backup", daemon=True)
    thread.start()
    return thread


def apply_buttons(window, actor) -> None:
    """Hide the buttons of built pages that the actor's role may not use."""
    if actor is None:
        return
    for (key, attribute), permission in BUTTON_PERMISSIONS.items():
        button = getattr(getattr(window, "pages", {}).get(key), attribute, None)
        if button is not None:
            button.setVisible(actor.may(permission))
