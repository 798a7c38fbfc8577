"""Backup reminders: is this wallet recoverable if the computer is lost?

A wallet counts as backed up when the patient confirmed its recovery phrase (gave some
of its words back) within :data:`CONFIRM_EVERY`, or when guardians hold shares of its
seed (:mod:`wallet.core.keys.guardians`). Otherwise :func:`status` asks for a reminder:
``never`` (the phrase check was skipped: a wallet made from the command line off a
terminal, or one from before this check was recorded) or ``stale`` (confirmed too long
ago). A reminder can be put off for :data:`SNOOZE` at a time.

Only times are stored (in the wallet's database), never a word.
"""

from __future__ import annotations

import secrets
import time
from dataclasses import dataclass

from .db import WalletDB
from .errors import WalletError
from .keys import guardians
from .keys.seed import PHRASE_WORDS
from .wallet import Wallet

CONFIRM_EVERY = 180 * 86_400  # remind twice a year
SNOOZE = 7 * 86_400
CHECK_WORDS = 3
CONFIRMED_KEY = "phrase_confirmed_at"
SNOOZED_KEY = "backup_reminder_snoozed_until"


class PhraseCheckFailed(WalletError):
    """Those words do not match your recovery phrase. Look at your written copy again."""

    code = "phrase_check"


@dataclass(frozen=True)
class BackupStatus:
    """``state``: ``ok``, ``never`` or ``stale``; ``remind``: show a reminder now."""

    state: str
    remind: bool
    confirmed_at: int | None
    guardians: int
    threshold: int | None


def status(db: WalletDB, now: int | None = None) -> BackupStatus:
    """Whether this wallet is backed up, and whether to remind the patient now."""
    now = int(time.time()) if now is None else now
    confirmed = _int(db.get_meta(CONFIRMED_KEY))
    recorded = guardians.current(db)
    count, threshold = (len(recorded["guardians"]), recorded["threshold"]) if recorded else (0, None)
    if recorded:
        state = "ok"
    elif confirmed is None:
        state = "never"
    else:
        state = "ok" if now - confirmed < CONFIRM_EVERY else "stale"
    snoozed = (_int(db.get_meta(SNOOZED_KEY)) or 0) > now
    return BackupStatus(state, state != "ok" and not snoozed, confirmed, count, threshold)


def phrase_confirmed(wallet: Wallet, now: int | None = None) -> None:
    """The patient showed they have the phrase (checked it, or restored from it)."""
    wallet.db.set_meta(CONFIRMED_KEY, str(int(time.time()) if now is None else now))


def snooze(db: WalletDB, now: int | None = None) -> None:
    """Put the reminder off for :data:`SNOOZE`."""
    db.set_meta(SNOOZED_KEY, str((int(time.time()) if now is None else now) + SNOOZE))


def check_positions(count: int = CHECK_WORDS) -> list[int]:
    """Which words (1-based) to ask back, at random."""
    return sorted(secrets.SystemRandom().sample(range(1, PHRASE_WORDS + 1), count))


def check_words(wallet: Wallet, answers: dict[int, str]) -> None:
    """Confirm the phrase from some of its words (1-based positions); records the time."""
    words = wallet.keys.phrase().split()
    if not answers or any(not 1 <= p <= PHRASE_WORDS for p in answers):
        raise PhraseCheckFailed(detail="no answers or a position out of range")
    wrong = [p for p, word in answers.items() if word.strip().lower() != words[p - 1]]
    if wrong:
        raise PhraseCheckFailed(PhraseCheckFailed.user_text() + " " + "Word(s) {} do not match.".format(
            ", ".join(str(p) for p in sorted(wrong))))
    phrase_confirmed(wallet)


def _int(text: str | None) -> int | None:
    return int(text) if text else None
