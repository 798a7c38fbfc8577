"""An in-memory chain for protocol tests: the consent contract applied block by block
to a :class:`MemoryState`, with fixed keys, a settable clock and small actor helpers.

No node and no I/O: what a real node does in :meth:`LedgerNode.cut_block`, minus SQLite.
"""

from __future__ import annotations

import hashlib
import itertools

from ledger_client.access import AccessRequest, make_access_request
from ledger_client.contract import AdmissionVerifier, BlockContext, execute_block
from ledger_client.crypto import SigningKey
from ledger_client.errors import LedgerError
from ledger_client.genesis import Genesis, make_genesis
from ledger_client.state import MemoryState, state_hash
from ledger_client.tx import SignedTx, make_tx

T0 = 1_700_000_000
GOV = SigningKey(b"\x01" * 32)
PRODUCER = SigningKey(b"\x02" * 32)
_counter = itertools.count(1)


def fixed_key(label: str) -> SigningKey:
    """A deterministic key named by ``label`` (reproducible hypothesis examples)."""
    return SigningKey(hashlib.sha256(b"medwallet-test/" + label.encode()).digest())


def fresh_key() -> SigningKey:
    """A new key, distinct from every other key of the test run."""
    return fixed_key(f"fresh/{next(_counter)}")


def blob_hash(label: str) -> str:
    """A record id (the hash of some imaginary ciphertext)."""
    return hashlib.sha256(b"blob/" + label.encode()).hexdigest()


def make_test_genesis(**kwargs) -> Genesis:
    """A fixed genesis: governance ``GOV``, producer ``PRODUCER``."""
    return make_genesis("test-net", [GOV.public], [PRODUCER.public], T0, nonce="00" * 16, **kwargs)




class MemChain:
    """The consent contract over an in-memory state, one block per :meth:`block` call.

    ``admission`` is the admission-proof verifier the contract is given (none by default).
    """

    def __init__(self, genesis: Genesis | None = None, admission: AdmissionVerifier | None = None) -> None:
        self.genesis = genesis or make_test_genesis()
        self.admission = admission
        self.chain_id = self.genesis.chain_id
        self.state = MemoryState()
        self.blocks: list[tuple[BlockContext, list[SignedTx]]] = []
        self.time = T0

    # --- transactions and blocks ------------------------------------------------------

    def next_seq(self, key: SigningKey) -> int:
        account = self.state.get(f"acct/{key.public}")
        return (account["seq"] if account else 0) + 1

    def tx(self, key: SigningKey, tx_type: str, payload: dict, *, seq: int | None = None,
           time: int | None = None, chain_id: str | None = None) -> SignedTx:
        """Sign a transaction (by default the signer's next one, at the chain's time)."""
        return make_tx(key, chain_id or self.chain_id, tx_type, self.next_seq(key) if seq is None else seq,
                       self.time if time is None else time, payload)

    def block(self, *txs: SignedTx) -> tuple[list[SignedTx], list[tuple[SignedTx, LedgerError]]]:
        """Execute ``txs`` as the next block; keeps the accepted ones."""
        ctx = BlockContext(len(self.blocks) + 1, self.time)
        writes, accepted, rejected = execute_block(self.state, self.genesis, list(txs), ctx, admission=self.admission)
        if accepted:
            self.state.apply(writes.writes)
            self.blocks.append((ctx, accepted))
        return accepted, rejected

    def accept(self, key: SigningKey, tx_type: str, payload: dict, **kwargs) -> SignedTx:
        """Sign and commit one transaction that must be valid."""
        tx = self.tx(key, tx_type, payload, **kwargs)
        _, rejected = self.block(tx)
        assert not rejected, f"{tx_type} refused: {rejected[0][1].code}: {rejected[0][1].message}"
        return tx

    def refuse(self, tx: SignedTx) -> LedgerError:
        """Execute a transaction that must be refused; checks that the state is unchanged."""
        before = self.hash()
        accepted, rejected = self.block(tx)
        assert not accepted, f"{tx.type} was accepted"
        assert self.hash() == before
        return rejected[0][1]

    def hash(self) -> str:
        return state_hash(self.state.items())

    def replay(self) -> str:
        """State hash of a fresh replay of every committed block."""
        state = MemoryState()
        for ctx, txs in self.blocks:
            writes, _, rejected = execute_block(state, self.genesis, txs, ctx, admission=self.admission)
            assert not rejected, rejected[0][1].message
            state.apply(writes.writes)
        return state_hash(state.items())

    # --- actors -----------------------------------------------------------------------

    def institution(self, kind: str = "clinic", key: SigningKey | None = None,
                    node_key: str | None = None) -> SigningKey:
        key = key or fresh_key()
        payload = {"name": f"Inst {key.public[:6]}", "kind": kind, "sign_key": key.public, "box_key": "ab" * 32}
        if node_key:
            payload["node_key"] = node_key
        self.accept(GOV, "register_institution", payload)
        return key

    def patient(self, key: SigningKey | None = None) -> SigningKey:
        key = key or fresh_key()
        self.accept(key, "register_pseudonym", {"box_key": "cd" * 32})
        return key

    def record(self, owner: SigningKey, record: str | None = None, category: str = "document") -> str:
        record = record or blob_hash(f"rec/{next(_counter)}")
        self.accept(owner, "anchor_record", {"record": record, "size": 1234, "category": category})
        return record

    def grant(self, grantor: SigningKey, grantee: SigningKey, records: list[str], purpose: str = "treatment",
              not_before: int | None = None, expires_at: int | None = None, envelope: str | None = None,
              max_reads: int | None = None) -> str:
        payload = {"grantee": grantee.public, "records": records, "purpose": purpose,
                   "not_before": self.time if not_before is None else not_before,
                   "expires_at": self.time + 3600 if expires_at is None else expires_at}
        if envelope:
            payload["envelope"] = envelope
        if max_reads is not None:
            payload["max_reads"] = max_reads
        return self.accept(grantor, "grant_consent", payload).id

    def revoke(self, grantor: SigningKey, consent: str) -> None:
        self.accept(grantor, "revoke_consent", {"consent": consent})

    def request(self, requester: SigningKey, record: str, consent: str | None, purpose: str = "treatment",
                time: int | None = None) -> AccessRequest:
        return make_access_request(requester, self.chain_id, record, consent, purpose,
                                   self.time if time is None else time)

    def event(self, request: AccessRequest, reason: str | None = None, signer: SigningKey = PRODUCER,
              **kwargs) -> SignedTx:
        """An access event (``reason`` None) or a refusal event, signed by ``signer``."""
        if reason is None:
            return self.tx(signer, "access_event", {"request": request.to_json()}, **kwargs)
        return self.tx(signer, "refusal_event", {"request": request.to_json(), "reason": reason}, **kwargs)
