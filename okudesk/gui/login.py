"""Who is logged in to a main window, and when it locks again.

The :class:`Gate` puts the lock screen (okudesk/gui/lock_screen.py) over the window until
someone logs in; then the store acts as them (``store.actor``: every operation's session
carries it, the core checks it) and the window offers only what their role may use
(``MainWindow.show_role``: pages by ``PageSpec.permissions``, buttons and shortcuts by what
each page guards). After the idle time set by the admin (default 15 minutes) or Ctrl+L the
window locks again: the store stops acting for anyone.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication, QPushButton

from okudesk.gui.i18n import tr
from okudesk.gui.lock_screen import LockScreen
from okudesk.gui.operations import Changes, hub


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

            self.activity = frozenset(
                {
                    QEvent.Type.KeyPress,
                    QEvent.Type.MouseButtonPress,
                    QEvent.Type.MouseMove,
                    QEvent.Type.Wheel,
                    QEvent.Type.TouchBegin,
                }
            )
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

    entered = Signal(object)  # the actor of every successful login (the store is open then)

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

    def _show_role(self, actor) -> None:
        """The window offers what the actor's role may use (the core refuses the rest anyway)."""
        show = getattr(self.window, "show_role", None)
        if show is not None:
            show(actor)

    def require(self, store, then) -> None:
        """Run ``then`` once someone is logged in (at once when the store already acts for
        someone: a console or test store)."""
        if store.actor is not None:
            self.actor = store.actor
            self._add_controls()
            self._show_role(store.actor)
            then()
            return
        self._then = then
        self._ask()

    def wait_for_login(self, then) -> None:
        """Run ``then`` once someone has logged in, the login opening the store (encrypted:
        nothing is read before a passphrase unwraps its key). The login screen read from the
        key file (store/peek.py) is showing already, unless that could not be read."""
        self._then = then
        if not self.screen.isVisible():
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

        def refused(exc: BaseException) -> None:
            """No list to offer (the key file is damaged): the login says why."""
            if self.actor is not None:
                return
            self.screen.cannot_log_in(exc)
            if hasattr(self.window, "_first_ready"):
                self.window._first_ready()

        from okudesk.gui.operations import accounts as account_ops

        account_ops.login_choices(parent=self.window).success(show).failure(refused).run()

    def _unlocked(self, actor) -> None:
        self.screen.set_locked_by("")
        store = hub().store
        store.actor = self.actor = actor
        hub().officer_on_duty = actor.officer_id
        self._add_controls()
        self._show_role(actor)
        self.screen.hide()
        from okudesk.gui.operations import accounts as account_ops

        if actor.officer_id is not None:  # who logged in is the officer on duty
            account_ops.take_duty(parent=self.window, officer_id=actor.officer_id).run()
        account_ops.idle_lock_minutes(parent=self.window).success(self.idle.start).run()
        self.entered.emit(actor)
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
        self.screen.set_locked_by(locked_by_text(actor, reason))

        from okudesk.gui.operations import accounts as account_ops

        account_ops.log_out(parent=self.window, actor=actor, reason=reason).run()
        self._ask(preferred=actor.officer_id)


def locked_by_text(actor, reason: str, when=None) -> str:
    """ "Dikunci oleh Aiptu Budi (85071234) pukul 14.05": the next person at the laptop sees
    whose session was closed, and that an idle lock was not someone's choice."""
    from datetime import datetime

    from okudesk.gui.dates import date_text

    when = when or datetime.now()
    who = f"{actor.name} ({actor.nrp})" if actor.nrp else actor.name
    at = f"{date_text(when.date())} {when:%H.%M}"
    if reason == "idle":
        return tr("Dikunci otomatis karena tidak dipakai: {who}, {at}").format(who=who, at=at)
    return tr("Dikunci oleh {who}, {at}").format(who=who, at=at)


def gate(window) -> Gate:
    """The window's gate, made on first use."""
    existing = getattr(window, "_okudesk_gate", None)
    if existing is None:
        existing = window._okudesk_gate = Gate(window)
    return existing
