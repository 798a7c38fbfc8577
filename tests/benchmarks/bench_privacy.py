"""The filter-based refresh beside the per-pseudonym query it replaces, on a grown node.

Grows a real node's data by ``--txs`` presigned transactions (bench_scale's patient mix:
a registration, six anchors and three consents each), of which 20 pseudonyms are one
wallet's. The growth goes through the node's own ledger code (:meth:`LedgerNode.apply_entry`:
every signature verified, the contract run, each block's header and filter built and stored
as the running node does), in blocks of ``--block`` transactions, with the node stopped, then
the node process starts on that data and answers over HTTP (``--via-http`` grows it through
the API instead: a few hundred transactions a second on a loaded machine). Then measures,
from a cold wallet (nothing scanned yet):

* filter refresh: every block's compact filter fetched (``/v1/filters``, names no one),
  the 20 keys tested locally, then each matching pseudonym's ``/v1/my/events`` asked on a
  connection of its own (no random delays here: the delays are waiting, not work);
* per-pseudonym query (what it replaces): ``/v1/events?owner=`` for each of the 20, signed,
  back to back on one connection (the linkable way).

The node builds each block's filter when it commits the block and stores it beside it, so
a filter request is a read: the refresh is timed twice (the first after the growth, then
again), with bytes received. Prints a table, then one JSON object.

    python tests/benchmarks/bench_privacy.py [--txs 1000000]
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))

import requests

from ledger_client import crypto
from ledger_client.client import LedgerClient
from ledger_client.encoding import canonical
from ledger_client.keyfile import load_key
from ledger_client.node.datadir import load_genesis
from ledger_client.node.ledger import LedgerNode
from ledger_client.tx import make_tx, parse_tx_bytes
from tests.benchmarks.bench_scale import ingest, presign, start_presigning_node
from wallet.core.audit.scan import matching_keys

WALLET_KEYS = 20


class Counting(requests.Session):
    """A session that counts the bytes of every response body it receives."""

    received = 0

    def request(self, *args, **kwargs):  # type: ignore[override]
        response = super().request(*args, **kwargs)
        Counting.received += len(response.content)
        return response


def wallet_txs(chain: str, clinic: str, keys: list[crypto.SigningKey]) -> list[bytes]:
    now, out = int(time.time()), []
    for key in keys:
        out.append(canonical(make_tx(key, chain, "register_pseudonym", 1, now, {"box_key": "cd" * 32}).to_json()))
        record = os.urandom(32).hex()
        out.append(canonical(make_tx(key, chain, "anchor_record", 2, now,
                                     {"record": record, "size": 4096, "category": "lab"}).to_json()))
    return out


def grow_directly(data: Path, txs: list[bytes], block: int) -> list[float]:
    """Commit ``txs`` as blocks of ``block`` through the node's own ledger code (the node process
    stopped); committed tx/s over each tenth."""
    genesis = load_genesis(data, None)
    node = LedgerNode(genesis, load_key(data / "node.key"), data)
    tenth = max(1, len(txs) // 10)
    rates, started, done_at = [], time.perf_counter(), 0
    try:
        for start in range(0, len(txs), block):
            batch = [parse_tx_bytes(raw, genesis.chain_id) for raw in txs[start:start + block]]
            if node.apply_entry(batch, int(time.time())) is None:
                raise SystemExit(f"the block at {start} was refused whole")
            done = min(start + block, len(txs))
            if done - done_at >= tenth or done == len(txs):
                now = time.perf_counter()
                rates.append((done - done_at) / (now - started))
                started, done_at = now, done
    finally:
        node.store.close()
    return rates


def filter_refresh(url: str, keys: list[crypto.SigningKey]) -> tuple[float, int, int]:
    Counting.received = 0
    t0 = time.perf_counter()
    client = LedgerClient([url], session=Counting())
    found, _ = matching_keys(client, {bytes.fromhex(k.public): k for k in keys}, 1)
    for key in keys:
        if bytes.fromhex(key.public) in found:
            own = LedgerClient([url], session=Counting())
            own.my_events(key)
            own.close()
    return time.perf_counter() - t0, Counting.received, len(found)


def per_pseudonym(url: str, keys: list[crypto.SigningKey]) -> tuple[float, int]:
    Counting.received = 0
    t0 = time.perf_counter()
    client = LedgerClient([url], session=Counting())
    for key in keys:
        client.events(key, owner=key.public)
    return time.perf_counter() - t0, Counting.received


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--txs", type=int, default=1_000_000, help="transactions to grow the node by")
    parser.add_argument("--block", type=int, default=5000, help="transactions a block (direct growth)")
    parser.add_argument("--via-http", action="store_true", help="grow through the node's API (slow)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="bench-privacy-") as tmp:
        data = Path(tmp) / "node"
        proc, client, chain, clinic = start_presigning_node(data, "Bench clinic")
        try:
            keys = [crypto.SigningKey.generate() for _ in range(WALLET_KEYS)]
            txs = presign(chain, clinic.public, args.txs // 10 * 10)
            middle = len(txs) // 2
            txs = txs[:middle] + wallet_txs(chain, clinic.public, keys) + txs[middle:]
            if args.via_http:
                rates = ingest(proc.url, txs)
            else:
                proc.stop()
                rates = grow_directly(data, txs, args.block)
                proc.start(timeout=600)
            status = client.status()
            cold = filter_refresh(proc.url, keys)
            warm = filter_refresh(proc.url, keys)
            query = per_pseudonym(proc.url, keys)
        finally:
            proc.stop()
    figures = {"txs": len(txs), "blocks": status["height"], "pseudonyms": WALLET_KEYS,
               "filter_refresh_first_s": round(cold[0], 2), "filter_refresh_again_s": round(warm[0], 2),
               "filter_refresh_bytes": warm[1], "filter_matched": warm[2],
               "filter_bytes_per_tx": round(warm[1] / len(txs), 2),
               "per_pseudonym_query_s": round(query[0], 3), "per_pseudonym_query_bytes": query[1],
               "growth": "http" if args.via_http else "ledger code",
               "grow_tx_per_s_by_tenth": [round(r) for r in rates], "cpus": os.cpu_count(),
               "load_avg_1m": round(os.getloadavg()[0], 2)}
    print(f"\nPrivate refresh of a {WALLET_KEYS}-pseudonym wallet on {len(txs):,} transactions "
          f"in {status['height']:,} blocks (load average {figures['load_avg_1m']})")
    print(f"{'':36} {'seconds':>10} {'MB received':>12}")
    print(f"{'filter refresh, first':36} {cold[0]:>10.2f} {cold[1] / 1e6:>12.2f}  target < 5 s, < 50 MB")
    print(f"{'filter refresh, again':36} {warm[0]:>10.2f} {warm[1] / 1e6:>12.2f}")
    print(f"{'per-pseudonym query (linkable)':36} {query[0]:>10.3f} {query[1] / 1e6:>12.3f}")
    print(f"matched {warm[2]} of {WALLET_KEYS} pseudonyms; "
          f"filter bytes per transaction {figures['filter_bytes_per_tx']}")
    print(json.dumps(figures))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
