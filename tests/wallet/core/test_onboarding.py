"""The onboarding state machine, without Qt: every step, every refusal, and the build
(create, restore, clean-up after failure) against a real node."""

from __future__ import annotations

import random
import subprocess
import sys

import pytest

from ledger_client.errors import NodeUnavailable
from wallet.core import pseudonyms
from wallet.core.errors import Cancelled, InvalidPhrase, KeyringUnavailable
from wallet.core.keys.seed import new_phrase
from wallet.core.keys.sodium import ARGON2_MIN
from wallet.core.onboarding import (
    CHECK_WORDS,
    Onboarding,
    OnboardingError,
    Step,
    build_wallet,
    parse_genesis_hash,
    parse_nodes,
)
from wallet.core.wallet import Wallet

PASS = "correct horse battery"
QT_FREE = True  # tests/wallet/gui/conftest.py then makes no QApplication


def machine(tmp_path, **kwargs) -> Onboarding:
    return Onboarding(tmp_path / "w", rng=random.Random(7), kdf_limits=ARGON2_MIN, **kwargs)


def to_build_create(m: Onboarding, nodes: str) -> None:
    m.choose("create")
    m.set_network(local=False, nodes_text=nodes)
    m.set_keyring_available(False)
    m.set_protection(use_keyring=False, passphrase=PASS, repeat=PASS)
    m.phrase_written()
    words = m.words
    m.check_words({p: words[p - 1] for p in m.check_positions})


def test_core_module_has_no_qt():
    code = "import sys, wallet.core.onboarding; print('PySide6' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"


def test_create_walks_every_step_and_refuses_bad_answers(tmp_path):
    m = machine(tmp_path)
    assert m.step == Step.CHOOSE and not m.can_go_back
    m.choose("create")
    assert m.step == Step.NETWORK and m.steps[0] == Step.CHOOSE
    with pytest.raises(OnboardingError) as bad_url:
        m.set_network(local=False, nodes_text="ftp://node")
    assert bad_url.value.field == "nodes" and m.step == Step.NETWORK
    with pytest.raises(OnboardingError):
        m.set_network(local=False, nodes_text="https://n.example", genesis_hash="abc")
    m.set_network(local=False, nodes_text="https://a.example/, https://b.example https://a.example")
    assert m.nodes == ("https://a.example", "https://b.example")
    m.set_keyring_available(False)
    with pytest.raises(OnboardingError) as no_keyring:
        m.set_protection(use_keyring=True)
    assert no_keyring.value.field == "keyring"
    with pytest.raises(OnboardingError) as short:
        m.set_protection(use_keyring=False, passphrase="short", repeat="short")
    assert short.value.field == "passphrase"
    with pytest.raises(OnboardingError) as differ:
        m.set_protection(use_keyring=False, passphrase=PASS, repeat=PASS + "!")
    assert differ.value.field == "repeat"
    m.set_protection(use_keyring=False, passphrase=PASS, repeat=PASS)
    assert m.step == Step.SHOW_PHRASE and len(m.words) == 24
    words = m.words
    m.phrase_written()
    positions = m.check_positions
    assert len(positions) == CHECK_WORDS == len(set(positions)) and all(1 <= p <= 24 for p in positions)
    answers = {p: words[p - 1] for p in positions}
    wrong = {**answers, positions[1]: "zzz"}
    with pytest.raises(OnboardingError) as mismatch:
        m.check_words(wrong)
    assert mismatch.value.positions == (positions[1],) and m.step == Step.CHECK_PHRASE
    m.check_words({p: f"  {w.upper()} " for p, w in answers.items()})  # case and spaces do not matter
    assert m.step == Step.BUILD and not m.can_go_back
    plan = m.plan()
    assert plan.mode == "create" and plan.phrase == " ".join(words) and plan.passphrase == PASS
    assert not plan.local and plan.use_keyring is False and plan.nodes == m.nodes
    assert PASS not in repr(plan) and words[0] not in repr(plan).split("'")
    m.finished()
    assert m.step == Step.DONE and m.words == [] and m._phrase == "" and m._passphrase is None


def test_restore_path_and_back(tmp_path):
    m = machine(tmp_path)
    m.choose("restore")
    assert m.step == Step.ENTER_PHRASE and m.steps[1] == Step.ENTER_PHRASE
    with pytest.raises(InvalidPhrase):
        m.enter_phrase("abandon " * 23)
    phrase = new_phrase()
    m.enter_phrase("1. " + phrase.upper())
    m.set_network(local=True, nodes_text="ignored")
    assert m.local and m.nodes == ()
    m.set_keyring_available(True)
    m.set_protection(use_keyring=True)  # keyring alone: the passphrase is optional
    assert m.step == Step.BUILD
    plan = m.plan()
    assert plan.mode == "restore" and plan.phrase == phrase and plan.passphrase is None and plan.local


