"""The FHIR flags of the ``medwallet`` CLI, end to end in separate processes."""

from __future__ import annotations

import json
from pathlib import Path

from wallet.core.fhir.validate import model_class

DATA = Path(__file__).resolve().parents[2] / "data" / "fhir"



def _bundle(path: Path) -> dict:
    doc = json.loads(path.read_text())
    model_class("Bundle").model_validate(doc)
    return doc


def test_fhir_through_the_cli(run, tmp_path, shared_node):
    run("init", "--no-keyring", "--json")
    split = json.loads(run("import", str(DATA / "portal_collection.json"), "--fhir-split", "--json").stdout)[0]
    assert split["split"] and split["entries"] == 11 and len(split["records"]) == 13
    whole = run("import", str(DATA / "invalid_entries.json"))  # a Bundle: kept whole, problems listed
    assert "kept whole, byte for byte, as 1 record" in whole.stdout and "Bundle.entry[1].resource" in whole.stderr
    rows = json.loads(run("records", "--json").stdout)
    assert len(rows) == 14 and any(r["title"].startswith("Observation: Hemoglobin A1c") for r in rows)
    bad = run("import", str(DATA / "transaction_urn.json"), "--split", "--json")
    assert len(json.loads(bad.stdout)[0]["records"]) == 4
    everything = _bundle(Path(run("export", "--fhir", "--out", str(tmp_path / "all.json")).stdout.split(" to ")[1]
                              .split(" (")[0]))
    assert len(everything["entry"]) == 11 + 1 + 4  # resources, the whole bundle, the transaction's resources
    a1c = next(r for r in rows if r["title"].startswith("Observation: Hemoglobin A1c"))["record"]
    run("export", "--fhir", a1c[:10], "--out", str(tmp_path / "one.json"))
    assert [e["resource"]["id"] for e in _bundle(tmp_path / "one.json")["entry"]] == ["a1c"]
    assert run("export", "--out", str(tmp_path / "x"), ok=False).returncode != 0  # one record, or --fhir

    run("clinic", "init", "--name", "FHIR Desk", "--no-keyring", "--governance-key",
        str(shared_node.data / "governance.key"))
    granted = json.loads(run("grant", "--to", "FHIR Desk", "--record", a1c[:10], "--purpose", "treatment",
                             "--expires", "30d", "--json").stdout)
    read = json.loads(run("clinic", "read", granted["code"], "--out", str(tmp_path / "desk"), "--json").stdout)
    shared = [json.loads(Path(f).read_text())["id"] for f in read["files"]]
    assert "a1c" in shared, shared  # with the resources it refers to (its Patient...)
    provenance = json.loads(Path(read["provenance"][0]).read_text())
    model_class("Provenance").model_validate(provenance)

    consents = json.loads(run("grants", "--fhir").stdout)
    model_class("Bundle").model_validate(consents)
    assert [e["resource"]["id"] for e in consents["entry"]] == [granted["consent"]]
    run("grants", "--fhir", "--out", str(tmp_path / "consents.json"))
    assert _bundle(tmp_path / "consents.json")["entry"][0]["resource"]["resourceType"] == "Consent"
    run("audit", "--fhir", "--out", str(tmp_path / "audit.json"))
    log = _bundle(tmp_path / "audit.json")
    assert {e["resource"]["resourceType"] for e in log["entry"]} == {"AuditEvent"}
    assert read["events"][0] in {e["resource"]["id"] for e in log["entry"]}
    assert oct((tmp_path / "audit.json").stat().st_mode & 0o777) == "0o600"
