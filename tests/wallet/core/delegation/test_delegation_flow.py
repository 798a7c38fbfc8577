"""A parent acts for a patient on a real node over HTTP: the patient adds the delegate from its
code with limits, the delegate grants a clinic within them (the clinic reads), is refused past
them, revokes; the patient sees both in the audit, verified, and revokes the delegation."""

from __future__ import annotations

import time
from typing import NamedTuple

import pytest

from ledger_client.errors import AccessDenied, DelegationRefused
from tests.wallet.files import write_pdf
from wallet.core import importing
from wallet.core.consent import grants
from wallet.core.consent.grant_code import decode_grant
from wallet.core.delegation import acting, audit, patient
from wallet.core.delegation.code import InvalidDelegateCode, parse_code
from wallet.core.desks.clinic import ClinicDesk, ReadRefused
from wallet.core.fhir.consent_export import export_consents
from wallet.core.wallet import Wallet

DAY = 86400


class Family(NamedTuple):
    child: Wallet
    parent: Wallet
    clinic: ClinicDesk
    shared: str
    private: str
    added: patient.Added


@pytest.fixture
def family(make_wallet, clinic, tmp_path):
    child, parent = make_wallet("child"), make_wallet("parent")
    shared = importing.import_file(child, write_pdf(tmp_path / "vaccinations.pdf", 2000), title="Vaccinations").record
    private = importing.import_file(child, write_pdf(tmp_path / "diary.pdf", 2000), title="Diary").record
    _, code = acting.new_code(parent, "Sam")
    limits = patient.Limits(purposes=("treatment",), expires_at=int(time.time()) + 30 * DAY,
                            max_grant_seconds=7 * DAY, institution_kinds=("clinic",))
    added = patient.add(child, code.text(), "Mum", [shared], limits)
    return Family(child, parent, clinic, shared, private, added)


def test_the_delegate_grants_within_the_limits_and_the_clinic_reads(family, tmp_path):
    child, parent, clinic, shared, private, added = family
    assert added.fingerprint == acting.code_of(parent, acting.find(parent, "Sam")).fingerprint
    entry, records = acting.records(parent, acting.find(parent, "Sam"))
    assert [r.title for r in records] == ["Vaccinations"]  # the delegate learns the in-scope records only
    assert shared not in {r.record for r in records} and private not in {r.record for r in records}
    given = acting.grant(parent, "Sam", clinic.key.public, [], "treatment", int(time.time()) + 3 * DAY)
    result = clinic.read(decode_grant(given.code), tmp_path / "desk")
    assert result.titles == ["Vaccinations"]
    view = clinic.consent(decode_grant(given.code))
    assert view.grantor == entry["grantor"] == child.signing_key(patient.find(child, "Mum")["index"]).public
    synced = patient.sync_grants(child)
    assert [c["consent"] for c in synced] == [given.consent]
    row = child.db.one("SELECT * FROM grants WHERE consent=?", (given.consent,))
    assert row is not None and row["records"] == f'["{shared}"]'
    exported = export_consents(child)["entry"]
    performers = next(e["resource"]["performer"] for e in exported if e["resource"]["id"] == given.consent)
    assert performers[0]["identifier"]["value"] == view.grantor  # the patient's pseudonym, and the delegate
    assert performers[1]["type"] == "RelatedPerson" and performers[1]["display"] == "Mum (delegate of the patient)"
    assert performers[1]["identifier"]["value"] == acting.code_of(parent, acting.find(parent, "Sam")).sign_key
    shown = audit.events(child)
    assert [(e.kind, e.delegate_label) for e in shown] == [("delegated_grant", "Mum")]
    assert shown[0].text.startswith("granted by Mum for you") and shown[0].verified
    acting.revoke(parent, "Sam", given.consent)
    shown = audit.events(child)
    assert [e.kind for e in shown] == ["delegated_revoke", "delegated_grant"]
    assert shown[0].text.startswith("revoked by Mum for you")
    with pytest.raises(ReadRefused):
        clinic.read(decode_grant(given.code), tmp_path / "desk2")


