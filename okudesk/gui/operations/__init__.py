"""One way to touch the data from the GUI, modelled on Anki's CollectionOp / QueryOp.

Every piece of database, file or image work runs on ONE worker thread (a single-thread
executor, like Anki's task manager), so the UI never freezes and two operations never race
for the SQLite write lock. Results and errors come back on the UI thread through a queued
Qt signal.

The core says what changed (okudesk.core.history.changes): after a :class:`WriteOp` or a
:class:`StoreTask` the tables and record IDs its transactions committed become one
:class:`Changes` value (areas from :data:`TABLE_AREAS`, the one map from tables to what
pages show), emitted once on :attr:`Hub.data_changed`; pages refresh from that signal
instead of calling each other, and no caller says what it changed.

What the GUI does with the data is named, per area, in the modules beside this one
(``meetings``, ``incidents``, ``stakeholders``, ``followups``...), as in Anki's
aqt/operations: small factories with keyword-only arguments returning an operation::

    from okudesk.gui.operations import meetings as meeting_ops

    meeting_ops.delete_meeting(parent=self, meeting_id=mid).run()
    meeting_ops.get_meeting(parent=self, meeting_id=mid, success=self.show).run()

``op`` receives a SQLAlchemy session: ``store.write()`` (one transaction) for WriteOp,
``store.read()`` for QueryOp. :class:`StoreTask` hands ``op`` the Store itself for work that
manages its own sessions (demo data, sync, opening the store). :func:`hub` is the app-wide hub.
"""

from __future__ import annotations

import linecache
import logging
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
SYNC = "sync"  # bundles, receipts, conflicts, held records, trust
AUDIT = "audit"  # the audit trail: every change, and events such as printing or logging in
ALL_AREAS = frozenset(
    {
        MEETING,
        INCIDENT,
        STAKEHOLDER,
        FOLLOW_UP,
        PHOTO,
        REFERENCE,
        POST,
        OFFICER,
        SETTING,
        SYNC,
        AUDIT,
    }
)

# The one place that says which tables (okudesk.core.models) concern which areas.
TABLE_AREAS: dict[str, tuple[str, ...]] = {
    "meeting": (MEETING,),
    "incident": (INCIDENT,),
    "incident_status_change": (INCIDENT,),
    "stakeholder": (STAKEHOLDER,),
    "follow_up": (FOLLOW_UP,),
    "attachment": (PHOTO,),
    "report": (MEETING, INCIDENT),  # a signed report locks its record
    "report_amendment": (MEETING, INCIDENT),
    "kecamatan": (REFERENCE,),
    "desa": (REFERENCE,),
    "stakeholder_type": (REFERENCE,),
    "activity_type": (REFERENCE,),
    "incident_category": (REFERENCE,),
    "rank": (REFERENCE,),
    "political_party": (REFERENCE,),
    "post": (POST,),
    "officer": (OFFICER,),
    "officer_account": (OFFICER,),
    "officer_credential": (OFFICER,),
    "officer_revocation": (OFFICER,),
    "setting": (SETTING,),
    "audit_entry": (AUDIT,),
    "post_authority": (SYNC,),
    "trust_anchor": (SYNC,),
    "sync_identity": (SYNC,),
    "sync_post": (SYNC,),
    "sync_instance": (SYNC,),
    "sync_bundle": (SYNC,),
    "sync_receipt": (SYNC,),
    "sync_mark": (SYNC,),
    "sync_base": (SYNC,),
    # an open conflict marks its record in the lists: they refresh when one comes or goes
    "sync_conflict": (SYNC, MEETING, INCIDENT, STAKEHOLDER, FOLLOW_UP),
    "sync_held": (SYNC,),
    "sync_revocation": (SYNC,),
    "report_timestamp": (SYNC,),  # HQ's time evidence, made at import or from a receipt
}


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

    @classmethod
    def committed(cls, touched, source: object | None = None) -> Changes:
        """What the core reported (okudesk.core.history.changes.Touched) in areas and IDs."""
        if touched.everything:
            return cls(ALL_AREAS, touched.ids, source)
        areas = frozenset(a for table in touched.tables for a in TABLE_AREAS.get(table, ()))
        return cls(areas, touched.ids, source)

    def touches(self, *areas: str) -> bool:
        return bool(self.areas.intersection(areas))


