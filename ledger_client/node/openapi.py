"""The node's OpenAPI 3.1 description, built from the same schema declarations that
validate requests (``ledger_client.schema``), so documentation and checks agree."""

from __future__ import annotations

from typing import Any

from ..block import SIGNED_HEADER
from ..tx import PAYLOADS, SIGNED_ACCESS_REQUEST, TX_BODY

ERROR = {"type": "object", "required": ["error", "message"],
         "properties": {"error": {"type": "string"}, "message": {"type": "string"}, "event": {"type": "string"}}}
HEX32 = {"type": "string", "pattern": "^[0-9a-f]{64}$"}


def _signed_tx_schema() -> dict[str, Any]:
    variants = []
    for tx_type, payload in PAYLOADS.items():
        body = TX_BODY.json_schema()
        body["properties"] = {**body["properties"], "type": {"const": tx_type}, "payload": payload.json_schema()}
        variants.append({"type": "object", "required": ["tx", "sig"], "additionalProperties": False,
                         "properties": {"tx": body, "sig": {"type": "string", "pattern": "^[0-9a-f]{128}$"}}})
    return {"oneOf": variants}


def _param(name: str, where: str, schema: dict[str, Any], required: bool = False, text: str = "") -> dict[str, Any]:
    return {"name": name, "in": where, "required": required or where == "path", "schema": schema, "description": text}


def _op(summary: str, params: list[Any] | None = None, body: dict[str, Any] | None = None, ok: int = 200,
        ok_schema: dict[str, Any] | None = None, errors: tuple[int, ...] = (400, 404)) -> dict[str, Any]:
    responses = {str(ok): {"description": "success", "content": {"application/json": {"schema": ok_schema or {"type": "object"}}}}}
    for code in errors:
        responses[str(code)] = {"description": "error", "content": {"application/json": {"schema": ERROR}}}
    op = {"summary": summary, "parameters": params or [], "responses": responses}
    if body is not None:
        op["requestBody"] = {"required": True, "content": body}
    return op


