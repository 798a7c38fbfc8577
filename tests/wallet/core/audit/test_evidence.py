"""Evidence bundles end to end: a patient's and a clinic's, built against a real node, checked
by the standalone verifier from the file alone, and refused after any flipped bit."""

from __future__ import annotations

import json
import random
import subprocess
import sys
import time

import pytest

from ledger_client.errors import LedgerError
from ledger_client.evidence import EvidenceError, verify_bundle
from tests.wallet.files import write_pdf
from wallet.core import importing
from wallet.core.audit.evidence import institution_evidence, patient_evidence
from wallet.core.consent import grants
from wallet.core.consent.grant_code import decode_grant
from wallet.core.shl import reader, sharing


@pytest.fixture
def history(wallet, clinic, tmp_path):
    """A patient with a record read by a clinic (an access), a refused read, and a link opened."""
    rec = importing.import_file(wallet, write_pdf(tmp_path / "a.pdf", 2_000), title="Scan").record
    granted = grants.grant(wallet, clinic.key.public, [rec], "treatment", int(time.time()) + 3600)
    clinic.read(decode_grant(granted.code), tmp_path / "desk")
    patient = tmp_path / "p.json"
    patient.write_text(json.dumps({"resourceType": "Patient", "id": "p1", "name": [{"family": "Rossi"}]}))
    importing.import_file(wallet, patient)
    shared = sharing.share_summary(wallet, label="ev", passcode=None)
    reader.open_link(shared.text, "Dr Evidence", None)
    return wallet, clinic


def test_patient_and_institution_bundles_verify_alone(history, tmp_path):
    wallet, clinic = history
    report = patient_evidence(wallet, tmp_path / "patient.evidence.json")
    kinds = sorted(e.type for e in report.events)
    assert "access_event" in kinds and "link_access" in kinds
    assert report.first["size"] <= report.second["size"]
    data = (tmp_path / "patient.evidence.json").read_bytes()
    again = verify_bundle(data, wallet.network.chain_id)
    assert [e.tx for e in again.events] == [e.tx for e in report.events]
    desk = institution_evidence(clinic, tmp_path / "clinic.evidence.json")
    assert desk.role == "requester" and all(e.requester == clinic.key.public for e in desk.events)
    # the command a regulator runs: the file alone, no node
    out = subprocess.run([sys.executable, "-m", "ledger_client.evidence", str(tmp_path / "patient.evidence.json"),
                          "--chain-id", wallet.network.chain_id, "--json"], capture_output=True, text=True,
                         timeout=60)
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout)["valid"] is True
    with pytest.raises(EvidenceError):
        verify_bundle(data, "00" * 32)  # another network's bundle is refused when the network is pinned


def test_a_flipped_bit_anywhere_is_caught(history, tmp_path):
    wallet, _ = history
    patient_evidence(wallet, tmp_path / "e.json")
    data = (tmp_path / "e.json").read_bytes()
    rng = random.Random(9162)
    positions = sorted(set(rng.randrange(len(data)) for _ in range(1500)) | {0, len(data) - 2})
    for pos in positions:
        bit = 1 << rng.randrange(8)
        bad = bytearray(data)
        bad[pos] ^= bit
        with pytest.raises((LedgerError, ValueError, UnicodeDecodeError)):
            verify_bundle(bytes(bad))
    verify_bundle(data)  # the untouched bundle still verifies


def test_dropping_or_swapping_parts_is_caught(history, tmp_path):
    from ledger_client.encoding import canonical

    wallet, clinic = history
    patient_evidence(wallet, tmp_path / "e.json")
    doc = json.loads((tmp_path / "e.json").read_text())
    variants = []
    dropped = json.loads(json.dumps(doc))
    dropped["proven"] = [p for p in dropped["proven"] if p["tx"]["tx"]["type"] != "anchor_record"]
    variants.append(dropped)  # an access event no longer tied to the patient
    swapped = json.loads(json.dumps(doc))
    swapped["checkpoints"].reverse()
    variants.append(swapped)
    other = json.loads(json.dumps(doc))
    other["subject"]["keys"] = [clinic.key.public]
    variants.append(other)
    for variant in variants:
        with pytest.raises(LedgerError):
            verify_bundle(canonical(variant))
