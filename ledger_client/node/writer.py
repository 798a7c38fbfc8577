"""The single-node ledger's writes, off the event loop: one thread, one connection, in order.

A block's commit (with its fsync) and the acknowledgements of admitted transactions run
on a thread of their own, each as a job in submission order, so the event loop keeps
admitting and answering while the disk works. Acknowledgements are grouped: every
transaction admitted before the pending group is handed to the thread joins it, and the
whole group is one SQLite transaction (group commit); each request is answered only once
its group is stored, as before, so an acknowledged transaction survives kill -9.
Jobs keep their order, so a transaction's acknowledgement is always stored before the
block that removes it from the persisted mempool.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, TypeVar

from .store import Store

log = logging.getLogger(__name__)
T = TypeVar("T")


class StoreWriter:
    """A writer thread with its own connection to the node's database."""

    def __init__(self, path: Path, chain_id: str) -> None:
        self.store = Store(path, chain_id)
        self._pool = ThreadPoolExecutor(1, thread_name_prefix="ledger-writer")
        self._acks: list[tuple[str, bytes]] = []
        self._group: asyncio.Future[None] | None = None
        self._unacked: dict[str, asyncio.Future[None]] = {}

    def run(self, fn: Callable[..., T], *args: Any) -> asyncio.Future[T]:
        """Run ``fn(store, *args)`` on the writer thread after every job submitted before it."""
        self.flush_acks()
        return asyncio.get_running_loop().run_in_executor(self._pool, fn, self.store, *args)

    def later(self, fn: Callable[..., Any], *args: Any) -> None:
        """Like :meth:`run`, for writes no one waits for (a failure is logged)."""
        self.run(fn, *args).add_done_callback(_log_failure)

    # --- acknowledgements (group commit) ------------------------------------------

    def acknowledge(self, items: list[tuple[str, bytes]]) -> None:
        """Persist admitted transactions (id, bytes) in the mempool table with the next group."""
        loop = asyncio.get_running_loop()
        if self._group is None:
            self._group = loop.create_future()
            loop.call_soon(self.flush_acks)
        self._acks.extend(items)
        for tx_id, _ in items:
            self._unacked[tx_id] = self._group

    def flush_acks(self) -> None:
        """Hand the pending group to the writer thread (a job like any other)."""
        if self._group is None:
            return
        items, group = self._acks, self._group
        self._acks, self._group = [], None
        job = asyncio.get_running_loop().run_in_executor(self._pool, Store.mempool_add_many, self.store, items)

        def settled(done: asyncio.Future[None]) -> None:
            for tx_id, _ in items:
                if self._unacked.get(tx_id) is group:
                    del self._unacked[tx_id]
            failure = done.exception()
            if failure is not None:
                log.error("storing acknowledgements failed", exc_info=failure)
                group.set_exception(failure)
                group.exception()  # logged once here; each waiting request raises it too
            else:
                group.set_result(None)
        job.add_done_callback(settled)

    async def acknowledged(self, tx_ids: list[str], timeout: float) -> None:
        """Return once every one of ``tx_ids`` is stored (raise what storing them raised)."""
        groups = {self._unacked[i] for i in tx_ids if i in self._unacked}
        if groups:
            await asyncio.wait_for(asyncio.gather(*(asyncio.shield(g) for g in groups)), timeout)

    def close(self) -> None:
        """Finish every job submitted, then close the connection."""
        self._pool.shutdown(wait=True)
        self.store.close()


def _log_failure(job: asyncio.Future[Any]) -> None:
    if not job.cancelled() and job.exception() is not None:
        log.error("a background write of the ledger failed", exc_info=job.exception())
