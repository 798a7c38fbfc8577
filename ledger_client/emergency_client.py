"""The requester's side of break-glass access: ask every share holder, rebuild the key.

Each node is asked on its own (a share is released by the node that holds it, to a release
request signed for that node), so a node that is down or refuses costs one share; the key
is rebuilt once ``threshold`` shares arrived, and :class:`NotEnoughShares` names how many
nodes answered otherwise.
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import nacl.public

from .client import LedgerClient
from .crypto import SigningKey
from .emergency import make_release_request
from .emergency_shares import NotEnoughShares, combine_key, open_released
from .encoding import canonical, parse_json
from .errors import LedgerError


@dataclass
class Gathered:
    """What the holders answered: the shares, the release events, and why the others did not."""

    shares: list[tuple[int, bytes]] = field(default_factory=list)
    events: list[str] = field(default_factory=list)
    failures: dict[str, str] = field(default_factory=dict)


def request_share(client: LedgerClient, key: SigningKey, box: nacl.public.PrivateKey, request: str, node: str,
                  set_key: str, chain_id: str) -> tuple[tuple[int, bytes], str]:
    """One node's share of ``request`` (the node behind ``client`` must be ``node``)."""
    signed = make_release_request(key, chain_id, request, node, int(time.time()))
    response = client.request("POST", "/v1/emergency/release", idempotent=False, data=canonical(signed.to_json()),
                              headers={"Content-Type": "application/json"})
    doc = parse_json(response.content)
    return open_released(box, doc["sealed"], set_key), doc["event"]


def gather_key(urls: Iterable[str], key: SigningKey, box: nacl.public.PrivateKey, request: str, *,
               ca: str | None = None) -> tuple[bytes, Gathered]:
    """Ask each node at ``urls`` for its share of emergency request ``request``; the key once
    enough arrived, else :class:`NotEnoughShares` naming how many of the holders answered."""
    urls = list(urls)
    first = LedgerClient(urls, ca=ca, retries=1)
    chain_id = first.status()["chain_id"]
    entry: dict[str, Any] = first.get_json(f"/v1/emergency/requests/{request}", signed_by=key)
    emergency_set: dict[str, Any] = first.get_json(f"/v1/emergency/sets/{entry['set']}", signed_by=key)
    holders = [share["node"] for share in emergency_set["shares"]]
    threshold = emergency_set["threshold"]
    got = Gathered()
    for url in urls:
        client = LedgerClient([url], ca=ca, retries=1)
        try:
            node = client.status()["node_key"]
            if node not in holders:
                got.failures[url] = "this node holds no share of the set"
                continue
            share, event = request_share(client, key, box, request, node, entry["set"], chain_id)
        except LedgerError as exc:
            got.failures[url] = exc.message
            continue
        finally:
            client.close()
        got.shares.append(share)
        got.events.append(event)
        if len(got.shares) >= threshold:
            break
    first.close()
    if len(got.shares) < threshold:
        why = "; ".join(f"{url}: {reason}" for url, reason in got.failures.items())
        raise NotEnoughShares(f"only {len(got.shares)} of the {len(holders)} nodes holding a share released it, "
                              f"and {threshold} are needed" + (f" ({why})" if why else ""))
    return combine_key(got.shares, threshold), got
