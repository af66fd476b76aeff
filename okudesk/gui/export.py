"""Ekspor ke Excel…: a list page's rows, as the user sees them, to .xlsx or .csv, in the
background with progress and a cancel button."""

from __future__ import annotations

import threading
from datetime import date
from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QFileDialog, QProgressDialog, QWidget

from okudesk.gui import messages
from okudesk.gui.i18n import tr


def ask_path(parent: QWidget | None, suggested: str) -> str | None:
    """Where to write (tests replace this): .xlsx or .csv by the chosen filter."""
    excel, text = tr("Buku kerja Excel (*.xlsx)"), tr("CSV UTF-8 (*.csv)")
    path, chosen = QFileDialog.getSaveFileName(
        parent, tr("Ekspor ke Excel"), suggested, f"{excel};;{text}"
    )
    if not path:
        return None
    if not path.lower().endswith((".xlsx", ".csv")):
        path += ".csv" if chosen == text else ".xlsx"
    return path


class _Progress(QObject):
    """Emitted from the worker, delivered (queued) on the UI thread."""

    moved = Signal(int, int)


class ListExport(QObject):
    """One export of a list page; ``done`` carries the number of rows written, or -1 when
    it was cancelled or failed."""

    done = Signal(int)

    def __init__(self, page) -> None:
        super().__init__(page)
        self.page = page
        self._stop = threading.Event()
        self._signal = _Progress(self)
        self._signal.moved.connect(self._moved)
        self.dialog: QProgressDialog | None = None

    def start(self) -> bool:
        """Ask where, then write; False when the user chose no file."""
        page = self.page
        suggested = f"{page.listing_name}-{date.today():%Y-%m-%d}.xlsx"
        path = ask_path(page, suggested)
        if not path:
            return False
        columns, header, shown = visible_columns(page)
        self.dialog = QProgressDialog(tr("Menulis berkas…"), tr("Batal"), 0, 0, page)
        self.dialog.setWindowTitle(tr("Ekspor ke Excel"))
        self.dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self.dialog.setMinimumDuration(400)
        self.dialog.canceled.connect(self._stop.set)
        from okudesk.gui.operations import export as export_ops

        model = page.model
        export_ops.export_list(
            parent=page,
            listing=model.listing,
            flt=model.filter,
            sort=model.sort_key,
            descending=model.descending,
            columns=columns,
            header=header,
            shown=shown,
            sheet=page.title.text() or page.listing_name,
            path=Path(path),
            progress=self._signal.moved.emit,
            cancelled=self._stop.is_set,
        ).success(self._finished).failure(self._failed).run()
        return True

    def cancel(self) -> None:
        self._stop.set()

    def _moved(self, n: int, total: int) -> None:
        if self.dialog is not None and not self._stop.is_set():
            self.dialog.setMaximum(max(total, 1))
            self.dialog.setValue(min(n, total))

    def _close_dialog(self) -> None:
        if self.dialog is not None:
            self.dialog.canceled.disconnect(self._stop.set)
            self.dialog.reset()
            self.dialog.deleteLater()
            self.dialog = None

    def _finished(self, n: int) -> None:
        self._close_dialog()
        self.page.say(tr("{n} baris diekspor").format(n=f"{n:,}".replace(",", ".")))
        self.done.emit(n)

    def _failed(self, exc: BaseException) -> None:
        from okudesk.core.records.spreadsheet import ExportCancelled

        self._close_dialog()
        if isinstance(exc, ExportCancelled):
            self.page.say(tr("Ekspor dibatalkan; tidak ada berkas yang ditulis"))
        else:
            from okudesk.core.errors import OkudeskError

            if isinstance(exc, OkudeskError):
                messages.error(self.page, str(exc))
            else:
                from okudesk.gui import errors

                errors.show_exception(exc, parent=self.page)
        self.done.emit(-1)


def visible_columns(page) -> tuple[list[str], list[str], list]:
    """The columns the list shows, in the order shown: their keys, their headers, and how
    each value is shown as text (dates and numbers are written as they are)."""
    header_view = page.table.horizontalHeader()
    specs = page.model.columns
    order = sorted(
        (i for i in range(len(specs)) if not page.table.isColumnHidden(i)),
        key=header_view.visualIndex,
    )
    return (
        [specs[i].key for i in order],
        [specs[i].title() for i in order],
        [specs[i].text for i in order],
    )
