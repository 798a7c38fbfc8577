"""A three-node network ordered by a three-member etcd cluster: real processes on
loopback, killed with SIGKILL while they work. Everything runs over TLS with certificates
made by a test CA: clients verify the nodes, nodes verify each other when replicating,
and etcd requires mutual TLS from nodes and between its members."""

from __future__ import annotations

import random
import sqlite3
import subprocess
import sys
import threading
import time

import pytest

from ledger_client.console import EXIT_INTEGRITY
from ledger_client.crypto import SigningKey
from ledger_client.errors import LedgerError, NodeUnavailable
from ledger_client.genesis import parse_genesis
from ledger_client.light import LightClient, cross_check
from ledger_client.tx import make_tx
from tests.nodeproc import NodeProcess
from wallet.core import importing

from .cluster_net import CA, connect, heads, node_args, wait_agree

pytestmark = pytest.mark.slow


def register(client, chain, key):
    return make_tx(key, chain, "register_pseudonym", 1, int(time.time()), {"box_key": "22" * 32})


def test_burst_with_a_node_and_an_etcd_member_killed(cluster):
    urls, nodes, etcd = cluster["urls"], cluster["nodes"], cluster["etcd"]
    chain = connect(urls).status()["chain_id"]
    acknowledged: list[str] = []
    lock = threading.Lock()
    stop = threading.Event()

    def worker(seed: int) -> None:
        client = connect(random.Random(seed).sample(urls, 3), retries=2, read_timeout=10)
        while not stop.is_set():
            tx = register(client, chain, SigningKey.generate())
            try:
                client.submit(tx, wait=bool(seed % 2))
            except LedgerError:
                continue
            with lock:
                acknowledged.append(tx.id)

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(6)]
    for t in threads:
        t.start()
    time.sleep(1.0)
    nodes[1].kill()
    etcd.members[2].kill()
    time.sleep(1.5)
    stop.set()
    for t in threads:
        t.join(30)
    assert len(acknowledged) > 20
    survivors = [urls[0], urls[2]]
    agreed = wait_agree(survivors)
    for url in survivors:
        client = connect([url])
        missing = [i for i in acknowledged if client.tx_status(i)["status"] != "committed"]
        assert not missing, f"{len(missing)} acknowledged transactions missing on {url}"
    etcd.members[2].start()
    nodes[1].start()
    final = wait_agree(urls, timeout=30)
    assert final["height"] >= agreed["height"]
    verify = subprocess.run([sys.executable, "-m", "ledger_client.node.cli", "verify", "--data", str(nodes[1].data)],
                            capture_output=True, text=True, timeout=60)
    assert verify.returncode == 0, verify.stdout


def test_losing_etcd_quorum_fails_clearly_then_recovers(cluster):
    urls, etcd = cluster["urls"], cluster["etcd"]
    client = connect([urls[0]], retries=1, read_timeout=20)
    chain = client.status()["chain_id"]
    before = wait_agree(urls)
    etcd.members[0].kill()
    etcd.members[1].kill()
    try:
        with pytest.raises(NodeUnavailable) as exc:
            client.submit(register(client, chain, SigningKey.generate()), wait=True, timeout=5)
        assert "etcd" in str(exc.value) or "ordering" in str(exc.value)
        assert {s["height"] for s in heads(urls)} == {before["height"]}
    finally:
        etcd.members[0].start()
        etcd.members[1].start()
        etcd.wait_healthy()
    deadline = time.monotonic() + 30
    while True:
        try:
            result = client.submit(register(client, chain, SigningKey.generate()), wait=True)
            break
        except NodeUnavailable:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.5)
    assert result["status"] == "committed"
    wait_agree(urls)


