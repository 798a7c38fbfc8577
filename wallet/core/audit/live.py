"""A live access log that stays cheap and quiet.

The window looks at the chain head (one ``/v1/status`` request, which names no pseudonym
of the patient's) every few seconds, and only when the chain grew does it catch up with
:func:`catch_up`. That one function is where the wallet learns its new events; today it
asks the nodes per pseudonym (:func:`wallet.core.audit.trail.refresh`), and it is the one
place to swap for a scan of compact block filters that asks nothing about the patient.
"""

from __future__ import annotations

import threading

from ..wallet import Wallet
from .trail import AuditEvent, refresh


class ChainWatch:
    """The chain height last caught up with, per window."""

    def __init__(self) -> None:
        self._height = -1
        self._lock = threading.Lock()

    def look(self, wallet: Wallet) -> int | None:
        """One status request: the new height if the chain grew since the last catch-up, else None."""
        height = int(wallet.network.client.status()["height"])
        with self._lock:
            return height if height != self._height else None

    def caught_up(self, height: int) -> None:
        with self._lock:
            self._height = max(self._height, height)

    def reset(self) -> None:
        """Forget the height (the wallet was locked, or its network changed)."""
        with self._lock:
            self._height = -1


def catch_up(wallet: Wallet) -> list[AuditEvent]:
    """Learn, verify and store the accesses since the last look; returns the new ones."""
    return refresh(wallet)
