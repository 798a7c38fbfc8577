"""Fixtures for wallet flows: a real node, wallets and a registered clinic desk on it, and
(from :mod:`tests.wallet.credential_net`) a network that requires anonymous credentials.

Wallets here use a passphrase-only vault with the smallest Argon2id cost, so a test
spends its time on the flow and not on password hashing; the keyring path is tested
in tests/wallet/core/keys/test_keystore.py against a real Secret Service.
"""

from __future__ import annotations

import itertools

import pytest

from tests.wallet.credential_net import (  # noqa: F401
    cred_node,
    holder,
    issuer,
    issuers,
    make_cred_institution,
    make_cred_wallet,
    rogue_issuer,
)
from wallet.core.desks.clinic import ClinicDesk
from wallet.core.keys.sodium import ARGON2_MIN
from wallet.core.wallet import Wallet

PASSPHRASE = "test passphrase for flows"
_names = itertools.count(1)


@pytest.fixture
def make_wallet(tmp_path, shared_node):
    """Create wallets on the shared node: ``make_wallet(name="w", phrase=None)``."""
    made = []

    def make(name: str | None = None, phrase: str | None = None) -> Wallet:
        wallet, _ = Wallet.create(tmp_path / (name or f"wallet{next(_names)}"), phrase=phrase, passphrase=PASSPHRASE,
                                  use_keyring=False, nodes=[shared_node.url], kdf_limits=ARGON2_MIN)
        made.append(wallet)
        return wallet
    yield make
    for wallet in made:
        wallet.close()


@pytest.fixture
def wallet(make_wallet) -> Wallet:
    return make_wallet()


@pytest.fixture
def make_clinic(tmp_path, shared_node):
    """Registered clinic desks on the shared node."""
    def make(name: str = "Clinic") -> ClinicDesk:
        desk = ClinicDesk.create(tmp_path / f"desk{next(_names)}", f"{name} {next(_names)}", "clinic",
                                 [shared_node.url], passphrase=PASSPHRASE, use_keyring=False, kdf_limits=ARGON2_MIN)
        desk.register(shared_node.governance)
        return desk
    return make


@pytest.fixture
def clinic(make_clinic) -> ClinicDesk:
    return make_clinic()
