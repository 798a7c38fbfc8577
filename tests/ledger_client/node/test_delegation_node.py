"""Delegations on a real node over HTTP: the routes answer only the delegation's parties, an
active delegate may store key envelopes (a revoked one may not), a delegated consent opens the
read, a replayed delegated grant is refused, and ``medwallet-node verify`` replays it all."""

from __future__ import annotations

import os
import time

import pytest

from ledger_client.crypto import SigningKey
from ledger_client.errors import DelegationRefused

from .actors import Network
from .test_verify import run_verify

DAY = 86400


def _delegation(net, patient, delegate, package) -> str:
    return net.commit(patient, "delegate", {
        "delegate": delegate.public, "delegate_box": os.urandom(32).hex(), "purposes": ["treatment"],
        "institutions": [], "institution_kinds": [], "categories": [], "max_grant_seconds": 7 * DAY,
        "expires_at": int(time.time()) + 30 * DAY, "revoke_others": False, "package": package})


def test_delegation_routes_uploads_reads_replay_and_verify(tmp_path):
    from tests.nodeproc import new_network
    proc = new_network(tmp_path / "node").start()
    try:
        net = Network(proc)
        clinic, patient, stranger = net.institution(), net.patient(), SigningKey.generate()
        record = net.record(patient)
        package = net.upload(patient, os.urandom(512))
        delegate = SigningKey.generate()
        assert net.put_blob(delegate, "aa" * 32, 3, b"abc").status_code == 401  # not yet a delegate: no upload
        delegation = _delegation(net, patient, delegate, package)
        mine = net.get("/v1/my/delegations", signed_by=delegate).json()["items"]
        assert [(d["delegation"], d["status"]) for d in mine] == [(delegation, "active")]
        assert [d["delegation"] for d in net.get("/v1/my/delegations", signed_by=patient).json()["items"]] \
            == [delegation]
        assert net.get("/v1/my/delegations", signed_by=stranger).json()["items"] == []
        assert net.get("/v1/my/delegations").status_code == 401
        path = f"/v1/my/delegations/{delegation}/package"
        assert net.get(path, signed_by=delegate).status_code == 200
        assert net.get(path, signed_by=stranger).status_code == 403
        assert net.get(path, signed_by=patient).status_code == 403
        envelope = net.upload(delegate, os.urandom(300))  # an active delegate stores its consents' envelopes
        now = int(time.time())
        grant = net.sign(delegate, "delegated_grant", {
            "delegation": delegation, "grantee": clinic.public, "records": [record], "purpose": "treatment",
            "not_before": now - 60, "expires_at": now + DAY, "envelope": envelope})
        assert net.client.submit(grant, wait=True)["status"] == "committed"
        assert net.client.submit(grant, wait=True)["status"] == "committed"  # the same one again: no second effect
        again = net.sign(delegate, "delegated_grant", grant.payload, seq=grant.seq, at=grant.time + 1)
        replayed = net.post("/v1/tx", again.to_json())  # its sequence number once more: refused
        assert replayed.status_code == 409 and replayed.json()["error"] == "replayed"
        mine = net.get("/v1/my/consents", signed_by=patient).json()["items"]
        assert [c["consent"] for c in mine] == [grant.id] and mine[0]["delegate"] == delegate.public
        assert net.read(net.access(clinic, record, grant.id)).status_code == 200
        assert net.read(net.access(clinic, envelope, grant.id)).status_code == 200
        net.commit(delegate, "delegated_revoke", {"delegation": delegation, "consent": grant.id})
        assert net.read(net.access(clinic, record, grant.id)).status_code == 403
        net.commit(patient, "revoke_delegation", {"delegation": delegation})
        assert net.get(path, signed_by=delegate).json()["error"] == "delegation_revoked"
        assert net.put_blob(delegate, "bb" * 32, 3, b"abc").status_code == 401  # revoked: no more uploads
        late = net.sign(delegate, "delegated_grant", {
            "delegation": delegation, "grantee": clinic.public, "records": [record], "purpose": "treatment",
            "not_before": now - 60, "expires_at": now + DAY})
        with pytest.raises(DelegationRefused):
            net.client.submit(late, wait=True)
    finally:
        proc.stop()
    code, report = run_verify(proc.data)
    assert code == 0 and report["ok"], report
