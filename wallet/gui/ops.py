"""Background work for the GUI thread, which does no I/O itself (Anki's ``CollectionOp``).

    Op(parent, lambda ctx: importing.import_file(wallet, path, progress=ctx.progress,
                                                 cancel=ctx.cancelled))
        .progress(panel.report).success(on_done).run()

``fn`` runs on a worker thread and receives an :class:`OpContext`: ``ctx.progress`` and
``ctx.cancelled`` plug into the core's ``progress``/``cancel`` arguments, and ``cancel()``
sets the ``threading.Event`` behind them. Callbacks run on the GUI thread (signals of a
relay object living there, queued); without a failure callback the error goes to
:func:`wallet.gui.errors.show_error`. Callbacks are dropped if ``parent`` was destroyed.

Two executors: ``serial`` (one thread, first in first out) for work that changes the wallet
(its database, keystore, settings; uploads and consents), so those never interleave; and
``parallel`` for reads and network queries, which may run beside a long upload.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal, Slot
from PySide6.QtWidgets import QWidget

log = logging.getLogger(__name__)

PROGRESS_INTERVAL = 0.05  # seconds between progress signals: enough for a smooth bar, no flood
_pools: dict[str, QThreadPool] = {}
_running: set[Op] = set()


def pool(name: str) -> QThreadPool:
    """The ``serial`` or ``parallel`` executor (made on first use)."""
    if name not in _pools:
        executor = QThreadPool()
        executor.setMaxThreadCount(1 if name == "serial" else 4)
        executor.setExpiryTimeout(-1 if name == "serial" else 30_000)
        _pools[name] = executor
    return _pools[name]


class OpContext:
    """Handed to the worker function: progress out, cancel in."""

    def __init__(self, relay: _Relay) -> None:
        self.cancel_event = threading.Event()
        self._relay = relay
        self._last = 0.0
        self._stage = ""

    def cancelled(self) -> bool:
        return self.cancel_event.is_set()

    def progress(self, stage: str, done: int, total: int) -> None:
        """Report progress (throttled; a new stage and completion always get through)."""
        now = time.monotonic()
        if stage == self._stage and now - self._last < PROGRESS_INTERVAL and done != total:
            return
        self._stage, self._last = stage, now
        self._relay.progressed.emit(stage, done, total)


class _Relay(QObject):
    """Lives on the GUI thread; the worker emits, the queued slots run the callbacks there."""

    succeeded = Signal(object)
    failed = Signal(object)
    progressed = Signal(str, object, object)

    def __init__(self, op: Op) -> None:
        # Owned by the tracker (Qt deletes it with deleteLater once the op is delivered), never by
        # Python's cycle collector: PySide 6.12 can deadlock when a collection destroys a QObject
        # while Qt holds its signal lock (seen in a pytest-qt disconnect during a test).
        super().__init__(tracker())
        self._op: Op | None = op
        self.succeeded.connect(self._on_succeeded, Qt.ConnectionType.QueuedConnection)
        self.failed.connect(self._on_failed, Qt.ConnectionType.QueuedConnection)
        self.progressed.connect(self._on_progressed, Qt.ConnectionType.QueuedConnection)

    @Slot(object)
    def _on_succeeded(self, result: Any) -> None:
        if self._op is not None:
            self._op._deliver(self._op._on_success, result)

    @Slot(object)
    def _on_failed(self, exc: BaseException) -> None:
        if self._op is not None:
            self._op._deliver(self._op._on_failure, exc)

    @Slot(str, object, object)
    def _on_progressed(self, stage: str, done: int, total: int) -> None:
        op = self._op
        if op is not None and op._on_progress and op._parent_alive() and not op.done:
            op._on_progress(stage, done, total)

    def retire(self) -> None:
        """The op is delivered: drop it (no reference cycle is left) and let Qt delete the relay."""
        self._op = None
        self.deleteLater()


class _Runner(QRunnable):
    def __init__(self, op: Op) -> None:
        super().__init__()
        self.setAutoDelete(True)
        self._op = op

    def run(self) -> None:
        self._op._execute()


class Op:
    """One piece of background work and what to do with its outcome."""

    def __init__(self, parent: QObject | None, fn: Callable[[OpContext], Any], *, serial: bool = True) -> None:
        self._parent = parent
        self._fn = fn
        self._executor = "serial" if serial else "parallel"
        self._on_success: Callable[[Any], None] | None = None
        self._on_failure: Callable[[BaseException], None] | None = None
        self._on_progress: Callable[[str, int, int], None] | None = None
        self._on_finally: Callable[[], None] | None = None
        self._relay = _Relay(self)
        self.context = OpContext(self._relay)
        self.done = False

    def success(self, callback: Callable[[Any], None]) -> Op:
        self._on_success = callback
        return self

    def failure(self, callback: Callable[[BaseException], None]) -> Op:
        self._on_failure = callback
        return self

    def progress(self, callback: Callable[[str, int, int], None]) -> Op:
        self._on_progress = callback
        return self

    def finally_(self, callback: Callable[[], None]) -> Op:
        self._on_finally = callback
        return self

    def run(self) -> Op:
        _running.add(self)
        tracker().changed.emit(len(_running))
        pool(self._executor).start(_Runner(self))
        return self

    def cancel(self) -> None:
        self.context.cancel_event.set()

    # --- worker side ----------------------------------------------------------------

    def _execute(self) -> None:
        try:
            result = self._fn(self.context)
        except Exception as exc:  # every failure goes back to the GUI thread
            self._relay.failed.emit(exc)
        else:
            self._relay.succeeded.emit(result)

    # --- GUI side ---------------------------------------------------------------------

    def _parent_alive(self) -> bool:
        if self._parent is None:
            return True
        from shiboken6 import isValid

        return isValid(self._parent)

    def _deliver(self, callback, value) -> None:
        self.done = True
        _running.discard(self)
        try:
            if self._parent_alive():
                if callback is not None:
                    callback(value)
                elif isinstance(value, BaseException):
                    from .errors import show_error

                    show_error(self._parent if isinstance(self._parent, QWidget) else None, value)
                if self._on_finally:
                    self._on_finally()
        finally:
            self._relay.retire()
            tracker().changed.emit(len(_running))


class _Tracker(QObject):
    """How many ops are in flight (status bar spinner, tests waiting for quiet)."""

    changed = Signal(int)


_tracker: _Tracker | None = None


def tracker() -> _Tracker:
    global _tracker
    if _tracker is None:
        _tracker = _Tracker()
    return _tracker


def running() -> int:
    return len(_running)


def cancel_all() -> None:
    for op in list(_running):
        op.cancel()


def shutdown(timeout_ms: int = 10_000) -> bool:
    """Cancel everything and wait for the workers (before closing the wallet at exit)."""
    cancel_all()
    finished = all(executor.waitForDone(timeout_ms) for executor in _pools.values())
    if not finished:
        log.warning("background work still running at exit")
    return finished
