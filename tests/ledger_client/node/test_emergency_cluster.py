"""Break-glass release t of n across a TLS cluster ordered by etcd (the multi-node fixture):
four nodes hold shares, the threshold is three. One holder never comes up (it withholds its
share): the other three release theirs, the requester rebuilds the key and reads the set
through another node than the one that took the upload. With a second holder down, two
shares arrive: the requester is told how many holders answered and how many are needed.
Then every node's ledger replays clean (``medwallet-node verify``)."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import time

import nacl.public
import pytest

from ledger_client.access import make_access_request
from ledger_client.crypto import SigningKey
from ledger_client.emergency_client import gather_key
from ledger_client.emergency_shares import NotEnoughShares, seal_shares
from ledger_client.keyfile import load_key

from .cluster_net import CA, connect, wait_agree

pytestmark = pytest.mark.slow


def test_three_of_four_release_rebuilds_the_key_and_two_do_not(cluster, tmp_path):
    urls, nodes, root = cluster["urls"], cluster["nodes"], cluster["root"]
    client = connect(urls)
    chain = client.status()["chain_id"]
    gov = nodes[0].governance
    holders = [load_key(root / "nodes" / f"node{i}" / "node.key").public for i in range(4)]
    client.submit_signed(gov, "emergency_policy", {"institutions": [], "kinds": ["hospital"], "delay": 0,
                                                   "open_for": 3600, "threshold": 3, "nodes": holders})
    hospital, box = SigningKey.generate(), nacl.public.PrivateKey.generate()
    client.submit_signed(gov, "register_institution", {"name": "Cluster ER", "kind": "hospital",
                                                       "sign_key": hospital.public,
                                                       "box_key": bytes(box.public_key).hex()})
    patient = SigningKey.generate()
    first = connect(urls[:1])
    first.submit_signed(patient, "register_pseudonym", {"box_key": "33" * 32})
    copy = os.urandom(4096)
    record = hashlib.sha256(copy).hexdigest()
    assert first.put_blob(patient, chain, record, copy)
    first.submit_signed(patient, "anchor_record", {"record": record, "size": len(copy), "category": "fhir"})
    key = os.urandom(32)
    first.submit_signed(patient, "emergency_set", {"policy": 1, "records": [record],
                                                   "shares": seal_shares(key, patient.public, holders, 3)})
    request = client.submit_signed(hospital, "emergency_request", {"set": patient.public, "reason": "BTG",
                                                                   "justification": "cardiac arrest"})["id"]
    wait_agree(urls)
    rebuilt, got = gather_key(urls, hospital, box, request, ca=CA["file"])  # node3 is down: it withholds
    assert rebuilt == key and len(got.shares) == 3 and len(set(got.events)) == 3
    reader = connect(urls[2:])  # not the node that took the upload: it replicates the copy first
    out = tmp_path / "copy"
    with out.open("wb") as sink:
        reader.download_blob(make_access_request(hospital, chain, record, request, "emergency", int(time.time())),
                             sink)
    assert out.read_bytes() == copy
    nodes[1].stop()
    try:
        with pytest.raises(NotEnoughShares, match="only 2 of the 4 nodes") as caught:
            gather_key([urls[0], urls[2]], hospital, box, request, ca=CA["file"])
        assert "3 are needed" in caught.value.message
    finally:
        nodes[1].start()
    wait_agree(urls)
    events = client.my_events(patient)
    releases = [e for e in events if e["kind"] == "emergency_release"]
    assert len(releases) == 5 and {e["node"] for e in releases} == set(holders[:3])
    for node in nodes:
        node.stop()
        verify = subprocess.run([sys.executable, "-m", "ledger_client.node.cli", "verify", "--data", str(node.data)],
                                capture_output=True, text=True, timeout=120)
        node.start()
        assert verify.returncode == 0 and "OK" in verify.stdout, verify.stdout + verify.stderr
