"""A lazily loaded table over one of okudesk.core.records.listing's lists.

The model holds only the integer row keys of the matching records (a compact array, 4
bytes a row: okudesk.core.records.listing.keys) and a bounded cache of the rows that have been on
screen. The first page of keys arrives first (fast first paint); the rest is fetched
through ``canFetchMore``/``fetchMore``, started once the view has painted those rows (so
the scroll bar soon shows the real length). Rows on screen are read in pages through the
operation worker; until a page arrives its cells are empty.
"""

from __future__ import annotations

from array import array
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass

import shiboken6
from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QColor

from okudesk.gui.operations import QueryOp


def _in_conflict(session, table: str) -> frozenset[str]:
    from okudesk.core.records import fields

    if table not in fields.RECORDS:
        return frozenset()
    from okudesk.core.sync import conflicts

    return frozenset(conflicts.open_ids(session, table))


FIRST_KEYS = 300
KEY_CHUNK = 50_000  # keys per background fetch: a stale fetch never holds the worker long
PAGE = 50  # rows read in one trip: more than a screen (the first one comes with the first keys)
CACHE_PAGES = 12  # rows of 12 pages (600 rows, ~20 screens) stay in memory
FIRST_SCREEN_WAIT_MS = 100  # the rest of a list is read after this if no view says it painted
_ROOT = QModelIndex()
CONFLICT_MARK = "⚠ "
CONFLICT_COLOR = QColor("#b3261e")
ID_ROLE = Qt.ItemDataRole.UserRole + 1
KEY_ROLE = Qt.ItemDataRole.UserRole + 2
RAW_ROLE = Qt.ItemDataRole.UserRole + 3
# A view asks data() for seven roles of every cell it paints (~1,500 calls a screen): the
# roles arrive as plain ints, compared here with ints (a PySide6 enum compare costs ~10x).
_DISPLAY = int(Qt.ItemDataRole.DisplayRole.value)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole.value)
_ALIGNMENT = int(Qt.ItemDataRole.TextAlignmentRole.value)
_FOREGROUND = int(Qt.ItemDataRole.ForegroundRole.value)
_ANSWERED = frozenset(
    {_DISPLAY, _TOOLTIP, _ALIGNMENT, _FOREGROUND, int(ID_ROLE), int(KEY_ROLE), int(RAW_ROLE)}
)
_RIGHT = int((Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter).value)
_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren
_NO_FLAGS = Qt.ItemFlag.NoItemFlags


@dataclass(frozen=True)
class ColumnSpec:
    key: str  # a column of the core listing
    title: Callable[[], str]  # translated at display time
    text: Callable[[object], str] = lambda v: "" if v is None else str(v)
    color: Callable[[object], object] | None = None
    align_right: bool = False
    width: int | None = None  # default width (None: the field table's, or the view's)


def field_columns(record: str, **looks: dict) -> list[ColumnSpec]:
    """The list columns of a record in its field table's order, titled by the table's labels
    (in the language the core runs in); ``looks`` gives a column key its own text or colour."""
    from okudesk.core.records import fields
    from okudesk.gui import labels

    out = []
    for f in fields.record(record).listed:
        look = dict(looks.get(f.list_key, {}))
        if f.kind in (fields.Kind.DATE, fields.Kind.DATETIME):
            look.setdefault("text", labels.when)
        out.append(ColumnSpec(f.list_key, f.column_caption, **look))
    return out


