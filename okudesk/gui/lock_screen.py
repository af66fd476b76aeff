"""The lock screen: an opaque overlay over the whole window (nothing of the data behind it
shows) with one of three forms: pick your name and type your passphrase; on an installation
without any account, create the first admin (``accounts.create_first_admin``); an officer
whose passphrase was reset chooses a new one. Emits ``unlocked(actor)``; who is logged in,
and when the window locks again, is okudesk/gui/login.py's.

All passphrase work (scrypt) runs on the operation worker, never on the UI thread.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, Signal
from PySide6.QtGui import QColor, QPainter, QPalette
from PySide6.QtWidgets import (
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

from okudesk.gui.i18n import tr
from okudesk.gui.messages import ErrorLabel, set_color

BACKGROUND_COLOR = QColor("#1f3b57")  # the navigation's blue
CARD_COLOR = QColor("white")


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
        set_color(
            self, QPalette.ColorRole.Window, CARD_COLOR
        )  # the fields' frames are drawn to match

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
    PySide6's costly ``Qt`` enum namespace (see MainWindow.finish_shell), and builds each
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
        self.locked_by = QLabel()  # who locked it and when; hidden at a cold start
        self.locked_by.setObjectName("lockedBy")
        self.locked_by.setWordWrap(True)
        self.locked_by.hide()
        v.addWidget(self.locked_by)
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
            build = {
                LOGIN: self._build_login,
                FIRST_ADMIN: self._build_first_admin,
                NEW_PASSPHRASE: self._build_new_passphrase,
            }[name]
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
        intro = QLabel(
            tr("Belum ada akun. Buat akun admin pertama: admin mengatur pos, petugas dan cadangan.")
        )
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
        for edit in (self.admin_name, self.admin_nrp, self.admin_pass, self.admin_pass2):
            edit.returnPressed.connect(self._create_admin)  # Enter submits, as on the login

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

    def set_locked_by(self, text: str) -> None:
        """Who locked the window (and when), said above the login; "" when nobody did."""
        self.locked_by.setText(text)
        self.locked_by.setVisible(bool(text))

    def show_login(self, choices, preferred: str | None = None) -> None:
        """The login form with ``choices`` (accounts.login_choices or store/peek.py). When it
        is already showing, only the list is brought up to date: what the user picked and
        typed stays."""
        items = [(f"{c.display} ({c.nrp})", c.officer_id) for c in choices]
        if self._old and self.showing(NEW_PASSPHRASE):
            # logged in with a one-time passphrase: the new one is asked for; a list that
            # arrives late (the store opened after the early login) must not replace it
            return
        if self.showing(LOGIN):
            shown = [
                (self.officer.itemText(i), self.officer.itemData(i))
                for i in range(self.officer.count())
            ]
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

    def cannot_log_in(self, exc: BaseException) -> None:
        """Nobody can log in, and why (a damaged key file: the login form, empty, says so)."""
        self.show_login([])
        self._failed(exc)
        self.login_button.setEnabled(False)

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
        if self.showing(FIRST_ADMIN):  # put the cursor in the field to fix
            field = getattr(exc, "field", None)
            edit = {"name": self.admin_name, "nrp": self.admin_nrp}.get(field, self.admin_pass)
            edit.setFocus()
            edit.selectAll()

    def _login(self) -> None:
        officer_id, passphrase = self.officer.currentData(), self.passphrase.text()
        if officer_id is None:
            return
        self._busy(True)
        self.message.show_text("")

        from okudesk.gui.operations import accounts as account_ops

        account_ops.log_in(parent=self, officer_id=officer_id, passphrase=passphrase).success(
            lambda result: self._logged_in(result, passphrase)
        ).failure(self._failed).run()

    def _logged_in(self, result, passphrase: str) -> None:
        actor, must_change = result
        self.passphrase.clear()
        self._busy(False)
        if must_change:  # the change of passphrase rewraps the key itself
            self._ask_new(actor, passphrase)
            return
        self.unlocked.emit(actor)  # the first page's reading is queued by now
        from okudesk.gui.operations import accounts as account_ops

        account_ops.after_login(
            parent=None, officer_id=actor.officer_id, passphrase=passphrase
        ).run()

    def _ask_new(self, actor, old: str | None) -> None:
        self._pending_actor, self._old = actor, old
        self._form(NEW_PASSPHRASE)
        self.title.setText(tr("Kata sandi baru"))
        self.change_note.setText(
            tr(
                "Kata sandi Anda diatur ulang oleh admin. Pilih kata sandi baru (minimal 8 "
                "karakter)."
            )
            if old
            else tr("Kata sandi ini juga melindungi kunci tanda tangan Anda (minimal 8 karakter).")
        )
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
        if not self.admin_button.isEnabled():
            return  # already on its way
        if self.admin_pass.text() != self.admin_pass2.text():
            self.message.show_text(tr("Kedua kata sandi tidak sama"))
            self.admin_pass2.setFocus()
            self.admin_pass2.selectAll()
            return
        name, nrp, passphrase = (
            self.admin_name.text(),
            self.admin_nrp.text(),
            self.admin_pass.text(),
        )
        self._busy(True)

        def done(actor) -> None:
            self._busy(False)
            self.admin_pass.clear()
            self.admin_pass2.clear()
            self.unlocked.emit(actor)

        from okudesk.gui.operations import accounts as account_ops

        account_ops.create_first_admin(
            parent=self, name=name, nrp=nrp, passphrase=passphrase
        ).success(done).failure(self._failed).run()

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

        from okudesk.gui.operations import accounts as account_ops

        account_ops.change_passphrase(
            parent=self, officer_id=actor.officer_id, old=old, new=new
        ).success(done).failure(self._failed).run()
