"""Abuse resistance against a real node with small limits: a client over a limit gets 429
with Retry-After before the node does anything (nothing is written), the client waits it
out with jitter and succeeds, one signer cannot take more than its share of the mempool,
and a bad limit setting is a clear error."""

from __future__ import annotations

import subprocess
import sys
import time

import pytest

from ledger_client.client import LedgerClient
from ledger_client.crypto import SigningKey
from ledger_client.errors import RateLimited
from tests.nodeproc import new_network

from .actors import Network, assert_error


@pytest.fixture(scope="module")
def limited(tmp_path_factory):
    """A node whose limits apply to loopback too, and are small enough to reach in a test."""
    proc = new_network(tmp_path_factory.mktemp("quotas") / "node", extra_args=[
        "--limits-exempt", "none", "--limit", "address=400/second", "--limit", "key_read=3/20 seconds",
        "--limit", "key_tx=4/10 seconds", "--limit", "key_upload=100/second"]).start()
    yield Network(proc)
    proc.stop()


def test_reads_over_the_key_limit_get_429_and_write_nothing(limited):
    net = limited
    clinic, patient = net.institution(), net.patient()
    record = net.record(patient)
    consent = net.grant(patient, clinic, [record])
    for _ in range(3):
        assert net.read(net.access(clinic, record, consent)).status_code == 200
    before = net.snapshot()
    response = net.read(net.access(clinic, record, consent))
    doc = assert_error(response, 429, "rate_limited", "signed reads", "key")
    retry = int(response.headers["Retry-After"])
    assert 1 <= retry <= 20 and doc["retry_after"] == retry
    assert net.snapshot() == before  # no access event, no refusal event
    # the client library waits as asked (with jitter) and the read goes through
    client = LedgerClient([net.url], max_rate_wait=60)
    started = time.monotonic()
    with open(net.proc.data / "read.out", "wb") as out:
        client.download_blob(net.access(clinic, record, consent), out)
    assert time.monotonic() - started >= 1


def test_submissions_over_the_key_limit(limited):
    net = limited
    patient = net.patient()
    txs = [net.sign(patient, "anchor_record", {"record": f"{i + 1:064x}", "size": 1, "category": "lab"},
                    seq=2 + i) for i in range(6)]
    accepted = [net.post("/v1/tx", tx.to_json()).status_code for tx in txs[:3]]
    assert set(accepted) <= {200, 202}
    before = net.snapshot()
    response = net.post("/v1/tx", txs[3].to_json())
    assert_error(response, 429, "rate_limited", "transactions", "key")
    assert net.snapshot() == before
    # a batch larger than a window can ever hold is refused as too large, not left to wait forever
    assert_error(net.post("/v1/tx/batch", {"txs": [tx.to_json() for tx in txs[3:]] + [
        net.sign(patient, "anchor_record", {"record": "ee" * 32, "size": 1, "category": "lab"}, seq=8 + i).to_json()
        for i in range(3)]}), 413, "too_large", "smaller parts")
    # LedgerClient.submit waits out the 429 and then succeeds
    assert LedgerClient([net.url], max_rate_wait=60).submit(txs[3], wait=True)["status"] == "committed"


def test_a_client_that_will_not_wait_is_told_when_to_come_back(limited):
    net = limited
    patient = net.patient()
    client = LedgerClient([net.url], max_rate_wait=0)
    txs = [net.sign(patient, "anchor_record", {"record": f"{i + 100:064x}", "size": 1, "category": "lab"},
                    seq=2 + i) for i in range(5)]
    with pytest.raises(RateLimited) as exc:
        for tx in txs:
            client.submit(tx)
    assert exc.value.retry_after >= 1 and "try again in" in exc.value.message


def test_one_signer_holds_at_most_its_share_of_the_mempool(tmp_path):
    # blocks are cut only every 3 s, so admitted transactions stay pending meanwhile
    proc = new_network(tmp_path / "node", block_interval=3.0,
                       extra_args=["--max-pending", "100", "--mempool-share", "0.05"]).start()
    try:
        net = Network(proc)
        key = SigningKey.generate()
        txs = [net.sign(key, "register_pseudonym", {"box_key": "ab" * 32}, seq=1)]
        txs += [net.sign(key, "anchor_record", {"record": f"{i:064x}", "size": 1, "category": "lab"}, seq=i + 1)
                for i in range(1, 7)]
        statuses = [net.post("/v1/tx", tx.to_json()).status_code for tx in txs[:5]]
        assert statuses == [202] * 5
        doc = assert_error(net.post("/v1/tx", txs[5].to_json()), 429, "rate_limited", "waiting to commit")
        assert doc["retry_after"] >= 1
        other = net.sign(SigningKey.generate(), "register_pseudonym", {"box_key": "ab" * 32}, seq=1)
        assert net.post("/v1/tx", other.to_json()).status_code == 202  # others are not crowded out
    finally:
        proc.stop()


def test_the_address_limit(tmp_path):
    proc = new_network(tmp_path / "node", extra_args=["--limits-exempt", "none", "--limit", "address=5/10 seconds"])
    proc.start()
    try:
        net = Network(proc)  # its set-up uses some of the window
        codes = [net.get("/v1/status").status_code for _ in range(6)]
        assert codes[-1] == 429 and 200 in codes
        assert_error(net.get("/v1/status"), 429, "rate_limited", "requests", "address")
    finally:
        proc.stop()


@pytest.mark.parametrize("args, words", [(["--limit", "key_read=lots"], "not a rate"),
                                          (["--limit", "colour=1/second"], "unknown limit"),
                                          (["--limit", "key_read"], "NAME=VALUE"),
                                          (["--limits-exempt", "10.0.0.0/33"], "limits exempt")])
def test_bad_limit_settings_are_clear_errors(tmp_path, args, words):
    proc = new_network(tmp_path / "node")
    run = subprocess.run([sys.executable, "-m", "ledger_client.node.cli", "run", "--data", str(proc.data),
                          "--port", "1", *args], capture_output=True, text=True, timeout=60)
    assert run.returncode == 2 and words in run.stderr, run.stderr
