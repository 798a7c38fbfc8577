"""The HTTP client: failover, timeouts, typed errors a user can act on, streaming."""

from __future__ import annotations

import hashlib
import io
import os
import socket
import time

import pytest

from ledger_client import errors
from ledger_client.client import LedgerClient
from ledger_client.tx import make_tx
from tests.nodeproc import free_port


def test_fails_over_to_the_next_node(net):
    dead = f"http://127.0.0.1:{free_port()}"
    client = LedgerClient([dead, net.url], retries=1, backoff=0)
    assert client.status()["chain_id"] == net.chain_id
    assert client._order()[0] == net.url  # the working node is preferred from now on


def test_no_node_reachable():
    client = LedgerClient([f"http://127.0.0.1:{free_port()}"], retries=2, backoff=0)
    with pytest.raises(errors.NodeUnavailable, match="cannot reach the ledger node"):
        client.status()
    with pytest.raises(errors.MalformedError):
        LedgerClient([])


def test_a_silent_node_times_out():
    with socket.socket() as server:  # accepts connections (backlog) but never answers
        server.bind(("127.0.0.1", 0))
        server.listen(8)
        client = LedgerClient([f"http://127.0.0.1:{server.getsockname()[1]}"], read_timeout=0.2, retries=1)
        with pytest.raises(errors.Timeout, match="did not answer in time"):
            client.status()


def test_genesis_pinning(net):
    assert net.client.genesis(net.chain_id) == net.genesis
    with pytest.raises(errors.WrongNetwork, match="another network"):
        net.client.genesis("00" * 32)


def test_errors_are_typed(net, keys):
    client = net.client
    with pytest.raises(errors.NotFound):
        client.tx_status("ab" * 32)
    with pytest.raises(errors.MalformedError, match="transaction id"):
        client.tx_status("xyz")
    patient = keys()
    foreign = make_tx(patient, "ee" * 32, "register_pseudonym", 1, int(time.time()), {"box_key": "ab" * 32})
    with pytest.raises(errors.WrongNetwork):
        client.submit(foreign)
    tx = make_tx(patient, net.chain_id, "register_pseudonym", 2, int(time.time()), {"box_key": "ab" * 32})
    with pytest.raises(errors.ContractError) as info:
        client.submit(tx)
    assert info.value.code == "out_of_order" and "the next one is 1" in info.value.message
    forged = make_tx(patient, net.chain_id, "register_pseudonym", 1, int(time.time()), {"box_key": "ab" * 32})
    object.__setattr__(forged, "sig", "00" * 64)
    with pytest.raises(errors.SignatureError):
        client.submit(forged)


def test_batch_error_carries_the_index(net, keys):
    txs = [net.sign(keys(), "register_pseudonym", {"box_key": "ab" * 32}) for _ in range(3)]
    bad = make_tx(keys(), net.chain_id, "register_pseudonym", 5, int(time.time()), {"box_key": "ab" * 32})
    with pytest.raises(errors.ContractError) as info:
        net.client.submit_batch(txs + [bad], wait=True)
    assert info.value.index == 3 and info.value.code == "out_of_order"
    assert [r["status"] for r in net.client.submit_batch(txs, wait=True)] == ["committed"] * 3


def test_submit_signed_and_waiting(net, keys):
    patient = keys()
    first = net.client.submit_signed(patient, "register_pseudonym", {"box_key": "ab" * 32})
    assert first["status"] == "committed"
    second = net.client.submit_signed(patient, "anchor_record", {"record": os.urandom(32).hex(), "size": 1,
                                                                 "category": "lab"}, wait=False)
    assert second["status"] in ("pending", "committed")
    assert net.client.next_seq(patient.public) == 3


def test_access_denied_carries_the_refusal_event(net):
    clinic, patient = net.institution(), net.patient()
    record = net.record(patient)
    with pytest.raises(errors.AccessDenied) as info:
        net.client.download_blob(net.access(clinic, record, None), io.BytesIO())
    assert info.value.code == "no_consent" and info.value.event_id
    assert net.tx(info.value.event_id)["status"] == "committed"
    request = net.access(patient, record, None)
    net.client.download_blob(request, io.BytesIO())
    with pytest.raises(errors.ContractError) as replay:
        net.client.download_blob(request, io.BytesIO())
    assert replay.value.code == "replayed_request"


def test_streaming_with_progress_and_cancel(net):
    patient = net.patient()
    data = os.urandom(4 * 1024 * 1024)
    blob = hashlib.sha256(data).hexdigest()

    def open_at(offset):
        for start in range(offset, len(data), 256 * 1024):
            yield data[start:start + 256 * 1024]
    calls = []
    with pytest.raises(errors.LedgerError) as info:
        net.client.upload_blob(patient, net.chain_id, blob, len(data), open_at,
                               cancel=lambda: len(calls) > 3, progress=lambda done, total: calls.append(done))
    assert isinstance(info.value, errors.Cancelled) and info.value.code == "cancelled"
    net.client.upload_blob(patient, net.chain_id, blob, len(data), open_at)
    net.commit(patient, "anchor_record", {"record": blob, "size": len(data), "category": "image"})
    out, seen = io.BytesIO(), []
    net.client.download_blob(net.access(patient, blob, None), out,
                             progress=lambda done, total: seen.append((done, total)))
    assert out.getvalue() == data and seen[-1] == (len(data), len(data))
    with pytest.raises(errors.LedgerError) as cancelled:
        net.client.download_blob(net.access(patient, blob, None), io.BytesIO(), cancel=lambda: True)
    assert isinstance(cancelled.value, errors.Cancelled) and cancelled.value.code == "cancelled"
