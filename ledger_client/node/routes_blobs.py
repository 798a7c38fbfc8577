"""HTTP routes for the off-chain blob store: streamed, resumable uploads and audited
downloads."""

from __future__ import annotations

import asyncio
from typing import Any

from starlette.requests import ClientDisconnect, Request
from starlette.responses import FileResponse, Response

from .. import crypto
from .. import state_keys as sk
from ..access import (
    MAX_BLOB_BATCH_BYTES,
    parse_access_header,
    parse_batch_auth,
    parse_session_auth,
    parse_upload_auth,
    unframe_blobs,
)
from ..errors import AccessDenied, ContractError, IntegrityError, MalformedError, NotFound, SignatureError, TooLarge
from .auth import is_node, registered_party, require_party
from .http_util import hex_param, int_param, json_response, only_params, resource
from .ledger import LedgerNode


def _node(request: Request) -> LedgerNode:
    return request.app.state.node


def _check_uploader(node: LedgerNode, auth: dict[str, Any], blob: str | None) -> None:
    if blob is not None and auth["blob"] != blob:
        raise SignatureError("the upload authorisation is for another blob")
    _check_signer(node, auth)
    if auth["size"] > node.genesis.policy["max_blob_bytes"]:
        raise TooLarge(f"this network stores blobs of at most {node.genesis.policy['max_blob_bytes']} bytes")


def _check_signer(node: LedgerNode, auth: dict[str, Any]) -> None:
    if abs(auth["time"] - node.now()) > node.genesis.max_skew:
        raise ContractError("the upload authorisation is too old; check the computer's clock", code="stale")
    signer = auth["signer"]
    if not node.is_known_party(signer):
        raise SignatureError("only registered pseudonyms and institutions may upload")
    node.quotas.charge("key_upload", signer)


async def upload(request: Request) -> Response:
    only_params(request, {"offset"})
    node = _node(request)
    blob = hex_param(request.path_params["blob"], "blob hash")
    auth = parse_upload_auth(request.headers.get("x-medwallet-upload", ""), node.chain_id)
    _check_uploader(node, auth, blob)
    offset = int_param(request, "offset", 0, 0, auth["size"])
    declared = request.headers.get("content-length")
    well_formed = declared is None or (declared.isascii() and declared.isdigit())
    if declared is not None and (not well_formed or offset + int(declared) > auth["size"]):
        raise TooLarge("the body is larger than the blob's declared size")
    try:
        held = await node.blobs.receive(blob, auth["size"], offset, request.stream())
    except ClientDisconnect:
        if node.blobs.partial_offset(blob):
            node.blobs.note_uploader(blob, auth["signer"])
        return json_response({"blob": blob, "offset": node.blobs.partial_offset(blob), "complete": False}, 202)
    if held:
        node.blobs.note_uploader(blob, auth["signer"])
    complete = held == auth["size"]
    doc = {"blob": blob, "offset": held, "complete": complete}
    if complete and node.replicator.peers:
        doc["replicas"] = await node.replicator.push(blob)
    return json_response(doc, 201 if complete else 202)


async def upload_batch(request: Request) -> Response:
    """Many small blobs in one request (one upload request against the signer's quota): the
    body is :func:`~ledger_client.access.frame_blobs`, signed whole; each blob is stored under
    its SHA-256. All are stored or, if the body does not match its signature, none."""
    only_params(request, set())
    node = _node(request)
    auth = parse_batch_auth(request.headers.get("x-medwallet-upload", ""), node.chain_id)
    _check_signer(node, auth)
    declared = request.headers.get("content-length")
    if declared is not None and (not declared.isascii() or not declared.isdigit() or int(declared) != auth["size"]):
        raise TooLarge("the body is not the size its authorisation declares")
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > min(auth["size"], MAX_BLOB_BATCH_BYTES):
            raise TooLarge("the body is larger than its authorisation declares")
    if len(body) != auth["size"] or crypto.sha256_hex(bytes(body)) != auth["body"]:
        raise IntegrityError("the batch does not match its authorisation; upload again")
    blobs = unframe_blobs(bytes(body))
    if len(blobs) != auth["count"]:
        raise MalformedError(f"the batch holds {len(blobs)} blobs, its authorisation {auth['count']}")
    limit = node.genesis.policy["max_blob_bytes"]
    if any(len(blob) > limit for blob in blobs):
        raise TooLarge(f"this network stores blobs of at most {limit} bytes")
    hashes = [crypto.sha256_hex(blob) for blob in blobs]
    await asyncio.to_thread(_store_all, node, auth["signer"], hashes, blobs)
    doc: dict[str, Any] = {"blobs": hashes, "complete": True}
    if node.replicator.peers:
        doc["replicas"] = min([await node.replicator.push(blob) for blob in dict.fromkeys(hashes)])
    return json_response(doc, 201)


def _store_all(node: LedgerNode, signer: str, hashes: list[str], blobs: list[bytes]) -> None:
    for blob, data in zip(hashes, blobs, strict=True):
        if node.blobs.store_stream(blob, len(data), [data]):
            node.blobs.note_uploader(blob, signer)


