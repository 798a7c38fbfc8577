"""A little fuzzing of the HTTP API: no input may make the node answer 5xx.

Two generators: schemathesis, driven by the node's own /openapi.json (when installed;
its pytest plugin does not work with pytest 9, so its strategies are used directly),
and plain hypothesis posting random JSON and bytes to every route.
"""

from __future__ import annotations

import os
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ledger_client.encoding import canonical
from ledger_client.node.openapi import build_openapi

pytestmark = pytest.mark.slow

# A few examples per route in the suite; MEDWALLET_FUZZ_EXAMPLES=500 for a long hunt.
FUZZ = settings(max_examples=int(os.environ.get("MEDWALLET_FUZZ_EXAMPLES", "8")), deadline=None, database=None,
                suppress_health_check=list(HealthCheck))
OPERATIONS = sorted((method.upper(), path) for path, ops in build_openapi()["paths"].items() for method in ops)


@pytest.fixture(scope="module")
def api_schema(net):
    schemathesis = pytest.importorskip("schemathesis")
    return schemathesis.openapi.from_url(net.url + "/openapi.json")


@pytest.mark.parametrize("method, path", OPERATIONS)
def test_schemathesis_finds_no_server_error(api_schema, method, path):
    from schemathesis.checks import not_a_server_error

    @given(api_schema[path][method].as_strategy())
    @FUZZ
    def run(case):
        case.call_and_validate(checks=[not_a_server_error])
    run()


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=30),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=20,
)
PARAMS = st.sampled_from(["wait", "timeout", "from", "count", "limit", "after", "owner", "grantor", "record",
                          "offset", "x"])
SEGMENT = st.sampled_from(["ab" * 32, "0", "-1", "%00", "%C2%B2", "x" * 300, "AB" * 32, "1e3", ""]) | st.text(
    st.characters(codec="ascii", exclude_characters="/?#%"), max_size=70)


def _body(value) -> bytes:
    if isinstance(value, bytes):
        return value
    try:
        return canonical(value)
    except (TypeError, ValueError):
        return repr(value).encode()


@pytest.mark.parametrize("method, path", OPERATIONS)
def test_random_input_finds_no_server_error(net, method, path):
    @given(body=JSON | st.binary(max_size=200), segment=SEGMENT,
           params=st.dictionaries(PARAMS, st.text(max_size=12), max_size=3),
           header=st.text(st.characters(codec="ascii", min_codepoint=33, max_codepoint=126), max_size=200))
    @FUZZ
    def run(body, segment, params, header):
        url = net.url + re.sub(r"\{\w+\}", lambda _: segment, path)
        headers = {"X-Medwallet-Access": header, "X-Medwallet-Upload": header, "Content-Type": "application/json"}
        response = net.http.request(method, url, params=params, data=_body(body), headers=headers, timeout=30)
        assert response.status_code < 500, (method, url, response.status_code, response.text)
        if response.status_code >= 400:
            doc = response.json()
            assert set(doc) >= {"error", "message"}
    run()
