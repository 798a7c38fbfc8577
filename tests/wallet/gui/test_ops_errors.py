"""The GUI's plumbing: ops deliver on the GUI thread with progress and cancel, the event
bridge moves core events to the GUI thread, show_error shows what it should and no more."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from ledger_client import errors as ledger_errors
from ledger_client.errors import LedgerError, NodeUnavailable
from wallet.core import events
from wallet.core.errors import Cancelled, WrongPassphrase
from wallet.gui import errors, ops
from wallet.gui.bridge import EventBridge
from wallet.gui.ops import Op


def test_op_runs_off_the_gui_thread_and_delivers_on_it(qtbot):
    gui = threading.current_thread()
    seen = {}

    def work(ctx):
        seen["worker"] = threading.current_thread()
        for i in range(5):
            ctx.progress("upload", i + 1, 5)
        return 42

    progress = []
    with qtbot.waitSignal(ops.tracker().changed, check_params_cb=lambda n: n == 0):
        Op(None, work).progress(lambda *a: progress.append((a, threading.current_thread()))).success(
            lambda r: seen.update(result=r, callback=threading.current_thread())).run()
    assert seen["worker"] is not gui and seen["callback"] is gui and seen["result"] == 42
    assert progress and progress[-1][0] == ("upload", 5, 5) and all(t is gui for _, t in progress)


def test_cancel_reaches_the_core_through_the_event(qtbot):
    started = threading.Event()
    outcome = []

    def work(ctx):
        started.set()
        while not ctx.cancelled():
            time.sleep(0.01)
        raise Cancelled()

    op = Op(None, work).failure(outcome.append).run()
    assert started.wait(5)
    op.cancel()
    qtbot.waitUntil(lambda: bool(outcome), timeout=5000)
    assert isinstance(outcome[0], Cancelled) and op.context.cancel_event.is_set()


def test_serial_ops_run_in_order_and_failures_default_to_show_error(qtbot, shown_errors):
    order = []
    for i in range(5):
        Op(None, lambda ctx, i=i: (time.sleep(0.01 * (5 - i)), order.append(i))).run()
    Op(None, lambda ctx: (_ for _ in ()).throw(WrongPassphrase())).run()
    qtbot.waitUntil(lambda: ops.running() == 0, timeout=5000)
    assert order == [0, 1, 2, 3, 4]
    assert shown_errors == [("QMessageBox", WrongPassphrase.user_text())]


def test_callbacks_of_a_destroyed_parent_are_dropped(qtbot):
    parent = QWidget()
    called = []
    gate = threading.Event()
    Op(parent, lambda ctx: gate.wait(5)).success(called.append).run()
    parent.deleteLater()
    qtbot.waitUntil(lambda: not __import__("shiboken6").isValid(parent), timeout=2000)
    gate.set()
    qtbot.waitUntil(lambda: ops.running() == 0, timeout=5000)
    assert called == []


def test_show_error_kinds(qtbot, monkeypatch):
    shown = []
    monkeypatch.setattr(errors, "presenter", shown.append)
    assert errors.show_error(None, Cancelled()) is None
    assert errors.show_error(None, ledger_errors.Cancelled("upload cancelled")) is None  # as the client raises it
    assert Cancelled is ledger_errors.Cancelled and issubclass(Cancelled, LedgerError)  # one class for a cancel
    box = errors.show_error(None, NodeUnavailable())
    assert isinstance(box, QMessageBox) and "No ledger node could be reached" in box.text()
    secret = "Jane-Doe-HIV-result-and-key-00112233"
    try:
        {}[secret]
    except KeyError as exc:
        dialog = errors.show_error(None, exc)
    assert isinstance(dialog, errors.UnexpectedErrorDialog)
    assert secret not in dialog.details and "builtins.KeyError" in dialog.details
    assert str(Path.home()) not in dialog.details  # code locations from the package down only
    dialog.copy_button.click()
    assert QApplication.clipboard().text() == dialog.details
    for d in shown:
        d.deleteLater()


def test_bridge_reemits_core_events_of_its_wallet_on_the_gui_thread(qtbot):
    bridge = EventBridge()
    mine, other = object(), object()
    bridge.attach(mine)
    got = []
    bridge.record_imported.connect(lambda rec: got.append((rec, threading.current_thread())))
    try:
        worker = threading.Thread(target=lambda: (events.publish("record_imported", other, "x"),
                                                  events.publish("record_imported", mine, "abc")))
        worker.start()
        worker.join()
        qtbot.waitUntil(lambda: bool(got), timeout=2000)
        assert got == [("abc", threading.main_thread())]
    finally:
        bridge.close()
    with pytest.raises(ValueError):
        events.publish("record_exploded", mine)
