"""Pilot profiles: signed by the pilot's governance key, pinned to the genesis; the
self-test reports on them."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from ledger_client.crypto import SigningKey
from wallet.core.profile import ProfileError, connect_with_profile, load_profile, sign_profile


def body(node) -> dict:
    status = __import__("requests").get(node.url + "/v1/status").json()
    return {"network_name": "Pilot Lake", "nodes": [node.url], "genesis_hash": status["chain_id"],
            "support": {"name": "Pilot desk", "email": "help@pilot.example"},
            "branding": {"app_name": "Lake Wallet", "accent_color": "#1a7f64"}}


def test_signed_profile_connects(shared_node):
    doc = sign_profile(body(shared_node), shared_node.governance)
    profile = load_profile(json.dumps(doc).encode())
    network = connect_with_profile(profile)
    assert network.genesis.hash == profile.genesis_hash
    network.close()


@pytest.mark.parametrize("field, value", [("nodes", ["http://127.0.0.1:1"]), ("network_name", "Evil"),
                                           ("genesis_hash", "00" * 32)])
def test_tampered_profile_is_refused(shared_node, field, value):
    doc = sign_profile(body(shared_node), shared_node.governance)
    doc["profile"][field] = value
    with pytest.raises(ProfileError) as exc:
        load_profile(json.dumps(doc).encode())
    assert "altered" in exc.value.detail


def test_profile_from_outside_governance_or_other_network_is_refused(shared_node):
    outsider = load_profile(json.dumps(sign_profile(body(shared_node), SigningKey.generate())).encode())
    with pytest.raises(ProfileError):
        connect_with_profile(outsider)
    wrong = body(shared_node)
    wrong["genesis_hash"] = "ab" * 32
    with pytest.raises(ProfileError) as exc:
        connect_with_profile(load_profile(json.dumps(sign_profile(wrong, shared_node.governance)).encode()))
    assert "network" in exc.value.detail


def test_self_test_with_profile(shared_node, tmp_path):
    path = tmp_path / "profile.json"
    doc = sign_profile(body(shared_node), shared_node.governance)
    path.write_text(json.dumps(doc))
    env = {**os.environ, "MEDWALLET_PROFILE": str(path)}
    ok = subprocess.run([sys.executable, "-m", "wallet.cli", "--self-test", "--json"], env=env, capture_output=True,
                        text=True, timeout=60)
    report = json.loads(ok.stdout)
    assert ok.returncode == 0 and report["ok"], ok.stdout
    doc["profile"]["nodes"] = ["http://127.0.0.1:1"]
    path.write_text(json.dumps(doc))
    bad = subprocess.run([sys.executable, "-m", "wallet.cli", "--self-test"], env=env, capture_output=True, text=True,
                         timeout=60)
    assert bad.returncode == 1 and "FAIL" in bad.stdout and "profile" in bad.stdout
