"""The adversary: a curious node operator who holds the node's disk (its SQLite ledger and
state, its blobs), the whole ledger, the node's own debug log, and the log of a reverse
proxy in front of it (method, path, query, client address and connection, time, and every
key a request carries: signed tokens, upload authorisations, access requests,
transactions). Three patients and three clinics run interleaved sessions (import, grant
to two clinics each, clinic reads, the patient's audit and grant refresh); the linker then
tries to link each patient's pseudonyms. Each wallet registers its pool of pseudonyms ahead
of time (wallet.core.pool), interleaved with the others, so that no grant registers one.

Asserted: no registration falls within a grant's submission window; no strategy below
links any pair of one patient's pseudonyms: by connection, by a pseudonym in a URL, by
shared ledger fields, by the node's log. Measured and printed
(not asserted, see the README's trust model): grouping by time window, which a patient
defeats only with cover traffic from others or by waiting longer than a CLI may.
Sizes are the padding's own adversary test (tests/wallet/core/records)."""

from __future__ import annotations

import itertools
import json
import re
import sqlite3
import time
from collections import defaultdict

import pytest
import requests

from ledger_client.tx import tx_id
from tests.nodeproc import new_network
from tests.wallet.files import write_pdf
from tests.wallet.proxy_log import LoggingProxy
from wallet.core import importing, pool
from wallet.core.audit import trail
from wallet.core.consent import grants
from wallet.core.consent.grant_code import decode_grant
from wallet.core.desks.clinic import ClinicDesk
from wallet.core.keys.sodium import ARGON2_MIN
from wallet.core.wallet import Wallet

HEX = re.compile(r"[0-9a-f]{64}")
PASSPHRASE = "linker test passphrase"


@pytest.fixture
def world(tmp_path):
    proc = new_network(tmp_path / "node")
    proc.extra_args += ["--log-level", "debug", "--log-format", "json"]
    proc.start()
    chain_id = proc_chain(proc)
    proxy = LoggingProxy(proc.url, chain_id).start()
    yield proc, proxy
    proxy.stop()
    proc.stop()


def proc_chain(proc) -> str:
    return requests.get(proc.url + "/v1/status", timeout=5).json()["chain_id"]


def _pairs(groups) -> set[frozenset[str]]:
    out = set()
    for group in groups:
        out |= {frozenset(p) for p in itertools.combinations(sorted(group), 2)}
    return out


def _score(linked: set[frozenset[str]], truth: set[frozenset[str]], patients: set[str]) -> tuple[int, int]:
    linked = {p for p in linked if p <= patients}
    return len(linked & truth), len(linked - truth)


def _ledger(proc) -> tuple[dict[str, str], list[dict]]:
    """From the node's disk: who owns/signed each id, and every consent."""
    db = sqlite3.connect(f"file:{proc.data / 'ledger.sqlite'}?mode=ro", uri=True)
    try:
        owner: dict[str, str] = {}
        consents = []
        for key, value in db.execute("SELECT key, value FROM state"):
            doc = json.loads(value)
            if key.startswith("rec/"):
                owner[key[4:]] = doc["owner"]
            elif key.startswith("cons/"):
                owner[key[5:]] = doc["grantor"]
                consents.append(doc)
        for (leaf,) in db.execute("SELECT leaf FROM txs"):
            tx = json.loads(leaf)
            body = tx["tx"]
            owner.setdefault(tx_id(body), body["signer"])
    finally:
        db.close()
    return owner, consents


