"""Private queries: learn which pseudonyms have news without telling a node which belong together.

The wallet fetches every new block's compact filter (:mod:`ledger_client.filters`), the
same bytes for every client and without naming anyone, and tests its own pseudonym keys
against them locally. Then, for each pseudonym with activity, it asks for that
pseudonym's data with requests signed by that pseudonym alone, on a connection of its
own (a fresh HTTP session), at ``/v1/my/...`` URLs that name no one. The first such
fetch goes at once (a clinic's read shows within seconds); each other one waits an
independent random delay of up to ``spread`` seconds, and they run side by side, so a
node (or a proxy in front of it) cannot group one refresh's requests by connection, by
signer or by their order. What it still sees is the client's network address (see the
README's trust model: a proxy hides it).
"""

from __future__ import annotations

import base64
import random
import threading
import time
from collections.abc import Callable, Iterable
from typing import TypeVar

from ledger_client.client import LedgerClient
from ledger_client.crypto import SigningKey
from ledger_client.errors import IntegrityError
from ledger_client.filters import BlockFilter

from ..wallet import Wallet

T = TypeVar("T")
SPREAD = 2.0  # seconds: a CLI command waits at most this long for its later fetches
FILTER_PAGE = 1000
SCAN_HEIGHT = "filter_height"  # the meta key: blocks up to here have been tested


def fresh_client(wallet: Wallet) -> LedgerClient:
    """A client on a connection of its own (nothing shared with other queries)."""
    network = wallet.network
    return LedgerClient(network.nodes, ca=network.client.ca)


def matching_keys(client: LedgerClient, keys: Iterable[bytes], start: int,
                  expected: Callable[[int], str | None] | None = None) -> tuple[set[bytes], int]:
    """The keys that some block from ``start`` on touches (or may: 1 in M false positives), and
    the height scanned to. ``expected(height)`` gives the verified hash of a block, when known:
    a filter for another block is refused (a node cannot key filters to hide a match)."""
    wanted, found = set(keys), set[bytes]()
    height = start - 1
    while True:
        page = client.filters(height + 1, FILTER_PAGE)
        for item in page["filters"]:
            if item["height"] != height + 1:
                raise IntegrityError("the node skipped a block's filter")
            known = expected(item["height"]) if expected else None
            if known is not None and known != item["block"]:
                raise IntegrityError(f"the filter of block {item['height']} is keyed to another block")
            block = BlockFilter(item["n"], base64.b64decode(item["filter"]), item["block"])
            found |= set(block.matching(wanted - found))
            height = item["height"]
        if not page["filters"] or height >= page["height"]:
            return found, height


def each_privately(wallet: Wallet, keys: list[SigningKey],
                   fetch: Callable[[LedgerClient, SigningKey], T], spread: float = SPREAD) -> list[T]:
    """``fetch(client, key)`` for every key, each on its own connection and signed by it alone:
    the first at once, the others after independent random delays, side by side. Results
    in the order of ``keys``; the first error is raised once all have finished."""
    order = list(range(len(keys)))
    random.SystemRandom().shuffle(order)
    delays = {index: (0.0 if n == 0 else random.SystemRandom().uniform(0, spread)) for n, index in enumerate(order)}
    results: dict[int, T] = {}
    errors: list[BaseException] = []

    def run(index: int) -> None:
        time.sleep(delays[index])
        client = fresh_client(wallet)
        try:
            results[index] = fetch(client, keys[index])
        except BaseException as exc:  # re-raised in the caller's thread
            errors.append(exc)
        finally:
            client.close()
    threads = [threading.Thread(target=run, args=(i,), name="private-fetch", daemon=True) for i in range(len(keys))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if errors:
        raise errors[0]
    return [results[i] for i in range(len(keys))]


def active_pseudonyms(wallet: Wallet) -> tuple[list[int], int]:
    """Indices of the wallet's pseudonyms touched by blocks after the last scan, and the height
    scanned to (keep it with :func:`mark_scanned` once their news is stored)."""
    rows = wallet.pseudonyms()
    by_key = {bytes.fromhex(row["public"]): row["idx"] for row in rows}
    stored = wallet.db.one("SELECT value FROM meta WHERE key=?", (SCAN_HEIGHT,))
    start = int(stored["value"]) + 1 if stored else 1
    light = wallet.network.light
    client = fresh_client(wallet)
    try:
        found, height = matching_keys(client, by_key, start,
                                      lambda h: light.hashes[h - 1] if h <= light.height else None)
    finally:
        client.close()
    return sorted(by_key[key] for key in found), height


def mark_scanned(wallet: Wallet, height: int) -> None:
    wallet.db.upsert("meta", {"key": SCAN_HEIGHT, "value": str(height)})


def forget_scan(wallet: Wallet) -> None:
    """Scan every block again at the next refresh (a pseudonym was added from before the scan)."""
    wallet.db.execute("DELETE FROM meta WHERE key=?", (SCAN_HEIGHT,))
