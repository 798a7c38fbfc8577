"""The signed-request scheme (``Authorization: Medwallet-Signed``) that metadata queries will
require: a route guarded by :func:`require_party` answers only to the party its rule admits;
an unsigned request gets 401 with a ``WWW-Authenticate`` challenge; a token that is forged,
stale, replayed, for another query or another network gets 401; a signer the rule does not
admit gets 403. The route is mounted for the test only; no route of the node applies a rule
yet (that is the privacy work of issue 15)."""

from __future__ import annotations

import threading
import time

import pytest
import requests
import uvicorn
from starlette.requests import Request

from ledger_client.access import make_request_auth
from ledger_client.client import LedgerClient
from ledger_client.crypto import SigningKey
from ledger_client.errors import AccessDenied, SignatureError
from ledger_client.keyfile import load_key
from ledger_client.node.app import create_app
from ledger_client.node.auth import require_party
from ledger_client.node.datadir import init_datadir
from ledger_client.node.http_util import json_response, resource
from ledger_client.node.ledger import LedgerNode
from tests.nodeproc import free_port

from .actors import assert_error

OWNER = SigningKey.generate()


@pytest.fixture(scope="module")
def guarded(tmp_path_factory):
    """A node in this process with one extra route that answers only to OWNER."""
    data = tmp_path_factory.mktemp("auth") / "node"
    genesis = init_datadir(data)
    node = LedgerNode(genesis, load_key(data / "node.key"), data)
    app = create_app(node)

    async def mine(request: Request):
        signer = require_party(request, lambda key: key == OWNER.public, "the owner of these records")
        return json_response({"signer": signer})
    app.router.routes.append(resource("/v1/test/mine", get=mine))
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=free_port(), log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{server.config.port}"
    for _ in range(200):
        try:
            requests.get(url + "/v1/status", timeout=1)
            break
        except requests.RequestException:
            time.sleep(0.05)
    yield url, genesis.chain_id
    server.should_exit = True
    thread.join(10)


def test_the_admitted_party_is_answered(guarded):
    url, _ = guarded
    assert LedgerClient([url]).get_json("/v1/test/mine", signed_by=OWNER) == {"signer": OWNER.public}


def test_unsigned_is_401_with_a_challenge(guarded):
    url, chain = guarded
    response = requests.get(url + "/v1/test/mine", timeout=10)
    assert_error(response, 401, "bad_signature", "Authorization: Medwallet-Signed")
    assert response.headers["WWW-Authenticate"] == f'Medwallet-Signed realm="medwallet", chain_id="{chain}"'
    with pytest.raises(SignatureError):
        LedgerClient([url]).get_json("/v1/test/mine")


def test_another_signer_is_403(guarded):
    url, _ = guarded
    with pytest.raises(AccessDenied) as exc:
        LedgerClient([url]).get_json("/v1/test/mine", signed_by=SigningKey.generate())
    assert exc.value.code == "forbidden"


@pytest.mark.parametrize("case", ["forged", "stale", "other query", "other network", "other method", "scheme"])
def test_bad_tokens_are_401(guarded, case):
    url, chain = guarded
    now, target = int(time.time()), "/v1/test/mine"
    token = {
        "forged": lambda: make_request_auth(OWNER, chain, "GET", target, now)[:-3] + "AAA",
        "stale": lambda: make_request_auth(OWNER, chain, "GET", target, now - 3600),
        "other query": lambda: make_request_auth(OWNER, chain, "GET", target + "?x=1", now),
        "other network": lambda: make_request_auth(OWNER, "ab" * 32, "GET", target, now),
        "other method": lambda: make_request_auth(OWNER, chain, "POST", target, now),
        "scheme": lambda: "Bearer " + make_request_auth(OWNER, chain, "GET", target, now).split(" ", 1)[1],
    }[case]()
    response = requests.get(url + target, headers={"Authorization": token}, timeout=10)
    assert_error(response, 401, "bad_signature")


def test_a_token_is_used_once(guarded):
    url, chain = guarded
    token = make_request_auth(OWNER, chain, "GET", "/v1/test/mine", int(time.time()))
    assert requests.get(url + "/v1/test/mine", headers={"Authorization": token}, timeout=10).status_code == 200
    assert_error(requests.get(url + "/v1/test/mine", headers={"Authorization": token}, timeout=10), 401,
                 "bad_signature", "already used")
