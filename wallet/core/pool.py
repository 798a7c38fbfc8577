"""Relationship pseudonyms registered ahead of time, so that a grant registers nothing.

A grant to a new institution needs a pseudonym of its own. Registered at grant time,
its ``register_pseudonym`` transaction lands within a second of the copies and the
consent it then signs, and of whatever else the patient did just before: a node sees
them together. So the wallet keeps a few relationship pseudonyms registered long before
they are needed (:data:`POOL_SIZE`): one at a time, at random moments while the wallet is
open and idle, with random spacing between two registrations (:func:`next_delay`), each
on its pseudonym's own connection (:meth:`~wallet.core.network.Network.client_for`) and,
on a network that requires a credential, with its admission proof, exactly as any
registration (:func:`wallet.core.pseudonyms.register`). A grant to a new institution
takes one (:func:`pseudonym_for`); only when none is ready does it register one, and
then waits a random time (:data:`JITTER_S`) before its other submissions, which the log
says (without naming any pseudonym or institution).

A pool pseudonym is a row of the pseudonyms table with role :data:`POOL_ROLE`; taking it
turns it into the institution's relationship pseudonym. Restore finds pool pseudonyms by
their registration, as any other (an unused one is a used index to the gap-limit scan),
and keeps them in the pool (:func:`wallet.core.restore.rediscover`). :data:`POOL_SIZE`
stays below the restore's gap limit, so that even a whole pool recorded but not yet
registered (the wallet closed before a refill) cannot end that scan early.
"""

from __future__ import annotations

import contextlib
import logging
import os
import random
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from ledger_client.crypto import SigningKey

from . import pseudonyms
from .atomic_file import atomic_write
from .errors import Cancelled
from .wallet import Wallet

log = logging.getLogger(__name__)

POOL_ROLE = "pool"
POOL_SIZE = 3  # pseudonyms kept registered ahead; below restore.GAP_LIMIT (5)
FIRST_S = (20.0, 180.0)  # from the wallet opening to the first registration of a refill
SPACING_S = (60.0, 600.0)  # between two registrations of a refill
JITTER_S = (5.0, 30.0)  # an empty pool: from registering to the grant's other submissions
JITTER_ENV = "MEDWALLET_GRANT_JITTER"  # seconds: a shorter upper bound (the test suite's own)
ACTIVITY_FILE = "activity"  # in the wallet folder: a command of the patient's is running, or ran lately
QUIET_S = 120.0  # a registration ahead of time waits this long after the patient's last command
BUSY_MAX_S = 3600.0  # a command marked running longer than this has died: its mark no longer holds
BUSY_RETRY_S = (30.0, 120.0)  # the patient was busy: look again after a random while
_random = random.SystemRandom()


def members(wallet: Wallet) -> list[int]:
    """The registered pool pseudonyms, ready to be taken, by index."""
    rows = wallet.db.query("SELECT idx FROM pseudonyms WHERE role=? AND registered_tx IS NOT NULL ORDER BY idx",
                           (POOL_ROLE,))
    return [int(row["idx"]) for row in rows]


def missing(wallet: Wallet) -> int:
    """How many registrations the pool lacks (recorded but unregistered members count as lacking)."""
    return max(0, POOL_SIZE - len(members(wallet)))


def register_one(wallet: Wallet) -> int | None:
    """Register one pool pseudonym (one recorded but not registered first); None when the pool is full.

    Raises what registering raises (the network unreachable, an admission refused): the
    caller tries again later.
    """
    if not missing(wallet):
        return None
    row = wallet.db.one("SELECT idx FROM pseudonyms WHERE role=? AND registered_tx IS NULL ORDER BY idx LIMIT 1",
                        (POOL_ROLE,))
    index = int(row["idx"]) if row else pseudonyms.fresh(wallet, POOL_ROLE)
    pseudonyms.register(wallet, index, POOL_ROLE)
    log.info("registered a pseudonym ahead of time (%d of %d ready)", len(members(wallet)), POOL_SIZE)
    return index


def next_delay(first: bool = False) -> float:
    """Seconds to wait before the next registration of a refill (random, never a fixed beat)."""
    return _random.uniform(*(FIRST_S if first else SPACING_S))


