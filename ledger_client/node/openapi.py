"""The node's OpenAPI 3.1 description, built from the same schema declarations that
validate requests (``ledger_client.schema``), so documentation and checks agree: every
parameter is exactly as strict as the node's validator, every operation lists every
status it can answer, and errors are RFC 9457 problem details."""

from __future__ import annotations

from typing import Any

from ..block import SIGNED_HEADER
from ..emergency import SIGNED_RELEASE
from ..schema import END, canonical_json_schema
from ..tx import PAYLOADS, TX_BODY
from .http_util import BOOL_WORDS, MAX_LIST
from .routes_chain import MAX_BATCH
from .routes_mine import MAX_FILTERS

PROBLEM = {"type": "object", "required": ["type", "title", "status", "detail", "error", "message"],
           "properties": {"type": {"type": "string"}, "title": {"type": "string"}, "status": {"type": "integer"},
                          "detail": {"type": "string"}, "error": {"type": "string", "description": "stable code"},
                          "message": {"type": "string", "description": "same as detail (previous release)"},
                          "event": {"type": "string", "description": "the refusal event of a refused read"},
                          "index": {"type": "integer", "description": "the failing transaction of a batch"},
                          "retry_after": {"type": "integer"}}}
HEX32 = {"type": "string", "pattern": "^[0-9a-f]{64}" + END}
SESSION = {"type": "string", "pattern": "^[0-9a-f]{32}" + END}
# A signed token in a header: base64url of a signed document (shorter than any real one: 400).
TOKEN = {"type": "string", "pattern": "^(?:[A-Za-z0-9_-]{4}){64,1023}(?:[A-Za-z0-9_-]{2,3})?" + END}
MAX_HEIGHT = 2**40
SIGNED: list[Any] = [{"signedRequest": []}]
FILTERS = {"type": "object", "required": ["filters", "height"], "properties": {
    "height": {"type": "integer"},
    "filters": {"type": "array", "items": {"type": "object", "required": ["height", "block", "n", "filter"],
                                           "properties": {"height": {"type": "integer"}, "block": HEX32,
                                                          "n": {"type": "integer", "minimum": 0},
                                                          "filter": {"type": "string", "contentEncoding": "base64"}}}}}}
STATUS_TEXT = {200: "success", 201: "stored", 202: "accepted, not yet complete", 400: "malformed request",
               401: "not authenticated", 403: "not allowed", 404: "not found", 409: "refused by the ledger's rules",
               413: "too large", 422: "data does not match its hash", 429: "rate limited",
               500: "internal error", 503: "unavailable (ordering service, overload, or behind)",
               504: "timed out: may still complete, check the status"}
COMMON = (400, 429, 500, 503)
SECURITY_SCHEMES = {
    "signedRequest": {"type": "http", "scheme": "Medwallet-Signed",
                      "description": "Authorization: Medwallet-Signed <base64url of a signed request bound to its "
                                     "method, path and query> (see ledger_client/node/auth.py)"},
    "accessRequest": {"type": "apiKey", "in": "header", "name": "X-Medwallet-Access",
                      "description": "a signed, single-use access request; the read is recorded on the ledger"},
    "uploadAuth": {"type": "apiKey", "in": "header", "name": "X-Medwallet-Upload",
                   "description": "an upload authorisation signed by a registered pseudonym or institution"},
    "nodeAuth": {"type": "apiKey", "in": "header", "name": "X-Medwallet-Node",
                 "description": "an authorisation signed by a node key of this network"},
}


def _signed_tx_schema(chain_id: str | None) -> dict[str, Any]:
    variants = []
    for tx_type, payload in PAYLOADS.items():
        body = TX_BODY.json_schema()
        props = {**body["properties"], "type": {"const": tx_type}, "payload": payload.json_schema()}
        if chain_id:
            props["chain_id"] = {"const": chain_id}
        body["properties"] = props
        variants.append({"type": "object", "required": ["tx", "sig"], "additionalProperties": False,
                         "properties": {"tx": body, "sig": {"type": "string", "pattern": "^[0-9a-f]{128}" + END}}})
    return {"oneOf": variants}


def _release_schema(chain_id: str | None) -> dict[str, Any]:
    """A signed emergency release request, pinned to the network like a transaction."""
    schema = SIGNED_RELEASE.json_schema()
    if chain_id:
        schema["properties"]["release"]["properties"]["chain_id"] = {"const": chain_id}
    return schema


def _param(name: str, where: str, schema: dict[str, Any], required: bool = False, text: str = "") -> dict[str, Any]:
    return {"name": name, "in": where, "required": required or where == "path", "schema": schema, "description": text}


