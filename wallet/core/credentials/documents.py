"""The documents of anonymous credentials, as they travel and as the ledger holds them.

Exchange documents are JSON objects with a ``type`` (``medwallet/credential-offer``,
``medwallet/credential-request``, ``medwallet/credential``, ``medwallet/presentation``)
and ``v: 1``; a ``medwallet/proof-request`` is ``v: 2``, signed by the institution that
asks (:mod:`.requests`). They travel as files (or QR/e-mail). A
credential definition is read from the ledger, where
:func:`ledger_client.credentials.docs_from_entry` checks it.
"""

from __future__ import annotations

import hashlib
from typing import Any

from ledger_client import credentials as ledger_creds
from ledger_client.credentials import CredentialDocs
from ledger_client.errors import NotFound

from ..errors import WalletError
from ..network import Network

DOC_VERSION = 1
_BASE58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"


class CredentialProblem(WalletError):
    """This credential document cannot be used. Ask the issuer for a new one."""

    code = "credential_problem"


def check_doc(doc: object, kind: str) -> dict[str, Any]:
    """A received exchange document of ``kind`` (``medwallet/...``), or :class:`CredentialProblem`."""
    if not isinstance(doc, dict) or doc.get("type") != kind:
        raise CredentialProblem(f"This is not a {kind.split('/')[-1].replace('-', ' ')} file.")
    if doc.get("v") != DOC_VERSION:
        raise CredentialProblem("This credential file comes from a newer Medwallet. Update the application.")
    return doc


def tails_hash(data: bytes) -> str:
    """AnonCreds' name of a tails file: base58 of its SHA-256."""
    digest = hashlib.sha256(data).digest()
    number, out = int.from_bytes(digest, "big"), ""
    while number:
        number, rest = divmod(number, 58)
        out = _BASE58[rest] + out
    return "1" * (len(digest) - len(digest.lstrip(b"\0"))) + out


def ledger_docs(network: Network, cred_def_id: str) -> CredentialDocs:
    """A credential definition as the ledger holds it now."""
    try:
        entry = network.client.get_json(f"/v1/credential-defs/{cred_def_id}")
    except NotFound:
        raise CredentialProblem("The issuer's credential definition is not on this network's ledger.") from None
    return ledger_creds.docs_from_entry(cred_def_id, entry)
