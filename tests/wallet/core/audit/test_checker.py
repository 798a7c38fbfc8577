"""The background alert checker against a real node: the autostart entry written and removed
with the setting, each alert notified once across rounds, offline rounds survived, stopped
when the setting is turned off from elsewhere, refused without a network node."""

from __future__ import annotations

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
