"""What every page of the main window is, and the list page most of them build on."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QSettings, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from okudesk.gui.dates import DateBox
from okudesk.gui.i18n import tr
from okudesk.gui.operations import REFERENCE, Changes, hub
from okudesk.gui.operations import reference as reference_ops
from okudesk.gui.table_model import ColumnSpec, ListModel


def current_actor():
    """Who is logged in (an okudesk.core.permissions.Actor), or None."""
    store = hub().store
    return store.actor if store is not None else None


def _may(actor, permission: str) -> bool:
    return actor is not None and actor.may(permission)


class Page(QWidget):
    """A page: refreshes itself from ``hub().data_changed``; the window's shortcuts call
    ``new_record`` (Ctrl+N), ``focus_search`` (Ctrl+F), ``save`` (Ctrl+S),
    ``print_current`` (Ctrl+P) and ``cancel`` (Esc) through :meth:`run_action`.

    What changes data, the page guards as it builds it: ``self.guard("meeting.write",
    self.new_button, self.edit_button, actions=("new_record", "open_selected"))`` offers
    those buttons, Ctrl+N and a double-click only to a role with that permission (the core
    refuses the others anyway; this keeps the screen from offering them). The rule holds
    the widget itself, so renaming an attribute cannot lose it."""

    areas: frozenset[str] = frozenset()  # which Changes areas concern this page
    ready = Signal()  # its data is on screen

    def __init__(self, window):
        super().__init__()
        self.window_ = window
        self.guarded: list[tuple[str, QWidget]] = []  # (permission, widget), see guard()
        self.guarded_actions: dict[str, str] = {}  # page method -> permission
        hub().data_changed.connect(self._on_data_changed)

    # --- what the logged-in role may use ---------------------------------------------------------

    def guard(self, permission: str, *widgets: QWidget, actions: tuple[str, ...] = ()) -> None:
        """Offer ``widgets`` and the page methods ``actions`` (as the window's shortcuts and a
        list's double-click call them) only to a role with ``permission``."""
        actor = current_actor()
        for widget in widgets:
            self.guarded.append((permission, widget))
            if not _may(actor, permission):
                widget.hide()  # shown again by show_role when someone who may logs in
        for action in actions:
            if not callable(getattr(self, action, None)):  # a renamed method must not drop its rule
                raise AttributeError(
                    f"{type(self).__name__} guards {action!r}, which it does not have"
                )
            self.guarded_actions[action] = permission

    def show_role(self, actor) -> None:
        """Offer what ``actor`` may use (the main window calls this at each login)."""
        for permission, widget in self.guarded:
            widget.setVisible(_may(actor, permission))

    def may(self, action: str) -> bool:
        """Whether the logged-in role may run the page method ``action`` (unguarded: yes)."""
        permission = self.guarded_actions.get(action)
        return permission is None or self.allowed(permission)

    @staticmethod
    def allowed(permission: str) -> bool:
        """Whether the logged-in role has ``permission`` (for a click that is not a widget's)."""
        return _may(current_actor(), permission)

    def run_action(self, action: str) -> None:
        """The page method ``action`` if the logged-in role may run it; else the core's
        reason in the status bar ("Peran Admin tidak diizinkan: ...")."""
        permission = self.guarded_actions.get(action)
        if permission is not None:
            from okudesk.core.errors import PermissionDenied
            from okudesk.core.permissions import check

            try:
                check(current_actor(), permission)
            except PermissionDenied as exc:
                self.say(str(exc))
                return
        getattr(self, action)()

    def _on_data_changed(self, changes: Changes) -> None:
        if changes.touches(*self.areas):
            self.refresh(changes)

    def refresh(self, changes: Changes | None = None) -> None:
        pass

    def activate(self) -> None:
        """Shown (again)."""

    def new_record(self) -> None:
        pass

    def focus_search(self) -> None:
        pass

    def save(self) -> None:
        pass

    def print_current(self) -> None:
        self.say(tr("Tidak ada yang dapat dicetak di halaman ini"))

    def say(self, text: str) -> None:
        """A short note in the main window's status bar (e.g. why Ctrl+P did nothing)."""
        window = self.window_
        if window is not None and hasattr(window, "statusBar"):
            window.statusBar().showMessage(text, 6000)

    def cancel(self) -> None:
        pass

    def save_state(self, settings: QSettings) -> None:
        pass

    def restore_state(self, settings: QSettings) -> None:
        pass


class Combo(QComboBox):
    """A combo box of (id, text) items with an optional "all" entry (id None)."""

    def __init__(self, all_text: str | None = None, parent=None):
        super().__init__(parent)
        self.all_text = all_text
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.setMinimumContentsLength(10)
        self.set_items([])

    def set_items(self, items: list[tuple[str | None, str]], keep: bool = True) -> None:
        current = self.current_id() if keep and self.count() else None
        self.blockSignals(True)
        self.clear()
        if self.all_text is not None:
            self.addItem(self.all_text, None)
        for item_id, text in items:
            self.addItem(text, item_id)
        self.set_current_id(current)
        self.blockSignals(False)

    def current_id(self):
        return self.currentData()

    def set_current_id(self, item_id) -> None:
        i = (
            self.findData(item_id)
            if item_id is not None
            else (0 if self.all_text is not None else -1)
        )
        self.setCurrentIndex(max(i, 0) if self.count() else -1)


class PostPicker(Combo):
    """At HQ, "Semua pos" or one post for a plain table that has a Pos column; hidden at a
    post. ``known`` tells once whether this installation is HQ."""

    known = Signal(bool)

    def __init__(self, parent=None):
        super().__init__(tr("Semua pos"), parent)
        self.setVisible(False)
        self.hq = False

    def load(self, parent: QWidget) -> None:
        reference_ops.hq_post_choices(parent=parent).success(self._loaded).run()

    def _loaded(self, items) -> None:
        self.hq = items is not None
        if self.hq:
            self.set_items(items)
        self.setVisible(self.hq)
        self.known.emit(self.hq)

    def code(self) -> str | None:
        """The post chosen (None: every post, or not HQ)."""
        return self.current_id() if self.hq else None


def show_post_column(table: QTableWidget, column: int, picker: PostPicker) -> None:
    """The Pos column (logical ``column``, kept last so other code keeps its indexes) shown
    second at HQ and hidden at a post; the rows of the other posts hidden when one is chosen."""
    header = table.horizontalHeader()
    if header.visualIndex(column) != 1:
        header.moveSection(header.visualIndex(column), 1)
    table.setColumnHidden(column, not picker.hq)
    code = picker.code()
    for r in range(table.rowCount()):
        item = table.item(r, column)
        table.setRowHidden(r, code is not None and (item is None or item.text() != code))


class FilterBar(QWidget):
    """Date range, type/category, kecamatan, status and a text search; emits ``changed``."""

    changed = Signal()

    def __init__(
        self,
        *,
        kind_label: str | None,
        status_items: list[tuple[str, str]] | None,
        dates: bool = True,
        kecamatan: bool = True,
        extra: list[QWidget] | None = None,
    ):
        super().__init__()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.search = QLineEdit()
        self.search.setPlaceholderText(tr("Cari (Ctrl+F)…"))
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(180)
        layout.addWidget(self.search, 1)
        self.date_from = self.date_to = None
        if dates:
            self.date_from, self.date_to = DateBox(), DateBox()
            layout.addWidget(QLabel(tr("Dari")))
            layout.addWidget(self.date_from)
            layout.addWidget(QLabel(tr("s.d.")))
            layout.addWidget(self.date_to)
            self.date_from.dateChanged.connect(self.changed)
            self.date_to.dateChanged.connect(self.changed)
        self.kind = Combo(kind_label) if kind_label else None
        if self.kind is not None:
            layout.addWidget(self.kind)
            self.kind.currentIndexChanged.connect(self.changed)
        self.kecamatan = Combo(tr("Semua kecamatan")) if kecamatan else None
        if self.kecamatan is not None:
            layout.addWidget(self.kecamatan)
            self.kecamatan.currentIndexChanged.connect(self.changed)
        self.status = None
        if status_items is not None:
            self.status = Combo(tr("Semua status"))
            self.status.set_items(status_items)
            layout.addWidget(self.status)
            self.status.currentIndexChanged.connect(self.changed)
        # HQ: the records of one post (shown by ListPage when this installation is HQ)
        self.post = Combo(tr("Semua pos"))
        self.post.setVisible(False)
        layout.addWidget(self.post)
        self.post.currentIndexChanged.connect(self.changed)
        for w in extra or []:
            layout.addWidget(w)
        self.reset = QPushButton(tr("Atur ulang"))
        self.reset.clicked.connect(self.clear)
        layout.addWidget(self.reset)
        self._debounce = QTimer(self, singleShot=True, interval=250)
        self._debounce.timeout.connect(self.changed)
        self.search.textChanged.connect(self._debounce.start)
        self.search.returnPressed.connect(self._search_now)

    def _search_now(self) -> None:
        self._debounce.stop()
        self.changed.emit()

    def clear(self) -> None:
        for w in (self.date_from, self.date_to, self.kind, self.kecamatan, self.status):
            if w is not None:
                w.blockSignals(True)
        if self.date_from is not None:
            self.date_from.set_value(None)
            self.date_to.set_value(None)
        for combo in (self.kind, self.kecamatan, self.status, self.post):
            if combo is not None:
                combo.set_current_id(None)
        for w in (self.date_from, self.date_to, self.kind, self.kecamatan, self.status):
            if w is not None:
                w.blockSignals(False)
        self.search.blockSignals(True)
        self.search.clear()
        self.search.blockSignals(False)
        self.changed.emit()

    def values(self) -> dict:
        return dict(
            date_from=self.date_from.value() if self.date_from else None,
            date_to=self.date_to.value() if self.date_to else None,
            kind_id=self.kind.current_id() if self.kind else None,
            kecamatan_id=self.kecamatan.current_id() if self.kecamatan else None,
            status=self.status.current_id() if self.status else None,
            text=self.search.text().strip(),
            **({"post_code": self.post.current_id()} if not self.post.isHidden() else {}),
        )


class _FirstPaintWatch(QObject):
    """Tells the model when its view has painted the first rows of a load (then it reads
    the rest); watches the viewport's events only from the rows' arrival to that paint."""

    def __init__(self, viewport: QWidget, model: ListModel):
        super().__init__(viewport)
        self.viewport, self.model = viewport, model
        self._after_paint = QTimer(self)  # owned: never fires once the view is gone
        self._after_paint.setSingleShot(True)
        self._after_paint.setInterval(0)
        self._after_paint.timeout.connect(model.first_screen_painted)

    def arm(self) -> None:
        self.viewport.removeEventFilter(self)
        self.viewport.installEventFilter(self)

    def eventFilter(self, _obj, event) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.viewport.removeEventFilter(self)
            self._after_paint.start()  # once this paint is done
        return False


class _EnterOpens(QObject):
    """Enter on a list's row does what a double-click does."""

    def __init__(self, table: QWidget, run):
        super().__init__(table)
        self.run = run

    def eventFilter(self, _obj, event) -> bool:
        if event.type() == QEvent.Type.KeyPress and event.key() in (
            Qt.Key.Key_Return,
            Qt.Key.Key_Enter,
        ):
            self.run()
            return True
        return False


class ListPage(Page):
    """Filter bar, action buttons, a lazily loaded table and a detail pane in a splitter."""

    listing_name = ""
    settings_group = ""

    def __init__(self, window, columns: list[ColumnSpec], filter_bar: FilterBar):
        super().__init__(window)
        from okudesk.core.records import listing

        self.filter_bar = filter_bar
        self.model = ListModel(listing.LISTINGS[self.listing_name], columns, self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setSortingEnabled(False)
        self.table.horizontalHeader().setSortIndicatorShown(True)
        self.table.horizontalHeader().setSectionsClickable(True)
        listing_ = self.model.listing
        keys = [c.key for c in columns]
        if listing_.default_sort in keys:  # show how the list is sorted before anyone clicks
            self.table.horizontalHeader().setSortIndicator(
                keys.index(listing_.default_sort),
                Qt.SortOrder.DescendingOrder
                if listing_.default_descending
                else Qt.SortOrder.AscendingOrder,
            )
        self.table.horizontalHeader().sortIndicatorChanged.connect(self._sort_changed)
        if "post" in keys:  # shown once this installation is known to be HQ (_load_posts)
            self.table.setColumnHidden(keys.index("post"), True)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        self.table.setWordWrap(False)
        self.table.doubleClicked.connect(lambda _i: self.activate_row())
        self.table.installEventFilter(_EnterOpens(self.table, self.activate_row))
        self.table.selectionModel().currentRowChanged.connect(
            lambda cur, _prev: self._current_changed(cur.row())
        )
        self.model.rows_ready.connect(self._maybe_show_detail)
        self._paint_watch = _FirstPaintWatch(self.table.viewport(), self.model)
        self.model.first_rows_in.connect(self._paint_watch.arm)
        self.model.loaded.connect(self._after_load)
        self.count_label = QLabel()
        self.model.loaded.connect(self._update_count)
        self.model.complete.connect(self._update_count)
        self.model.complete.connect(self._retry_select)
        self.buttons = QHBoxLayout()
        self.detail = self.make_detail()
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        left = QWidget()
        lv = QVBoxLayout(left)
        lv.setContentsMargins(0, 0, 0, 0)
        lv.addWidget(self.table)
        # under the list it exports, beside its count: the top row stays the page's own
        self.export_button = QPushButton(tr("Ekspor ke Excel…"))
        below = QHBoxLayout()
        below.addWidget(self.count_label, 1)
        below.addWidget(self.export_button)
        lv.addLayout(below)
        self.splitter.addWidget(left)
        if self.detail is not None:
            self.splitter.addWidget(self.detail)
            self.splitter.setStretchFactor(0, 5)
            self.splitter.setStretchFactor(1, 2)
        self.splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        self.title = QLabel()
        self.title.setObjectName("pageTitle")
        top = QHBoxLayout()
        top.addWidget(self.title)
        top.addStretch(1)
        top.addLayout(self.buttons)
        self.export_button.setToolTip(
            tr("Baris yang tampil (filter, pencarian, urutan) ke .xlsx atau .csv")
        )
        self.export_button.clicked.connect(self.export_list)
        self.export = None  # the running export (okudesk.gui.export.ListExport)
        self.drill = None  # the filter a count on Situasi wilayah opened (see show_filter)
        layout.addLayout(top)
        layout.addWidget(filter_bar)
        layout.addWidget(self.splitter, 1)
        filter_bar.changed.connect(self.apply_filter)
        self._select_key: int | None = None
        # a reload asked for and its rows not in yet: a selection made now would be reset away
        self._reset_pending = False
        self.model.modelReset.connect(lambda: setattr(self, "_reset_pending", False))
        self._shown_id: str | None = None
        self._loaded_once = False

    def _load_posts(self) -> None:
        """At HQ the list holds every post's records: show the Post column and filter."""
        keys = [c.key for c in self.model.columns]
        if "post" not in keys:
            return

        def done(items) -> None:
            hq = items is not None
            self.table.setColumnHidden(keys.index("post"), not hq)
            self.filter_bar.post.setVisible(hq)
            if hq:
                self.filter_bar.post.set_items(items)
            self.at_hq_known(hq)

        reference_ops.hq_post_choices(parent=self).success(done).run()

    # subclasses -----------------------------------------------------------------------------------

    def at_hq_known(self, hq: bool) -> None:
        """Whether this installation is HQ, once known (a page hides what makes no sense there)."""

    def make_detail(self) -> QWidget | None:
        return None

    def make_filter(self):
        from okudesk.core.records.listing import ListFilter

        return ListFilter(**self.filter_bar.values())

    def show_detail(self, record_id: str | None) -> None:
        pass

    def open_selected(self) -> None:
        pass

    record_view = ""  # the record read whole by view_selected ("meeting", "incident")

    def activate_row(self) -> None:
        """Double-click or Enter: edit where the role may, else read the record whole."""
        if self.record_view and not self.may("open_selected"):
            self.view_selected()
        else:
            self.run_action("open_selected")

    def view_selected(self):
        """Lihat: the selected record read whole (okudesk.gui.dialogs.record_view)."""
        record_id = self.current_id()
        if not (self.record_view and record_id):
            return None
        from okudesk.gui.dialogs.record_view import RecordViewDialog

        dialog = RecordViewDialog(self, self.record_view, record_id)
        dialog.open()
        return dialog

    def load_choices(self) -> None:
        """Fill the filter bar's combo boxes (kecamatan by default)."""
        if self.filter_bar.kecamatan is None:
            return

        reference_ops.kecamatan_choices(parent=self).success(
            self.filter_bar.kecamatan.set_items
        ).run()

    # behaviour --------------------------------------------------------------------------------

    def apply_filter(self) -> None:
        self.drill = None
        self._reset_pending = True
        self.model.set_filter(self.make_filter())

    def show_filter(self, flt) -> None:
        """Show the rows of ``flt`` (a count clicked on Situasi wilayah): the filter bar shows
        the parts it has; the whole filter holds until the user changes the filter bar."""
        if not self._loaded_once:
            self.activate()
        bar = self.filter_bar
        widgets = (bar.date_from, bar.date_to, bar.kind, bar.kecamatan, bar.status, bar.post)
        for w in widgets:
            if w is not None:
                w.blockSignals(True)
        if bar.date_from is not None:
            bar.date_from.set_value(flt.date_from)
            bar.date_to.set_value(flt.date_to)
        for combo, value in ((bar.kind, flt.kind_id), (bar.kecamatan, flt.kecamatan_id)):
            if combo is not None:
                combo.set_current_id(value)
        if bar.status is not None:
            bar.status.set_current_id(flt.status)
        bar.post.set_current_id(flt.post_code)
        for w in widgets:
            if w is not None:
                w.blockSignals(False)
        self.drill = flt
        self._reset_pending = True
        self.model.set_filter(flt)

    def _sort_changed(self, column: int, order) -> None:
        if self._loaded_once:
            self.model.sort(column, order)
        else:  # a page built ahead (or its saved header restored): sorted when first shown
            self.model.choose_sort(column, order)

    def refresh(self, changes: Changes | None = None) -> None:
        if not self._loaded_once:  # built ahead, never shown: it reads its list when shown
            return
        key = self.current_key()
        self._select_key = key
        self._shown_id = None  # show the selected record again: it may have changed
        self._reset_pending = True
        self.model.reload()
        if changes is not None and changes.touches(REFERENCE):
            self.load_choices()

    def activate(self) -> None:
        if not self._loaded_once:
            self._loaded_once = True
            self.apply_filter()
            # the filter bar's choices once the first rows are in: queued with the list, they
            # held the worker (and the GIL) while the UI thread painted the first screen
            self.model.loaded.connect(self._first_loaded, Qt.ConnectionType.SingleShotConnection)

    def _first_loaded(self) -> None:
        self.load_choices()
        self._load_posts()

    def current_row(self) -> int:
        rows = self.table.selectionModel().selectedRows()
        return rows[0].row() if rows else -1

    def current_id(self) -> str | None:
        row = self.current_row()
        return self.model.record_id(row) if row >= 0 else None

    def current_key(self) -> int | None:
        row = self.current_row()
        return self.model.index(row, 0).data(Qt.ItemDataRole.UserRole + 2) if row >= 0 else None

    def select_record(self, record_id: str) -> None:
        """Select a record after it was saved (looked up by its row key)."""

        def done(key):
            self._select_key = key
            if not self._reset_pending:  # else the reload under way selects it when it lands
                self._after_load()

        reference_ops.record_key(
            parent=self, listing=self.model.listing, record_id=record_id
        ).success(done).run()

    def _after_load(self) -> None:
        self._update_count()
        if self._select_key is None:
            if self.model.rowCount() and self.current_row() < 0:
                self.table.selectRow(0)
            elif not self.model.rowCount():
                self._shown_id = None  # the pane now says "nothing matches": the next row shows
                self.show_detail(None)
            self.ready.emit()
            return
        row = self.model.row_of_key(self._select_key)
        if row >= 0:
            self._select_key = None
            self.table.selectRow(row)
            self.table.scrollTo(self.model.index(row, 0))
            self._current_changed(row)
        elif self.model.rowCount():
            self.table.selectRow(0)
        self.ready.emit()

    def _retry_select(self) -> None:
        """A record asked for further down the list: select it once its key has arrived."""
        if self._select_key is None:
            return
        row = self.model.row_of_key(self._select_key)
        if row >= 0:
            self._select_key = None
            self.table.selectRow(row)
            self.table.scrollTo(self.model.index(row, 0))
            self._current_changed(row)

    def _update_count(self) -> None:
        n = self.model.rowCount()
        more = self.model.canFetchMore()
        count = tr("1 data") if n == 1 and not more else tr("{n} data")  # "1 record" in English
        self.count_label.setText(count.format(n=f"{n:,}".replace(",", ".")) + ("+" if more else ""))
        if self.drill is not None:
            self.count_label.setText(
                self.count_label.text() + " · " + tr("disaring dari Situasi wilayah")
            )

    def _current_changed(self, row: int) -> None:
        record_id = self.model.record_id(row) if row >= 0 else None
        if record_id is not None and record_id != self._shown_id:
            self._shown_id = record_id
            self.show_detail(record_id)

    def _maybe_show_detail(self) -> None:
        row = self.current_row()
        if row >= 0 and self.model.record_id(row) != self._shown_id:
            self._current_changed(row)

    def export_list(self) -> None:
        """Ekspor ke Excel…: the rows shown, to a file chosen by the user, in the background."""
        if self.export is not None:
            self.say(tr("Ekspor sedang berjalan"))
            return
        from okudesk.gui.export import ListExport

        job = ListExport(self)
        job.done.connect(lambda _n: setattr(self, "export", None))
        if job.start():
            self.export = job
        else:
            job.deleteLater()

    def focus_search(self) -> None:
        self.filter_bar.search.setFocus()
        self.filter_bar.search.selectAll()

    def cancel(self) -> None:
        if self.filter_bar.search.hasFocus() and self.filter_bar.search.text():
            self.filter_bar.search.clear()

    def save_state(self, settings: QSettings) -> None:
        settings.setValue(
            f"{self.settings_group}/header", self.table.horizontalHeader().saveState()
        )
        settings.setValue(f"{self.settings_group}/splitter", self.splitter.saveState())

    def restore_state(self, settings: QSettings) -> None:
        header = settings.value(f"{self.settings_group}/header")
        if header is not None:
            self.table.horizontalHeader().restoreState(header)
        else:
            self.default_widths()
        splitter = settings.value(f"{self.settings_group}/splitter")
        if splitter is not None:
            self.splitter.restoreState(splitter)

    def default_widths(self) -> None:
        """Column widths from the record's field table (a column may set its own)."""
        from okudesk.core.records import fields

        widths = {
            f.list_key: f.listed.width for f in fields.record(self.listing_name).listed if f.listed
        }
        for col, spec in enumerate(self.model.columns):
            width = spec.width if spec.width is not None else widths.get(spec.key)
            if width:
                self.table.setColumnWidth(col, width)