class TaskManager(QObject):
    """Runs callables on the single worker thread and calls ``on_done(future)`` on the UI thread.

    The worker starts with the first task: the window is shown before that, and importing
    concurrent.futures (~2 ms) is not needed to show it.

    The task and ``on_done`` (which hold the operation, its window and its callbacks) are
    kept here, on the UI thread, until ``on_done`` has run; the worker borrows the task and
    lets go of it, and of the result, before it signals. Otherwise the worker could drop the
    last reference to a window after the UI thread had finished with it (a thread switch
    between the signal and the executor's clean-up is enough, on a busy laptop), and
    Python would destroy the Qt widget on the worker thread: Qt widgets may only be
    destroyed on the UI thread, and that crashed the application (a segmentation fault in
    the UI thread's event processing)."""

    _finished = Signal(object)  # the key (an int) of a finished task in _jobs

    busy_changed = Signal(bool)

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._executor: ThreadPoolExecutor | None = None
        self._shut_down = False
        self._pending = 0
        self._last_key = 0
        # key -> [task, on_done, its Future once the worker has run it]
        self._jobs: dict[int, list[Any]] = {}
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
        self._last_key += 1
        self._jobs[self._last_key] = [task, on_done, None]
        self._executor.submit(self._work, self._last_key)  # the executor holds only the key

    def _work(self, key: int) -> None:  # on the worker
        from concurrent.futures import Future

        job = self._jobs[key]
        task = job[0]
        future: Future = Future()
        future.set_running_or_notify_cancel()
        try:
            future.set_result(task())
        except BaseException as exc:  # as ThreadPoolExecutor does: on_done sees it
            future.set_exception(exc)
        job[2] = future
        del task, future, job  # nothing of the operation stays on this thread
        self._finished.emit(key)

    def _on_finished(self, key: int) -> None:
        job = self._jobs.pop(key, None)
        if job is None:  # already answered as cancelled at shutdown
            return
        self._answer(job[1], job[2])

    def _answer(self, on_done: Callable[[Future], None], future: Future) -> None:
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
        # tasks that never started: their callers hear they were cancelled (as before, at
        # once); those that ran are answered when their signal arrives
        for key, (_task, on_done, future) in list(self._jobs.items()):
            if future is None:
                from concurrent.futures import Future

                del self._jobs[key]
                cancelled: Future = Future()
                cancelled.cancel()
                self._answer(on_done, cancelled)


