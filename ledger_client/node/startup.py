"""What a node checks before it serves: the cheap part of ``medwallet-node verify``.

Checked at every start, in time independent of the chain's length (the last
:data:`TAIL_BLOCKS` blocks and a few counts): the blocks are numbered without gaps,
the tail's headers hash to their stored hashes, link to each other, carry producer
signatures and commit to their stored transactions (Merkle root, count), each of those
transactions' stored id and position match its bytes, no transaction is stored past the
last block, and the bookkeeping values parse. ``medwallet-node verify`` checks the rest.
"""

from __future__ import annotations

from ..block import Header, verify_signatures
from ..errors import LedgerError, StorageError
from ..genesis import Genesis
from .store import Store
from .verify_rows import check_rows

TAIL_BLOCKS = 8


def check_block_rows(store: Store, height: int, chain_id: str, header: Header) -> None:
    """Check block ``height``'s stored transactions against its header and their stored id
    and position."""
    try:
        check_rows(store.block_rows(height), chain_id, header.body["tx_count"], header.merkle_root)
    except LedgerError as exc:
        raise LedgerError(f"block {height}: {exc.message}") from None


def check_store(store: Store, genesis: Genesis) -> None:
    """Raise :class:`StorageError` naming the damage if the cheap checks fail."""
    try:
        _check(store, genesis)
    except LedgerError as exc:
        raise StorageError(f"the ledger database in {store.path.parent} was modified ({exc.message}); "
                           "run 'medwallet-node verify' and restore it from a backup or another node") from None


def _check(store: Store, genesis: Genesis) -> None:
    height, _, _ = store.head()
    count, low = store.block_count()
    if height and (count != height or low != 1):
        raise LedgerError(f"blocks are missing or renumbered ({count} blocks up to height {height})")
    if store.txs_outside(1, height):
        raise LedgerError("transactions are stored outside the blocks")
    revision = store.meta("etcd_revision")
    if revision is not None and not (revision.isascii() and revision.isdigit()):
        raise LedgerError("the stored ordering position is not a number")
    following = None
    for h in range(height, max(0, height - TAIL_BLOCKS), -1):
        header = store.header(h)
        stored = store.block_hash(h)
        if header is None or header.hash != stored or header.height != h:
            raise LedgerError(f"block {h}'s stored hash does not match its header")
        if following is not None and following.prev != header.hash:
            raise LedgerError(f"block {h + 1} does not link to block {h}")
        if header.body["chain_id"] != genesis.chain_id:
            raise LedgerError(f"block {h} names another network")
        verify_signatures(header, genesis.producers)
        check_block_rows(store, h, genesis.chain_id, header)
        following = header
    if following is not None and following.height == 1 and following.prev != genesis.hash:
        raise LedgerError("block 1 does not link to the genesis")
