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
import os
import random
import re
import sqlite3
import time
from collections import defaultdict
from collections.abc import Callable
from functools import partial

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


def _refresh(wallet: Wallet) -> None:
    trail.refresh(wallet)
    grants.list_grants(wallet)


def _run_timeline(timeline) -> list[tuple[float, float, float]]:
    """Run the actions in their timeline's order, back to back; each one's (moment, real start, real end)."""
    spans = []
    for at, _what, action in sorted(timeline, key=lambda item: item[0]):
        started = time.time()
        action()
        spans.append((at, started, time.time()))
    return spans


def _action_of(at: float, spans) -> float:
    """The moment of the action a timeline moment falls in (the latest that began before it)."""
    return max((moment for moment, _s, _e in spans if moment <= at), default=spans[0][0])


def _on_timeline(log, spans) -> list[tuple[float, dict]]:
    """Each logged request at its place on the timeline: its action's moment plus its real offset in it."""
    placed = []
    for entry in log:
        moment, started, _ended = max((s for s in spans if s[1] <= entry["time"]), key=lambda s: s[1],
                                      default=spans[0])
        placed.append((moment + max(0.0, entry["time"] - started), entry))
    return sorted(placed, key=lambda item: item[0])


def test_a_node_operator_links_no_two_pseudonyms_of_a_patient(world, tmp_path):
    proc, proxy = world
    clinics = []
    for n in range(3):
        desk = ClinicDesk.create(tmp_path / f"desk{n}", f"Clinic {n}", "clinic", [proxy.url], passphrase=PASSPHRASE,
                                 use_keyring=False, kdf_limits=ARGON2_MIN)
        desk.register(proc.governance)
        clinics.append(desk)
    # The sessions on a timeline of their own (seconds), as a real week of three patients
    # would run it: each wallet's pool filled by the keeper's own delays (pool.next_delay,
    # 20 s to 3 min after the window opens, then 1 to 10 min apart, later when the patient
    # is busy), the grants minutes to an hour after. Time is compressed: the actions run back
    # to back, and every request is placed on the timeline at its action's moment plus its
    # real offset within the action (:func:`_on_timeline`).
    seed = int.from_bytes(os.urandom(4), "big")
    rng = random.Random(seed)
    wallets: list[Wallet] = []
    records: dict[int, list[str]] = {}
    codes, windows = [], []
    timeline: list[tuple[float, str, Callable[[], None]]] = []

    def create(n: int) -> None:
        wallets.append(Wallet.create(tmp_path / f"w{n}", passphrase=PASSPHRASE, use_keyring=False,
                                     nodes=[proxy.url], kdf_limits=ARGON2_MIN)[0])

    def import_one(n: int, k: int) -> None:
        records.setdefault(n, []).append(importing.import_file(
            wallets[n], write_pdf(tmp_path / f"p{n}-{k}.pdf", 1500 + 700 * k)).record)

    def fill(n: int) -> None:  # what the keeper (window) or the background checker (command line) does
        pool.register_one(wallets[n])

    def give(n: int, step: int) -> None:
        clinic = clinics[(n + step) % 3]
        started = time.time()
        granted = grants.grant(wallets[n], clinic.key.public, records[n][: step + 1], "treatment",
                               int(time.time()) + 3600)
        windows.append((started, time.time()))
        codes.append((clinic, granted.code))

    for n in range(3):  # wallets created in order (the list's index is the patient's)
        opened = n * 600.0 + rng.uniform(0, 600)
        timeline.append((opened, "create", partial(create, n)))
        busy = [opened + rng.uniform(10, 120)]
        busy.append(busy[0] + rng.uniform(5, 60))
        timeline += [(busy[k], "import", partial(import_one, n, k)) for k in range(2)]
        at = opened + pool.next_delay(first=True)
        for member in range(pool.POOL_SIZE):
            if member:
                at += pool.next_delay()
            while any(abs(at - b) < 30 for b in busy):  # the patient is busy: the keeper looks again later
                at += rng.uniform(*pool.BUSY_RETRY_S)
            timeline.append((at, "pool", partial(fill, n)))
        first_grant = at + rng.uniform(60, 3600)
        timeline += [(first_grant, "grant", partial(give, n, 0)),
                     (first_grant + rng.uniform(30, 300), "grant", partial(give, n, 1))]
    spans = _run_timeline(timeline)
    registrations = [e["time"] for e in proxy.log if "register_pseudonym" in e["tx_types"]]
    assert len(registrations) == 3 * (1 + pool.POOL_SIZE)  # each vault and each pool member, nothing more
    during = [(t, w) for t in registrations for w in windows if w[0] <= t <= w[1]]
    assert not during, during  # no registration within any grant's submission window
    later = max(at for at, _, _ in timeline)
    after: list[tuple[float, str, Callable[[], None]]] = []
    for k, (clinic, code) in enumerate(codes):
        after.append((later + rng.uniform(300, 7200), "read",
                      partial(clinic.read, decode_grant(code), tmp_path / f"read{k}")))
    for wallet in wallets:
        after.append((later + rng.uniform(7200, 14400), "refresh", partial(_refresh, wallet)))
    spans += _run_timeline(after)
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
    # 5. Time windows: requests closer than ``window`` on the timeline form one burst.
    placed = _on_timeline(proxy.log, spans)
    timing, linked_by_time = {}, {}
    for window in (0.25, 1.0, 3.0):
        bursts, current, last = [], set(), None
        for at, entry in placed:
            if last is not None and at - last > window:
                bursts.append(current)
                current = set()
            current |= keys_of(entry) & patients
            last = at
        bursts.append(current)
        linked_by_time[window] = _pairs(bursts)
        timing[window] = _score(linked_by_time[window], truth, patients)
    # 6. Registrations alone, by time: two registrations closer than ``window`` are one patient's.
    registered = [(at, keys_of(entry) & patients) for at, entry in placed if "register_pseudonym" in entry["tx_types"]]
    by_registration = {}
    for window in (0.25, 1.0, 3.0, 10.0, 60.0, 600.0):
        near = [a | b for (ta, a), (tb, b) in itertools.combinations(registered, 2) if abs(ta - tb) <= window]
        by_registration[window] = _score(_pairs(near), truth, patients)
    all_registered = set().union(*(keys for _, keys in registered))
    chance = len(_pairs(truth_groups) & _pairs([all_registered])) / max(1, len(_pairs([all_registered])))
    # What one action (a grant, an import, a read) names together: the bound a session sets.
    by_action = defaultdict(set)
    for at, entry in placed:
        by_action[_action_of(at, spans)] |= keys_of(entry) & patients
    one_session = _pairs(by_action.values())
    figures = {"seed": seed, "pairs": len(truth), "requests": len(proxy.log), "connections": len(by_conn),
               "by_connection": conn_links, "url_lines": len(url_lines), "by_shared_field": field_links,
               "node_log_keys": len(logged), "by_time_window": {str(k): v for k, v in timing.items()},
               "registrations_by_time": {str(k): v for k, v in by_registration.items()},
               "registration_chance": round(chance, 3)}
    print("linker figures (true links, false links):", json.dumps(figures))
    assert registrations  # (the count above: each vault and each pool member)
    for window in (0.25, 1.0, 3.0, 10.0):  # below the keeper's least delay (20 s): nothing, whatever the draw
        assert by_registration[window][0] == 0, figures
    for window, linked in linked_by_time.items():  # timing links only what one action names together
        assert (linked & truth) <= one_session, (window, figures)
    pool_left = set().union(*truth_groups) - set().union(*in_use)
    assert not any(pair & pool_left for pair in linked_by_time[3.0] & truth), figures
    assert conn_links[0] == 0, figures
    assert not url_lines, url_lines[:3]
    assert field_links[0] == 0, figures
    assert not logged, figures