def test_replicated_blob_survives_its_node(cluster, monkeypatch):
    urls, nodes = cluster["urls"], cluster["nodes"]
    # The wallet and the desk trust the pilot's CA as a hospital machine would: in the system's
    # trust (here the environment's CA bundle, which requests reads as system trust).
    monkeypatch.setenv("REQUESTS_CA_BUNDLE", CA["file"])
    from tests.wallet.conftest import PASSPHRASE  # noqa: F401  (the wallet flow runs below)
    from wallet.core.consent import grants
    from wallet.core.consent.grant_code import decode_grant
    from wallet.core.desks.clinic import ClinicDesk
    from wallet.core.keys.sodium import ARGON2_MIN
    from wallet.core.wallet import Wallet
    root = cluster["root"]
    patient, _ = Wallet.create(root / "patient", passphrase="pw", use_keyring=False, nodes=[urls[0]],
                               kdf_limits=ARGON2_MIN)
    desk = ClinicDesk.create(root / "desk", "Cluster Clinic", "clinic", [urls[1]], passphrase="pw",
                             use_keyring=False, kdf_limits=ARGON2_MIN)
    desk.register(nodes[0].governance)
    src = root / "letter.pdf"
    src.write_bytes(b"%PDF-1.4\n" + bytes(random.randbytes(200_000)))
    rec = importing.import_file(patient, src).record
    granted = grants.grant(patient, desk.key.public, [rec], "treatment", int(time.time()) + 600)
    wait_agree(urls)
    nodes[0].kill()  # the node that took the uploads
    try:
        out = desk.read(decode_grant(granted.code), root / "read")
        assert out.files[0].read_bytes() == src.read_bytes()
    finally:
        nodes[0].start()
    patient.set_network([urls[2], urls[0]])
    grants.revoke(patient, granted.consent)
    wait_agree(urls)
    from wallet.core.desks.clinic import ReadRefused
    with pytest.raises(ReadRefused):
        desk.read(decode_grant(granted.code), root / "read2")
    from wallet.core.audit import trail
    trail.refresh(patient)
    kinds = {e["kind"] for e in trail.events(patient)}
    assert kinds == {"access", "refusal"}
    patient.close()


def test_new_node_joins_from_genesis_and_verifies(cluster):
    urls, etcd = cluster["urls"], cluster["etcd"]
    wait_agree(urls)
    ca = cluster["ca"]
    late = NodeProcess(cluster["root"] / "nodes" / "node3", tls=ca.issue("node3"), ca=ca.ca_file,
                       extra_args=node_args(ca, etcd, [])).start()
    try:
        agreed = wait_agree(urls + [late.url], timeout=60)
        assert agreed["height"] > 0
    finally:
        late.stop()
    verify = subprocess.run([sys.executable, "-m", "ledger_client.node.cli", "verify", "--data", str(late.data)],
                            capture_output=True, text=True, timeout=60)
    assert verify.returncode == 0 and "OK" in verify.stdout


def test_tampered_node_is_named(cluster):
    urls, nodes = cluster["urls"], cluster["nodes"]
    client = connect(urls)
    chain = client.status()["chain_id"]
    for _ in range(3):  # three blocks at least, whichever tests ran before: the second is tampered, not the last
        client.submit(register(client, chain, SigningKey.generate()), wait=True)
    wait_agree(urls)
    genesis = parse_genesis(connect([urls[0]]).get_json("/v1/genesis"))
    nodes[2].stop()
    db = sqlite3.connect(nodes[2].data / "ledger.sqlite")
    row = db.execute("SELECT height, header FROM blocks ORDER BY height LIMIT 1 OFFSET 1").fetchone()
    tampered = row[1].replace('"time":', '"time":1', 1)
    db.execute("UPDATE blocks SET header=? WHERE height=?", (tampered, row[0]))
    db.commit()
    db.close()
    verify = subprocess.run([sys.executable, "-m", "ledger_client.node.cli", "verify", "--data", str(nodes[2].data)],
                            capture_output=True, text=True, timeout=60)
    assert verify.returncode == EXIT_INTEGRITY and "PROBLEM" in verify.stdout
    nodes[2].start()
    light = LightClient(connect([urls[0]]), genesis)
    verdict = cross_check(light, urls)
    assert verdict[urls[0]] is None and verdict[urls[1]] is None
    assert verdict[urls[2]] == row[0]
