"""The main window: navigation on the left, one page per area of work, a status bar.

It is built in two steps so that it appears at once: the shell (navigation, empty pages,
status bar) needs only Qt; the store is opened on the operation worker (importing the core
and SQLAlchemy there), and :meth:`attach_store` then shows the first page or the first-run
wizard. Pages are built the first time they are shown (see okudesk/gui/pages/__init__.py).
"""

from __future__ import annotations

import logging
from importlib import import_module

from PySide6.QtCore import QCoreApplication, QSettings, QSize, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from okudesk import __version__
from okudesk.gui.i18n import tr
from okudesk.gui.operations import AUDIT, OFFICER, POST, SETTING, Changes, hub
from okudesk.gui.pages import PAGES, PageSpec

log = logging.getLogger(__name__)

# The list pages, built ahead in idle moments after the first page (see _build_ahead).
BUILT_AHEAD = ("incidents", "meetings", "follow_ups", "stakeholders")
BUILD_AHEAD_DELAY_MS = 200

# Style sheets go on the few widgets that need them, never on the window: a style sheet on
# the window makes Qt polish and paint every widget in it through its slower style-sheet
# style (showing the Kejadian list took 2.5 ms longer, a sixth of its first paint).
SIDE_STYLE = """
QWidget { background: #1f3b57; }
QListWidget#nav { color: #e8eef4; border: none; font-size: 10.5pt; outline: 0; }
QListWidget#nav::item { padding: 9px 10px; border-left: 4px solid transparent; }
QListWidget#nav::item:selected {
    background: #2d5a85; color: white; border-left: 4px solid #f2c14e;
}
QListWidget#nav::item:hover:!selected { background: #29496a; }
QLabel#brand { color: white; font-size: 13pt; font-weight: 700; padding: 14px 12px 2px 12px; }
QLabel#brandSub { color: #b8c7d6; padding: 0 12px 12px 12px; }
"""

# Widgets of the pages and the wizard that look alike, by object name (see style_named).
NAMED_STYLES = {
    "pageTitle": (
        "QLabel#pageTitle { font-size: 15pt; font-weight: 600; color: #1f3b57; padding: 2px 0 6px "
        "0; }"
    ),
    "card": "QFrame#card { background: white; border: 1px solid #d5dde5; border-radius: 6px; }"
    " QLabel#cardNumber { font-size: 22pt; font-weight: 700; color: #1f3b57; }"
    " QLabel#cardCaption { color: #5b6b7b; }",
    "warning": "QLabel#warning { background: #fff3cd; color: #6b4e00; border: 1px solid #f0d68a;"
    " border-radius: 4px; padding: 8px; }",
    "placeholder": "QLabel#placeholder { qproperty-alignment: AlignCenter; color: #5b6b7b; }",
}


def style_named(root: QWidget) -> None:
    """Give ``root`` and the widgets in it named in NAMED_STYLES their style sheet."""
    for name, sheet in NAMED_STYLES.items():
        found = root.findChildren(QWidget, name)
        if root.objectName() == name:
            found.append(root)
        for widget in found:
            if not widget.styleSheet():
                widget.setStyleSheet(sheet)


def nav_icon(spec: PageSpec):
    """A page's icon in the navigation: its SVG line drawing, drawn by Qt at the screen's own
    scale (sharp at 100, 125 and 150 %) rather than a scaled bitmap."""
    from PySide6.QtGui import QIcon

    from okudesk.core import paths

    return QIcon(str(paths.resource("icons", "nav", f"{spec.icon}.svg")))


def page_title(spec: PageSpec) -> str:
    return QCoreApplication.translate("pages", spec.title)