def _one_of_params(names: tuple[str, ...]) -> dict[str, Any]:
    """Exactly one of ``names`` as a query parameter (an exploded object of one property)."""
    return {"name": "who", "in": "query", "required": True, "style": "form", "explode": True,
            "schema": {"type": "object", "properties": {n: HEX32 for n in names}, "additionalProperties": False,
                       "minProperties": 1, "maxProperties": 1},
            "description": f"exactly one of: {', '.join(names)}"}


def _op(op_id: str, summary: str, params: list[Any] | None = None, body: dict[str, Any] | None = None,
        ok: tuple[int, ...] = (200,), ok_schema: dict[str, Any] | None = None, errors: tuple[int, ...] = (),
        security: list[Any] | None = None, media: str = "application/json") -> dict[str, Any]:
    responses: dict[str, Any] = {}
    for code in ok:
        responses[str(code)] = {"description": STATUS_TEXT[code],
                                "content": {media: {"schema": ok_schema or {"type": "object"}}}}
    for code in sorted(set(errors) | set(COMMON)):
        responses[str(code)] = {"$ref": f"#/components/responses/E{code}"}
    op: dict[str, Any] = {"operationId": op_id, "summary": summary, "parameters": params or [],
                          "responses": responses}
    if body is not None:
        op["requestBody"] = {"required": True, "content": body}
    if security is not None:
        op["security"] = security
    return op


def _error_responses() -> dict[str, Any]:
    out = {}
    for code in (400, 401, 403, 404, 409, 413, 422, 429, 500, 503, 504):
        resp: dict[str, Any] = {"description": STATUS_TEXT[code],
                                "content": {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}}
        if code == 401:
            resp["headers"] = {"WWW-Authenticate": {"schema": {"type": "string"}, "required": True}}
        if code in (429, 503):
            resp["headers"] = {"Retry-After": {"schema": {"type": "string", "pattern": "^[0-9]+" + END}}}
        out[f"E{code}"] = resp
    return out


