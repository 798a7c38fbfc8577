"""Opening a window's wallet or desk, as a state machine with no Qt in it.

Both windows (the patient's and the clinic desk's) start the same way: they show
themselves, look for what they open and try to unlock it with the keyring (or a
passphrase file), then show the setup (onboarding, desk setup), the unlock page or the
open wallet. A view renders :attr:`Opening.stage` and calls the method named after what
happened; the machine does no I/O. The slow step, :func:`look`, runs on a worker thread
and its outcome comes back through :meth:`Opening.looked` (or :meth:`Opening.failed`).

    LOOKING ──looked──▶ NEW ──created──▶ OPEN
       │                                  ▲ │
       └──looked / failed──▶ LOCKED ──unlock──▶ UNLOCKING ──opened──┘ │
                               ▲  │        └──failed──▶ LOCKED       │
                               │  └──restore_instead──▶ NEW (restore from the words)
                               └───────────────lock──────────────────┘
"""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum
from typing import Protocol

from ledger_client.errors import LedgerError

from .errors import PassphraseRequired, WalletError


class Stage(StrEnum):
    LOOKING = "looking"  # the window is up; a worker looks for the wallet and tries the keyring
    NEW = "new"  # there is none yet: onboarding (patient) or setup (desk)
    LOCKED = "locked"  # the passphrase is needed, or unlocking failed (see ``problem``)
    UNLOCKING = "unlocking"  # a worker tries the passphrase
    OPEN = "open"


class Openable(Protocol):
    """What a window opens: a wallet or desk folder that may exist and may be unlocked."""

    def exists(self) -> bool: ...

    def unlock(self, passphrase: str | None = None) -> object: ...


class Opening:
    """Where a window is between its first frame and an open wallet or desk."""

    def __init__(self, *, already_open: bool = False) -> None:
        self.stage = Stage.OPEN if already_open else Stage.LOOKING
        self.problem: BaseException | None = None  # why the last unlock failed, for the unlock page

    @property
    def unexpected(self) -> bool:
        """The last failure is a bug, not a refusal the patient can act on (the view reports it)."""
        return self.problem is not None and not isinstance(self.problem, (WalletError, LedgerError))

    def looked(self, found: Stage) -> None:
        """The worker's answer: :data:`Stage.NEW`, :data:`Stage.LOCKED` or :data:`Stage.OPEN`."""
        self._expect(Stage.LOOKING)
        if found not in (Stage.NEW, Stage.LOCKED, Stage.OPEN):
            raise ValueError(f"looking cannot end at {found}")
        self.stage = found

    def created(self) -> None:
        """Set up (onboarded, or the desk created): it is open."""
        self._expect(Stage.NEW)
        self.stage = Stage.OPEN

    def unlock(self) -> None:
        """The patient asked to unlock (with the passphrase typed, or the keyring alone)."""
        self._expect(Stage.LOCKED)
        self.problem = None
        self.stage = Stage.UNLOCKING

    def opened(self) -> None:
        """The worker unlocked it."""
        self._expect(Stage.UNLOCKING)
        self.stage = Stage.OPEN

    def failed(self, exc: BaseException) -> None:
        """Looking or unlocking failed: the unlock page shows why."""
        if self.stage not in (Stage.LOOKING, Stage.UNLOCKING):
            raise RuntimeError(f"nothing can fail at {self.stage}")
        self.problem = exc
        self.stage = Stage.LOCKED

    def restore_instead(self) -> None:
        """The passphrase is forgotten: set the wallet up again from its recovery phrase."""
        self._expect(Stage.LOCKED)
        self.problem = None
        self.stage = Stage.NEW

    def lock(self) -> None:
        """Locked by the patient or by inactivity."""
        self._expect(Stage.OPEN)
        self.problem = None
        self.stage = Stage.LOCKED

    def _expect(self, stage: Stage) -> None:
        if self.stage != stage:
            raise RuntimeError(f"opening is at {self.stage}, not {stage}")


def look(target: Openable, *, before_unlock: Callable[[], None] | None = None) -> Stage:
    """Slow (disk, keyring, Argon2id): does it exist, and does it open without a passphrase?

    Returns :data:`Stage.NEW`, :data:`Stage.LOCKED` or :data:`Stage.OPEN`; ``before_unlock``
    runs first when there is something to unlock (a window warms its imports there).
    """
    if not target.exists():
        return Stage.NEW
    if before_unlock is not None:
        before_unlock()
    try:
        target.unlock()
    except PassphraseRequired:
        return Stage.LOCKED
    return Stage.OPEN