def _session_auth(request: Request) -> tuple[LedgerNode, str, dict[str, Any]]:
    node = _node(request)
    session = hex_param(request.path_params["session"], "upload session", 16)
    auth = parse_session_auth(request.headers.get("x-medwallet-upload", ""), node.chain_id)
    if auth["session"] != session:
        raise SignatureError("the upload authorisation is for another session")
    _check_uploader(node, auth, None)
    return node, session, auth


async def session_put(request: Request) -> Response:
    """Stream (part of) an upload whose hash the client learns only as it sends it."""
    only_params(request, {"offset"})
    node, session, auth = _session_auth(request)
    offset = int_param(request, "offset", 0, 0, auth["size"])
    try:
        held = await node.blobs.receive_session(session, auth["size"], offset, request.stream())
    except ClientDisconnect:
        return json_response({"session": session, "offset": node.blobs.session_part(session).stat().st_size
                              if node.blobs.session_part(session).exists() else 0, "complete": False}, 202)
    return json_response({"session": session, "offset": held, "complete": held == auth["size"]},
                         200 if held == auth["size"] else 202)


async def session_status(request: Request) -> Response:
    only_params(request, set())
    node = _node(request)
    session = hex_param(request.path_params["session"], "upload session", 16)
    part = node.blobs.session_part(session)
    return json_response({"session": session, "offset": part.stat().st_size if part.exists() else 0})


async def session_finish(request: Request) -> Response:
    """Name the session's bytes by their hash; refused unless they hash to it."""
    only_params(request, {"blob"})
    node, session, auth = _session_auth(request)
    blob = hex_param(request.query_params.get("blob"), "blob hash")
    await node.blobs.finish_session(session, auth["size"], blob)
    node.blobs.note_uploader(blob, auth["signer"])
    doc = {"blob": blob, "offset": auth["size"], "complete": True}
    if node.replicator.peers:
        doc["replicas"] = await node.replicator.push(blob)
    return json_response(doc, 201)


def _peer_auth(request: Request, blob: str) -> dict[str, Any]:
    node = _node(request)
    auth = parse_upload_auth(request.headers.get("x-medwallet-node", ""), node.chain_id, "X-Medwallet-Node")
    node.replicator.check_peer(auth, blob)
    return auth


async def replica_put(request: Request) -> Response:
    """A peer node hands over a copy of a blob (hash-checked like any upload)."""
    only_params(request, set())
    node = _node(request)
    blob = hex_param(request.path_params["blob"], "blob hash")
    auth = _peer_auth(request, blob)
    if auth["size"] > node.genesis.policy["max_blob_bytes"]:
        raise TooLarge("blob larger than this network allows")
    try:
        held = await node.blobs.receive(blob, auth["size"], node.blobs.partial_offset(blob), request.stream())
    except ClientDisconnect:
        return json_response({"blob": blob, "complete": False}, 202)
    return json_response({"blob": blob, "complete": held == auth["size"]}, 201 if held == auth["size"] else 202)


async def replica_get(request: Request) -> Response:
    """A peer node fetches a blob it lacks (node-to-node only: ciphertext, no audit event)."""
    only_params(request, set())
    node = _node(request)
    blob = hex_param(request.path_params["blob"], "blob hash")
    _peer_auth(request, blob)
    if not node.blobs.exists(blob):
        raise NotFound("this node does not hold that blob")
    return FileResponse(node.blobs.path(blob), media_type="application/octet-stream")


async def upload_status(request: Request) -> Response:
    """How much of the signer's own upload the node holds. About a blob the signer did not
    upload (nor own on the ledger) it answers as about one it never received, so that no
    one learns another party's blob sizes or whether a blob exists."""
    only_params(request, set())
    node = _node(request)
    blob = hex_param(request.path_params["blob"], "blob hash")
    signer = require_party(request, registered_party(request), "registered pseudonyms, institutions and nodes")
    rec = node.store.get(sk.record(blob))
    if not (node.blobs.uploader(blob) == signer or (rec and rec["owner"] == signer) or is_node(request, signer)):
        return json_response({"blob": blob, "offset": 0, "complete": False})
    if node.blobs.exists(blob):
        return json_response({"blob": blob, "offset": node.blobs.size(blob), "complete": True})
    return json_response({"blob": blob, "offset": node.blobs.partial_offset(blob), "complete": False})


async def download(request: Request) -> Response:
    only_params(request, set())
    node = _node(request)
    blob = hex_param(request.path_params["blob"], "blob hash")
    access = parse_access_header(request.headers.get("x-medwallet-access", ""), node.chain_id)
    if access.record != blob:
        raise MalformedError("the access request names another record")
    if not node.is_known_party(access.requester):
        # Nothing is written for a key the ledger does not know: no one to hold to account.
        raise AccessDenied("the requester is not registered on this network", code="unknown_requester")
    node.quotas.charge("key_read", access.requester)
    path, event_id = await node.authorize_read(access)
    return FileResponse(path, media_type="application/octet-stream",
                        headers={"X-Medwallet-Event": event_id, "Cache-Control": "no-store"})


ROUTES = [
    resource("/v1/blobs", post=upload_batch),
    resource("/v1/blobs/{blob}", put=upload, get=download),
    resource("/v1/blobs/{blob}/upload", get=upload_status),
    resource("/v1/uploads/{session}", put=session_put, get=session_status),
    resource("/v1/uploads/{session}/finish", post=session_finish),
    resource("/v1/replicas/{blob}", put=replica_put, get=replica_get),
]
