"""The background alert checker against a real node: the autostart entry written and removed
with the setting, each alert notified once across rounds, offline rounds survived, stopped
when the setting is turned off from elsewhere, refused without a network node."""

from __future__ import annotations

import itertools
import shlex
import time

import pytest

from tests.wallet.files import write_pdf
from wallet.core import importing
from wallet.core.audit import checker
from wallet.core.audit.checker import CheckerUnavailable
from wallet.core.consent import grants
from wallet.core.consent.grant_code import decode_grant
from wallet.core.settings import Settings
from wallet.core.wallet import SETTINGS_FILE, Wallet


def test_turning_it_on_and_off_writes_and_removes_the_autostart_entry(wallet, tmp_path):
    entry = checker.set_enabled(wallet, True, where=tmp_path / "autostart")
    text = entry.read_text("utf-8")
    assert entry.name == checker.AUTOSTART_FILE and "[Desktop Entry]" in text
    command = shlex.split(text.split("Exec=", 1)[1].splitlines()[0])
    assert command[-4:] == ["--wallet-dir", str(wallet.dir), "alerts", "--watch"]
    assert checker.enabled(wallet.dir)
    assert checker.set_enabled(wallet, False, where=tmp_path / "autostart") is None
    assert not entry.exists() and not checker.enabled(wallet.dir)


def test_each_alert_is_notified_once_and_turning_off_stops_the_watch(wallet, clinic, tmp_path):
    wallet.settings.alert_night = [0, 0]
    checker.set_enabled(wallet, True, where=tmp_path / "autostart")
    rec = importing.import_file(wallet, write_pdf(tmp_path / "a.pdf", 1000)).record
    granted = grants.grant(wallet, clinic.key.public, [rec], "emergency", int(time.time()) + 3600)
    notified: list[list[str]] = []
    rounds = []

    def sleep(_seconds: float) -> None:
        rounds.append(1)
        if len(rounds) == 1:
            clinic.read(decode_grant(granted.code), tmp_path / "desk")  # a read between two rounds
        if len(rounds) == 3:  # the patient turns it off in the window (another process's settings write)
            settings = Settings.load(wallet.dir / SETTINGS_FILE)
            settings.background_alerts = False
            settings.save(wallet.dir / SETTINGS_FILE)

    why = checker.watch(wallet, lambda found: notified.append(sorted(a.rule for a in found)), interval=0,
                        sleep=sleep, stop=lambda: len(rounds) > 10)
    assert why == "turned off" and len(rounds) == 3
    assert len(notified) == 1 and set(notified[0]) == {"emergency", "first_read"}  # once, in three rounds
    assert notified[0].count("first_read") == 1  # the envelope and the record: two emergency reads, one first


def test_offline_rounds_are_survived(wallet, monkeypatch):
    from ledger_client.errors import NodeUnavailable

    def offline(_wallet):
        raise NodeUnavailable("no node answered")

    monkeypatch.setattr(checker.trail, "refresh", offline)
    rounds: list[int] = []
    wallet.settings.background_alerts = True
    wallet.settings.save(wallet.dir / SETTINGS_FILE)
    assert checker.watch(wallet, lambda found: None, interval=0, sleep=lambda s: rounds.append(1),
                         stop=lambda: len(rounds) >= 2) == "stopped"


def test_without_a_network_node_it_refuses(tmp_path):
    from wallet.core.keys.sodium import ARGON2_MIN

    alone, _ = Wallet.create(tmp_path / "alone", passphrase="p", use_keyring=False, kdf_limits=ARGON2_MIN)
    try:
        with pytest.raises(CheckerUnavailable):
            checker.set_enabled(alone, True, where=tmp_path / "autostart")
        with pytest.raises(CheckerUnavailable):
            checker.watch(alone, lambda found: None)
    finally:
        alone.close()


def test_off_by_default_a_watch_stops_at_once(wallet):
    assert not checker.enabled(wallet.dir)
    assert checker.watch(wallet, lambda found: None, interval=0, sleep=lambda s: None) == "turned off"


class _Clock:
    """The watch's time, compressed: a sleep moves it on at once."""

    def __init__(self) -> None:
        self.now = 1000.0
        self.slept = 0

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.now += seconds
        self.slept += 1


def test_the_watch_fills_the_pool_at_random_moments_apart_from_each_other(wallet, monkeypatch):
    from wallet.core import pool

    registered_at: list[float] = []
    clock = _Clock()
    real = pool.register_one

    def register(w):
        index = real(w)
        if index is not None:
            registered_at.append(clock.now)
        return index

    monkeypatch.setattr(pool, "register_one", register)
    checker.set_enabled(wallet, True, where=wallet.dir / "autostart")
    assert pool.members(wallet) == []
    # an hour of checks every 5 minutes, a few seconds of real time
    why = checker.watch(wallet, lambda found: None, sleep=clock.sleep, clock=clock,
                        stop=lambda: clock.now > 1000.0 + 3 * 3600)
    assert why == "stopped"
    assert len(pool.members(wallet)) == pool.POOL_SIZE  # filled, on the real node
    assert len(registered_at) == pool.POOL_SIZE
    assert registered_at[0] - 1000.0 >= pool.FIRST_S[0]
    gaps = [b - a for a, b in itertools.pairwise(registered_at)]
    assert all(gap >= pool.SPACING_S[0] for gap in gaps)
    # at moments of their own, not on the checks' beat (every 300 s from the start)
    assert any((t - 1000.0) % checker.DEFAULT_INTERVAL > 1 for t in registered_at)


def test_the_watch_registers_nothing_while_a_command_of_the_patients_runs_or_just_ran(wallet):
    from wallet.core import pool

    checker.set_enabled(wallet, True, where=wallet.dir / "autostart")
    clock = _Clock()
    with pool.activity(wallet.dir):  # a grant from the command line, say, running in another process
        assert not pool.quiet(wallet.dir)
        checker.watch(wallet, lambda found: None, sleep=clock.sleep, clock=clock,
                      stop=lambda: clock.now > 1000.0 + 2 * 3600)
    assert pool.members(wallet) == []
    assert not pool.quiet(wallet.dir)  # just finished: still within the quiet time
    assert pool.quiet(wallet.dir, now=time.time() + pool.QUIET_S + 1)
    assert (wallet.dir / pool.ACTIVITY_FILE).read_bytes() == b"done"  # no name, no pseudonym
    assert (wallet.dir / pool.ACTIVITY_FILE).stat().st_mode & 0o077 == 0


def test_the_watch_can_leave_the_pool_alone(wallet):
    from wallet.core import pool

    checker.set_enabled(wallet, True, where=wallet.dir / "autostart")
    clock = _Clock()
    checker.watch(wallet, lambda found: None, sleep=clock.sleep, clock=clock, keep_pool=False,
                  stop=lambda: clock.now > 1000.0 + 3600)
    assert pool.members(wallet) == []
