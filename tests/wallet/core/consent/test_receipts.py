"""Clinic-countersigned receipts against a real node: the desk signs the consent it scanned,
the patient keeps it; an altered Consent, a forged signer and someone else's receipt are refused."""

from __future__ import annotations

import base64
import json
import time

import pytest
from joserfc import jws
from joserfc.jwk import OKPKey

from tests.wallet.files import write_pdf
from wallet.core import importing
from wallet.core.consent import grants
from wallet.core.consent.grant_code import decode_grant
from wallet.core.consent.receipts import BadReceipt, desk_receipt, keep_receipt, write_receipt
from wallet.core.fhir.validate import R4, resource_problems
from wallet.core.records import library


@pytest.fixture
def scanned(wallet, clinic, tmp_path):
    rec = importing.import_file(wallet, write_pdf(tmp_path / "a.pdf", 2_000), title="Scan").record
    granted = grants.grant(wallet, clinic.key.public, [rec], "treatment", int(time.time()) + 3600)
    return wallet, clinic, decode_grant(granted.code), granted


def test_the_patient_keeps_the_clinic_signed_consent(scanned, tmp_path):
    wallet, clinic, code, granted = scanned
    path = write_receipt(clinic, code, tmp_path / "receipt.json")
    doc = json.loads(path.read_text())
    assert resource_problems(doc, release=R4) == []
    consent, provenance = (e["resource"] for e in doc["entry"])
    assert consent["resourceType"] == "Consent" and consent["id"] == granted.consent
    token = base64.b64decode(provenance["signature"][0]["data"]).decode()
    # any JOSE library checks it with the institution's key from the ledger's registry
    key = OKPKey.import_key({"kty": "OKP", "crv": "Ed25519",
                             "x": base64.urlsafe_b64encode(bytes.fromhex(clinic.key.public)).rstrip(b"=").decode()})
    claims = json.loads(jws.deserialize_compact(token, key, algorithms=["Ed25519"]).payload)
    assert claims["consent"] == granted.consent and claims["institution"] == clinic.key.public
    kept = keep_receipt(wallet, path)
    row = library.find_record(wallet, kept.records[0].record)
    assert row["title"].startswith("Receipt: consent countersigned by")


def test_altered_forged_or_foreign_receipts_are_refused(scanned, make_clinic, make_wallet, tmp_path):
    wallet, clinic, code, _ = scanned
    doc = desk_receipt(clinic, code)
    altered = json.loads(json.dumps(doc))
    altered["entry"][0]["resource"]["provision"]["period"]["end"] = "2099-01-01T00:00:00Z"  # a longer consent
    (tmp_path / "altered.json").write_text(json.dumps(altered))
    with pytest.raises(BadReceipt):
        keep_receipt(wallet, tmp_path / "altered.json")
    other = make_clinic("Other")  # a registered clinic that was not given the consent signs a "receipt"
    forged = json.loads(json.dumps(doc))
    from wallet.core.consent import receipts
    claims = {"chain_id": wallet.network.chain_id, "consent": doc["entry"][0]["resource"]["id"],
              "institution": other.key.public, "signed_at": int(time.time()),
              "resource_sha256": receipts.crypto.sha256_hex(receipts.canonical(doc["entry"][0]["resource"]))}
    token = jws.serialize_compact({"alg": "Ed25519", "kid": other.key.public}, receipts.canonical(claims),
                                  receipts._private_jwk(other.key), algorithms=["Ed25519"])
    forged["entry"][1]["resource"]["signature"][0]["data"] = base64.b64encode(token.encode()).decode()
    (tmp_path / "forged.json").write_text(json.dumps(forged))
    with pytest.raises(BadReceipt):
        keep_receipt(wallet, tmp_path / "forged.json")
    (tmp_path / "good.json").write_text(json.dumps(doc))
    with pytest.raises(BadReceipt):  # someone else's wallet: not a consent it gave
        keep_receipt(make_wallet(), tmp_path / "good.json")