def test_the_node_refuses_a_delegate_past_its_limits(family):
    parent, clinic, private = family.parent, family.clinic, family.private
    with pytest.raises(DelegationRefused) as too_long:
        acting.grant(parent, "Sam", clinic.key.public, [], "treatment", int(time.time()) + 8 * DAY)
    assert too_long.value.code == "grant_too_long"
    with pytest.raises(DelegationRefused) as purpose:
        acting.grant(parent, "Sam", clinic.key.public, [], "research", int(time.time()) + DAY)
    assert purpose.value.code == "purpose_not_delegated"
    # a record out of scope: the patient's own original, which the delegate has no key for anyway
    sign, _ = acting.keys(parent, acting.find(parent, "Sam")["index"])
    entry = acting.delegation(parent, acting.find(parent, "Sam"))
    payload = {"delegation": entry["delegation"], "grantee": clinic.key.public, "records": [private],
               "purpose": "treatment", "not_before": int(time.time()) - 60, "expires_at": int(time.time()) + DAY}
    with pytest.raises(DelegationRefused) as scope:
        parent.network.submit(sign, "delegated_grant", payload)
    assert scope.value.code == "record_not_delegated"


def test_a_revoked_delegation_gives_no_package_and_no_grant_and_the_patient_may_end_its_grants(family, tmp_path):
    child, parent, clinic, added = family.child, family.parent, family.clinic, family.added
    given = acting.grant(parent, "Sam", clinic.key.public, [], "treatment", int(time.time()) + DAY)
    outcome = patient.revoke(child, added.delegation)
    assert outcome["grants_revoked"] == []
    assert clinic.read(decode_grant(given.code), tmp_path / "still").titles == ["Vaccinations"]  # its grant stays
    with pytest.raises(AccessDenied) as no_package:
        acting.records(parent, acting.find(parent, "Sam"))
    assert no_package.value.code == "delegation_revoked"
    sign, _ = acting.keys(parent, acting.find(parent, "Sam")["index"])
    payload = {"delegation": added.delegation, "grantee": clinic.key.public, "records": [given.records[0]],
               "purpose": "treatment", "not_before": int(time.time()) - 60, "expires_at": int(time.time()) + DAY}
    with pytest.raises(DelegationRefused) as refused:
        parent.network.submit(sign, "delegated_grant", payload)
    assert refused.value.code == "delegation_revoked"
    assert [d["status"] for d in patient.list_delegations(child)] == ["revoked"]
    patient.sync_grants(child)
    grants.revoke(child, given.consent)  # the patient ends the delegate's consent as their own
    with pytest.raises(ReadRefused):
        clinic.read(decode_grant(given.code), tmp_path / "after")


def test_revoking_with_the_grants_ends_them_in_one_batch(family, tmp_path):
    child, parent, clinic, added = family.child, family.parent, family.clinic, family.added
    given = acting.grant(parent, "Sam", clinic.key.public, [], "treatment", int(time.time()) + DAY)
    outcome = patient.revoke(child, added.delegation, with_grants=True)
    assert outcome["grants_revoked"] == [given.consent]
    with pytest.raises(ReadRefused):
        clinic.read(decode_grant(given.code), tmp_path / "gone")
    assert [e.kind for e in audit.events(child)] == ["revoke", "delegated_grant"]


def test_a_stranger_cannot_fetch_the_package_or_act_and_a_mistyped_code_is_refused(family, make_wallet):
    parent, added = family.parent, family.added
    stranger = make_wallet("stranger")
    acting.new_code(stranger, "Sam")
    with pytest.raises(acting.NotDelegatedYet):
        acting.records(stranger, acting.find(stranger, "Sam"))
    sign, _ = acting.keys(stranger, 0)
    with pytest.raises(AccessDenied):
        stranger.network.client_for(sign).delegation_package(sign, added.delegation)
    text = acting.code_of(parent, acting.find(parent, "Sam")).text()
    with pytest.raises(InvalidDelegateCode):
        parse_code(text[:-1] + ("0" if text[-1] != "0" else "1"))