def test_back_returns_and_choose_again_resets(tmp_path):
    m = machine(tmp_path)
    m.choose("create")
    first = m.words if m.step == Step.SHOW_PHRASE else None
    assert first is None and m.words == []  # the words are shown only at their step
    m.back()
    assert m.step == Step.CHOOSE and m.mode is None
    m.choose("restore")
    assert m.step == Step.ENTER_PHRASE
    with pytest.raises(RuntimeError):
        m.phrase_written()  # not at that step


def test_failed_build_goes_back_to_the_step_to_fix(tmp_path):
    m = machine(tmp_path)
    to_build_create(m, "https://a.example")
    assert m.failed(NodeUnavailable()) == Step.NETWORK
    m.set_network(local=False, nodes_text="https://b.example")
    m.set_protection(use_keyring=False, passphrase=PASS, repeat=PASS)
    m.phrase_written()
    m.check_words({p: m.words[p - 1] for p in m.check_positions})
    m.set_keyring_available(True)
    assert m.failed(KeyringUnavailable()) == Step.PROTECTION and m.keyring_available is False
    m.set_protection(use_keyring=False, passphrase=PASS, repeat=PASS)
    m.phrase_written()
    m.check_words({p: m.words[p - 1] for p in m.check_positions})
    assert m.failed(RuntimeError("disk full")) == Step.BUILD  # nothing to change: retry


def test_parsers():
    assert parse_nodes("http://127.0.0.1:8765") == ("http://127.0.0.1:8765",)
    with pytest.raises(OnboardingError):
        parse_nodes("")
    with pytest.raises(OnboardingError):
        parse_nodes(" ".join(f"https://n{i}.example" for i in range(9)))
    assert parse_genesis_hash("  ") is None
    assert parse_genesis_hash("AB" * 32) == "ab" * 32


def test_build_creates_then_restores_against_a_real_node(tmp_path, shared_node):
    m = machine(tmp_path)
    to_build_create(m, shared_node.url)
    wallet, summary = build_wallet(m.plan())
    try:
        assert summary == {} and wallet.settings.nodes == [shared_node.url] and wallet.settings.genesis_hash
        phrase = wallet.keys.phrase()
        pseudonyms.register(wallet, 0, "vault")  # something on the ledger to rediscover
    finally:
        wallet.close()
    r = Onboarding(tmp_path / "restored", kdf_limits=ARGON2_MIN)
    r.choose("restore")
    r.enter_phrase(phrase)
    r.set_network(local=False, nodes_text=shared_node.url)
    r.set_keyring_available(False)
    r.set_protection(use_keyring=False, passphrase=PASS, repeat=PASS)
    seen = []
    restored, summary = build_wallet(r.plan(), progress=lambda *a: seen.append(a))
    try:
        assert summary["pseudonyms"] == 1 and ("scan", 0, 0) in seen
        assert restored.keys.phrase() == phrase
    finally:
        restored.close()


def test_build_with_local_node_keeps_no_address(tmp_path, shared_node):
    m = machine(tmp_path)
    m.choose("create")
    m.set_network(local=True)
    m.set_keyring_available(False)
    m.set_protection(use_keyring=False, passphrase=PASS, repeat=PASS)
    m.phrase_written()
    m.check_words({p: m.words[p - 1] for p in m.check_positions})
    wallet, _ = build_wallet(m.plan(), start_local=lambda: shared_node.url)
    try:
        assert wallet.settings.nodes == [] and wallet.settings.genesis_hash
        assert wallet.network.client.urls == [shared_node.url]
    finally:
        wallet.close()


def test_cancelled_restore_leaves_nothing_behind(tmp_path, shared_node):
    r = Onboarding(tmp_path / "gone", kdf_limits=ARGON2_MIN)
    r.choose("restore")
    r.enter_phrase(new_phrase())
    r.set_network(local=False, nodes_text=shared_node.url)
    r.set_keyring_available(False)
    r.set_protection(use_keyring=False, passphrase=PASS, repeat=PASS)
    with pytest.raises(Cancelled):
        build_wallet(r.plan(), cancel=lambda: True)
    assert not (tmp_path / "gone").exists()
    # A folder that existed keeps its other files.
    (tmp_path / "kept").mkdir()
    (tmp_path / "kept" / "notes.txt").write_text("mine")
    r2 = Onboarding(tmp_path / "kept", kdf_limits=ARGON2_MIN)
    r2.choose("restore")
    r2.enter_phrase(new_phrase())
    r2.set_network(local=False, nodes_text=shared_node.url)
    r2.set_keyring_available(False)
    r2.set_protection(use_keyring=False, passphrase=PASS, repeat=PASS)
    with pytest.raises(Cancelled):
        build_wallet(r2.plan(), cancel=lambda: True)
    assert [p.name for p in (tmp_path / "kept").iterdir()] == ["notes.txt"]
    assert not Wallet.exists(tmp_path / "kept")
