"""Clinic-countersigned receipts: the desk signs the consent it scanned, the patient keeps it.

After scanning a grant code, the desk makes a FHIR ``collection`` Bundle of two resources:
the consent as the ledger proves it (an IHE PCF ``Consent``, :mod:`..fhir.consent_export`)
and a ``Provenance`` whose ``signature`` (type 1.2.840.10065.1.12.1.5, verification
signature) is a JWS (RFC 7515, alg Ed25519 of RFC 9864, made with joserfc) by the institution's registered
signing key over ``{chain_id, consent, resource_sha256, institution, signed_at}``, where
``resource_sha256`` is the SHA-256 of the Consent's canonical JSON. Any JOSE library
checks it with the institution's key from the ledger's registry.

The patient's wallet (:func:`keep_receipt`) checks the signature, that the signer is the
registered institution the consent was given to, that the consent is this wallet's and the
Consent resource is the one signed, and keeps the receipt as a record.
"""

from __future__ import annotations

import base64
import json
import time
from pathlib import Path
from typing import Any

from joserfc import jws
from joserfc.errors import JoseError
from joserfc.jwk import OKPKey

from ledger_client import crypto
from ledger_client.encoding import canonical
from ledger_client.errors import NotFound

from ..errors import WalletError
from ..fhir.codes import SYS_INSTITUTION, instant
from ..fhir.consent_export import LedgerFacts, consent_resource
from ..fhir.validate import require_valid

SIGNATURE_TYPE = {"system": "urn:iso-astm:E1762-95:2013", "code": "1.2.840.10065.1.12.1.5",
                  "display": "Verification Signature"}


class BadReceipt(WalletError):
    """This receipt does not check out: it was changed, or it is not signed by the institution
    the consent was given to."""

    code = "bad_receipt"


def _b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _public_jwk(public_hex: str) -> OKPKey:
    return OKPKey.import_key({"kty": "OKP", "crv": "Ed25519", "x": _b64url(bytes.fromhex(public_hex))})


def _private_jwk(key: crypto.SigningKey) -> OKPKey:
    return OKPKey.import_key({"kty": "OKP", "crv": "Ed25519", "x": _b64url(bytes.fromhex(key.public)),
                              "d": _b64url(key.seed)})


def desk_receipt(desk: Any, grant: Any, *, now: float | None = None) -> dict[str, Any]:
    """The countersigned receipt (a FHIR Bundle) of the consent ``grant`` names, scanned at ``desk``."""
    view = desk.consent(grant)
    proven = desk.network.light.prove(view.consent)
    row = {"consent": view.consent, "not_before": view.not_before, "expires_at": view.expires_at,
           "purpose": view.purpose, "institution": desk.key.public, "institution_name": desk.name,
           "created_at": proven.block_time, "status": view.status}
    facts = LedgerFacts(view.grantor, sorted(view.records), proven.height, proven.block_hash, proven.block_time)
    consent = consent_resource(desk, row, facts)
    signed_at = int(time.time() if now is None else now)
    claims = {"chain_id": desk.network.chain_id, "consent": view.consent, "institution": desk.key.public,
              "resource_sha256": crypto.sha256_hex(canonical(consent)), "signed_at": signed_at}
    token = jws.serialize_compact({"alg": "Ed25519", "kid": desk.key.public}, canonical(claims),
                                  _private_jwk(desk.key), algorithms=["Ed25519"])
    who = {"identifier": {"system": SYS_INSTITUTION, "value": desk.key.public}, "display": desk.name}
    provenance = {
        "resourceType": "Provenance", "id": f"receipt-{view.consent[:16]}",
        "target": [{"reference": f"urn:uuid:{_uuid(view.consent)}"}], "recorded": instant(signed_at),
        "activity": {"text": "Consent scanned and countersigned at the clinic desk"},
        "agent": [{"type": {"coding": [{"system": "http://terminology.hl7.org/CodeSystem/provenance-participant-type",
                                        "code": "verifier", "display": "Verifier"}]}, "who": who}],
        "signature": [{"type": [SIGNATURE_TYPE], "when": instant(signed_at), "who": who,
                       "targetFormat": "application/fhir+json", "sigFormat": "application/jose",
                       "data": base64.b64encode(token.encode("ascii")).decode("ascii")}],
    }
    bundle = {"resourceType": "Bundle", "type": "collection", "timestamp": instant(signed_at),
              "entry": [{"fullUrl": f"urn:uuid:{_uuid(view.consent)}", "resource": consent},
                        {"fullUrl": f"urn:uuid:{_uuid(token)}", "resource": require_valid(provenance)}]}
    return require_valid(bundle)


def _uuid(seed: str) -> str:
    h = crypto.sha256_hex(seed.encode())
    return f"{h[:8]}-{h[8:12]}-4{h[13:16]}-a{h[17:20]}-{h[20:32]}"


def write_receipt(desk: Any, grant: Any, out: Path) -> Path:
    from ..atomic_file import atomic_write

    atomic_write(out, json.dumps(desk_receipt(desk, grant), indent=2).encode("utf-8"), mode=0o600)
    return out


def check_receipt(network: Any, doc: Any) -> dict[str, Any]:
    """The signed claims of a receipt, after checking it against the ledger's registry."""
    try:
        consent = doc["entry"][0]["resource"]
        provenance = doc["entry"][1]["resource"]
        signature = provenance["signature"][0]
        token = base64.b64decode(signature["data"], validate=True).decode("ascii")
        header = json.loads(base64.urlsafe_b64decode(token.split(".")[0] + "=="))
        institution = header["kid"]
        assert consent["resourceType"] == "Consent" and provenance["resourceType"] == "Provenance"
        assert isinstance(institution, str) and len(institution) == 64
    except (KeyError, IndexError, TypeError, ValueError, AssertionError):
        raise BadReceipt(detail="not a Medwallet consent receipt") from None
    try:
        claims = json.loads(jws.deserialize_compact(token, _public_jwk(institution), algorithms=["Ed25519"]).payload)
    except (JoseError, ValueError) as exc:
        raise BadReceipt(detail=f"signature: {type(exc).__name__}") from None
    if claims.get("institution") != institution or claims.get("chain_id") != network.chain_id:
        raise BadReceipt(detail="signed for another institution or network")
    if claims.get("resource_sha256") != crypto.sha256_hex(canonical(consent)):
        raise BadReceipt(detail="the Consent is not the one the clinic signed")
    try:
        network.client.institution(institution)
    except NotFound:
        raise BadReceipt(detail="the signer is not a registered institution") from None
    proven = network.light.prove(claims["consent"])
    if proven.tx.type != "grant_consent" or proven.tx.payload["grantee"] != institution:
        raise BadReceipt(detail="the consent was not given to the institution that signed")
    return {**claims, "grantor": proven.tx.signer}


def keep_receipt(wallet: Any, path: Path) -> Any:
    """Check a receipt against the ledger and this wallet's consents; keep it as a record."""
    from .. import importing

    try:
        doc = json.loads(Path(path).read_bytes())
    except ValueError:
        raise BadReceipt(detail="not JSON") from None
    claims = check_receipt(wallet.network, doc)
    grant = wallet.db.one("SELECT institution_name FROM grants WHERE consent=?", (claims["consent"],))
    if grant is None:
        raise BadReceipt(detail="the receipt is for a consent this wallet did not give")
    title = f"Receipt: consent countersigned by {grant['institution_name']}"
    return importing.import_file(wallet, Path(path), title=title)
