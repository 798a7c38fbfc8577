"""Strangers get nothing from the metadata API: every route that answers about a party,
asked unsigned (401 with a challenge) and signed by an unrelated key (403, or for upload
status the answer about a blob never received), leaves the ledger as it was."""

from __future__ import annotations

import os

import pytest

from ledger_client.crypto import SigningKey

from .actors import assert_error


@pytest.fixture(scope="module")
def world(net):
    clinic, patient = net.institution(), net.patient()
    record = net.record(patient, os.urandom(5000))
    consent = net.grant(patient, clinic, [record])
    assert net.read(net.access(clinic, record, consent)).status_code == 200
    return {"clinic": clinic, "patient": patient, "record": record, "consent": consent}


def routes(w) -> list[tuple[str, dict]]:
    p, c = w["patient"].public, w["clinic"].public
    return [(f"/v1/records/{w['record']}", {}), ("/v1/records", {"owner": p}), (f"/v1/consents/{w['consent']}", {}),
            ("/v1/consents", {"grantor": p}), ("/v1/consents", {"grantee": c}), ("/v1/events", {"owner": p}),
            ("/v1/events", {"requester": c}), ("/v1/events", {"record": w["record"]}), (f"/v1/pseudonyms/{p}", {}),
            ("/v1/blocks/1", {}), ("/v1/my/records", {}), ("/v1/my/consents", {}), ("/v1/my/events", {}),
            (f"/v1/blobs/{w['record']}/upload", {})]


def test_unsigned_requests_get_401_and_nothing(net, world):
    before = net.snapshot()
    for path, params in routes(world):
        response = net.get(path, params=params)
        doc = assert_error(response, 401, "bad_signature", "sign it")
        assert response.headers.get("WWW-Authenticate", "").startswith("Medwallet-Signed"), path
        assert world["patient"].public not in response.text or path.startswith("/v1/pseudonyms"), doc
    assert net.snapshot() == before


@pytest.mark.parametrize("registered", [False, True], ids=["unknown_key", "another_patient"])
def test_unrelated_signers_get_403_and_nothing(net, world, registered):
    stranger = net.patient() if registered else SigningKey.generate()
    before = net.snapshot()
    for path, params in routes(world):
        response = net.get(path, params=params, signed_by=stranger)
        if path.startswith("/v1/my/") and registered:  # its own (empty) listings: nothing of anyone else
            assert response.status_code == 200 and response.json()["items"] == [], (path, response.text)
        elif path.endswith("/upload") and registered:  # as if the node never received the blob
            assert response.json() == {"blob": world["record"], "offset": 0, "complete": False}
        else:
            assert_error(response, 403, "forbidden" if registered or not path.startswith("/v1/my/") else None)
        for secret in (world["patient"].public, world["consent"], world["clinic"].public):
            if secret not in path + str(params):
                assert secret not in response.text, (path, response.text)
    assert net.snapshot() == before


def test_parties_and_nodes_are_answered(net, world):
    patient, clinic, node = world["patient"], world["clinic"], net.node_signer
    assert net.get(f"/v1/records/{world['record']}", signed_by=patient).json()["owner"] == patient.public
    assert net.get(f"/v1/consents/{world['consent']}", signed_by=clinic).json()["grantor"] == patient.public
    assert net.get("/v1/blocks/1", signed_by=clinic).status_code == 200
    assert net.get("/v1/blocks/1", signed_by=node).status_code == 200
    assert_error(net.get("/v1/blocks/1", signed_by=patient), 403, "forbidden")
    upload = net.get(f"/v1/blobs/{world['record']}/upload", signed_by=patient).json()
    assert upload["complete"] and upload["offset"] == 5000