class MainWindow(QMainWindow):
    ready = Signal()  # the first page shows its data
    store_attached = Signal()
    resized = Signal()  # overlays (the lock screen) follow the window's size

    def __init__(self, store=None, *, data_dir=None, shell: bool = True):
        """With ``shell=False`` the navigation, pages and status bar wait for build_shell():
        app.start() puts the login over the window first and builds them once it shows."""
        super().__init__()
        self.setObjectName("MainWindow")
        self.setWindowTitle(f"okudesk {__version__}")
        from okudesk.gui import screen

        screen.fit(self, 1280, 800, minimum=QSize(960, 600))
        screen.center(self)
        self.hub = hub()
        self.data_dir = data_dir
        self.pages: dict[str, QWidget] = {}
        self.post = None
        self._wanted_row: int | None = None  # a page chosen before the post was known
        self.nav = None  # made by build_shell()
        self._is_ready = False
        self._wizard = None
        self._offer_accounts = False
        self._duty_choices = 0
        self._finished = False
        self.hub.data_changed.connect(self._on_data_changed)
        self.restore_window()
        if shell or store is not None:
            self.build_shell()
        if store is not None:
            self.hub.store = store
            self.attach_store(store)

    def build_shell(self) -> None:
        """Navigation on the left, a placeholder for each page, the status bar (once)."""
        if self.nav is not None:
            return
        # by name here, not at import: PySide6 makes a class the first time its name is
        # looked up, and the login shown before the shell needs none of these
        from PySide6.QtWidgets import QListWidget, QListWidgetItem

        central = QWidget()
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        side = QWidget()
        side.setFixedWidth(250)
        sv = QVBoxLayout(side)
        sv.setContentsMargins(0, 0, 0, 0)
        sv.setSpacing(0)
        brand = QLabel("okudesk")
        brand.setObjectName("brand")
        self.brand_sub = QLabel(tr("Polres Ogan Komering Ulu"))
        self.brand_sub.setObjectName("brandSub")
        self.brand_sub.setWordWrap(True)
        sv.addWidget(brand)
        sv.addWidget(self.brand_sub)
        self.nav = QListWidget()
        self.nav.setObjectName("nav")
        self.nav.setIconSize(QSize(18, 18))
        self.nav.setWordWrap(True)
        sv.addWidget(self.nav, 1)
        self.stack = QStackedWidget()
        self._placeholders: dict[str, QWidget] = {}
        for spec in PAGES:
            self.nav.addItem(QListWidgetItem(page_title(spec)))
            holder = QLabel(tr("Memuat…"))
            holder.setObjectName("placeholder")
            self._placeholders[spec.key] = holder
            self.stack.addWidget(holder)
        self.nav.setEnabled(False)
        self.nav.currentRowChanged.connect(self._show_row)
        body = QWidget()
        bv = QVBoxLayout(body)
        bv.setContentsMargins(14, 10, 14, 6)
        bv.addWidget(self.stack)
        layout.addWidget(side)
        layout.addWidget(body, 1)
        self.setCentralWidget(central)
        self._build_status_bar()
        side.setStyleSheet(
            SIDE_STYLE
        )  # once built: each widget is polished once, not at every addWidget
        style_named(self)
        for overlay in self.findChildren(QWidget, "lockScreen"):  # a login shown first stays on top
            if overlay.isVisible():
                overlay.raise_()

    # --- status bar ------------------------------------------------------------------------------

    def _build_status_bar(self) -> None:
        from PySide6.QtWidgets import QProgressBar

        bar = self.statusBar()
        self.post_label = QLabel(tr("Memuat data…"))
        self.officer_combo = QComboBox()
        self.officer_combo.setMinimumContentsLength(22)
        self.officer_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.officer_combo.setToolTip(tr("Petugas piket yang sedang memakai okudesk"))
        self.officer_combo.activated.connect(self._officer_chosen)
        self.unexported_label = QLabel()
        self.busy = QProgressBar()
        self.busy.setRange(0, 0)
        self.busy.setMaximumWidth(90)
        self.busy.setMaximumHeight(14)
        self.busy.setVisible(False)
        self.officer_label = QLabel(tr("Petugas piket:"))
        bar.addWidget(self.post_label)
        bar.addWidget(self.officer_label)
        bar.addWidget(self.officer_combo)
        self.officer_label.setVisible(False)
        self.officer_combo.setVisible(False)
        bar.addPermanentWidget(self.unexported_label)
        bar.addPermanentWidget(self.busy)
        self.help_button = QPushButton(tr("Bantuan (F1)"))
        self.help_button.setFlat(True)
        self.help_button.clicked.connect(self.open_help)
        bar.addPermanentWidget(self.help_button)
        self.hub.taskman.busy_changed.connect(self.busy.setVisible)

    def _officer_chosen(self, index: int) -> None:
        officer_id = self.officer_combo.itemData(index)
        self.hub.officer_on_duty = officer_id
        self._duty_choices += 1

        from okudesk.gui.operations import shell as shell_ops

        shell_ops.set_officer_on_duty(parent=self, officer_id=officer_id).run()

    def refresh_status(self) -> None:
        asked = self._duty_choices
        from okudesk.gui.operations import shell as shell_ops

        shell_ops.status(parent=self).success(lambda result: self._show_status(result, asked)).run()

    def _show_status(self, result, asked: int = 0) -> None:
        post, officer_list, on_duty, unexported = result
        if asked != self._duty_choices:  # chosen after this query was asked: keep the choice
            on_duty = self.hub.officer_on_duty
        self.post = post
        if post is not None:
            self.post_label.setText(
                tr("Pos: {name} ({code})").format(name=post.name, code=post.code)
            )
            self.brand_sub.setText(post.name)
            self.setWindowTitle(f"okudesk - {post.name}")
        self.officer_label.setVisible(post is not None)
        self.officer_combo.setVisible(post is not None)
        self.officer_combo.blockSignals(True)
        self.officer_combo.clear()
        self.officer_combo.addItem(tr("(pilih petugas)"), None)
        for o in officer_list:
            self.officer_combo.addItem(o.display, o.id)
        i = self.officer_combo.findData(on_duty) if on_duty else 0
        self.officer_combo.setCurrentIndex(max(i, 0))
        self.officer_combo.blockSignals(False)
        self.hub.officer_on_duty = self.officer_combo.currentData()
        self.unexported_label.setText(
            tr("1 perubahan belum diekspor")  # "1 change" in English, not "1 changes"
            if unexported == 1
            else tr("{n} perubahan belum diekspor").format(n=f"{unexported:,}".replace(",", "."))
        )

    def _on_data_changed(self, changes: Changes) -> None:
        if changes.source is self and changes.areas <= {
            SETTING,
            AUDIT,
        }:  # the officer on duty chosen here
            return
        if self.hub.store is not None and self.post is not None:
            self.refresh_status()
        if changes.touches(POST, OFFICER) and self.post is None and self._wizard is None:
            self.attach_store(self.hub.store)

    # --- pages -----------------------------------------------------------------------------------

    def attach_store(self, store) -> None:
        """The store is open: log in (okudesk/gui/login.py), then show the pages, or the
        first-run wizard on an empty folder."""
        from okudesk.gui.login import gate

        self.build_shell()
        self.finish_shell()
        gate(self).require(store, self._attach_logged_in)

    def attach_locked(self) -> None:
        """The store is encrypted: the login opens it (okudesk/gui/operations/accounts.py),
        then the pages show, or the first-run wizard. Nothing is opened at start, so this
        runs in the first moments after the login is painted: the navigation's icons and
        shortcuts, hidden behind the login anyway, are made while the officer types
        (gui/app.start calls :meth:`finish_shell` then), or at the login if it comes first."""
        from okudesk.gui.login import gate

        self.build_shell()

        def logged_in() -> None:
            self.finish_shell()
            self._attach_logged_in()

        gate(self).wait_for_login(logged_in)

    def finish_shell(self) -> None:
        """What the pages need and the first screen does not: navigation icons, shortcuts.

        Done when the store is attached rather than in __init__: creating Qt's ``Qt`` enum
        namespace in PySide6 takes ~25 ms, a tenth of a cold start to the
        login screen (benchmarks/bench_gui_startup.py)."""
        if self._finished:
            return
        self._finished = True
        from PySide6.QtCore import Qt

        self.nav.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        for row, spec in enumerate(PAGES):
            self.nav.item(row).setIcon(nav_icon(spec))
        self._build_shortcuts()

    def _attach_logged_in(self) -> None:
        from okudesk.gui.operations import shell as shell_ops

        shell_ops.this_post(parent=self).success(self._post_known).run()

    def _post_known(self, post) -> None:
        if post is None:
            self._show_wizard()
            return
        self.post = post
        if self._wizard is not None:
            self.stack.removeWidget(self._wizard)
            self._wizard.deleteLater()
            self._wizard = None
        self.nav.setEnabled(True)
        settings = QSettings()
        # HQ opens on the regency at a glance; a post on its own day's work
        start = settings.value("window/page", "situation" if post.is_hq else "home", str)
        keys = [s.key for s in PAGES]
        row = keys.index(start) if start in keys else 0
        wanted, self._wanted_row = self._wanted_row, None
        if wanted is not None:  # a page chosen while the post was being read (a quick click)
            row = wanted
        if self.nav.currentRow() == row:
            self._show_row(row)
        else:
            self.nav.setCurrentRow(row)
        self.refresh_status()  # after the first page's queries: counting changes can take a moment
        self.store_attached.emit()
        if self._offer_accounts:
            self._offer_officer_accounts()
        QTimer.singleShot(BUILD_AHEAD_DELAY_MS, self, self._build_ahead)

    def _build_ahead(self) -> None:
        """Build the list pages ahead, one at a time, whenever the worker is idle: opening
        one then only shows it and asks for its first rows (building a list page takes
        ~4 ms and laying it out as much again, more than reading and painting its rows).
        A page built ahead reads nothing until it is first shown."""
        if self.post is None:
            return
        if self.hub.taskman.pending:  # the first page (or the user) is still being served
            QTimer.singleShot(BUILD_AHEAD_DELAY_MS, self, self._build_ahead)
            return
        keys = [s.key for s in PAGES]
        for key in BUILT_AHEAD:
            if (
                key in keys
                and key not in self.pages
                and not self.nav.item(keys.index(key)).isHidden()
            ):
                self.build_page_ahead(key)
                QTimer.singleShot(BUILD_AHEAD_DELAY_MS, self, self._build_ahead)
                return

    def build_page_ahead(self, key: str):
        """The page ``key`` built, polished and laid out now, not when it is first shown."""
        page = self.page(key)
        page.resize(self.stack.size())
        page.ensurePolished()
        page.layout().activate()
        return page

    def _show_wizard(self) -> None:
        from okudesk.gui.wizard import FirstRunWizard

        if self._wizard is not None:
            # the post asked for again while the wizard is up (the first admin's own change
            # can ask a second time, and its answer may come late): keep what is typed in it
            self.stack.setCurrentWidget(self._wizard)
            return
        self._wizard = FirstRunWizard(self)
        style_named(self._wizard)
        self._wizard.finished_setup.connect(self._wizard_finished)
        self.stack.addWidget(self._wizard)
        self.stack.setCurrentWidget(self._wizard)
        self.post_label.setText(tr("Pos belum disiapkan"))
        self._first_ready()

    def _wizard_finished(self) -> None:
        self._offer_accounts = self._wizard is not None and self._wizard.officers_added > 0
        self.attach_store(self.hub.store)

    def _offer_officer_accounts(self) -> None:
        """Officers typed into the wizard cannot log in yet: say so, and take the admin to
        where their accounts are made."""
        self._offer_accounts = False
        from okudesk.gui import messages
        from okudesk.gui.pages.base import current_actor

        actor = current_actor()
        if actor is None or not actor.may("account.manage"):
            return
        if messages.confirm(
            self,
            tr(
                "Petugas yang dimasukkan di panduan belum dapat masuk ke okudesk. Buat akun "
                "masuk mereka sekarang di Audit & Keamanan > Akun petugas?"
            ),
            tr("Akun petugas"),
            tr("Buat akun sekarang"),
        ):
            page = self.go_to("audit")
            page.tabs.setCurrentIndex(1)

    def page(self, key: str):
        """The page ``key``, building it on first use."""
        if key in self.pages:
            return self.pages[key]
        spec = next(s for s in PAGES if s.key == key)
        module, _sep, name = spec.factory.partition(":")
        page = getattr(import_module(module), name)(self)
        style_named(page)
        placeholder = self._placeholders.pop(key)
        index = self.stack.indexOf(placeholder)
        self.stack.insertWidget(index, page)
        self.stack.removeWidget(placeholder)
        placeholder.deleteLater()
        self.pages[key] = page
        page.restore_state(QSettings())
        if not self._is_ready:
            page.ready.connect(self._first_ready)
        return page

    def _first_ready(self) -> None:
        if not self._is_ready:
            self._is_ready = True
            self.ready.emit()

    def is_ready(self) -> bool:
        return self._is_ready

    def _show_row(self, row: int) -> None:
        if row < 0:
            return
        if self.post is None:  # chosen before this post is known: shown once it is
            self._wanted_row = row
            return
        key = PAGES[row].key
        page = self.page(key)
        self.stack.setCurrentWidget(page)
        page.activate()

    def go_to(self, key: str):
        row = [s.key for s in PAGES].index(key)
        self.nav.setCurrentRow(row)
        return self.page(key)

    def current_page(self):
        w = self.stack.currentWidget()
        return w if w in self.pages.values() else None

    # --- shortcuts and layout memory ----------------------------------------------------------

    def _build_shortcuts(self) -> None:
        from PySide6.QtCore import Qt
        from PySide6.QtGui import QKeySequence, QShortcut

        for keys, method in (
            (QKeySequence.StandardKey.New, "new_record"),
            (QKeySequence.StandardKey.Find, "focus_search"),
            (QKeySequence.StandardKey.Save, "save"),
            (QKeySequence.StandardKey.Print, "print_current"),
            (QKeySequence(Qt.Key.Key_Escape), "cancel"),
        ):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.activated.connect(lambda m=method: self._dispatch(m))
        QShortcut(QKeySequence(Qt.Key.Key_F1), self).activated.connect(self.open_help)

    def open_help(self):
        """Bantuan: the guide for the logged-in user's role, in the running language."""
        from okudesk.gui.dialogs.help import open_help

        store = self.hub.store
        actor = store.actor if store is not None else None
        return open_help(
            self, actor.role if actor is not None else None, store.data_dir if store else None
        )

    def _dispatch(self, method: str) -> None:
        page = self.current_page()
        if page is not None:
            page.run_action(method)

    # --- what the logged-in role may use ------------------------------------------------------

    def show_role(self, actor) -> None:
        """Offer only what ``actor``'s role may use (okudesk/gui/login.py calls this at each
        login): the pages by their ``PageSpec.permissions``, and on each built page what it
        guards (``Page.guard``; pages built later read the role themselves). The officer on
        duty becomes who logged in."""
        if self.nav is None:
            return
        first_visible = None
        for row, spec in enumerate(PAGES):
            allowed = spec.allows(actor)
            self.nav.item(row).setHidden(not allowed)
            if allowed and first_visible is None:
                first_visible = row
        current = self.nav.currentRow()
        if current >= 0 and self.nav.item(current).isHidden() and first_visible is not None:
            self.nav.setCurrentRow(first_visible)
        for page in self.pages.values():
            page.show_role(actor)
        if actor is not None and actor.officer_id is not None:
            i = self.officer_combo.findData(actor.officer_id)
            if i >= 0:
                self.officer_combo.setCurrentIndex(i)
            self.officer_combo.setEnabled(False)  # the officer on duty is who logged in

    def restore_window(self) -> None:
        settings = QSettings()
        geometry = settings.value("window/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)

    def save_layout(self) -> None:
        settings = QSettings()
        settings.setValue("window/geometry", self.saveGeometry())
        row = self.nav.currentRow() if self.nav is not None else -1
        if row >= 0:
            settings.setValue("window/page", PAGES[row].key)
        for page in self.pages.values():
            page.save_state(settings)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self.resized.emit()

    def closeEvent(self, event) -> None:
        for page in self.pages.values():
            if hasattr(page, "may_close") and not page.may_close():
                event.ignore()
                return
        self.save_layout()
        super().closeEvent(event)
