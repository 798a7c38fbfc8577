"""The emergency set's pseudonym, against an operator who logs every request in front of
the node (the linker test's proxy) and reads the whole ledger: the patient imports records,
marks an emergency set, reads its status and vetoes a request, and still no URL names the set's
pseudonym, no connection carries it beside another of the patient's keys, and no ledger
field ties it to the vault."""

from __future__ import annotations

import json
import sqlite3

import requests

from tests.nodeproc import new_network
from tests.wallet.conftest import PASSPHRASE
from tests.wallet.core.fhir.bundle_gen import write_bundle
from tests.wallet.proxy_log import LoggingProxy
from wallet.core import importing
from wallet.core.desks.clinic import ClinicDesk
from wallet.core.emergency import patient as emergency
from wallet.core.emergency import requester
from wallet.core.keys.sodium import ARGON2_MIN
from wallet.core.wallet import Wallet


def test_an_operator_cannot_link_the_emergency_pseudonym(tmp_path):
    proc = new_network(tmp_path / "node").start()
    chain_id = requests.get(proc.url + "/v1/status", timeout=5).json()["chain_id"]
    proxy = LoggingProxy(proc.url, chain_id).start()
    try:
        from ledger_client.client import LedgerClient
        client = LedgerClient([proc.url])
        client.submit_signed(proc.governance, "emergency_policy", {
            "institutions": [], "kinds": ["hospital"], "delay": 3600, "open_for": 3600, "threshold": 1,
            "nodes": [client.status()["node_key"]]})
        wallet, _ = Wallet.create(tmp_path / "w", passphrase=PASSPHRASE, use_keyring=False, nodes=[proxy.url],
                                  kdf_limits=ARGON2_MIN)
        src = tmp_path / "p.json"
        write_bundle(src, 8, style="collection", seed=9)
        importing.import_file(wallet, src, split=True)
        marked = emergency.mark(wallet, [])
        desk = ClinicDesk.create(tmp_path / "er", "ER", "hospital", [proc.url], passphrase=PASSPHRASE,
                                 use_keyring=False, kdf_limits=ARGON2_MIN)
        desk.register(proc.governance)
        request = requester.request(desk, emergency.card_text(wallet), "unconscious")
        emergency.status(wallet)
        emergency.decide(wallet, request, "veto")
        set_key = marked.pseudonym
        others = {row["public"] for row in wallet.pseudonyms()} - {set_key}
        assert others  # the vault signed the imports
        log = proxy.log
        assert not [e for e in log if set_key in e["path"] or set_key in e["query"]]
        by_conn: dict[str, set[str]] = {}
        for entry in log:
            by_conn.setdefault(entry["conn"], set()).update(entry["keys"])
        assert any(set_key in keys for keys in by_conn.values())  # the set's own traffic was seen
        assert not [keys for keys in by_conn.values() if set_key in keys and keys & others]
        db = sqlite3.connect(f"file:{proc.data / 'ledger.sqlite'}?mode=ro", uri=True)
        try:
            for key, value in db.execute("SELECT key, value FROM state"):
                if set_key in key or set_key in value:
                    assert not any(other in key or other in value for other in others), key
        finally:
            db.close()
        assert json.dumps(emergency.status(wallet)["set"]["pseudonym"]) == json.dumps(set_key)
        desk.close()
        wallet.close()
    finally:
        proxy.stop()
        proc.stop()
