"""The embedded network is a real network: its port is chosen once and kept; a port taken
by another program at a later start moves it, and the wallet, its desk and a grant code
made before all keep working (the code's address is a hint: the desk finds the network by
its genesis hash). Grant codes on it carry the live address (issue 12, failure 1)."""

from __future__ import annotations

import json
import socket
import time

import pytest

from ledger_client.errors import WrongNetwork
from tests.nodeproc import free_port
from wallet.core import importing
from wallet.core.consent import grants
from wallet.core.consent.grant_code import decode_grant
from wallet.core.desks.clinic import ClinicDesk
from wallet.core.desks.local_desk import register_desk
from wallet.core.errors import NoNetwork
from wallet.core.keys.sodium import ARGON2_MIN
from wallet.core.local_node import LocalNode
from wallet.core.settings import Settings
from wallet.core.wallet import EmbeddedNetworkRefused, Wallet

from ..files import write_pdf

PASS = "embedded network passphrase"


@pytest.fixture
def node(tmp_path):
    made = LocalNode(tmp_path / "local-node")
    yield made
    made.stop()


def test_port_is_chosen_once_and_kept(node, tmp_path, monkeypatch):
    url = node.start()
    assert url.endswith(f":{node.saved_port()}") and not url.endswith(":8765")
    node.stop()
    monkeypatch.setenv("MEDWALLET_LOCAL_PORT", str(free_port()))  # the preference changed; the kept port did not
    again = LocalNode(tmp_path / "local-node")
    try:
        assert again.start() == url
        assert LocalNode(tmp_path / "local-node").start() == url  # a second window reuses the running node
    finally:
        again.stop()


def test_a_taken_port_moves_and_nothing_is_lost(node, tmp_path):
    wallet, _ = Wallet.create(tmp_path / "w", passphrase=PASS, use_keyring=False, kdf_limits=ARGON2_MIN,
                              embedded=True, start_local=node.start)
    desk = ClinicDesk.create(tmp_path / "desk", "Clinique du Lac", "clinic", [], passphrase=PASS, use_keyring=False,
                             kdf_limits=ARGON2_MIN, embedded=True, start_local=node.start)
    assert register_desk(desk, None, node)
    record = importing.import_file(wallet, write_pdf(tmp_path / "letter.pdf"), title="Letter").records[0].record
    given = grants.grant(wallet, desk.key.public, [record], "treatment", int(time.time()) + 3600, label="Anna")
    old = decode_grant(given.code)
    assert old.node_urls == (node.url,) and old.label == "Anna"  # issue 12.1: the code exists on this network
    old_url = node.url
    wallet.close()
    desk.close()
    node.stop()
    squatter = socket.socket()  # another program takes the port
    squatter.bind(("127.0.0.1", node.port))
    squatter.listen()
    try:
        moved = LocalNode(tmp_path / "local-node")
        try:
            new_url = moved.start()
            assert new_url != old_url and moved.saved_port() == moved.port
            reopened = Wallet.open(tmp_path / "w", PASS, start_local=moved.start)
            assert reopened.network.nodes == [new_url] and reopened.settings.local_node_url == new_url
            assert decode_grant(grants.grant_code(reopened, given.consent)).node_urls == (new_url,)
            reopened.close()
            desk_again = ClinicDesk.open(tmp_path / "desk", PASS, start_local=moved.start)
            result = desk_again.read(old, tmp_path / "received")  # the old code, with the old address
            assert result.files[0].read_bytes() == (tmp_path / "letter.pdf").read_bytes()
            desk_again.close()
        finally:
            moved.stop()
    finally:
        squatter.close()


def test_settings_of_version_1_mean_the_embedded_network(tmp_path):
    path = tmp_path / "settings.json"
    path.write_text(json.dumps({"version": 1, "nodes": [], "genesis_hash": "ab" * 32, "future_key": 1}))
    settings = Settings.load(path)
    assert settings.local_node and settings.version == 2 and settings.extra == {"future_key": 1}
    path.write_text(json.dumps({"version": 1, "nodes": ["https://n.example"], "genesis_hash": "ab" * 32}))
    assert not Settings.load(path).local_node


def test_settings_never_leave_the_wallet_offline(node, tmp_path, shared_node):
    wallet, _ = Wallet.create(tmp_path / "w", passphrase=PASS, use_keyring=False, kdf_limits=ARGON2_MIN,
                              embedded=True, start_local=node.start)
    try:
        with pytest.raises(WrongNetwork):  # another network's node: refused, nothing changed
            wallet.change_nodes([shared_node.url])
        assert wallet.settings.local_node and wallet.network.nodes == [node.url]
        wallet.change_nodes([f"http://localhost:{node.port}"])  # the embedded node's own address: still embedded
        assert wallet.settings.local_node and Settings.load(tmp_path / "w" / "settings.json").local_node
        wallet.change_nodes([])
        assert wallet.network.nodes == [node.url]
    finally:
        wallet.close()
    remote, _ = Wallet.create(tmp_path / "r", passphrase=PASS, use_keyring=False, kdf_limits=ARGON2_MIN,
                              nodes=[shared_node.url], start_local=node.start)
    try:
        with pytest.raises(EmbeddedNetworkRefused):  # clearing a care network's wallet: kept on its nodes
            remote.change_nodes([])
        assert remote.settings.nodes == [shared_node.url] and not remote.settings.local_node
    finally:
        remote.close()


def test_a_wallet_with_no_network_says_so(tmp_path):
    wallet, _ = Wallet.create(tmp_path / "w", passphrase=PASS, use_keyring=False, kdf_limits=ARGON2_MIN)
    try:
        with pytest.raises(NoNetwork):
            _ = wallet.network
    finally:
        wallet.close()