def build_openapi() -> dict[str, Any]:
    """The whole description, as a dict ready for JSON."""
    tx = _signed_tx_schema()
    wait = [_param("wait", "query", {"type": "boolean"}, text="wait until committed"),
            _param("timeout", "query", {"type": "integer", "minimum": 1, "maximum": 60})]
    page = [_param("after", "query", {"type": "string", "maxLength": 200}),
            _param("limit", "query", {"type": "integer", "minimum": 1, "maximum": 1000})]
    hexq = {"type": "string", "pattern": "^[0-9a-f]{64}$"}
    paths = {
        "/v1/status": {"get": _op("Node and chain status", errors=())},
        "/v1/genesis": {"get": _op("The genesis document", errors=())},
        "/v1/tx": {"post": _op("Submit one signed transaction", wait, {"application/json": {"schema": tx}},
                               ok=202, errors=(400, 401, 409, 413, 504))},
        "/v1/tx/batch": {"post": _op("Submit a batch of transactions, all or none", wait,
                                     {"application/json": {"schema": {"type": "object", "required": ["txs"],
                                                                      "properties": {"txs": {"type": "array", "items": tx, "minItems": 1, "maxItems": 5000}}}}},
                                     ok=202, errors=(400, 401, 409, 413, 504))},
        "/v1/tx/{tx_id}": {"get": _op("Status of a transaction", [_param("tx_id", "path", HEX32)])},
        "/v1/tx/{tx_id}/proof": {"get": _op("Inclusion proof of a committed transaction", [_param("tx_id", "path", HEX32)])},
        "/v1/blocks/{height}": {"get": _op("A block with its transactions", [_param("height", "path", {"type": "integer", "minimum": 1})])},
        "/v1/headers": {"get": _op("A range of signed block headers",
                                   [_param("from", "query", {"type": "integer", "minimum": 1}),
                                    _param("count", "query", {"type": "integer", "minimum": 1, "maximum": 2000})],
                                   ok_schema={"type": "object", "properties": {"headers": {"type": "array", "items": SIGNED_HEADER.json_schema()}}})},
        "/v1/institutions": {"get": _op("Directory of registered institutions", page)},
        "/v1/institutions/{key}": {"get": _op("One institution", [_param("key", "path", HEX32)])},
        "/v1/accounts/{key}": {"get": _op("Sequence numbers of a signer", [_param("key", "path", HEX32)])},
        "/v1/pseudonyms/{key}": {"get": _op("One pseudonym", [_param("key", "path", HEX32)])},
        "/v1/records": {"get": _op("Records anchored by a pseudonym", [_param("owner", "query", hexq, True)] + page)},
        "/v1/records/{record}": {"get": _op("One anchored record", [_param("record", "path", HEX32)])},
        "/v1/consents": {"get": _op("Consents by grantor or grantee", [_param("grantor", "query", hexq), _param("grantee", "query", hexq)] + page)},
        "/v1/consents/{consent}": {"get": _op("One consent with its status", [_param("consent", "path", HEX32)])},
        "/v1/events": {"get": _op("Access and refusal events", [_param("record", "query", hexq), _param("owner", "query", hexq),
                                                                 _param("requester", "query", hexq)] + page)},
        "/v1/credential-defs/{cred_def_id}": {"get": _op("A published credential definition",
                                                         [_param("cred_def_id", "path", {"type": "string", "maxLength": 200})])},
        "/v1/blobs/{blob}": {
            "put": _op("Upload (or resume) an encrypted blob, streamed",
                       [_param("blob", "path", HEX32), _param("offset", "query", {"type": "integer", "minimum": 0}),
                        _param("X-Medwallet-Upload", "header", {"type": "string"}, True, "signed upload authorisation")],
                       {"application/octet-stream": {"schema": {"type": "string", "format": "binary"}}},
                       ok=201, errors=(400, 401, 409, 413, 422)),
            "get": _op("Download a blob with a signed access request (recorded on the ledger)",
                       [_param("blob", "path", HEX32),
                        _param("X-Medwallet-Access", "header", {"type": "string"}, True,
                               "base64url of a signed access request: " + str(SIGNED_ACCESS_REQUEST.json_schema()["required"]))],
                       ok_schema={"type": "string", "format": "binary"}, errors=(400, 401, 403, 404, 409)),
        },
        "/v1/uploads/{session}": {
            "put": _op("Stream an upload whose hash is known only at the end (resumable with offset)",
                       [_param("session", "path", {"type": "string", "pattern": "^[0-9a-f]{32}$"}),
                        _param("offset", "query", {"type": "integer", "minimum": 0}),
                        _param("X-Medwallet-Upload", "header", {"type": "string"}, True, "signed session authorisation")],
                       {"application/octet-stream": {"schema": {"type": "string", "format": "binary"}}},
                       errors=(400, 401, 409, 413)),
            "get": _op("How much of an upload session the node holds",
                       [_param("session", "path", {"type": "string", "pattern": "^[0-9a-f]{32}$"})], errors=(400,)),
        },
        "/v1/uploads/{session}/finish": {"post": _op(
            "Store a complete upload session under its SHA-256 (checked)",
            [_param("session", "path", {"type": "string", "pattern": "^[0-9a-f]{32}$"}), _param("blob", "query", HEX32, True),
             _param("X-Medwallet-Upload", "header", {"type": "string"}, True)], ok=201, errors=(400, 401, 409, 422))},
        "/v1/replicas/{blob}": {
            "put": _op("Node to node: store a replica (X-Medwallet-Node: upload authorisation signed by a node key)",
                       [_param("blob", "path", HEX32), _param("X-Medwallet-Node", "header", {"type": "string"}, True)],
                       {"application/octet-stream": {"schema": {"type": "string", "format": "binary"}}},
                       ok=201, errors=(400, 401, 413, 422)),
            "get": _op("Node to node: fetch a replica", [_param("blob", "path", HEX32),
                                                         _param("X-Medwallet-Node", "header", {"type": "string"}, True)],
                       ok_schema={"type": "string", "format": "binary"}, errors=(400, 401, 404)),
        },
        "/v1/blobs/{blob}/upload": {"get": _op("How much of an upload the node holds", [_param("blob", "path", HEX32)])},
    }
    return {"openapi": "3.1.0",
            "info": {"title": "Medwallet ledger node", "version": "1",
                     "description": "Consent ledger and encrypted blob store of a Medwallet network."},
            "paths": paths}