def test_a_node_operator_links_no_two_pseudonyms_of_a_patient(world, tmp_path):
    proc, proxy = world
    clinics = []
    for n in range(3):
        desk = ClinicDesk.create(tmp_path / f"desk{n}", f"Clinic {n}", "clinic", [proxy.url], passphrase=PASSPHRASE,
                                 use_keyring=False, kdf_limits=ARGON2_MIN)
        desk.register(proc.governance)
        clinics.append(desk)
    wallets = [Wallet.create(tmp_path / f"w{n}", passphrase=PASSPHRASE, use_keyring=False, nodes=[proxy.url],
                             kdf_limits=ARGON2_MIN)[0] for n in range(3)]
    records = {}
    for n, wallet in enumerate(wallets):  # interleaved sessions: each step for every patient in turn
        records[n] = [importing.import_file(wallet, write_pdf(tmp_path / f"p{n}-{k}.pdf", 1500 + 700 * k)).record
                      for k in range(2)]
    for _ in range(pool.POOL_SIZE):  # the pools filled ahead of time, one wallet's registration after another's
        for wallet in wallets:
            pool.register_one(wallet)
    codes, windows = [], []
    for step in range(2):
        for n, wallet in enumerate(wallets):
            clinic = clinics[(n + step) % 3]
            started = time.time()
            granted = grants.grant(wallet, clinic.key.public, records[n][: step + 1], "treatment",
                                   int(time.time()) + 3600)
            windows.append((started, time.time()))
            codes.append((clinic, granted.code))
    registrations = [e["time"] for e in proxy.log if "register_pseudonym" in e["tx_types"]]
    assert len(registrations) == 3 * (1 + pool.POOL_SIZE)  # each vault and each pool member, nothing more
    during = [(t, w) for t in registrations for w in windows if w[0] <= t <= w[1]]
    assert not during, during  # no registration within any grant's submission window
    for k, (clinic, code) in enumerate(codes):
        clinic.read(decode_grant(code), tmp_path / f"read{k}")
    for wallet in wallets:
        trail.refresh(wallet)
        grants.list_grants(wallet)
    for wallet in wallets:  # the reads show in every patient's audit
        assert trail.events(wallet, outcome="access")

    truth_groups = [{row["public"] for row in w.pseudonyms() if row["registered_tx"]} for w in wallets]
    truth = _pairs(truth_groups)  # the pool's unused pseudonyms are the patient's too
    patients = set().union(*truth_groups)
    in_use = [{row["public"] for row in w.pseudonyms() if row["registered_tx"] and row["role"] != pool.POOL_ROLE}
              for w in wallets]
    assert all(len(g) == 3 for g in in_use)  # the vault and one pseudonym for each of two clinics
    assert all(len(g) == 3 + pool.POOL_SIZE - 2 for g in truth_groups)  # and the pool's unused rest
    owner, consents = _ledger(proc)

    def keys_of(entry) -> set[str]:
        named = set(HEX.findall(entry["path"] + "?" + entry["query"]))
        return set(entry["keys"]) | named | {owner[h] for h in named if h in owner}

    # 1. Grouping by connection (what one keep-alive connection carried).
    by_conn = defaultdict(set)
    for entry in proxy.log:
        by_conn[entry["conn"]] |= keys_of(entry)
    conn_links = _score(_pairs(by_conn.values()), truth, patients)
    # 2. A pseudonym in a URL (any access-log line).
    url_lines = [e for e in proxy.log if set(HEX.findall(e["path"] + e["query"])) & patients]
    # 3. Shared ledger fields: consents of different grantors naming one record or envelope.
    by_field = defaultdict(set)
    for consent in consents:
        for value in consent["records"] + [consent.get("envelope")]:
            if value:
                by_field[value] |= {consent["grantor"], owner.get(value, consent["grantor"])}
    field_links = _score(_pairs(by_field.values()), truth, patients)
    # 4. The node's own log, at debug level.
    node_log = (proc.data / "node.log").read_text()
    logged = {k for k in patients if k in node_log}
    # 5. Time windows (measured): requests closer than ``window`` form one burst.
    timing = {}
    for window in (0.25, 1.0, 3.0):
        bursts, current, last = [], set(), None
        for entry in sorted(proxy.log, key=lambda e: e["time"]):
            if last is not None and entry["time"] - last > window:
                bursts.append(current)
                current = set()
            current |= keys_of(entry) & patients
            last = entry["time"]
        bursts.append(current)
        timing[window] = _score(_pairs(bursts), truth, patients)
    figures = {"pairs": len(truth), "requests": len(proxy.log), "connections": len(by_conn),
               "by_connection": conn_links, "url_lines": len(url_lines), "by_shared_field": field_links,
               "node_log_keys": len(logged), "by_time_window": {str(k): v for k, v in timing.items()}}
    print("linker figures (true links, false links):", json.dumps(figures))
    assert conn_links[0] == 0, figures
    assert not url_lines, url_lines[:3]
    assert field_links[0] == 0, figures
    assert not logged, figures