def build_openapi(chain_id: str | None = None) -> dict[str, Any]:
    """The whole description, as a dict ready for JSON; ``chain_id`` pins the network."""
    tx = {"$ref": "#/components/schemas/SignedTx"}
    wait = [_param("wait", "query", {"type": "string", "enum": list(BOOL_WORDS)}, text="wait until committed"),
            _param("timeout", "query", {"type": "integer", "minimum": 1, "maximum": 60})]
    page = [_param("after", "query", {"type": "string", "pattern": "^[0-9a-f/]{0,200}" + END},
                   text="the 'next' value of the previous page"),
            _param("limit", "query", {"type": "integer", "minimum": 1, "maximum": MAX_LIST})]
    binary = {"application/octet-stream": {"schema": {"type": "string", "format": "binary"}}}
    offset = _param("offset", "query", {"type": "integer", "minimum": 0, "maximum": 2**44})
    upload_header = _param("X-Medwallet-Upload", "header", TOKEN, True, "signed upload authorisation")
    node_header = _param("X-Medwallet-Node", "header", TOKEN, True, "authorisation signed by a node key")
    access_header = _param("X-Medwallet-Access", "header", TOKEN, True, "base64url of a signed access request")
    paths = {
        "/openapi.json": {"get": _op("getOpenApi", "This description")},
        "/metrics": {"get": _op("getMetrics", "Prometheus metrics (only to the addresses in metrics_allow)",
                                ok_schema={"type": "string"}, errors=(403,), media="text/plain")},
        "/problems/{code}": {"get": _op("getProblemType", "What an error type means",
                                        [_param("code", "path", {"type": "string", "pattern": "^[A-Za-z0-9_]{1,64}" + END})])},
        "/v1/status": {"get": _op("getStatus", "Node and chain status")},
        "/v1/genesis": {"get": _op("getGenesis", "The genesis document")},
        "/v1/tx": {"post": _op("submitTx", "Submit one signed transaction", wait, {"application/json": {"schema": tx}},
                               ok=(200, 202), errors=(401, 409, 413, 504))},
        "/v1/tx/batch": {"post": _op("submitBatch", "Submit a batch of transactions, all or none", wait,
                                     {"application/json": {"schema": {
                                         "type": "object", "required": ["txs"], "additionalProperties": False,
                                         "properties": {"txs": {"type": "array", "items": tx, "minItems": 1,
                                                                "maxItems": MAX_BATCH}}}}},
                                     ok=(200, 202), errors=(401, 409, 413, 504))},
        "/v1/tx/{tx_id}": {"get": _op("getTxStatus", "Status of a transaction", [_param("tx_id", "path", HEX32)],
                                      errors=(404,))},
        "/v1/tx/{tx_id}/proof": {"get": _op("getTxProof", "Inclusion proof of a committed transaction",
                                            [_param("tx_id", "path", HEX32)], errors=(404,))},
        "/v1/blocks/{height}": {"get": _op("getBlock", "A block with its transactions (registered institutions and nodes)",
                                           [_param("height", "path", {"type": "integer", "minimum": 1,
                                                                      "maximum": MAX_HEIGHT})],
                                           errors=(401, 403, 404), security=SIGNED)},
        "/v1/filters": {"get": _op("getFilters", "Compact per-block filters (Golomb-coded sets of the keys each "
                                   "block touches)",
                                   [_param("from", "query", {"type": "integer", "minimum": 1, "maximum": MAX_HEIGHT}),
                                    _param("count", "query", {"type": "integer", "minimum": 1, "maximum": MAX_FILTERS})],
                                   ok_schema=FILTERS)},
        "/v1/my/account": {"get": _op("getMyAccount", "The signer's own sequence numbers", errors=(401,),
                                      security=SIGNED)},
        "/v1/my/pseudonym": {"get": _op("getMyPseudonym", "The signer's own pseudonym entry", errors=(401, 404),
                                        security=SIGNED)},
        "/v1/my/records": {"get": _op("listMyRecords", "Records the signer anchored", page,
                                      errors=(401, 403), security=SIGNED)},
        "/v1/my/consents": {"get": _op("listMyConsents", "Consents the signer gave (a pseudonym) or received "
                                       "(an institution)", page, errors=(401, 403), security=SIGNED)},
        "/v1/my/events": {"get": _op("listMyEvents", "Reads of the signer's records (a pseudonym) or by the signer "
                                     "(an institution)", page, errors=(401, 403), security=SIGNED)},
        "/v1/my/delegations": {"get": _op("listMyDelegations", "Delegations the signer gave (a delegation "
                                          "pseudonym) or serves (a delegate)", page, errors=(401,),
                                          security=SIGNED)},
        "/v1/my/delegations/{delegation}/package": {"get": _op(
            "getDelegationPackage", "A delegation's sealed package, to its delegate while it is active",
            [_param("delegation", "path", HEX32)], ok_schema={"type": "string", "format": "binary"},
            errors=(401, 403, 404), security=SIGNED, media="application/octet-stream")},
        "/v1/headers": {"get": _op("getHeaders", "A range of signed block headers",
                                   [_param("from", "query", {"type": "integer", "minimum": 1, "maximum": MAX_HEIGHT}),
                                    _param("count", "query", {"type": "integer", "minimum": 1, "maximum": 2000})],
                                   ok_schema={"type": "object", "properties": {
                                       "headers": {"type": "array", "items": {"$ref": "#/components/schemas/SignedHeader"}}}})},
        "/v1/institutions": {"get": _op("listInstitutions", "Directory of registered institutions", page)},
        "/v1/institutions/{key}": {"get": _op("getInstitution", "One institution", [_param("key", "path", HEX32)],
                                              errors=(404,))},
        "/v1/accounts/{key}": {"get": _op("getAccount", "Sequence numbers of a signer", [_param("key", "path", HEX32)])},
        "/v1/pseudonyms/{key}": {"get": _op("getPseudonym", "One pseudonym (to itself, institutions and nodes)",
                                            [_param("key", "path", HEX32)], errors=(401, 403, 404),
                                            security=SIGNED)},
        "/v1/records": {"get": _op("listRecords", "Records anchored by a pseudonym (to it and nodes)",
                                   [_param("owner", "query", HEX32, True)] + page, errors=(401, 403),
                                   security=SIGNED)},
        "/v1/records/{record}": {"get": _op("getRecord", "One anchored record (to its owner and nodes)",
                                            [_param("record", "path", HEX32)], errors=(401, 403, 404),
                                            security=SIGNED)},
        "/v1/consents": {"get": _op("listConsents", "Consents by grantor or grantee (to that party and nodes)",
                                    [_one_of_params(("grantor", "grantee"))] + page, errors=(401, 403),
                                    security=SIGNED)},
        "/v1/consents/{consent}": {"get": _op("getConsent", "One consent with its status (to its grantor, grantee "
                                              "and nodes)", [_param("consent", "path", HEX32)],
                                              errors=(401, 403, 404), security=SIGNED)},
        "/v1/events": {"get": _op("listEvents", "Access and refusal events (to the party named, the record's "
                                  "owner, and nodes)", [_one_of_params(("record", "owner", "requester"))] + page
                                 , errors=(401, 403), security=SIGNED)},
        "/v1/credential-defs/{cred_def_id}": {"get": _op(
            "getCredentialDef", "A published credential definition",
            [_param("cred_def_id", "path", {"type": "string", "minLength": 1, "maxLength": 200})], errors=(404,))},
        "/v1/blobs": {"post": _op("uploadBlobs", "Upload many small encrypted blobs in one request (each length-"
                                  "prefixed, the body signed whole); each is stored under its SHA-256",
                                  [upload_header], binary, ok=(201,), errors=(401, 409, 413, 422),
                                  security=[{"uploadAuth": []}])},
        "/v1/blobs/{blob}": {
            "put": _op("uploadBlob", "Upload (or resume) an encrypted blob, streamed",
                       [_param("blob", "path", HEX32), offset, upload_header], binary, ok=(201, 202),
                       errors=(401, 409, 413, 422), security=[{"uploadAuth": []}]),
            "get": _op("readBlob", "Download a blob with a signed access request (recorded on the ledger)",
                       [_param("blob", "path", HEX32), access_header], ok_schema={"type": "string", "format": "binary"},
                       errors=(401, 403, 404, 409, 504), security=[{"accessRequest": []}],
                       media="application/octet-stream"),
        },
        "/v1/blobs/{blob}/upload": {"get": _op("getUploadOffset", "How much of the signer's own upload the node "
                                               "holds (any other blob is answered as never received)",
                                               [_param("blob", "path", HEX32)], errors=(401, 403),
                                               security=SIGNED)},
        "/v1/uploads/{session}": {
            "put": _op("uploadSession", "Stream an upload whose hash is known only at the end (resumable)",
                       [_param("session", "path", SESSION), offset, upload_header], binary, ok=(200, 202),
                       errors=(401, 409, 413), security=[{"uploadAuth": []}]),
            "get": _op("getUploadSession", "How much of an upload session the node holds",
                       [_param("session", "path", SESSION)]),
        },
        "/v1/uploads/{session}/finish": {"post": _op(
            "finishUploadSession", "Store a complete upload session under its SHA-256 (checked)",
            [_param("session", "path", SESSION), _param("blob", "query", HEX32, True), upload_header], ok=(201,),
            errors=(401, 409, 413, 422), security=[{"uploadAuth": []}])},
        "/v1/emergency/policy": {"get": _op("getEmergencyPolicy", "The network's break-glass policy, with each "
                                            "share holder's X25519 box key", errors=(404,))},
        "/v1/emergency/sets/{pseudonym}": {"get": _op("getEmergencySet", "An emergency set (records, sealed shares; "
                                                      "to its pseudonym, registered institutions and nodes)",
                                                      [_param("pseudonym", "path", HEX32)], errors=(401, 403, 404),
                                                      security=SIGNED)},
        "/v1/my/emergency": {"get": _op("getMyEmergencySet", "The signer's own emergency set", errors=(401, 404),
                                        security=SIGNED)},
        "/v1/emergency/requests/{request}": {"get": _op("getEmergencyRequest", "An emergency request and its status "
                                                        "(to its requester, its set's pseudonym, its guardians and nodes)",
                                                        [_param("request", "path", HEX32)], errors=(401, 403, 404),
                                                        security=SIGNED)},
        "/v1/emergency/release": {"post": _op(
            "releaseEmergencyShare", "This node's key share of an open emergency request, sealed to the requester "
            "(recorded on the ledger first)", body={"application/json": {"schema": _release_schema(chain_id)}},
            errors=(401, 403, 404, 409, 413, 504))},
        "/v1/replicas/{blob}": {
            "put": _op("putReplica", "Node to node: store a replica", [_param("blob", "path", HEX32), node_header],
                       binary, ok=(201, 202), errors=(401, 403, 409, 413, 422), security=[{"nodeAuth": []}]),
            "get": _op("getReplica", "Node to node: fetch a replica", [_param("blob", "path", HEX32), node_header],
                       ok_schema={"type": "string", "format": "binary"}, errors=(401, 403, 404),
                       security=[{"nodeAuth": []}], media="application/octet-stream"),
        },
    }
    return {"openapi": "3.1.0",
            "info": {"title": "Medwallet ledger node", "version": "1",
                     "description": "Consent ledger and encrypted blob store of a Medwallet network. Errors are "
                                    "RFC 9457 problem details."},
            "paths": paths,
            "components": {"schemas": {"Problem": PROBLEM, "SignedTx": _signed_tx_schema(chain_id),
                                       "CanonicalJSON": canonical_json_schema(),
                                       "SignedHeader": SIGNED_HEADER.json_schema()},
                           "responses": _error_responses(), "securitySchemes": SECURITY_SCHEMES}}
