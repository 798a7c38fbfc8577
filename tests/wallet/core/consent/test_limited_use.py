"""Limited-use consents on a real node over HTTP, played against by the desk as an adversary:
the N+1-th read refused by the contract (typed, with its reason) and audited as a refusal; two
concurrent reads at one left admit exactly one; re-submitting or replaying the grant (or an
old access request) resets nothing; one consent's count never moves to another's; a SMART
Health Link's own use limit is undisturbed; and the node's verify replays it all."""

from __future__ import annotations

import subprocess
import sys
import threading
import time

import pytest
import requests

from ledger_client.access import make_access_request
from ledger_client.client import LedgerClient
from ledger_client.errors import AccessDenied, ConsentUsedUp, LedgerError
from tests.wallet.core.fhir.bundle_gen import write_bundle
from tests.wallet.files import write_pdf
from wallet.core import importing
from wallet.core.audit import trail
from wallet.core.consent import grants
from wallet.core.consent.grant_code import decode_grant
from wallet.core.desks.clinic import ReadRefused
from wallet.core.shl import sharing


def _grant(wallet, desk, records, reads):
    return grants.grant(wallet, desk.key.public, records, "treatment", int(time.time()) + 3600, max_reads=reads)


def _ledger_consent(wallet, consent: str) -> dict:
    row = wallet.db.one("SELECT pseudonym FROM grants WHERE consent=?", (consent,))
    return wallet.network.client.consent(consent, signed_by=wallet.signing_key(row["pseudonym"]))


def _grant_row(wallet, consent: str) -> dict:
    return next(g for g in grants.list_grants(wallet) if g["consent"] == consent)


def _raw_read(desk, consent: str, record: str, sink: list) -> None:
    """One read of ``record`` under ``consent`` on a connection of its own (for concurrent reads)."""
    client = LedgerClient(desk.network.nodes)
    try:
        request = make_access_request(desk.key, desk.network.chain_id, record, consent, "treatment", int(time.time()))
        with open(desk.dir / f"raw-{request.hash[:12]}", "wb") as out:
            sink.append(client.download_blob(request, out))
    except AccessDenied as exc:
        sink.append(exc)
    finally:
        client.close()


@pytest.fixture
def letter(wallet, tmp_path) -> str:
    return importing.import_file(wallet, write_pdf(tmp_path / "letter.pdf", 4000), title="Letter").record


def test_n_reads_then_the_next_is_refused_typed_and_audited(wallet, clinic, letter, tmp_path):
    granted = _grant(wallet, clinic, [letter], 2)
    code = decode_grant(granted.code)
    shown = clinic.consent(code)
    assert (shown.max_reads, shown.reads_left, shown.status) == (2, 2, "active")
    assert _grant_row(wallet, granted.consent)["reads_left"] == 2
    assert clinic.read(code, tmp_path / "one").reads_left == 1
    assert clinic.read(code, tmp_path / "two").reads_left == 0
    assert clinic.consent(code).status == "used_up"
    with pytest.raises(ReadRefused) as refused:
        clinic.read(code, tmp_path / "three")
    assert refused.value.reason == "consent_used_up" and refused.value.event_id
    assert "used up" in str(refused.value)
    # Typed below the desk too: the node's answer is a ConsentUsedUp carrying its refusal event.
    view = clinic.consent(code)
    sink: list = []
    _raw_read(clinic, granted.consent, view.records[0], sink)
    assert isinstance(sink[0], ConsentUsedUp) and sink[0].reason == "consent_used_up" and sink[0].event_id
    on_ledger = _ledger_consent(wallet, granted.consent)
    assert on_ledger["max_reads"] == 2 and on_ledger["reads_left"] == 0 and on_ledger["status"] == "used_up"
    assert set(on_ledger["reads"].values()) == {2}  # the envelope and the record, twice each, never more
    row = _grant_row(wallet, granted.consent)
    assert (row["status"], row["reads_left"], row["max_reads"]) == ("used_up", 0, 2)
    trail.refresh(wallet)
    used_up = [e for e in trail.events(wallet, outcome="refusal") if e["reason"] == "consent_used_up"]
    assert {e["tx"] for e in used_up} == {refused.value.event_id, sink[0].event_id}
    assert all(e["verified"] and e["requester"] == clinic.key.public for e in used_up)
    reads = [e for e in trail.events(wallet, outcome="access") if e["consent"] == granted.consent]
    assert len(reads) == 4  # two reads of the envelope and the record


