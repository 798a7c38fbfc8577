"""SMART Health Links end to end: a patient wallet shares through a real node on loopback,
a reader (the desk's and the CLI's code) opens it over HTTP; every limit is played against
by an adversary (wrong passcodes, an expired link, a used-up link, a replayed manifest
request, a guessed link id, a one-time file location fetched twice)."""

from __future__ import annotations

import base64
import json
import os
import time

import pytest
import requests

from tests.wallet.core.fhir.bundle_gen import write_bundle
from wallet.core import importing
from wallet.core.audit import trail
from wallet.core.fhir.validate import R4, resource_problems
from wallet.core.records import library
from wallet.core.shl import link as shl_link
from wallet.core.shl import reader, sharing


@pytest.fixture
def patient(make_wallet, tmp_path):
    wallet = make_wallet()
    src = tmp_path / "patient.json"
    write_bundle(src, 40, style="collection", seed=17)
    importing.import_file(wallet, src, split=True)
    return wallet


def _state(wallet, shared) -> dict:
    return wallet.network.client.get_json(f"/v1/links/{shared.link}")


def test_summary_link_with_passcode_opens_decrypts_and_is_audited(patient, make_wallet):
    shared = sharing.share_summary(patient, label="Summary for Dr Rossi", passcode="blue-harbour-42")
    assert shared.text.startswith("shlink:/")
    parsed = shl_link.parse(shared.text)
    assert parsed.needs_passcode and parsed.label == "Summary for Dr Rossi" and len(parsed.key) == 32
    contents = reader.open_link(shared.text, "Dr Giulia Rossi", "blue-harbour-42")
    [item] = contents.files
    [ips] = item.resources
    assert ips["resourceType"] == "Bundle" and ips["type"] == "document"
    assert resource_problems(ips, release=R4) == []  # valid R4, strictly
    composition = ips["entry"][0]["resource"]
    assert composition["resourceType"] == "Composition" and composition["type"]["coding"][0]["code"] == "60591-5"
    codes = {s["code"]["coding"][0]["code"] for s in composition["section"]}
    assert {"10160-0", "48765-2", "11450-4"} <= codes
    urls = {e["fullUrl"] for e in ips["entry"]}
    for section in composition["section"]:
        assert all(ref["reference"] in urls for ref in section.get("entry", []))
    assert any(line.startswith("Condition") for line in reader.describe_file(item))
    # the reader keeps what it holds: its own wallet, split, one record per resource
    carer = make_wallet()
    reports = reader.keep(carer, contents)
    assert reports and len(library.list_records(carer)) == len(reports[0].records) > 3
    # the patient sees who opened it, by the name the viewer gave, verified from the ledger
    events = trail.refresh(patient)
    opened = [e for e in events if e.purpose == "shlink" and e.kind == "access"]
    assert len(opened) == 1 and "Dr Giulia Rossi" in opened[0].requester_name
    stored = {row["tx"]: row for row in trail.events(patient)}
    attempts = [row for row in stored.values() if row["purpose"] == "shlink" and row["kind"] != "access"]
    assert [row["reason"] for row in attempts] == ["passcode_right"]
    assert contents.event == opened[0].tx
    assert _state(patient, shared)["uses"] == 1


def test_wrong_passcodes_past_the_limit_lock_the_link(patient):
    shared = sharing.share_summary(patient, label="x", passcode="correct horse", max_attempts=3)
    with pytest.raises(reader.PasscodeNeeded) as missing:
        reader.open_link(shared.text, "Mallory", None)
    assert missing.value.remaining is None  # the reader did not even ask the server
    left = []
    for guess in ("123456", "password", "letmein"):
        with pytest.raises(reader.PasscodeNeeded) as wrong:
            reader.open_link(shared.text, "Mallory", guess)
        left.append(wrong.value.remaining)
    assert left == [2, 1, 0]
    with pytest.raises(reader.LinkUnavailable):  # locked: even the right passcode is not checked
        reader.open_link(shared.text, "Mallory", "correct horse")
    state = _state(patient, shared)
    assert state["status"] == "link_locked" and state["failures"] == 3 and state["uses"] == 0
    refusals = [e for e in trail.refresh(patient) if e.purpose == "shlink"]
    assert len(refusals) == 3 and all(e.kind == "refusal" and "Mallory" in e.requester_name for e in refusals)


def test_parallel_guesses_never_exceed_the_limit(patient):
    from concurrent.futures import ThreadPoolExecutor

    shared = sharing.share_summary(patient, label="x", passcode="correct horse", max_attempts=2)

    def guess(n: int) -> str:
        try:
            reader.open_link(shared.text, "Mallory", f"guess-{n}")
        except reader.PasscodeNeeded:
            return "wrong"
        except reader.LinkUnavailable:
            return "locked"
        return "opened"
    with ThreadPoolExecutor(8) as pool:
        outcomes = list(pool.map(guess, range(8)))
    assert outcomes.count("wrong") == 2 and outcomes.count("locked") == 6
    assert _state(patient, shared)["failures"] == 2


def test_an_expired_link_is_refused(patient):
    shared = sharing.share_summary(patient, label="x", passcode=None, days=2 / 86400)
    time.sleep(3.2)
    with pytest.raises(shl_link.LinkExpired):  # the link itself says so
        reader.open_link(shared.text, "Carer", None)
    row = patient.db.one("SELECT url FROM shlinks WHERE idx=?", (shared.index,))
    response = requests.post(row["url"], json={"recipient": "Carer"}, timeout=10)  # ignoring exp: the node refuses
    assert response.status_code == 404 and response.json()["error"] == "link_inactive"
    assert "expired" in response.json()["message"]