def take(wallet: Wallet, institution: str) -> int | None:
    """A registered pool pseudonym made ``institution``'s relationship pseudonym; None when the pool is empty."""
    with wallet.db.transaction() as conn:
        row = conn.execute("SELECT idx FROM pseudonyms WHERE role=? AND registered_tx IS NOT NULL ORDER BY idx "
                           "LIMIT 1", (POOL_ROLE,)).fetchone()
        if row is None:
            return None
        index = int(row[0])
        conn.execute("UPDATE pseudonyms SET role=?, institution=? WHERE idx=?",
                     (pseudonyms.RELATIONSHIP_ROLE, institution, index))
    return index


def pseudonym_for(wallet: Wallet, institution: str, *, cancel: Callable[[], bool] | None = None,
                  sleep: Callable[[float], None] = time.sleep) -> tuple[int, SigningKey]:
    """The registered pseudonym a grant to ``institution`` signs with: the one it already has,
    else one from the pool, else a new one registered now and then left to stand apart
    for a random time (:data:`JITTER_S`) before the grant goes on."""
    row = wallet.db.one("SELECT idx FROM pseudonyms WHERE role=? AND institution=?",
                        (pseudonyms.RELATIONSHIP_ROLE, institution))
    if row is None:
        taken = take(wallet, institution)
        if taken is not None:
            log.info("a grant to a new institution uses a pseudonym registered ahead of time (%d left)",
                     len(members(wallet)))
            return taken, pseudonyms.register(wallet, taken, pseudonyms.RELATIONSHIP_ROLE, institution)
    index = int(row["idx"]) if row else pseudonyms.fresh(wallet, pseudonyms.RELATIONSHIP_ROLE, institution)
    registered = wallet.db.one("SELECT registered_tx FROM pseudonyms WHERE idx=?", (index,))
    key = pseudonyms.register(wallet, index, pseudonyms.RELATIONSHIP_ROLE, institution)
    if registered is None or not registered["registered_tx"]:
        delay = _random.uniform(*jitter_bounds())
        log.info("no pseudonym was registered ahead of time: registered one for this grant, which waits %.0f s "
                 "so that the registration stands apart from it", delay)
        _wait(delay, cancel, sleep)
    return index, key


def jitter_bounds() -> tuple[float, float]:
    """The range of the wait after a grant-time registration (:data:`JITTER_ENV` may shorten it)."""
    low, high = JITTER_S
    try:
        cap = float(os.environ.get(JITTER_ENV, high))
    except ValueError:
        cap = high
    cap = min(max(cap, 0.0), high)
    return min(low, cap), cap


def _wait(seconds: float, cancel: Callable[[], bool] | None, sleep: Callable[[float], None]) -> None:
    left = seconds
    while left > 0:
        if cancel is not None and cancel():
            raise Cancelled()
        step = min(left, 0.25)
        sleep(step)
        left -= step


@contextlib.contextmanager
def activity(directory: Path) -> Iterator[None]:
    """Mark the patient's own activity (a command running) in the wallet folder, so that a
    registration ahead of time made by another process (the background checker) waits until
    :data:`QUIET_S` after it: it never lands within a grant's submissions. The mark holds no
    name, no pseudonym: "running" or "done", and its time."""
    marker = Path(directory) / ACTIVITY_FILE
    if not marker.parent.is_dir():
        yield
        return
    with contextlib.suppress(OSError):
        atomic_write(marker, b"running")
    try:
        yield
    finally:
        with contextlib.suppress(OSError):
            atomic_write(marker, b"done")


def quiet(directory: Path, now: float | None = None) -> bool:
    """No command of the patient's runs now or ran within :data:`QUIET_S` (see :func:`activity`)."""
    marker = Path(directory) / ACTIVITY_FILE
    try:
        state = marker.read_bytes()
        since = (time.time() if now is None else now) - marker.stat().st_mtime
    except FileNotFoundError:
        return True
    except OSError:
        return False
    if state == b"running" and since < BUSY_MAX_S:
        return False
    return since >= QUIET_S
