"""Wallet events: the core says what happened, the faces listen (Electrum's callbacks).

The core publishes past-tense events from whatever thread did the work; a listener that
drives a GUI must move to its own thread (the Qt face re-emits each event as a signal of
one bridge object, so its slots run on the GUI thread). A failing listener is logged and
never breaks the core action that published the event. Arguments never carry a record's
content, a key or a phrase: ids and verified audit events only.

==================  ==================================================
event               arguments
==================  ==================================================
record_imported     wallet, record id (stored and anchored)
record_deleted      wallet, list of record ids retired
consent_granted     wallet, consent id
consent_revoked     wallet, consent id
access_seen         wallet, list of new verified ``audit.AuditEvent``
==================  ==================================================
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

EVENTS = frozenset({"record_imported", "record_deleted", "consent_granted", "consent_revoked", "access_seen"})

log = logging.getLogger(__name__)
_lock = threading.Lock()
_listeners: dict[str, list[Callable[..., Any]]] = {name: [] for name in EVENTS}


def subscribe(event: str, callback: Callable[..., Any]) -> None:
    """Call ``callback(*args)`` whenever ``event`` is published."""
    with _lock:
        _listeners[_known(event)].append(callback)


def unsubscribe(event: str, callback: Callable[..., Any]) -> None:
    with _lock:
        try:
            _listeners[_known(event)].remove(callback)
        except ValueError:
            pass


def publish(event: str, *args: Any) -> None:
    """Tell every listener of ``event``; their failures are logged, not raised."""
    with _lock:
        listeners = list(_listeners[_known(event)])
    for callback in listeners:
        try:
            callback(*args)
        except Exception:  # a face's bug must not undo a committed core action
            log.exception("listener of %s failed", event)


def _known(event: str) -> str:
    if event not in EVENTS:
        raise ValueError(f"unknown wallet event {event!r}")
    return event
