"""Codes name exactly their class: a refusal is raised and caught by the class its code names."""

from __future__ import annotations

from ledger_client import errors
from ledger_client.errors import CredentialRefused, RevocationListOutdated, from_wire, refusal


def test_a_credential_refusal_is_not_mistaken_for_an_outdated_list():
    # The wallet retries an admission on RevocationListOutdated only; a forged or invalid proof
    # must not look like one (a subclass once inherited every code of its parent).
    for code in ("proof_invalid", "bad_proof", "issuer_not_accepted", "credential_required"):
        for error in (refusal(code, "x"), from_wire(409, code, "x")):
            assert isinstance(error, CredentialRefused) and not isinstance(error, RevocationListOutdated), code
    assert isinstance(refusal("revocation_list_outdated", "x"), RevocationListOutdated)


def test_each_code_names_one_class():
    named: dict[str, type] = {}
    for cls in errors._TYPED:
        for code in {cls.code, *cls.__dict__.get("codes", ())}:
            assert code not in named, f"{code} is named by {named[code].__name__} and {cls.__name__}"
            named[code] = cls
    for code, cls in named.items():
        assert type(refusal(code, "x")) is cls or not issubclass(cls, errors.ContractError)
