"""Fixtures for anonymous credentials: a real node whose genesis requires a credential to
admit pseudonyms, an issuer desk with a published revocable credential definition (its
keys take seconds to make, so one per session), wallets and institutions on that node.

tests/wallet/conftest.py registers these fixtures for every wallet test that asks for them
(core, command line and window tests alike)."""

from __future__ import annotations

import itertools
import json
from concurrent.futures import ThreadPoolExecutor

import pytest

from ledger_client.node.datadir import init_datadir
from tests.nodeproc import NodeProcess
from wallet.core.credentials import holder as credentials
from wallet.core.desks.clinic import ClinicDesk
from wallet.core.desks.issuer import IssuerDesk
from wallet.core.keys.sodium import ARGON2_MIN
from wallet.core.wallet import Wallet

CRED_PASSPHRASE = "test passphrase for credentials"
PATIENT = {"patient_of": "St. Example Hospital", "insured": "1", "birth_year": "1990"}
_names = itertools.count(1)


@pytest.fixture(scope="session")
def cred_node(tmp_path_factory):
    """A running single-node network with ``require_credential`` (accepting kind-'issuer' institutions)."""
    data = tmp_path_factory.mktemp("cred-net") / "node"
    init_datadir(data, "credential-net", require_credential=True)
    proc = NodeProcess(data).start()
    yield proc
    proc.stop()


def make_issuer(directory, node, name: str = "Health Insurer", kind: str = "issuer", max_credentials: int = 50):
    desk = IssuerDesk.create(directory, name, [node.url], passphrase=CRED_PASSPHRASE, use_keyring=False,
                             kdf_limits=ARGON2_MIN)
    payload = {**desk.registration_payload(), "kind": kind}
    desk.network.submit(node.governance, "register_institution", payload)
    desk.setup(max_credentials=max_credentials)
    return desk


@pytest.fixture(scope="session")
def issuers(cred_node, tmp_path_factory) -> tuple[IssuerDesk, IssuerDesk]:
    """The accepted issuer, and a rogue one registered as a clinic (which the policy does not accept).

    Their keys take seconds each (safe primes); AnonCreds releases the GIL, so both are made at once.
    """
    root = tmp_path_factory.mktemp("issuers")
    with ThreadPoolExecutor(2) as pool:
        accepted = pool.submit(make_issuer, root / "insurer", cred_node)
        rogue = pool.submit(make_issuer, root / "rogue", cred_node, "Rogue Clinic", "clinic", 4)
        desks = accepted.result(), rogue.result()
    yield desks
    for desk in desks:
        desk.close()


@pytest.fixture
def issuer(issuers) -> IssuerDesk:
    return issuers[0]


@pytest.fixture
def rogue_issuer(issuers) -> IssuerDesk:
    return issuers[1]


@pytest.fixture
def make_cred_wallet(tmp_path, cred_node):
    made = []

    def make(phrase: str | None = None) -> Wallet:
        wallet, _ = Wallet.create(tmp_path / f"wallet{next(_names)}", phrase=phrase, passphrase=CRED_PASSPHRASE,
                                  use_keyring=False, nodes=[cred_node.url], kdf_limits=ARGON2_MIN)
        made.append(wallet)
        return wallet
    yield make
    for wallet in made:
        wallet.close()


def obtain(wallet: Wallet, desk: IssuerDesk, values: dict | None = None, label: str = "") -> credentials.CredentialInfo:
    """The whole issuance, through JSON files as they would travel: offer → request → credential."""
    offer = json.loads(json.dumps(desk.offer()))
    request = json.loads(json.dumps(credentials.request_credential(wallet, offer)))
    issued = json.loads(json.dumps(desk.issue(request, values or PATIENT, label=label)))
    return credentials.store_credential(wallet, issued)


@pytest.fixture
def holder(make_cred_wallet, issuer) -> Wallet:
    """A wallet holding a valid credential from the accepted issuer."""
    wallet = make_cred_wallet()
    obtain(wallet, issuer)
    return wallet


@pytest.fixture
def make_cred_institution(tmp_path, cred_node):
    def make(kind: str = "clinic", name: str = "Clinic", *, exact_name: bool = False) -> ClinicDesk:
        name = name if exact_name else f"{name} {next(_names)}"
        desk = ClinicDesk.create(tmp_path / f"desk{next(_names)}", name, kind, [cred_node.url],
                                 passphrase=CRED_PASSPHRASE, use_keyring=False, kdf_limits=ARGON2_MIN)
        desk.register(cred_node.governance)
        return desk
    return make
