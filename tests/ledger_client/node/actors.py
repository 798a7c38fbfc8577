"""Acting on a real node over HTTP: a governance key, patients, clinics, records and
consents, plus a snapshot of everything a bad request must leave untouched."""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import time
from dataclasses import dataclass

import requests

from ledger_client.access import AccessRequest, make_access_request, make_upload_auth
from ledger_client.client import LedgerClient, SignedBy
from ledger_client.crypto import SigningKey
from ledger_client.encoding import canonical
from ledger_client.keyfile import load_key
from ledger_client.state import state_hash
from ledger_client.tx import SignedTx, make_tx
from tests.nodeproc import NodeProcess


@dataclass(frozen=True)
class Snapshot:
    """What the ledger holds: blocks, committed state and the persisted mempool."""

    height: int
    head: str | None
    state: str
    mempool: int
    blobs: frozenset[str]


def poll(predicate, timeout: float = 15.0, interval: float = 0.02):
    """Wait until ``predicate()`` is truthy; returns its value."""
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError("condition not reached in time")
        time.sleep(interval)


class Network:
    """A running node and the actors of the tests that use it."""

    def __init__(self, proc: NodeProcess) -> None:
        self.proc = proc
        self.url = proc.url
        self.http = requests.Session()
        self.client = LedgerClient([proc.url], retries=1)
        self.genesis = self.client.genesis()
        self.chain_id = self.genesis.chain_id
        self.gov = proc.governance
        self.node_key = self.client.status()["node_key"]

    # --- raw HTTP ---------------------------------------------------------------------

    def get(self, path: str, signed_by: SigningKey | None = None, **kwargs) -> requests.Response:
        """GET ``path``; ``signed_by`` signs it (``Authorization: Medwallet-Signed``)."""
        auth = SignedBy(signed_by, self.chain_id) if signed_by is not None else None
        return self.http.get(self.url + path, timeout=30, auth=auth, **kwargs)

    @property
    def node_signer(self) -> SigningKey:
        """This network's node key: the metadata API answers it about everyone."""
        return load_key(self.proc.data / "node.key")

    def post(self, path: str, body, **kwargs) -> requests.Response:
        """POST a JSON document (dict or list) or raw bytes as they are."""
        data = canonical(body) if isinstance(body, (dict, list)) else body
        return self.http.post(self.url + path, data=data, timeout=30, **kwargs)

    # --- transactions ---------------------------------------------------------------------

    def sign(self, key: SigningKey, tx_type: str, payload: dict, *, seq: int | None = None,
             at: int | None = None) -> SignedTx:
        seq = self.client.next_seq(key.public) if seq is None else seq
        return make_tx(key, self.chain_id, tx_type, seq, int(time.time()) if at is None else at, payload)

    def commit(self, key: SigningKey, tx_type: str, payload: dict) -> str:
        """Submit a transaction that must commit; returns its id."""
        tx = self.sign(key, tx_type, payload)
        result = self.client.submit(tx, wait=True)
        assert result["status"] == "committed", result
        return tx.id

    # --- actors -------------------------------------------------------------------------------

    def institution(self, kind: str = "clinic", name: str | None = None) -> SigningKey:
        key = SigningKey.generate()
        self.commit(self.gov, "register_institution",
                    {"name": name or f"Clinic {key.public[:8]}", "kind": kind, "sign_key": key.public,
                     "box_key": os.urandom(32).hex()})
        return key

    def patient(self) -> SigningKey:
        key = SigningKey.generate()
        self.commit(key, "register_pseudonym", {"box_key": os.urandom(32).hex()})
        return key

    def upload(self, owner: SigningKey, data: bytes) -> str:
        blob = hashlib.sha256(data).hexdigest()
        response = self.put_blob(owner, blob, len(data), data)
        assert response.status_code == 201, response.text
        return blob

    def put_blob(self, signer: SigningKey, blob: str, size: int, body, offset: int | None = None,
                 at: int | None = None, headers: dict | None = None) -> requests.Response:
        auth = make_upload_auth(signer, self.chain_id, blob, size, int(time.time()) if at is None else at)
        return self.http.put(f"{self.url}/v1/blobs/{blob}", data=body, timeout=60,
                             params={"offset": offset} if offset is not None else None,
                             headers={"X-Medwallet-Upload": auth, **(headers or {})})

    def record(self, owner: SigningKey, data: bytes | None = None, upload: bool = True,
               category: str = "document") -> str:
        """Upload (optionally) and anchor a record; returns its id."""
        data = os.urandom(2048) if data is None else data
        blob = self.upload(owner, data) if upload else hashlib.sha256(data).hexdigest()
        self.commit(owner, "anchor_record", {"record": blob, "size": len(data), "category": category})
        return blob

    def grant(self, patient: SigningKey, clinic: SigningKey, records: list[str], purpose: str = "treatment",
              not_before: int | None = None, expires_at: int | None = None) -> str:
        now = int(time.time())
        return self.commit(patient, "grant_consent", {
            "grantee": clinic.public, "records": records, "purpose": purpose,
            "not_before": now - 60 if not_before is None else not_before,
            "expires_at": now + 3600 if expires_at is None else expires_at})

    def revoke(self, patient: SigningKey, consent: str) -> None:
        self.commit(patient, "revoke_consent", {"consent": consent})

    def access(self, requester: SigningKey, record: str, consent: str | None, purpose: str = "treatment",
               at: int | None = None) -> AccessRequest:
        return make_access_request(requester, self.chain_id, record, consent, purpose,
                                   int(time.time()) if at is None else at)

    def read(self, request: AccessRequest, record: str | None = None) -> requests.Response:
        return self.http.get(f"{self.url}/v1/blobs/{record or request.record}", timeout=30,
                             headers={"X-Medwallet-Access": request.to_header()})

    # --- observation ---------------------------------------------------------------------------

    def settle(self) -> dict:
        """Wait until the mempool is empty; returns the status."""
        return poll(lambda: (s := self.client.status())["pending"] == 0 and s)

    def snapshot(self) -> Snapshot:
        """The ledger as stored, read from the node's database (read-only, beside the node)."""
        status = self.settle()
        db = sqlite3.connect(f"file:{self.proc.data / 'ledger.sqlite'}?mode=ro", uri=True)
        try:
            items = [(k, json.loads(v)) for k, v in db.execute("SELECT key, value FROM state ORDER BY key")]
            mempool = db.execute("SELECT count(*) FROM mempool").fetchone()[0]
        finally:
            db.close()
        blobs = frozenset(p.name for p in (self.proc.data / "blobs").rglob("*") if p.is_file())
        return Snapshot(status["height"], status["head"], state_hash(items), mempool, blobs)

    def tx(self, tx_id: str) -> dict:
        return self.client.tx_status(tx_id)


def assert_error(response: requests.Response, status: int, code: str | None = None, *mentions: str) -> dict:
    """A clear error as RFC 9457 problem details: the status, ``type``/``title``/``status``/
    ``detail``, the previous release's ``{"error", "message"}`` members, and the words it must name."""
    assert response.status_code == status, (response.status_code, response.text)
    assert response.headers["content-type"] == "application/problem+json", response.headers
    doc = response.json()
    assert isinstance(doc.get("error"), str) and isinstance(doc.get("message"), str) and doc["message"], doc
    assert doc["status"] == status and doc["detail"] == doc["message"] and doc["title"], doc
    assert doc["type"] == f"/problems/{doc['error']}", doc
    if status == 401:
        assert response.headers["WWW-Authenticate"].startswith("Medwallet-"), response.headers
    if status in (429, 503) and "Retry-After" in response.headers:
        assert response.headers["Retry-After"].isdigit()
    if code is not None:
        assert doc["error"] == code, doc
    for word in mentions:
        assert word in doc["message"], (word, doc)
    return doc