def test_a_one_time_grant_and_two_concurrent_reads_admit_exactly_one(wallet, clinic, letter, tmp_path):
    granted = _grant(wallet, clinic, [letter], 1)
    view = clinic.consent(decode_grant(granted.code))
    assert view.reads_left == 1
    sink: list = []
    threads = [threading.Thread(target=_raw_read, args=(clinic, granted.consent, view.records[0], sink))
               for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    served = [r for r in sink if isinstance(r, str)]
    refused = [r for r in sink if isinstance(r, LedgerError)]
    assert len(served) == 1 and len(refused) == 1, sink
    assert isinstance(refused[0], ConsentUsedUp)
    assert _ledger_consent(wallet, granted.consent)["reads"] == {view.records[0]: 1}


def test_resubmitting_or_replaying_the_grant_resets_nothing(wallet, clinic, letter, tmp_path):
    granted = _grant(wallet, clinic, [letter], 1)
    code = decode_grant(granted.code)
    clinic.read(code, tmp_path / "once")
    grant_tx = clinic.network.light.prove(granted.consent).tx
    client = wallet.network.client
    for _ in range(2):  # the very grant again, as a replaying node or desk would send it
        try:
            client.submit(grant_tx, wait=True)
        except LedgerError:
            pass  # refused as replayed: equally fine; what matters is the count below
    assert _ledger_consent(wallet, granted.consent)["reads_left"] == 0
    # A node replaying an earlier access request (one that was let through) gets nothing either.
    record = clinic.consent(code).records[0]
    request = make_access_request(clinic.key, clinic.network.chain_id, record, granted.consent, "treatment",
                                  int(time.time()))
    with open(tmp_path / "x", "wb") as out, pytest.raises(ConsentUsedUp):
        client.download_blob(request, out)
    with open(tmp_path / "y", "wb") as out, pytest.raises(LedgerError) as replayed:
        client.download_blob(request, out)
    assert replayed.value.code == "replayed_request"
    with pytest.raises(ReadRefused) as refused:
        clinic.read(code, tmp_path / "again")
    assert refused.value.reason == "consent_used_up"
    assert _ledger_consent(wallet, granted.consent)["reads_left"] == 0


def test_one_consents_count_never_moves_to_another(wallet, clinic, make_clinic, letter, tmp_path):
    first = _grant(wallet, clinic, [letter], 1)
    second = _grant(wallet, clinic, [letter], 1)  # the same copy, under a second one-time consent
    unlimited = _grant(wallet, clinic, [letter], None)
    a, b = (clinic.consent(decode_grant(g.code)) for g in (first, second))
    assert a.records == b.records  # the same ciphertext is shared under both
    clinic.read(decode_grant(first.code), tmp_path / "a")
    assert _ledger_consent(wallet, first.consent)["reads_left"] == 0
    assert _ledger_consent(wallet, second.consent)["reads_left"] == 1 and "reads" not in _ledger_consent(
        wallet, second.consent)
    assert clinic.read(decode_grant(second.code), tmp_path / "b").reads_left == 0
    for used in (first, second):
        with pytest.raises(ReadRefused):
            clinic.read(decode_grant(used.code), tmp_path / "c")
    # An unlimited consent over the same record keeps no count and is never used up.
    for n in range(3):
        assert clinic.read(decode_grant(unlimited.code), tmp_path / f"u{n}").reads_left is None
    doc = _ledger_consent(wallet, unlimited.consent)
    assert "reads" not in doc and "reads_left" not in doc and doc["status"] == "active"
    # Another desk naming these consents is refused for what it is, and counts against none.
    other = make_clinic("Other")
    sink: list = []
    _raw_read(other, second.consent, b.records[0], sink)
    assert isinstance(sink[0], AccessDenied) and sink[0].reason == "wrong_grantee"


def test_a_smart_health_links_use_limit_is_undisturbed(wallet, clinic, letter, tmp_path):
    write_bundle(tmp_path / "summary.json", 12, style="collection", seed=3)
    importing.import_file(wallet, tmp_path / "summary.json", split=True)
    once = _grant(wallet, clinic, [letter], 1)
    shared = sharing.share_summary(wallet, label="carer", passcode="open sesame", max_uses=2)
    url = wallet.db.one("SELECT url FROM shlinks WHERE idx=?", (shared.index,))["url"]
    body = {"recipient": "Dr Who", "passcode": "open sesame"}
    clinic.read(decode_grant(once.code), tmp_path / "desk")
    assert [requests.post(url, json=body, timeout=10).status_code for _ in range(3)] == [200, 200, 404]
    state = wallet.network.client.get_json(f"/v1/links/{shared.link}")
    assert state["uses"] == 2
    assert _ledger_consent(wallet, once.consent)["reads_left"] == 0  # the link's opens counted nothing here


def test_the_nodes_verify_replays_the_counts(wallet, clinic, letter, tmp_path, shared_node):
    granted = _grant(wallet, clinic, [letter], 1)
    clinic.read(decode_grant(granted.code), tmp_path / "once")
    with pytest.raises(ReadRefused):
        clinic.read(decode_grant(granted.code), tmp_path / "twice")
    done = subprocess.run([sys.executable, "-m", "ledger_client.node.cli", "verify", "--data", str(shared_node.data)],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
