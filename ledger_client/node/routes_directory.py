"""HTTP routes that read the ledger state: institutions, pseudonyms, records,
consents and audit events. Every answer is committed state (never the mempool).

Metadata is answered only to its parties (issue 15): a pseudonym's records, consents and
events only to a request signed by that pseudonym (or, for a consent, by its grantee), an
institution's consents and reads only to that institution, and any of it to the
network's nodes; anyone else gets 401 (unsigned) or 403 (signed by another key). The
directory of institutions stays public: institutions are public bodies. A party's own
listings are also served at ``/v1/my/...`` (see :mod:`.routes_mine`), whose URLs name no
one, so that no access-log line holds a pseudonym."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from starlette.requests import Request
from starlette.responses import Response

from .. import state_keys as sk
from ..contract import consent_status, reads_left
from ..errors import AccessDenied, MalformedError, NotFound
from .auth import parties_or_node, registered_institution_or_node, require_party
from .http_util import MAX_LIST, hex_param, int_param, json_response, only_params, resource
from .ledger import LedgerNode

CURSOR = re.compile(r"[0-9a-f/]{0,200}")  # the OpenAPI description publishes the same pattern


def _node(request: Request) -> LedgerNode:
    return request.app.state.node


def _get(node: LedgerNode, key: str, what: str) -> dict[str, Any]:
    value = node.store.get(key)
    if value is None:
        raise NotFound(f"no {what} with this key on the ledger")
    return value


def _page(request: Request) -> tuple[str | None, int]:
    after = request.query_params.get("after")
    if after is not None and not CURSOR.fullmatch(after):
        raise MalformedError("bad 'after' cursor: give the 'next' value of the previous page")
    return after or None, int_param(request, "limit", 500, 1, MAX_LIST)


def _listing(node: LedgerNode, prefix: str, request: Request,
             resolve: Callable[[str, dict[str, Any]], dict[str, Any] | None] | None = None) -> dict[str, Any]:
    after, limit = _page(request)
    rows = node.store.scan(prefix, after, limit)
    items = [resolve(key[len(prefix):], value) if resolve else value for key, value in rows]
    following = rows[-1][0][len(prefix):] if len(rows) == limit else None
    return {"items": [item for item in items if item is not None], "next": following}


async def institutions(request: Request) -> Response:
    only_params(request, {"after", "limit"})
    node = _node(request)
    return json_response(_listing(node, sk.INSTITUTIONS, request))


async def institution(request: Request) -> Response:
    only_params(request, set())
    key = hex_param(request.path_params["key"], "institution key")
    return json_response(_get(_node(request), sk.institution(key), "institution"))


async def pseudonym(request: Request) -> Response:
    only_params(request, set())
    key = hex_param(request.path_params["key"], "pseudonym key")
    institutions = registered_institution_or_node(request)
    require_party(request, lambda signer: signer == key or institutions(signer),
                  "the pseudonym itself, registered institutions and nodes")
    return json_response({"key": key, **_get(_node(request), sk.pseudonym(key), "pseudonym")})


async def record(request: Request) -> Response:
    only_params(request, set())
    record_id = hex_param(request.path_params["record"], "record id")
    signer = require_party(request, lambda _: True, "the record's owner")
    rec = _node(request).store.get(sk.record(record_id))
    if not parties_or_node(request, rec["owner"] if rec else None)(signer):
        raise AccessDenied("this query is answered only to the record's owner", code="forbidden")
    if rec is None:
        raise NotFound("no record with this key on the ledger")
    return json_response({"record": record_id, **rec})


async def records(request: Request) -> Response:
    only_params(request, {"owner", "after", "limit"})
    node = _node(request)
    owner = hex_param(request.query_params.get("owner"), "owner")
    require_party(request, parties_or_node(request, owner), "the owner of these records")

    def resolve(record_id: str, _: dict[str, Any]) -> dict[str, Any] | None:
        rec = node.store.get(sk.record(record_id))
        return {"record": record_id, **rec} if rec else None
    return json_response(_listing(node, sk.by_owner(owner), request, resolve))


def _consent_view(node: LedgerNode, consent_id: str, consent: dict[str, Any]) -> dict[str, Any]:
    view = {"consent": consent_id, **consent, "status": consent_status(consent, node.now(), node.store)}
    if consent.get("max_reads") is not None:  # a limited-use consent: its parties see what is left
        view["reads_left"] = reads_left(consent)
    return view


async def consent(request: Request) -> Response:
    only_params(request, set())
    node = _node(request)
    consent_id = hex_param(request.path_params["consent"], "consent id")
    signer = require_party(request, lambda _: True, "the consent's grantor and grantee")
    entry = node.store.get(sk.consent(consent_id))
    if not parties_or_node(request, *((entry["grantor"], entry["grantee"]) if entry else ()))(signer):
        raise AccessDenied("this query is answered only to the consent's grantor and grantee", code="forbidden")
    if entry is None:
        raise NotFound("no consent with this key on the ledger")
    return json_response(_consent_view(node, consent_id, entry))


async def consents(request: Request) -> Response:
    only_params(request, {"grantor", "grantee", "after", "limit"})
    node = _node(request)
    params = request.query_params
    if ("grantor" in params) == ("grantee" in params):
        raise MalformedError("give exactly one of the query parameters grantor or grantee")
    role = "grantor" if "grantor" in params else "grantee"
    who = hex_param(params.get(role), role)
    require_party(request, parties_or_node(request, who), f"the {role} named")

    def resolve(consent_id: str, _: dict[str, Any]) -> dict[str, Any] | None:
        entry = node.store.get(sk.consent(consent_id))
        return _consent_view(node, consent_id, entry) if entry else None
    prefix = sk.by_grantor(who) if role == "grantor" else sk.by_grantee(who)
    return json_response(_listing(node, prefix, request, resolve))


async def events(request: Request) -> Response:
    only_params(request, {"record", "owner", "requester", "after", "limit"})
    node = _node(request)
    params = request.query_params
    given = [name for name in ("record", "owner", "requester") if name in params]
    if len(given) != 1:
        raise MalformedError("give exactly one of the query parameters record, owner or requester")
    who = hex_param(params.get(given[0]), given[0])
    party: str | None = who
    if given[0] == "record":
        rec = node.store.get(sk.record(who))
        party = rec["owner"] if rec else None
    require_party(request, parties_or_node(request, party), f"the {given[0] if party == who else 'record owner'} named")
    return json_response(_listing(node, sk.events(given[0], who), request))


async def account(request: Request) -> Response:
    """Sequence numbers of a signer: committed, and the next one to use (mempool included)."""
    only_params(request, set())
    return _account(_node(request), hex_param(request.path_params["key"], "account key"))


async def my_account(request: Request) -> Response:
    """The signer's own sequence numbers (the URL names no one)."""
    only_params(request, set())
    return _account(_node(request), require_party(request, lambda _: True, "the account's key"))


def _account(node: LedgerNode, key: str) -> Response:
    committed = node.store.get(sk.account(key))
    pending = node.overlay.get(sk.account(key))
    return json_response({"key": key, "seq": committed["seq"] if committed else 0,
                          "next_seq": (pending["seq"] if pending else 0) + 1})


async def credential_def(request: Request) -> Response:
    only_params(request, set())
    cred_def_id = request.path_params["cred_def_id"]
    if len(cred_def_id) > 200:
        raise MalformedError("credential definition id too long")
    return json_response(_get(_node(request), sk.cred_def(cred_def_id), "credential definition"))


ROUTES = [
    resource("/v1/institutions", get=institutions),
    resource("/v1/institutions/{key}", get=institution),
    resource("/v1/pseudonyms/{key}", get=pseudonym),
    resource("/v1/accounts/{key}", get=account),
    resource("/v1/my/account", get=my_account),
    resource("/v1/records", get=records),
    resource("/v1/records/{record}", get=record),
    resource("/v1/consents", get=consents),
    resource("/v1/consents/{consent}", get=consent),
    resource("/v1/events", get=events),
    resource("/v1/credential-defs/{cred_def_id:path}", get=credential_def),
]
