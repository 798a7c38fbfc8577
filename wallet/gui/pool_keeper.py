"""Keeps the wallet's pool of pseudonyms registered ahead of time (:mod:`wallet.core.pool`)
filled while the window is open and idle: one registration at a random moment, the next
after a random spacing, each on the ``serial`` worker (the GUI thread does no I/O).

Busy (an import, a grant, any task running) means later: a registration never runs beside
the patient's own activity. A failure (offline, an admission refused) is logged and tried
again after the next random spacing.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QTimer

from . import ops

log = logging.getLogger(__name__)
BUSY_RETRY_S = (30.0, 120.0)  # the wallet was busy: look again after a random while


class PoolKeeper(QObject):
    """Starts with :meth:`start` (the wallet open), stops with :meth:`stop` (locked, closed)."""

    def __init__(self, parent: QObject, wallet_of: Callable[[], Any],
                 delay: Callable[[bool], float] | None = None) -> None:
        super().__init__(parent)
        from ..core import pool

        self._wallet_of = wallet_of
        self._delay = delay or pool.next_delay
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self._due)
        self._op: ops.Op | None = None
        self.registered = 0  # registrations this keeper made (shown nowhere; for tests)

    def start(self) -> None:
        self._schedule(self._delay(True))

    def stop(self) -> None:
        self.timer.stop()

    def _schedule(self, seconds: float) -> None:
        self.timer.start(max(1, int(seconds * 1000)))

    def _due(self) -> None:
        wallet = self._wallet_of()
        if wallet is None or self._op is not None:
            return
        if ops.running():
            import random

            self._schedule(random.SystemRandom().uniform(*BUSY_RETRY_S))
            return

        def register(ctx: ops.OpContext) -> int | None:
            from ..core import pool

            return pool.register_one(wallet)

        self._op = ops.Op(self, register).success(self._done).failure(self._failed)
        self._op.finally_(self._finished).run()

    def _done(self, index: int | None) -> None:
        if index is None:  # the pool is full: look again after a spacing (a grant may have taken one)
            self._schedule(self._delay(False))
            return
        self.registered += 1
        self._schedule(self._delay(False))

    def _failed(self, exc: BaseException) -> None:
        log.info("registering a pseudonym ahead of time failed (%s); trying again later", type(exc).__name__)
        self._schedule(self._delay(False))

    def _finished(self) -> None:
        self._op = None
