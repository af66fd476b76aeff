"""One way to touch the data from the GUI, modelled on Anki's CollectionOp / QueryOp.

Every piece of database, file or image work runs on ONE worker thread (a single-thread
executor, like Anki's task manager), so the UI never freezes and two operations never race
for the SQLite write lock. Results and errors come back on the UI thread through a queued
Qt signal. After each :class:`WriteOp` succeeds, :attr:`Hub.data_changed` is emitted once
with a :class:`Changes` value naming what changed; pages refresh from that signal instead
of calling each other.

Typical use::

    WriteOp(self, lambda s: meetings.create_meeting(s, data), changes=Changes.of(MEETING)) \
        .success(self.accept).failure(self.show_validation).run()

    QueryOp(self, lambda s: incidents.get_incident(s, iid), self.show).run()

``op`` receives a SQLAlchemy session: ``store.write()`` (one transaction) for WriteOp,
``store.read()`` for QueryOp. :class:`StoreTask` hands ``op`` the Store itself for work that
manages its own sessions (demo data, opening the store). :func:`hub` is the app-wide hub.
"""

from __future__ import annotations

import linecache
import logging
import threading
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any, Generic, NamedTuple, TypeVar

import shiboken6
from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

if TYPE_CHECKING:
    from concurrent.futures import Future, ThreadPoolExecutor

log = logging.getLogger(__name__)
T = TypeVar("T")

# What can change; pages compare these with the areas they show.
MEETING = "meeting"
INCIDENT = "incident"
STAKEHOLDER = "stakeholder"
FOLLOW_UP = "follow_up"
PHOTO = "photo"
REFERENCE = "reference"  # kecamatan, desa, types, categories
POST = "post"
OFFICER = "officer"
SETTING = "setting"
ALL_AREAS = frozenset({MEETING, INCIDENT, STAKEHOLDER, FOLLOW_UP, PHOTO, REFERENCE, POST, OFFICER, SETTING})


class Changes(NamedTuple):
    """What an operation changed: areas (see the constants above) and, when known, record IDs.

    A NamedTuple, not a dataclass: this module is on the start path, and making a dataclass
    generates and compiles its methods at import."""

    areas: frozenset[str] = frozenset()
    ids: frozenset[str] = frozenset()
    source: object | None = None  # the widget that caused it

    @classmethod
    def of(cls, *areas: str, ids: Iterable[str] = (), source: object | None = None) -> Changes:
        return cls(frozenset(areas), frozenset(i for i in ids if i), source)

    @classmethod
    def everything(cls) -> Changes:
        return cls(ALL_AREAS)

    def touches(self, *areas: str) -> bool:
        return bool(self.areas.intersection(areas))


class TaskManager(QObject):
    """Runs callables on the single worker thread and calls ``on_done(future)`` on the UI thread.

    The worker starts with the first task: the window is shown before that, and importing
    concurrent.futures (~2 ms) is not needed to show it."""

    _finished = Signal(object)
    busy_changed = Signal(bool)

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._executor: ThreadPoolExecutor | None = None
        self._shut_down = False
        self._pending = 0
        self._finished.connect(self._on_finished)  # emitted from the worker: queued to us

    @property
    def pending(self) -> int:
        return self._pending

    def run(self, task: Callable[[], Any], on_done: Callable[[Future], None]) -> None:
        if self._shut_down:
            raise RuntimeError("the operation worker has been shut down")
        self._pending += 1
        if self._pending == 1:
            self.busy_changed.emit(True)
        if self._executor is None:
            from concurrent.futures import ThreadPoolExecutor

            self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="okudesk-worker")
        future = self._executor.submit(task)
        future.add_done_callback(lambda f: self._finished.emit((on_done, f)))

    def _on_finished(self, item) -> None:
        on_done, future = item
        self._pending -= 1
        try:
            on_done(future)
        finally:
            if self._pending == 0:
                self.busy_changed.emit(False)

    def shutdown(self) -> None:
        self._shut_down = True
        if self._executor is not None:
            self._executor.shutdown(wait=True, cancel_futures=True)

    @staticmethod
    def on_worker() -> bool:
        return threading.current_thread().name.startswith("okudesk-worker")


