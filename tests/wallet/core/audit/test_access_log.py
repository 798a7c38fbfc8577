"""The access log as the patient reads it (issue 12, failure 7): a desk's fetch of the
consent's key envelope belongs to the read it served, never a row of its own for a record
the patient does not have; a refusal at the envelope names the consent's records; keys
fetched with no record read after them are one row that says which records they open."""

from __future__ import annotations

import time

import pytest

from tests.wallet.files import write_pdf
from wallet.core import importing
from wallet.core.audit import trail
from wallet.core.consent import grants
from wallet.core.consent.grant_code import decode_grant
from wallet.core.desks.clinic import ReadRefused


def _two_records(wallet, tmp_path) -> list[str]:
    return [importing.import_file(wallet, write_pdf(tmp_path / f"{name}.pdf", 2000), title=name).records[0].record
            for name in ("Letter", "Scan")]


def test_envelope_fetch_is_folded_into_the_reads_it_served(wallet, clinic, tmp_path):
    records = _two_records(wallet, tmp_path)
    given = grants.grant(wallet, clinic.key.public, records, "treatment", int(time.time()) + 3600)
    code = decode_grant(given.code)
    clinic.read(code, tmp_path / "desk")
    trail.refresh(wallet)
    raw = trail.events(wallet, outcome="access")
    outside = [e for e in raw if e["requester_name"] == clinic.name]
    assert len(outside) == 3  # the envelope, then each record: all three are on the ledger and verified
    log = [row for row in trail.access_log(wallet) if row["requester_name"] == clinic.name]
    assert sorted(row["what"] for row in log) == ["Letter", "Scan"]
    envelope = next(e for e in outside if e["original_record"] not in records)
    for row in log:
        assert row["kind"] == "access" and row["verified"] and not row["keys_only"]
        assert row["keys_tx"] == envelope["tx"] and row["txs"] == [envelope["tx"], row["tx"]]
        assert row["records"] in ([records[0]], [records[1]])
    assert not any("key" in (row["what"] or "").lower() for row in trail.access_log(wallet))
    # the filters see the folded view
    assert [row["what"] for row in trail.access_log(wallet, record=records[0], outcome="access")
            if row["requester_name"] == clinic.name] == ["Letter"]

    # revoked: the desk is refused at the envelope, and the refusal names what it was after
    grants.revoke(wallet, given.consent)
    # The live log refreshes on the revocation's own block, before the desk tries again: the
    # refusal's block must then name this patient in its filter by itself (it names only the
    # envelope, the consent and the desk; the node's filter maps them to their grantor).
    trail.refresh(wallet)
    with pytest.raises(ReadRefused):
        clinic.read(code, tmp_path / "again")
    trail.refresh(wallet)
    refusals = trail.access_log(wallet, outcome="refusal")
    assert len(refusals) == 1
    assert refusals[0]["verified"] and sorted(refusals[0]["records"]) == sorted(records)
    assert set(refusals[0]["titles"]) == {"Letter", "Scan"}
    assert trail.access_log(wallet, record=records[1], outcome="refusal") == refusals


def test_keys_fetched_without_a_read_are_one_row_naming_the_records(wallet, clinic, tmp_path):
    records = _two_records(wallet, tmp_path)
    given = grants.grant(wallet, clinic.key.public, records, "treatment", int(time.time()) + 3600)
    view = clinic.consent(decode_grant(given.code))
    clinic._open_envelope(view, view.envelope, view.purpose)  # an interrupted read: keys, then nothing
    trail.refresh(wallet)
    rows = [row for row in trail.access_log(wallet) if row["requester_name"] == clinic.name]
    assert len(rows) == 1 and rows[0]["keys_only"] and rows[0]["verified"]
    assert sorted(rows[0]["records"]) == sorted(records) and set(rows[0]["titles"]) == {"Letter", "Scan"}
