"""The window keeps the pool of pseudonyms registered ahead of time filled: on the worker
(never the GUI thread), one registration at a time with a spacing between them, and never
while another task runs."""

from __future__ import annotations

import threading

from PySide6.QtWidgets import QWidget

from wallet.core import pool
from wallet.gui import ops, pool_keeper
from wallet.gui.ops import Op
from wallet.gui.pool_keeper import PoolKeeper


def test_the_keeper_fills_the_pool_on_the_worker(qtbot, wallet, monkeypatch):
    gui = threading.current_thread()
    threads, delays = [], []
    real = pool.register_one

    def register_one(w):
        threads.append(threading.current_thread())
        return real(w)

    monkeypatch.setattr(pool, "register_one", register_one)

    def delay(first: bool) -> float:
        delays.append(first)
        return 0.02

    parent = QWidget()
    keeper = PoolKeeper(parent, lambda: wallet, delay=delay)
    keeper.start()
    qtbot.waitUntil(lambda: len(pool.members(wallet)) == pool.POOL_SIZE, timeout=60_000)
    qtbot.waitUntil(lambda: keeper.registered == pool.POOL_SIZE, timeout=10_000)
    keeper.stop()
    assert threads and all(t is not gui for t in threads)
    assert delays[0] is True and delays[1:] and not any(delays[1:])  # spaced after each registration
    qtbot.waitUntil(lambda: ops.running() == 0, timeout=10_000)


def test_the_keeper_waits_while_another_task_runs(qtbot, wallet, monkeypatch):
    monkeypatch.setattr(pool_keeper, "BUSY_RETRY_S", (0.05, 0.1))
    release = threading.Event()
    busy = Op(None, lambda ctx: release.wait(30))
    busy.run()
    qtbot.waitUntil(lambda: ops.running() == 1, timeout=5_000)
    parent = QWidget()
    keeper = PoolKeeper(parent, lambda: wallet, delay=lambda first: 0.02)
    keeper.start()
    qtbot.wait(600)
    assert pool.members(wallet) == []  # nothing registered beside the patient's own task
    release.set()
    qtbot.waitUntil(lambda: len(pool.members(wallet)) >= 1, timeout=60_000)
    keeper.stop()
    qtbot.waitUntil(lambda: ops.running() == 0, timeout=30_000)
