"""Strict R4 against R4B, FHIR XML read as FHIR, NDJSON, the Bundle rules, titles.

Real data: the HL7 International Patient Summary examples in tests/data/fhir/ips/ (HL7
fhir-ips repository, input/examples before their conversion to FSH; CC0, see README there).
"""

from __future__ import annotations

import importlib
import json
from pathlib import Path

import pytest

from wallet.core.fhir import r4
from wallet.core.fhir.bundle_reader import check_bundle_doc, parse_bundle_bytes
from wallet.core.fhir.check import check_resource
from wallet.core.fhir.describe import title_for
from wallet.core.fhir.sources import BUNDLE, NDJSON, RESOURCE, XML, read_source, sniff
from wallet.core.fhir.validate import R4B, InvalidFhir, resource_problems
from wallet.core.fhir.xml_reader import parse_xml

IPS = Path(__file__).resolve().parents[3] / "data" / "fhir" / "ips"
# A valid R4 Evidence (4.0.1: exposureBackground is required; R4B replaced the whole resource).
EVIDENCE_R4 = {"resourceType": "Evidence", "id": "ev-1", "status": "active",
               "exposureBackground": {"reference": "EvidenceVariable/population"}}


@pytest.mark.parametrize("rtype", sorted(r4.R4B_ONLY))
def test_the_13_r4b_only_types_are_not_r4(rtype):
    doc = {"resourceType": rtype, "id": "x1"}
    problems = resource_problems(doc)
    assert problems and "not a FHIR R4 resource type" in problems[0] and "R4B" in problems[0]


def test_r4b_mode_is_named_and_knows_r4b():
    assert "not a FHIR R4B resource type" in resource_problems({"resourceType": "MedicinalProduct"}, release=R4B)[0]
    assert resource_problems({"resourceType": "SubscriptionStatus", "type": "heartbeat",
                              "subscription": {"reference": "Subscription/1"}}, release=R4B) == []


def test_a_valid_r4_evidence_passes_where_r4b_refuses_it():
    assert resource_problems(EVIDENCE_R4) == []
    assert resource_problems(EVIDENCE_R4, release=R4B) != []  # the R4B model refuses it, as the issue found
    assert "required element missing" in resource_problems({"resourceType": "Evidence", "status": "active"})[0]


def test_r4_walk_names_path_and_bad_value():
    problems = r4.problems({"resourceType": "Observation", "status": "final", "code": {"text": "x"},
                            "valueString": "a", "valueBoolean": True, "colour": "red",
                            "effectiveDateTime": "2020-13", "subject": {"reference": 7}})
    text = "; ".join(problems)
    assert "Observation.subject.reference: must be a string, not 7" in text
    assert len(resource_problems({"resourceType": "Observation", "colour": 1, "flavour": 2, "size": 3, "x": 4})) == 4
    assert "Observation.colour: unknown element (not in FHIR R4 Observation)" in text
    assert "'2020-13'" in text and "value[x] takes one value" in text
    more = resource_problems({"resourceType": "Patient", "name": [], "active": "yes"})
    assert any("empty array" in p for p in more) and any("true or false" in p and "'yes'" in p for p in more)


def test_contained_and_entry_resources_are_walked_as_r4():
    doc = {"resourceType": "MedicationRequest", "status": "active", "intent": "order", "subject": {"reference": "P/1"},
           "medicationReference": {"reference": "#m"}, "contained": [{"resourceType": "Citation", "id": "m"}]}
    assert "Citation" in resource_problems(doc)[0]


@pytest.mark.slow
def test_r4b_differs_is_what_the_two_libraries_say():
    """Recompute the types whose R4B definition differs from R4 (element names and list-ness)."""
    from fhir.resources.R4B import get_fhir_model_class
    from fhir_core.fhirabstractmodel import FHIRAbstractModel
    from fhirclient.models.fhirabstractbase import FHIRAbstractBase

    def tables(package: str, base: type, rtype: str) -> dict[str, set[tuple[str, bool]]]:
        module = importlib.import_module(f"{package}.{rtype.lower()}")
        out = {}
        for name, cls in vars(module).items():
            if isinstance(cls, type) and issubclass(cls, base) and cls.__module__ == module.__name__:
                if base is FHIRAbstractBase:
                    out[name] = {(js, bool(lst)) for _, js, _, lst, _, _ in cls().elementProperties()}
                else:
                    out[name] = {(f.alias or n, "List" in str(f.annotation) or "list[" in str(f.annotation))
                                 for n, f in cls.model_fields.items()
                                 if not (f.alias or n).startswith("_") and (f.alias or n) not in
                                 ("fhir_comments", "resource_type") and not (f.alias or n).endswith("__ext")}
        return out

    r4_types = {t for t in _r4_types()}
    differs = set()
    for rtype in r4_types:
        try:
            get_fhir_model_class(rtype)
        except (KeyError, ValueError, AttributeError):
            differs.add(rtype)
            continue
        if tables("fhirclient.models", FHIRAbstractBase, rtype) != tables("fhir.resources.R4B", FHIRAbstractModel,
                                                                           rtype):
            differs.add(rtype)
    assert differs == set(r4.R4B_DIFFERS)


def _r4_types() -> list[str]:
    import pkgutil

    import fhirclient.models as models

    names = []
    for info in pkgutil.iter_modules(models.__path__):
        module = importlib.import_module(f"fhirclient.models.{info.name}")
        for name in dir(module):
            if r4.resource_class(name) is not None and getattr(module, name).__module__ == module.__name__:
                names.append(name)
    assert len(set(names)) == 148
    return sorted(set(names))


