"""The one exception hook: every error is logged to a rotating file in the user's log folder
and shown as a readable dialog in the user's language. OkudeskError messages are already
written for people and are shown as they are; anything else is an unexpected fault whose
details (the traceback) stay in the log and behind "Show Details"."""

from __future__ import annotations

import logging
import sys
import threading
import traceback
from pathlib import Path

from PySide6.QtCore import QThread
from PySide6.QtWidgets import QApplication, QWidget

from okudesk.gui import messages
from okudesk.gui.i18n import tr

log = logging.getLogger("okudesk")
_log_file: Path | None = None


def setup_logging(folder: Path | None = None) -> Path | None:
    """Log to ``okudesk.log`` (1 MB x 5) in the user's log folder; returns the file."""
    global _log_file
    if _log_file is not None:
        return _log_file
    from logging.handlers import RotatingFileHandler

    from okudesk.core.paths import log_dir

    folder = folder or log_dir()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handler = RotatingFileHandler(
            folder / "okudesk.log", maxBytes=1_000_000, backupCount=5, encoding="utf-8"
        )
    except OSError:
        return None  # a read-only profile must not stop the program
    handler.setFormatter(
        logging.Formatter("%(asctime)s %(levelname)s %(threadName)s %(name)s: %(message)s")
    )
    root = logging.getLogger()
    root.addHandler(handler)
    if root.level == logging.NOTSET or root.level > logging.INFO:
        root.setLevel(logging.INFO)
    _log_file = folder / "okudesk.log"
    return _log_file


def user_message(exc: BaseException) -> tuple[str, str]:
    """The text to show and the technical details for the dialog."""
    from okudesk.core.errors import OkudeskError

    if isinstance(exc, OkudeskError):
        return str(exc), ""
    from okudesk.core.store.faults import fault_message

    details = "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))
    plain = fault_message(exc, _data_folder())
    if plain:  # the disk is full: not a bug, not damage; the core says how much to free
        text = plain
    elif isinstance(exc, OSError) and exc.strerror:
        where = f" ({exc.filename})" if exc.filename else ""
        text = tr("Berkas atau folder tidak dapat dipakai: {reason}{where}").format(
            reason=exc.strerror, where=where
        )
    elif isinstance(exc, MemoryError):
        text = tr("Memori komputer tidak cukup untuk pekerjaan ini.")
    else:
        text = tr(
            "Terjadi kesalahan tak terduga. Pekerjaan yang belum disimpan mungkin hilang; data "
            "yang sudah disimpan aman."
        )
    if _log_file is not None:
        text += "\n\n" + tr("Rincian teknis tersimpan di {path}").format(path=_log_file)
    return text, details


def _data_folder() -> Path | None:
    """The open store's data folder (where a full disk must be freed), if one is open."""
    try:
        from okudesk.gui.operations import hub

        store = hub().store
    except Exception:  # noqa: BLE001 - only a better message is at stake
        return None
    return getattr(store, "data_dir", None)


def show_exception(exc: BaseException, parent: QWidget | None = None) -> None:
    from okudesk.core.errors import OkudeskError

    if isinstance(exc, OkudeskError):
        log.warning("operation refused: %s", exc)
    else:
        log.error("unexpected error", exc_info=(type(exc), exc, exc.__traceback__))
    app = QApplication.instance()
    if app is None or QThread.currentThread() is not app.thread():
        return  # logged; a dialog can only open on the UI thread
    text, details = user_message(exc)
    messages.error(parent or app.activeWindow(), text, details)


def _excepthook(exc_type, exc, tb) -> None:
    if issubclass(exc_type, KeyboardInterrupt):
        sys.__excepthook__(exc_type, exc, tb)
        return
    if exc.__traceback__ is None:
        exc = exc.with_traceback(tb)
    try:
        show_exception(exc)
    except Exception:  # noqa: BLE001 - the hook itself must never raise
        log.exception("error while showing an error")


def _thread_hook(args: threading.ExceptHookArgs) -> None:
    log.error(
        "error in thread %s",
        args.thread,
        exc_info=(args.exc_type, args.exc_value, args.exc_traceback),
    )


def install(*, logging_now: bool = True) -> None:
    """Take over sys.excepthook; the log file is opened now or by :func:`setup_logging` later
    (start-up shows the window first)."""
    if logging_now:
        setup_logging()
    sys.excepthook = _excepthook
    threading.excepthook = _thread_hook
