"""A split FHIR resource shared with a clinic arrives with what its references need: every
``subject`` and ``encounter`` the clinic receives resolves to a resource it received."""

from __future__ import annotations

import json
import time

from tests.wallet.core.fhir.bundle_gen import write_bundle
from wallet.core import importing
from wallet.core.consent import grants
from wallet.core.consent.grant_code import decode_grant
from wallet.core.records import library


def _received(folder) -> list[dict]:
    docs = []
    for path in folder.iterdir():
        if path.suffix == ".json" and not path.name.endswith(".provenance.json"):
            docs.append(json.loads(path.read_text("utf-8")))
    return docs


def test_a_shared_observation_brings_its_patient_and_encounter(wallet, clinic, tmp_path):
    # urn:uuid references (Synthea), then relative Type/id references (a portal) whose Patient is
    # the same one, already in the wallet from the first export (not stored twice, still found).
    for style in ("transaction", "collection"):
        src = tmp_path / f"{style}.json"
        write_bundle(src, 40, style=style, seed=3)
        before = {r["record"] for r in library.list_records(wallet)}
        importing.import_file(wallet, src, split=True)
        observation = next(r for r in library.list_records(wallet) if r["fhir_type"] == "Observation"
                           and r["record"] not in before)
        result = grants.grant(wallet, clinic.key.public, [observation["record"]], "treatment", int(time.time()) + 600)
        kinds = sorted(a.because.split(" of ")[0] for a in result.added)
        assert kinds == ["Encounter.subject", "Observation.encounter", "Observation.subject"] or \
            kinds == ["Observation.encounter", "Observation.subject"], kinds
        out = tmp_path / f"received-{style}"
        clinic.read(decode_grant(result.code), out)
        docs = _received(out)
        have = {f"{d['resourceType']}/{d.get('id')}" for d in docs} | {f"urn:uuid:{d.get('id')}" for d in docs}
        for doc in docs:
            for element in ("subject", "encounter"):
                ref = (doc.get(element) or {}).get("reference")
                if ref:
                    assert ref in have or "/".join(ref.split("/")[-2:]) in have, (element, ref)


def test_only_chosen_shares_only_what_was_chosen(wallet, clinic, tmp_path):
    src = tmp_path / "b.json"
    write_bundle(src, 30, style="transaction", seed=4)
    importing.import_file(wallet, src, split=True)
    observation = next(r for r in library.list_records(wallet) if r["fhir_type"] == "Observation")
    result = grants.grant(wallet, clinic.key.public, [observation["record"]], "treatment", int(time.time()) + 600,
                          with_references=False)
    assert result.added == () and result.records == [observation["record"]]
