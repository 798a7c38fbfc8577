"""Each block's compact filter (:mod:`ledger_client.filters`), built when the block commits.

The node stores a block's filter in the same write batch as the block, so a filter
request is a read. A filter depends on the block's transactions and on who owns the ids
they name, looked up in the state just after the block: a record's owner, a key
envelope's or a consent's grantor, a SMART Health Link's patient, a break-glass request's
emergency set. Those entries are never deleted and their owner never changes, and a
transaction names only ids that exist by the end of its block, so the same lookups in any later state give the same
filter: an upgrade builds the filters of old blocks from the state it finds, and
``medwallet-node verify`` rebuilds each from its replay and compares.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from .. import state_keys as sk
from ..filters import block_keys, build
from ..state import StateView
from ..tx import SignedTx


def owner_lookup(state: StateView) -> Callable[[str], str | None]:
    """The patient a named id belongs to, in ``state`` (None for anything else). A refusal
    at a revoked consent's envelope names only the envelope and the consent, and must still
    reach its patient; a release or a decision names the break-glass request, which must reach
    the pseudonym of its emergency set."""
    def owner_of(key: str) -> str | None:
        for prefix, field in ((sk.record, "owner"), (sk.envelope, "grantor"), (sk.consent, "grantor"),
                              (sk.link, "owner"), (sk.emergency_request, "set")):
            entry = state.get(prefix(key))
            if entry:
                return str(entry[field])
        return None
    return owner_of


def filter_of_docs(docs: Iterable[dict[str, Any]], block_hash: str, state: StateView) -> tuple[int, bytes]:
    """The filter of a block given its transactions as parsed leaves (``{"tx": ..., "sig": ...}``)."""
    return build(block_keys(docs, owner_lookup(state)), block_hash)


def filter_of_txs(txs: Iterable[SignedTx], block_hash: str, state: StateView) -> tuple[int, bytes]:
    """The filter of a block given its transactions."""
    return filter_of_docs(({"tx": tx.body} for tx in txs), block_hash, state)
