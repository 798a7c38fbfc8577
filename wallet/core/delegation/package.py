"""The delegation package: what the patient's wallet hands the delegate, sealed to its box key.

Layout: a libsodium sealed box of the JSON
``{"v": 1, "pseudonym": P, "records": [{"record", "key", "title", "category", "date", "fhir_type"}]}``
followed by spaces up to its size class (:mod:`..records.padding`), so the node sees a class,
not how many records are in scope. ``record`` is the copy anchored under the delegation
pseudonym P and ``key`` its record key: with it the delegate seals a consent's key envelope to
an institution. It is stored on the nodes as a blob and given only to the delegate, only
while the delegation is active (``GET /v1/my/delegations/{id}/package``). The delegate's
wallet never writes it to disk.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..errors import CryptoError, WalletError
from ..keys import sodium
from ..records.padding import size_class

if TYPE_CHECKING:
    from nacl.public import PrivateKey

PACKAGE_VERSION = 1
FIELDS = ("title", "category", "date", "fhir_type")


class PackageDamaged(WalletError):
    """The delegation's package does not open with this wallet's key, or it is damaged."""

    code = "package_damaged"


@dataclass(frozen=True)
class DelegatedRecord:
    """One record the delegate may share: the copy's id and key, and what the patient let it see."""

    record: str
    key: bytes
    title: str
    category: str
    date: str | None = None
    fhir_type: str | None = None

    def describe(self) -> dict[str, Any]:
        return {"record": self.record, "title": self.title, "category": self.category, "date": self.date,
                "fhir_type": self.fhir_type}


def seal_package(box_key_hex: str, pseudonym: str, records: list[DelegatedRecord]) -> bytes:
    """Seal the in-scope records' keys (and titles) to the delegate's X25519 key (hex)."""
    doc = {"v": PACKAGE_VERSION, "pseudonym": pseudonym,
           "records": [{**r.describe(), "key": r.key.hex()} for r in records]}
    plain = json.dumps(doc, sort_keys=True).encode()
    plain += b" " * (size_class(len(plain)) - len(plain))
    return sodium.seal(sodium.public_box_key(bytes.fromhex(box_key_hex)), plain)


def open_package(box: PrivateKey, sealed: bytes) -> tuple[str, list[DelegatedRecord]]:
    """The delegation pseudonym and the records of a package."""
    try:
        doc = json.loads(sodium.seal_open(box, sealed))
        if doc["v"] != PACKAGE_VERSION:
            raise ValueError
        records = [DelegatedRecord(r["record"], bytes.fromhex(r["key"]), r["title"], r["category"], r.get("date"),
                                   r.get("fhir_type")) for r in doc["records"]]
        return doc["pseudonym"], records
    except (ValueError, KeyError, TypeError, AttributeError, CryptoError):
        raise PackageDamaged() from None