class ListModel(QAbstractTableModel):
    loaded = Signal()  # first page of keys in (after each reload)
    complete = Signal()  # every key in
    rows_ready = Signal()  # a page of rows arrived
    first_rows_in = (
        Signal()
    )  # the first screen's rows are in: paint them, then first_screen_painted()

    def __init__(self, listing, columns: list[ColumnSpec], parent=None):
        super().__init__(parent)
        self.listing = listing
        self.columns = columns
        self._index = {c.key: listing.column_keys.index(c.key) + 1 for c in columns}  # +1: id first
        from okudesk.core.records.listing import ListFilter

        self.filter = ListFilter()
        self.sort_key: str | None = None
        self.descending: bool | None = None
        self._keys = array("I")  # as okudesk.core.records.listing.keys returns them
        self._complete = True
        self._fetching = False
        self._generation = 0
        self._cache: OrderedDict[int, dict[int, tuple]] = OrderedDict()
        self._pending: set[int] = set()
        self._busy = 0
        self._first_screen: int | None = None  # the load whose first screen is being painted
        # The fallback for a first screen nobody reports painted: a timer the model owns, so
        # it dies with the model and cancel() stops it (a one-shot timer outside the model
        # could fire after the page that owned the model is gone).
        self._first_screen_timer = QTimer(self)
        self._first_screen_timer.setSingleShot(True)
        self._first_screen_timer.setInterval(FIRST_SCREEN_WAIT_MS)
        self._first_screen_timer.timeout.connect(self.first_screen_painted)
        self.flagged: frozenset[str] = frozenset()  # record IDs with a sync conflict still open

    # --- loading ---------------------------------------------------------------------------------

    def is_idle(self) -> bool:
        return self._busy == 0

    def set_filter(self, flt) -> None:
        self.filter = flt
        self.reload()

    def reload(self) -> None:
        self._generation += 1
        gen = self._generation
        listing, flt, sort, desc = self.listing, self.filter, self.sort_key, self.descending

        def work(session):
            if gen != self._generation:
                return None, None
            from okudesk.core.records import listing as core

            keys = core.keys(session, listing, flt, sort=sort, descending=desc, limit=FIRST_KEYS)
            return (
                keys,
                core.rows(session, listing, keys[:PAGE]),  # the first screen in the same trip
                _in_conflict(session, listing.table),
            )

        self._busy += 1
        QueryOp(self, work, lambda result: self._first_keys(gen, *result)).failure(
            self._failed
        ).run()

    def _failed(self, exc: BaseException) -> None:
        self._busy -= 1
        self._fetching = False
        from okudesk.gui import errors

        errors.show_exception(exc)

    def _first_keys(
        self, gen: int, keys: array, first_rows: dict[int, tuple], flagged: frozenset = frozenset()
    ) -> None:
        if not shiboken6.isValid(self):  # the list went away while its keys were read
            return
        self._busy -= 1
        if gen != self._generation or keys is None:
            return
        self.flagged = flagged
        self.first_screen_painted()  # a previous load still waiting for its paint is done with
        self.beginResetModel()
        self._keys = keys
        self._cache.clear()
        self._cache[0] = first_rows
        self._pending.clear()
        self._complete = len(keys) < FIRST_KEYS
        self._fetching = True  # no more keys (not even for a view's reset) until the rest below
        self.endResetModel()
        # The rest once the first screen has been painted: work started on the worker now
        # (the next keys, the page's detail and choices) would hold the GIL while the view
        # paints. The view's owner says when (first_screen_painted; ListPage watches its
        # table), a timer if nobody does.
        self._busy += 1
        self._first_screen = gen
        self.first_rows_in.emit()
        if self._first_screen == gen:  # not already painted by a view during the emit
            self._first_screen_timer.start()

    def first_screen_painted(self, gen: int | None = None) -> None:
        """The view has painted the first rows: read the rest."""
        waiting = self._first_screen
        if waiting is None or (gen is not None and gen != waiting):
            return
        self._first_screen = None
        self._first_screen_timer.stop()
        self._after_first_keys(waiting)

    def _after_first_keys(self, gen: int) -> None:
        self._busy -= 1
        if gen != self._generation:
            return
        self._fetching = False
        self.loaded.emit()
        if not shiboken6.isValid(self):  # the page went away while it took the rows in
            return
        if self._complete:
            self.complete.emit()
        else:
            self.fetchMore(QModelIndex())

    def cancel(self) -> None:
        """Drop every load in flight (the list is going away)."""
        self._generation += 1
        self._first_screen_timer.stop()
        if self._first_screen is not None:  # its fallback will not come: the load is over
            self._first_screen = None
            self._busy -= 1

    def canFetchMore(self, parent=_ROOT) -> bool:
        return not parent.isValid() and not self._complete and not self._fetching

    def fetchMore(self, parent=_ROOT) -> None:
        if not self.canFetchMore(parent):
            return
        self._fetching = True
        gen, offset = self._generation, len(self._keys)
        listing, flt, sort, desc = self.listing, self.filter, self.sort_key, self.descending
        last = self._keys[-1] if self._keys else None

        def work(session):
            if gen != self._generation:
                return None  # a newer load was asked for: do not hold the worker
            from okudesk.core.records import listing as core

            # one key of overlap tells whether the list changed since the previous chunk
            return core.keys(
                session,
                listing,
                flt,
                sort=sort,
                descending=desc,
                limit=KEY_CHUNK + 1,
                offset=offset - 1,
            )

        def done(keys: array | None) -> None:
            if not shiboken6.isValid(self):
                return
            self._busy -= 1
            if gen != self._generation or keys is None:
                return
            if not keys or keys[0] != last:  # changed meanwhile: start over
                self._fetching = False
                self.reload()
                return
            rest = keys[1:]
            if rest:
                from okudesk.core.records.listing import extend_keys

                # still "fetching" while the rows go in: a view (or Qt's model tester) that asks
                # for more on rowsAboutToBeInserted must not fetch this chunk a second time
                self.beginInsertRows(QModelIndex(), offset, offset + len(rest) - 1)
                self._keys = extend_keys(self._keys, rest)
                self.endInsertRows()
            self._fetching = False
            if len(rest) < KEY_CHUNK:
                self._complete = True
                self.complete.emit()
            else:
                self.fetchMore(QModelIndex())  # keep going in the background

        self._busy += 1
        QueryOp(self, work, done).failure(self._failed).run()

    def _request_page(self, page: int) -> None:
        if page in self._pending:
            return
        self._pending.add(page)
        gen = self._generation
        keys = list(self._keys[page * PAGE : (page + 1) * PAGE])
        listing = self.listing

        def work(session):
            if gen != self._generation:
                return None
            from okudesk.core.records import listing as core

            return core.rows(session, listing, keys)

        def done(rows: dict[int, tuple] | None) -> None:
            if not shiboken6.isValid(self):
                return
            self._busy -= 1
            self._pending.discard(page)
            if gen != self._generation or rows is None:
                return
            self._cache[page] = rows
            while len(self._cache) > CACHE_PAGES:
                self._cache.popitem(last=False)
            first, last = page * PAGE, min((page + 1) * PAGE, len(self._keys)) - 1
            if last >= first:
                self.dataChanged.emit(self.index(first, 0), self.index(last, len(self.columns) - 1))
            self.rows_ready.emit()

        self._busy += 1
        QueryOp(self, work, done).failure(self._failed).run()

    def row_values(self, row: int) -> tuple | None:
        """(id, column values...) of a row, or None while it is being read."""
        if not 0 <= row < len(self._keys):
            return None
        page = row // PAGE
        rows = self._cache.get(page)
        if rows is None:
            self._request_page(page)
            return None
        self._cache.move_to_end(page)
        return rows.get(self._keys[row])

    def record_id(self, row: int) -> str | None:
        values = self.row_values(row)
        return values[0] if values else None

    def row_of_key(self, key: int) -> int:
        try:
            return self._keys.index(key)
        except ValueError:
            return -1

    # --- Qt model interface --------------------------------------------------------------------

    def rowCount(self, parent=_ROOT) -> int:
        return 0 if parent.isValid() else len(self._keys)

    def columnCount(self, parent=_ROOT) -> int:
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation, role=Qt.ItemDataRole.DisplayRole):
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(self.columns)
        ):
            return self.columns[section].title()
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex):
        return _FLAGS if index.isValid() else _NO_FLAGS

    def data(self, index: QModelIndex | QPersistentModelIndex, role=_DISPLAY):
        if role not in _ANSWERED:  # font, background, decoration, check state...
            return None
        row, column = index.row(), index.column()
        if not (0 <= row < len(self._keys) and 0 <= column < len(self.columns)):
            return None
        if role == KEY_ROLE:
            return self._keys[row]
        spec = self.columns[column]
        if role == _ALIGNMENT:
            return _RIGHT if spec.align_right else None
        if role == _FOREGROUND and spec.color is None and (column or not self.flagged):
            return None
        values = self.row_values(row)
        if values is None:
            return None
        value = values[self._index[spec.key]]
        if column == 0 and self.flagged and values[0] in self.flagged:
            return self._flag(role, spec.text(value))
        if role == _DISPLAY:
            return spec.text(value)
        if role == _FOREGROUND:
            return spec.color(value)
        if role == _TOOLTIP:
            text = spec.text(value)
            return text if len(text) > 40 else None
        if role == ID_ROLE:
            return values[0]
        return value  # RAW_ROLE

    def _flag(self, role: int, text: str):
        """The first cell of a record with a conflict still open: marked in every list."""
        if role == _DISPLAY:
            return CONFLICT_MARK + text
        if role == _FOREGROUND:
            return CONFLICT_COLOR
        if role == _TOOLTIP:
            from okudesk.gui.i18n import tr

            return tr("Konflik sinkronisasi belum diputuskan (Sinkronisasi > Periksa dan putuskan)")
        return None

    def in_conflict(self, record_id: str | None) -> bool:
        return record_id is not None and record_id in self.flagged

    def sort(self, column: int, order=Qt.SortOrder.AscendingOrder) -> None:
        if self.choose_sort(column, order):
            self.reload()

    def choose_sort(self, column: int, order=Qt.SortOrder.AscendingOrder) -> bool:
        """Sort by ``column`` from the next reload on; False for a column that does not exist."""
        if not 0 <= column < len(self.columns):
            return False
        self.sort_key = self.columns[column].key
        self.descending = order == Qt.SortOrder.DescendingOrder
        return True


def conflict_banner(model: ListModel, record_id: str) -> str:
    """HTML for the top of a detail pane when the record has a sync conflict still open."""
    if not model.in_conflict(record_id):
        return ""
    from html import escape

    from okudesk.gui.i18n import tr

    text = tr(
        "Konflik sinkronisasi belum diputuskan: ada versi lain dari data ini yang disimpan "
        "untuk diperiksa di halaman Sinkronisasi."
    )
    return (
        "<div style='background:#fdecea;color:#b3261e;padding:4px;font-weight:600'>"
        f"{CONFLICT_MARK}{escape(text)}</div>"
    )
