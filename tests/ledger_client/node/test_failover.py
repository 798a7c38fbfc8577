"""What clients are told while nodes and etcd members are SIGKILLed is exactly true:
"nothing was recorded" only when nothing was, "may still commit" when that is possible;
once any node acknowledged a transaction every node answers its status (or says that it is
behind, never "unknown"); a transaction resubmitted to another node after failover is
answered at once; no node leaves a future unretrieved or a wait unresolved."""

from __future__ import annotations

import time

import pytest
import requests

from ledger_client.crypto import SigningKey
from ledger_client.errors import NodeUnavailable, OutcomeUnknown
from ledger_client.tx import make_tx

from .cluster_net import CA, connect, wait_agree

pytestmark = pytest.mark.slow


def pseudonym(chain: str):
    return make_tx(SigningKey.generate(), chain, "register_pseudonym", 1, int(time.time()), {"box_key": "22" * 32})


def raw_status(url: str, tx_id: str) -> requests.Response:
    return requests.get(f"{url}/v1/tx/{tx_id}", verify=CA["file"], timeout=30)


def metric(url: str, name: str) -> float:
    text = requests.get(url + "/metrics", verify=CA["file"], timeout=10).text
    return float(next(line for line in text.splitlines() if line.startswith(name + " ")).rsplit(" ", 1)[1])


def test_every_node_answers_an_acknowledged_transaction(cluster):
    urls = cluster["urls"]
    chain = connect(urls).status()["chain_id"]
    wait_agree(urls)
    first = connect([urls[0]])
    for _ in range(15):
        tx = pseudonym(chain)
        assert first.submit(tx)["status"] in ("pending", "committed")  # acknowledged: in the etcd log
        for url in urls[1:]:  # asked at once, the other nodes catch up first instead of saying "unknown"
            response = raw_status(url, tx.id)
            assert response.status_code == 200, response.text
            assert response.json()["status"] == "committed"


def test_quorum_loss_answers_are_true_and_nodes_say_they_are_behind(cluster):
    urls, etcd = cluster["urls"], cluster["etcd"]
    chain = connect(urls).status()["chain_id"]
    wait_agree(urls)
    acknowledged = pseudonym(chain)
    connect([urls[0]]).submit(acknowledged)
    etcd.members[0].kill()
    etcd.members[1].kill()
    told: dict[str, type] = {}
    try:
        for url in urls:  # acknowledged before the loss: committed where applied, pending where it was
            response = raw_status(url, acknowledged.id)  # admitted, "behind" elsewhere; never 404
            assert response.status_code in (200, 503), response.text
            if response.status_code == 200:
                assert response.json()["status"] in ("committed", "pending"), response.text
            else:
                assert response.json()["error"] == "node_behind" and response.headers["Retry-After"].isdigit()
        client = connect([urls[0]], retries=1, read_timeout=20)
        for _ in range(4):
            tx = pseudonym(chain)
            with pytest.raises(NodeUnavailable) as exc:
                client.submit(tx, wait=True, timeout=5)
            told[tx.id] = type(exc.value)
            if isinstance(exc.value, OutcomeUnknown):
                assert "may still commit" in exc.value.message and "status" in exc.value.message
            else:
                assert "nothing was recorded" in exc.value.message
            status = raw_status(urls[0], tx.id)  # the node that was asked keeps its word
            if isinstance(exc.value, OutcomeUnknown):
                assert status.status_code == 200 and status.json()["status"] == "pending", status.text
                assert status.json()["uncertain"] is True
    finally:
        etcd.members[0].start()
        etcd.members[1].start()
        etcd.wait_healthy()
    deadline = time.monotonic() + 40
    while True:
        try:
            connect([urls[1]]).submit(pseudonym(chain), wait=True, timeout=10)
            break
        except NodeUnavailable:
            assert time.monotonic() < deadline
            time.sleep(0.5)
    wait_agree(urls, timeout=40)
    for tx_id, kind in told.items():
        committed = {raw_status(u, tx_id).json().get("status") == "committed" for u in urls}
        assert len(committed) == 1, tx_id  # committed everywhere or nowhere
        if kind is NodeUnavailable:  # "nothing was recorded" was true
            assert committed == {False}


def test_resubmission_after_failover_is_answered_at_once(cluster):
    urls, nodes = cluster["urls"], cluster["nodes"]
    chain = connect(urls).status()["chain_id"]
    wait_agree(urls)
    tx = pseudonym(chain)
    connect([urls[0]]).submit(tx)  # acknowledged by node 0 ...
    nodes[0].kill()  # ... which dies before its client hears of the commit
    try:
        again = connect([urls[1]], retries=1)
        result = again.submit(tx, wait=True, timeout=5)  # not a 503 after a wait on a future nobody resolves
        assert result["status"] == "committed"
        # the same transaction admitted by two nodes at once: both answer, neither keeps a wait
        twin = pseudonym(chain)
        replies = [connect([u], retries=1).submit(twin, wait=True, timeout=5)["status"] for u in urls[1:]]
        assert replies == ["committed", "committed"]
        for url in urls[1:]:
            assert metric(url, "medwallet_ordering_waits") == 0
    finally:
        nodes[0].start()
    wait_agree(urls, timeout=30)


def test_no_future_left_unretrieved_and_the_watch_is_used(cluster):
    urls, nodes = cluster["urls"], cluster["nodes"]
    wait_agree(urls)
    for url in urls:
        assert metric(url, "medwallet_etcd_watching") == 1
    for node in nodes:
        log = node.log_path.read_text()
        assert "never retrieved" not in log, log[-3000:]
