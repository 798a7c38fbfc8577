"""A node serving HTTPS from a certificate made by a test CA: clients that pin the CA (or
trust it as the system's) connect; a client that does not trust the certificate is refused
before a byte of the request is sent, with a message that says why; a node refuses to start
on a certificate and key that do not belong together; a pilot profile pins its CA."""

from __future__ import annotations

import json
import subprocess
import sys
import time

import pytest
import requests

from ledger_client.client import LedgerClient
from ledger_client.crypto import SigningKey
from ledger_client.errors import CertificateError, MalformedError, NodeUnavailable
from tests.nodeproc import new_network
from tests.tlsfiles import TestCA


@pytest.fixture(scope="module")
def tls_node(tmp_path_factory):
    root = tmp_path_factory.mktemp("tls")
    ca = TestCA(root / "ca")
    proc = new_network(root / "node", tls=ca.issue("node"), ca=ca.ca_file).start()
    yield proc, ca, root
    proc.stop()


def test_pinned_ca_connects_and_submits(tls_node):
    proc, ca, _ = tls_node
    assert proc.url.startswith("https://")
    client = LedgerClient([proc.url], ca=str(ca.ca_file))
    result = client.submit_signed(SigningKey.generate(), "register_pseudonym", {"box_key": "22" * 32})
    assert result["status"] == "committed"
    # the CA given as PEM text, as a pilot profile carries it
    assert LedgerClient([proc.url], ca=ca.pem).status()["chain_id"] == client.status()["chain_id"]


def test_untrusted_certificate_is_refused_clearly(tls_node, tmp_path):
    proc, _, _ = tls_node
    other = TestCA(tmp_path / "other", "Another CA")
    for client in (LedgerClient([proc.url], ca=str(other.ca_file), retries=1),  # a CA that did not sign it
                   LedgerClient([proc.url], retries=1)):  # the system's CAs
        with pytest.raises(CertificateError) as exc:
            client.status()
        assert "TLS certificate is not trusted" in exc.value.message and proc.url in exc.value.message
        assert "certificate" in exc.value.message


def test_certificate_for_another_host_is_refused(tmp_path):
    ca = TestCA(tmp_path / "ca")
    proc = new_network(tmp_path / "node", tls=ca.issue("elsewhere", "node.elsewhere.example"), ca=ca.ca_file)
    with pytest.raises(RuntimeError):
        proc.start(timeout=8)  # not even the start-up probe, which trusts the CA, accepts the name
    proc.start_unchecked()
    client = LedgerClient([proc.url], ca=str(ca.ca_file), retries=1)
    try:
        deadline = time.monotonic() + 20
        while True:
            try:
                client.status()
                raise AssertionError("a certificate for another host was accepted")
            except CertificateError as exc:
                assert "not trusted" in exc.message
                break
            except NodeUnavailable:  # not listening yet
                assert time.monotonic() < deadline
                time.sleep(0.1)
    finally:
        proc.stop()


def test_plain_http_is_not_served_on_the_tls_port(tls_node):
    proc, _, _ = tls_node
    with pytest.raises(requests.RequestException):
        requests.get(proc.url.replace("https://", "http://") + "/v1/status", timeout=5)


def test_mismatched_key_stops_the_node_with_a_clear_message(tmp_path):
    ca = TestCA(tmp_path / "ca")
    one, two = ca.issue("one"), ca.issue("two")
    proc = new_network(tmp_path / "node")
    run = subprocess.run([sys.executable, "-m", "ledger_client.node.cli", "run", "--data", str(proc.data),
                          "--port", "1", "--tls-cert", str(one.cert), "--tls-key", str(two.key)],
                         capture_output=True, text=True, timeout=60)
    assert run.returncode == 2 and "do not load together" in run.stderr
    run = subprocess.run([sys.executable, "-m", "ledger_client.node.cli", "run", "--data", str(proc.data),
                          "--port", "1", "--tls-cert", str(one.cert)], capture_output=True, text=True, timeout=60)
    assert run.returncode == 2 and "together" in run.stderr


def test_pilot_profile_pins_its_ca(tls_node):
    from wallet.core.profile import ProfileError, connect_with_profile, load_profile, sign_profile
    proc, ca, root = tls_node
    status = LedgerClient([proc.url], ca=ca.pem).status()
    body = {"network_name": "Pilot Lake", "nodes": [proc.url], "genesis_hash": status["chain_id"], "tls_ca": ca.pem}
    profile = load_profile(json.dumps(sign_profile(body, proc.governance)).encode())
    assert profile.tls_ca == ca.pem
    network = connect_with_profile(profile)
    assert network.genesis.hash == status["chain_id"]
    network.close()
    other = TestCA(root / "impostor", "Impostor CA")
    wrong = load_profile(json.dumps(sign_profile({**body, "tls_ca": other.pem}, proc.governance)).encode())
    with pytest.raises(CertificateError):
        connect_with_profile(wrong)
    with pytest.raises(MalformedError):
        sign_profile({**body, "tls_ca": "not a certificate"}, proc.governance)
    tampered = json.loads(json.dumps(sign_profile(body, proc.governance)))
    tampered["profile"]["tls_ca"] = other.pem  # an attacker swapping the pinned CA breaks the signature
    with pytest.raises(ProfileError):
        load_profile(json.dumps(tampered).encode())