class Hub(QObject):
    """The application's store, task manager and the one "data changed" signal."""

    data_changed = Signal(object)  # Changes
    store_ready = Signal(object)  # the Store, once opened

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.taskman = TaskManager(self)
        self.store = None  # okudesk.core.store.Store, set on the worker by open_store
        self.data_dir = None  # its folder; an encrypted store is opened by the login
        self.officer_on_duty: str | None = None

    def open_store(
        self, data_dir, on_done: Callable[[object], None], failure: Callable[[BaseException], None]
    ) -> None:
        """Import the core and open (migrate) the store on the worker; the window is already up.

        An encrypted store (its key file exists) is not opened here: only an officer's
        passphrase opens it, at the login (``on_done(None)``; operations/accounts.log_in)."""
        self.data_dir = data_dir

        def work(_unused):
            from okudesk.core.store import Store
            from okudesk.core.store.keyring import Keyring

            if Keyring.path(data_dir).exists():
                return None
            store = Store.open(data_dir)
            self.store = store
            # PySide6's import hook reads the source of every module imported after it
            # (shibokensupport.feature: inspect.getsource) and linecache keeps it: ~20 MB for
            # SQLAlchemy and the core. Tracebacks read lines again when they need them.
            linecache.clearcache()
            return store

        def done(store):
            if store is not None:
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
    def __init__(
        self,
        parent: QWidget | None,
        op: Callable[[Any], T],
        success: Callable[[T], Any] | None = None,
    ):
        self._parent = parent
        self._op = op
        self._success = success
        self._failure: Callable[[BaseException], Any] | None = None
        self.changes: Changes | None = None  # what the work committed, once it has run

    def success(self, fn: Callable[[T], Any] | None) -> _Op[T]:
        self._success = fn
        return self

    def failure(self, fn: Callable[[BaseException], Any] | None) -> _Op[T]:
        self._failure = fn
        return self

    def _work(self, store) -> T:  # runs on the worker
        raise NotImplementedError

    def _recorded(self, store) -> T:
        """Run the work and keep what its transactions committed (see :class:`Changes`).

        A read commits nothing, and work without a store has nothing to commit: neither
        asks the core (whose import pulls SQLAlchemy, which a task run before the store is
        open, at start-up, must not wait for)."""
        if not self._writes or store is None:
            return self._work(store)
        from okudesk.core.history import changes

        with changes.recording() as seen:
            try:
                return self._work(store)
            finally:  # a failed StoreTask may have committed some steps before it failed
                touched = seen.touched
                self.changes = Changes.committed(touched, self._parent) if touched else None

    def _after(self, result: T) -> None:  # runs on the UI thread after success
        try:
            if self._success is not None:
                self._success(result)
        finally:
            self._notify()

    def _notify(self) -> None:
        if self.changes is not None:
            hub().notify(self.changes)

    def run(self) -> None:
        h = hub()

        def task():
            if self._needs_store and h.store is None:
                from okudesk.core.errors import StoreLocked
                from okudesk.core.i18n import _

                raise StoreLocked(_("Basis data belum terbuka: masuk dulu dengan kata sandi"))
            return self._recorded(h.store)

        def done(future: Future) -> None:
            if self._parent is not None and not shiboken6.isValid(self._parent):
                log.debug("operation finished after its window closed; result dropped")
                return
            if future.cancelled():  # the worker was shut down (the application is closing)
                log.debug("operation cancelled at shutdown")
                return
            exc = future.exception()
            if exc is not None:
                try:
                    if self._failure is not None:
                        self._failure(exc)
                    else:
                        from okudesk.gui import errors

                        errors.show_exception(exc, parent=self._parent)
                finally:
                    self._notify()  # what a StoreTask committed before it failed
                return
            self._after(future.result())

        h.taskman.run(task, done)

    _needs_store = True
    _writes = True  # its transactions may commit: what they commit is reported


class QueryOp(_Op[T]):
    """Read something on the worker (``op(session)`` in a read session), then
    ``success(result)``."""

    _writes = False

    def _work(self, store) -> T:
        with store.read() as session:
            return self._op(session)


class WriteOp(_Op[T]):
    """Change data on the worker (``op(session)`` in one write transaction); on success the
    result goes to ``success`` and then ``hub().data_changed`` is emitted with what the
    transaction committed."""

    def _work(self, store) -> T:
        with store.write() as session:
            return self._op(session)


class StoreTask(_Op[T]):
    """Work that opens its own sessions or touches files: ``op(store)``. Emits
    ``data_changed`` with whatever its transactions committed (e.g. demo data, an import)."""

    def __init__(
        self,
        parent: QWidget | None,
        op: Callable[[Any], T],
        success: Callable[[T], Any] | None = None,
        *,
        needs_store: bool = True,
    ):
        super().__init__(parent, op, success)
        self._needs_store = needs_store

    def _work(self, store) -> T:
        return self._op(store)
