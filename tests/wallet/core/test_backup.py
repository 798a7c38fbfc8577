"""Backup reminders: a skipped phrase check reminds, a confirmed one does not until it is old,
guardians count as a backup, a snooze puts the reminder off for a week, wrong words confirm
nothing; the wizard records the check it made."""

from __future__ import annotations

import time

import pytest

from wallet.core import backup
from wallet.core.backup import CONFIRM_EVERY, SNOOZE, PhraseCheckFailed
from wallet.core.keys import guardians
from wallet.core.onboarding import WalletPlan, build_wallet


def test_never_checked_reminds_until_confirmed_then_again_when_stale(wallet):
    now = int(time.time())
    state = backup.status(wallet.db, now)
    assert (state.state, state.remind, state.confirmed_at) == ("never", True, None)
    backup.phrase_confirmed(wallet, now)
    assert backup.status(wallet.db, now).remind is False
    assert backup.status(wallet.db, now + CONFIRM_EVERY - 1).state == "ok"
    stale = backup.status(wallet.db, now + CONFIRM_EVERY)
    assert (stale.state, stale.remind, stale.confirmed_at) == ("stale", True, now)


def test_a_snooze_lasts_a_week(wallet):
    now = int(time.time())
    backup.snooze(wallet.db, now)
    assert backup.status(wallet.db, now + SNOOZE - 1).remind is False
    assert backup.status(wallet.db, now + SNOOZE + 1).remind is True


def test_guardians_count_as_a_backup(wallet):
    guardians.create(wallet.db, wallet.keys.seed, ["Ana", "Ben", "Chloé"], 2)
    state = backup.status(wallet.db, int(time.time()) + 10 * CONFIRM_EVERY)
    assert (state.state, state.remind, state.guardians, state.threshold) == ("ok", False, 3, 2)


def test_the_phrase_check_confirms_only_the_right_words(wallet):
    words = wallet.keys.phrase().split()
    positions = backup.check_positions()
    assert len(set(positions)) == 3 and all(1 <= p <= 24 for p in positions)
    other = "zoo" if words[positions[0] - 1] != "zoo" else "abandon"
    wrong = {p: words[p - 1] for p in positions} | {positions[0]: other}
    with pytest.raises(PhraseCheckFailed, match=f"Word\\(s\\) {positions[0]} do not match"):
        backup.check_words(wallet, wrong)
    with pytest.raises(PhraseCheckFailed):
        backup.check_words(wallet, {})
    with pytest.raises(PhraseCheckFailed):
        backup.check_words(wallet, {25: "abandon"})
    assert backup.status(wallet.db).state == "never"
    backup.check_words(wallet, {p: " " + words[p - 1].upper() for p in positions})
    assert backup.status(wallet.db).state == "ok"


def test_the_wizard_records_its_phrase_check(tmp_path, shared_node):
    from wallet.core.keys.seed import new_phrase
    from wallet.core.keys.sodium import ARGON2_MIN

    plan = WalletPlan("create", tmp_path / "w", new_phrase(), False, (shared_node.url,), None, False, "pass",
                      ARGON2_MIN)
    wallet, _ = build_wallet(plan)
    try:
        assert backup.status(wallet.db).state == "ok"
    finally:
        wallet.close()
