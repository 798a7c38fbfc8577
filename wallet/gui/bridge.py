"""Core events as Qt signals (Electrum's ``QtEventListener``).

The core publishes from whatever thread did the work (:mod:`wallet.core.events`); this
object re-emits each event of *its* wallet as a signal, and because every receiver is a
widget living on the GUI thread, Qt queues the call there. Views connect ``on_<event>``
slots and never poll for these changes.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from ..core import events


class EventBridge(QObject):
    record_imported = Signal(str)  # record id
    record_deleted = Signal(object)  # list of record ids
    consent_granted = Signal(str)  # consent id
    consent_revoked = Signal(str)  # consent id
    access_seen = Signal(object)  # list of new verified audit events

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._wallet = None
        self._callbacks = {name: self._forwarder(name) for name in events.EVENTS}
        for name, callback in self._callbacks.items():
            events.subscribe(name, callback)

    def attach(self, wallet) -> None:
        """Re-emit the events of ``wallet`` (None while locked: nothing is re-emitted)."""
        self._wallet = wallet

    def close(self) -> None:
        for name, callback in self._callbacks.items():
            events.unsubscribe(name, callback)
        self._wallet = None

    def _forwarder(self, name: str):
        def forward(wallet, *args) -> None:
            if wallet is not None and wallet is self._wallet:
                getattr(self, name).emit(*args)
        return forward