def test_a_used_up_link_and_a_replayed_manifest_request_are_refused(patient):
    shared = sharing.share_summary(patient, label="x", passcode="open sesame", max_uses=2)
    row = patient.db.one("SELECT url FROM shlinks WHERE idx=?", (shared.index,))
    body = {"recipient": "Dr Who", "passcode": "open sesame"}
    first = requests.post(row["url"], json=body, timeout=10)
    assert first.status_code == 200 and first.json()["files"][0]["embedded"].count(".") == 4
    replay = requests.post(row["url"], json=body, timeout=10)  # the same request again is another use
    assert replay.status_code == 200
    third = requests.post(row["url"], json=body, timeout=10)
    assert third.status_code == 404 and "as many times" in third.json()["message"]
    assert _state(patient, shared)["uses"] == 2


def test_a_guessed_link_id_finds_nothing_and_leaves_no_event(patient, shared_node):
    guessed = base64.urlsafe_b64encode(os.urandom(32)).rstrip(b"=").decode()
    response = requests.post(f"{shared_node.url}/shl/{guessed}", json={"recipient": "Eve"}, timeout=10)
    assert response.status_code == 404
    bad = requests.post(f"{shared_node.url}/shl/not-a-link", json={"recipient": "Eve"}, timeout=10)
    assert bad.status_code == 400
    assert [e for e in trail.refresh(patient) if e.purpose == "shlink"] == []


def test_a_revoked_link_is_refused(patient):
    shared = sharing.share_summary(patient, label="x", passcode=None)
    sharing.revoke(patient, shared.index)
    with pytest.raises(reader.LinkUnavailable):
        reader.open_link(shared.text, "Carer", None)
    assert _state(patient, shared)["status"] == "link_revoked"


def test_files_by_location_are_fetched_once(patient):
    records = [r["record"] for r in library.list_records(patient) if r["fhir_type"] in ("Condition", "Procedure",
                                                                                       "Immunization")][:2]
    shared = sharing.share_records(patient, records, label="Two problems", passcode=None)
    row = patient.db.one("SELECT url FROM shlinks WHERE idx=?", (shared.index,))
    manifest = requests.post(row["url"], json={"recipient": "Dr A", "embeddedLengthMax": 10}, timeout=10).json()
    locations = [f["location"] for f in manifest["files"]]
    assert len(locations) == 2
    key = shl_link.parse(shared.text).key
    for url in locations:
        cty, data = shl_link.decrypt(key, requests.get(url, timeout=10).content)
        assert cty == "application/fhir+json"
        assert json.loads(data)["resourceType"] in ("Condition", "Procedure", "Immunization")
        assert requests.get(url, timeout=10).status_code == 404  # once only
    embedded = requests.post(row["url"], json={"recipient": "Dr A"}, timeout=10).json()["files"][0]["embedded"]
    with pytest.raises(shl_link.BadFile):  # a wrong key decrypts nothing
        shl_link.decrypt(os.urandom(32), embedded)


def test_the_link_can_be_shown_again_from_the_seed(patient):
    shared = sharing.share_summary(patient, label="Again", passcode=None)
    assert sharing.link_text(patient, shared.index) == shared.text
    columns = patient.db.one("SELECT * FROM shlinks WHERE idx=?", (shared.index,))
    key = shl_link.parse(shared.text).key
    assert shl_link.b64url(key) not in json.dumps(columns)  # the database keeps no link secret


def test_a_direct_link_is_one_get_and_counts_as_a_use(patient):
    shared = sharing.share_summary(patient, label="direct", passcode=None, direct=True, max_uses=1)
    assert shl_link.parse(shared.text).direct
    contents = reader.open_link(shared.text, "Paramedic", None)
    assert contents.files[0].resources[0]["type"] == "document"
    with pytest.raises(reader.LinkUnavailable):  # used up
        reader.open_link(shared.text, "Paramedic", None)
    row = patient.db.one("SELECT url FROM shlinks WHERE idx=?", (shared.index,))
    assert requests.post(row["url"], json={"recipient": "x"}, timeout=10).status_code == 404  # not a manifest link


def _payload(doc) -> str:
    return "shlink:/" + shl_link.b64url(json.dumps(doc).encode())


@pytest.mark.parametrize("text", ["", "shlink:/", "shlink:/@@@", "shlink:/" + shl_link.b64url(b"[]"),
                                  _payload({"url": "ftp://x", "key": "A" * 43}),
                                  _payload({"url": "https://x/y", "key": "A" * 42}),
                                  _payload({"url": "https://x/y", "key": "A" * 43, "flag": "PU"}),
                                  _payload({"url": "https://x/y", "key": "A" * 43, "v": 2})])
def test_malformed_links_are_refused_clearly(text):
    with pytest.raises(shl_link.BadLink):
        shl_link.parse(text)


def test_a_link_after_a_viewer_url_is_read():
    made = shl_link.SHLink("https://node.example/shl/" + "A" * 43, bytes(32), 2_000_000_000, "P", "IPS")
    assert shl_link.parse(made.encode("https://viewer.example/")) == made
