"""The node's OpenAPI description: a valid OpenAPI 3.1 document (openapi-spec-validator)
with an id for every operation, components, security schemes and every status each
operation can answer; and exactly as strict as the node's validators: a schemathesis run
with positive and negative data and all its checks finds nothing.

The one thing JSON Schema cannot say is the size of a transaction's canonical bytes
(65,536 at most), so a schema-valid transaction larger than that is refused with 413; the
run is told so."""

from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest
from openapi_spec_validator import validate

from ledger_client.node.openapi import build_openapi

CONFIG = """
[checks.positive_data_acceptance]
expected-statuses = ["2xx", "3xx", "401", "403", "404", "409", "413", "429", "5xx"]
"""


def test_the_description_is_valid_and_complete():
    spec = build_openapi("ab" * 32)
    validate(spec)
    ids = [op["operationId"] for ops in spec["paths"].values() for op in ops.values()]
    assert len(ids) == len(set(ids)) == sum(len(ops) for ops in spec["paths"].values())
    assert set(spec["components"]["securitySchemes"]) == {"signedRequest", "accessRequest", "uploadAuth", "nodeAuth"}
    assert spec["components"]["responses"]["E401"]["headers"]["WWW-Authenticate"]["required"]
    assert "Retry-After" in spec["components"]["responses"]["E429"]["headers"]
    for path, ops in spec["paths"].items():
        for method, op in ops.items():
            statuses = set(op["responses"])
            assert {"400", "429", "500", "503"} <= statuses, (method, path)
            if any(p["in"] == "header" for p in op["parameters"]):
                assert "401" in statuses and op.get("security"), (method, path)
            for code, response in op["responses"].items():
                if code.startswith(("4", "5")):
                    assert response["$ref"].endswith(f"E{code}")


def test_the_published_chain_id_pins_the_network(shared_node):
    import requests
    spec = requests.get(shared_node.url + "/openapi.json", timeout=10).json()
    chain = requests.get(shared_node.url + "/v1/status", timeout=10).json()["chain_id"]
    variants = spec["components"]["schemas"]["SignedTx"]["oneOf"]
    assert all(v["properties"]["tx"]["properties"]["chain_id"] == {"const": chain} for v in variants)


# Schemathesis's coverage phase enumerates boundary values of every keyword, and the body of
# POST /v1/tx (and /v1/tx/batch) is a oneOf over every transaction kind: on this machine that one
# phase took more than 300 s for each of the two operations (and grows with each kind the contract
# gets), against 27 s for the other 40 operations with every phase. The two submission operations
# are therefore fuzzed with many more examples, positive and negative, instead of enumerated.
SUBMISSIONS = "^/v1/tx(/batch)?$"


def _schemathesis(node, config, examples: int, *options: str) -> str:
    result = subprocess.run(
        [os.path.join(os.path.dirname(sys.executable), "schemathesis"), "--config-file", str(config), "run",
         node.url + "/openapi.json", "--checks", "all", "--mode", "all", "-n", str(examples), "--seed", "16",
         "--suppress-health-check", "all", "--no-color", *options],
        capture_output=True, text=True, timeout=600)
    report = result.stdout[-6000:]
    assert result.returncode == 0, report
    assert re.search(r"\d+ generated, \d+ passed", report) and "Failures:" not in report, report
    return report


@pytest.mark.slow
def test_schemathesis_with_all_checks_finds_nothing(node, tmp_path):
    if not os.path.exists(os.path.join(os.path.dirname(sys.executable), "schemathesis")):
        pytest.skip("schemathesis is not installed")
    config = tmp_path / "schemathesis.toml"
    config.write_text(CONFIG)
    examples = int(os.environ.get("MEDWALLET_FUZZ_EXAMPLES", "8"))
    _schemathesis(node, config, examples, "--exclude-path-regex", SUBMISSIONS)  # every phase
    report = _schemathesis(node, config, examples * 10, "--include-path-regex", SUBMISSIONS,
                           "--phases", "examples,fuzzing,stateful")
    assert "Tested: 2" in report, report  # both submission operations ran
