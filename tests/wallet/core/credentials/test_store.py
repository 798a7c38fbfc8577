"""The encrypted credential store and the seed-bound link secret, without a network."""

from __future__ import annotations

import pytest

from wallet.core.credentials.store import MAGIC, CredentialStore, CredentialStoreError, link_secret


def test_credentials_are_encrypted_and_bound_to_their_name_and_seed(tmp_path):
    store = CredentialStore(tmp_path / "credentials", b"\x01" * 32)
    store.save("aaaa", {"id": "aaaa", "attributes": {"patient_of": "St. Example"}, "received_at": 2})
    store.save("bbbb", {"id": "bbbb", "attributes": {"patient_of": "Elsewhere"}, "received_at": 1})
    raw = (tmp_path / "credentials" / "aaaa.cred").read_bytes()
    assert raw.startswith(MAGIC) and b"St. Example" not in raw
    assert [d["id"] for d in store.all()] == ["bbbb", "aaaa"]
    # A file moved under another name does not open (its name is authenticated) and is skipped.
    (tmp_path / "credentials" / "cccc.cred").write_bytes(raw)
    with pytest.raises(CredentialStoreError):
        store.load("cccc")
    assert [d["id"] for d in store.all()] == ["bbbb", "aaaa"]
    # Another seed reads nothing.
    with pytest.raises(CredentialStoreError):
        CredentialStore(tmp_path / "credentials", b"\x02" * 32).load("aaaa")
    with pytest.raises(ValueError):
        store.load("../wallet")
    store.save_pending("123", {"meta": "secret blinding"})
    assert store.load_pending("123") == {"meta": "secret blinding"} and store.load_pending("124") is None
    store.drop_pending("123")
    assert store.load_pending("123") is None


def test_link_secret_is_derived_from_the_seed():
    secret = link_secret(b"\x01" * 32)
    assert secret == link_secret(b"\x01" * 32) != link_secret(b"\x02" * 32)
    assert 2**200 < int(secret) < 2**256