# --- real IPS documents ------------------------------------------------------------------

@pytest.mark.parametrize("name", ["bundle-minimal.json", "bundle-no-info-required-sections.json"])
def test_hl7_ips_json_examples_are_valid_r4(name):
    check_resource(json.loads((IPS / name).read_text("utf-8")))


def test_hl7_ips_xml_example_is_read_as_fhir_and_valid_r4():
    doc = parse_xml((IPS / "IPS-bundle-01.xml").read_bytes())
    assert doc["resourceType"] == "Bundle" and doc["type"] == "document" and len(doc["entry"]) == 20
    check_resource(doc)
    assert doc["entry"][0]["resource"]["resourceType"] == "Composition"
    assert sniff(IPS / "IPS-bundle-01.xml") == XML


def test_xml_problems_are_named_and_dtds_refused(tmp_path):
    bad = b'<Patient xmlns="http://hl7.org/fhir"><active value="maybe"/><colour value="red"/></Patient>'
    with pytest.raises(InvalidFhir) as caught:
        parse_xml(bad)
    assert "Patient.active: must be true or false" in caught.value.message
    assert "Patient.colour: unknown element" in caught.value.message
    bomb = (b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]>'
            b'<Patient xmlns="http://hl7.org/fhir"><id value="&b;"/></Patient>')
    with pytest.raises(InvalidFhir, match="DTD"):
        parse_xml(bomb)
    with pytest.raises(InvalidFhir, match="well-formed"):
        parse_xml(b"<Patient xmlns='http://hl7.org/fhir'>")


def test_xml_lists_primitives_and_extensions_map_to_json():
    doc = parse_xml(b'<Observation xmlns="http://hl7.org/fhir"><status value="final"/>'
                    b'<code><coding><system value="http://loinc.org"/><code value="718-7"/></coding></code>'
                    b'<valueQuantity><value value="13.10"/><unit value="g/dL"/></valueQuantity>'
                    b'<note><text value="a"/></note><note><text value="b"/></note>'
                    b'<issued value="2024-03-05T10:00:00Z"><extension url="http://example.org/x">'
                    b'<valueString value="y"/></extension></issued></Observation>')
    assert doc["code"]["coding"][0]["code"] == "718-7" and str(doc["valueQuantity"]["value"]) == "13.10"
    assert [n["text"] for n in doc["note"]] == ["a", "b"]
    assert doc["_issued"]["extension"][0]["valueString"] == "y"
    check_resource(doc)


# --- sources: one resource, NDJSON, Bundle rules --------------------------------------

def test_sniff_and_read_each_form(tmp_path):
    obs = {"resourceType": "Observation", "status": "final", "code": {"text": "Hb"}}
    one = tmp_path / "obs.json"
    one.write_text(json.dumps(obs))
    lines = tmp_path / "Observation.ndjson"
    lines.write_text(json.dumps(obs) + "\n" + json.dumps({**obs, "id": "b"}) + "\nnot json\n")
    bundle = tmp_path / "b.json"
    bundle.write_text(json.dumps({"resourceType": "Bundle", "type": "collection", "entry": [{"resource": obs}]}))
    assert (sniff(one), sniff(lines), sniff(bundle)) == (RESOURCE, NDJSON, BUNDLE)
    parsed = read_source(lines, NDJSON)
    assert [e.path for e in parsed.entries] == ["line 1", "line 2", "line 3"] and parsed.entries[2].malformed
    assert read_source(one, RESOURCE).entries[0].raw == one.read_bytes()


def test_bundle_rules_duplicate_fullurl_and_document_shape():
    obs = {"resourceType": "Observation", "status": "final", "code": {"text": "Hb"}}
    doc = {"resourceType": "Bundle", "type": "collection", "entry": [
        {"fullUrl": "urn:uuid:0b4e1a8c-1d2e-4f3a-9b8c-7d6e5f4a3b2c", "resource": obs},
        {"fullUrl": "urn:uuid:0b4e1a8c-1d2e-4f3a-9b8c-7d6e5f4a3b2c", "resource": {**obs, "id": "other"}}]}
    problems = check_bundle_doc(doc)
    assert len(problems) == 1 and problems[0].path == "Bundle.entry[1].resource" and "bdl-7" in problems[0].reason
    document = {"resourceType": "Bundle", "type": "document", "entry": [{"resource": obs}]}
    reasons = " ".join(p.reason for p in check_bundle_doc(document))
    assert "bdl-9" in reasons and "bdl-10" in reasons and "bdl-11" in reasons
    transaction = parse_bundle_bytes(json.dumps({"resourceType": "Bundle", "type": "transaction",
                                                 "entry": [{"resource": obs}]}).encode())
    from wallet.core.fhir.bundle_reader import bundle_rules
    assert "bdl-3" in bundle_rules(transaction)[0]


def test_blood_pressure_reads_systolic_first_whatever_the_order():
    def component(code: str, value: float) -> dict:
        return {"code": {"coding": [{"system": "http://loinc.org", "code": code}]},
                "valueQuantity": {"value": value, "unit": "mm[Hg]"}}
    bp = {"resourceType": "Observation", "status": "final", "code": {"text": "Blood pressure panel"},
          "effectiveDateTime": "2021-05-01", "component": [component("8462-4", 88.9), component("8480-6", 112.6)]}
    assert title_for(bp) == "Observation: Blood pressure panel 112.6/88.9 mm[Hg] (2021-05-01)"