class Hub(QObject):
    """The application's store, task manager and the one "data changed" signal."""

    data_changed = Signal(object)  # Changes
    store_ready = Signal(object)  # the Store, once opened

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.taskman = TaskManager(self)
        self.store = None  # okudesk.core.store.Store, set on the worker by open_store
        self.officer_on_duty: str | None = None

    def open_store(self, data_dir, on_done: Callable[[object], None], failure: Callable[[BaseException], None]) -> None:
        """Import the core and open (migrate) the store on the worker; the window is already up."""

        def work(_unused):
            from okudesk.core.store import Store

            store = Store.open(data_dir)
            self.store = store
            # PySide6's import hook reads the source of every module imported after it
            # (shibokensupport.feature: inspect.getsource) and linecache keeps it: ~20 MB for
            # SQLAlchemy and the core. Tracebacks read lines again when they need them.
            linecache.clearcache()
            return store

        def done(store):
            self.store_ready.emit(store)
            on_done(store)

        StoreTask(None, work, done, needs_store=False).failure(failure).run()

    def notify(self, changes: Changes) -> None:
        self.data_changed.emit(changes)

    def close(self) -> None:
        self.taskman.shutdown()
        if self.store is not None:
            self.store.close()
            self.store = None


_hub: Hub | None = None


def hub() -> Hub:
    global _hub
    if _hub is None:
        _hub = Hub()
    return _hub


def set_hub(new: Hub | None) -> None:
    """Replace the app-wide hub (a new main window, a test)."""
    global _hub
    _hub = new


class _Op(Generic[T]):
    def __init__(self, parent: QWidget | None, op: Callable[[Any], T]):
        self._parent = parent
        self._op = op
        self._success: Callable[[T], Any] | None = None
        self._failure: Callable[[BaseException], Any] | None = None

    def success(self, fn: Callable[[T], Any] | None) -> _Op[T]:
        self._success = fn
        return self

    def failure(self, fn: Callable[[BaseException], Any] | None) -> _Op[T]:
        self._failure = fn
        return self

    def _work(self, store) -> T:  # runs on the worker
        raise NotImplementedError

    def _after(self, result: T) -> None:  # runs on the UI thread after success
        if self._success is not None:
            self._success(result)

    def run(self) -> None:
        h = hub()

        def task():
            if self._needs_store and h.store is None:
                from okudesk.core.errors import StoreError
                from okudesk.core.i18n import _

                raise StoreError(_("Basis data belum terbuka"))
            return self._work(h.store)

        def done(future: Future) -> None:
            if self._parent is not None and not shiboken6.isValid(self._parent):
                log.debug("operation finished after its window closed; result dropped")
                return
            if future.cancelled():  # the worker was shut down (the application is closing)
                log.debug("operation cancelled at shutdown")
                return
            exc = future.exception()
            if exc is not None:
                if self._failure is not None:
                    self._failure(exc)
                else:
                    from okudesk.gui import errors

                    errors.show_exception(exc, parent=self._parent)
                return
            self._after(future.result())

        h.taskman.run(task, done)

    _needs_store = True


class QueryOp(_Op[T]):
    """Read something on the worker (``op(session)`` in a read session), then ``success(result)``."""

    def __init__(self, parent: QWidget | None, op: Callable[[Any], T], success: Callable[[T], Any] | None = None):
        super().__init__(parent, op)
        self._success = success

    def _work(self, store) -> T:
        with store.read() as session:
            return self._op(session)


class WriteOp(_Op[T]):
    """Change data on the worker (``op(session)`` in one write transaction); on success the
    result goes to ``success`` and then ``hub().data_changed`` is emitted with ``changes``."""

    def __init__(self, parent: QWidget | None, op: Callable[[Any], T], *, changes: Changes):
        super().__init__(parent, op)
        self.changes = changes

    def _work(self, store) -> T:
        with store.write() as session:
            return self._op(session)

    def _after(self, result: T) -> None:
        try:
            super()._after(result)
        finally:
            hub().notify(self.changes)


class StoreTask(_Op[T]):
    """Work that opens its own sessions or touches files: ``op(store)``. Emits
    ``data_changed`` when ``changes`` is given (e.g. demo data)."""

    def __init__(self, parent: QWidget | None, op: Callable[[Any], T], success: Callable[[T], Any] | None = None,
                 *, changes: Changes | None = None, needs_store: bool = True):
        super().__init__(parent, op)
        self._success = success
        self.changes = changes
        self._needs_store = needs_store

    def _work(self, store) -> T:
        return self._op(store)

    def _after(self, result: T) -> None:
        try:
            super()._after(result)
        finally:
            if self.changes is not None:
                hub().notify(self.changes)
