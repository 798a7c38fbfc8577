"""Serving SMART Health Links: the node's side of ``shlink:/`` manifests.

A viewer POSTs ``{"recipient", "passcode"?, "embeddedLengthMax"?}`` to the link's manifest
URL (``/shl/<link id>``); the node answers with the link's files, each the JWE the patient
made (the node holds ciphertext only: the key is in the link, never sent to it). The
order of events is the one :meth:`LedgerNode.authorize_read` keeps for records:

1. the link must be active in ledger state (:func:`~ledger_client.shlinks.link_decision`);
2. for a ``P`` link, a ``link_attempt`` is committed *before* the passcode is checked
   (counted wrong until settled), one guess per link at a time on this node;
3. a ``link_access`` is committed (for a ``P`` link it settles that attempt);
4. only then is a byte served.

The contract refuses an attempt or a use once the link is revoked, expired, used up or
locked, so no node can serve past the patient's limits. A guessed link id names nothing
on the ledger: it gets a 404 and leaves no event (there is no patient to tell).

The recipient's name is sealed to the owner pseudonym's box key (only the patient opens
it) beside a salted commitment the patient can disclose in an evidence bundle.
"""

from __future__ import annotations

import asyncio
import json
import secrets
import time
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .. import crypto, shlinks
from .. import state_keys as sk
from ..errors import ContractError, LedgerError, MalformedError, NotFound
from .ledger import LedgerNode

LOCATION_SECONDS = 60  # a file handed out by location can be fetched once, within a minute


class LinkInactive(NotFound):
    """The link cannot be used (unknown, revoked, expired, used up or locked)."""

    code = "link_inactive"


class PasscodeRefused(LedgerError):
    """The passcode is missing or wrong; :attr:`remaining` guesses are left."""

    code = "wrong_passcode"
    http_status = 401

    def __init__(self, message: str, remaining: int) -> None:
        super().__init__(message)
        self.remaining = remaining

    def to_json(self) -> dict[str, Any]:
        return {**super().to_json(), "remainingAttempts": self.remaining}


@dataclass(frozen=True)
class ServedFile:
    content_type: str
    path: Path
    size: int


def sealed_recipient(box_key: str, name: str) -> dict[str, str]:
    """The ``recipient`` field of a link event: a commitment and the name sealed to the owner."""
    salt = secrets.token_bytes(16)
    raw = json.dumps({"name": name, "salt": salt.hex()}, ensure_ascii=False).encode("utf-8")
    if len(raw) > shlinks.SEALED_NAME_BYTES:
        raise MalformedError("the recipient's name is too long")
    padded = raw + b" " * (shlinks.SEALED_NAME_BYTES - len(raw))
    return {"commitment": shlinks.recipient_commitment(salt, name), "sealed": crypto.seal_to(box_key, padded).hex()}


def recipient_name(raw: Any) -> str:
    """The recipient a viewer names (required by the SHL spec): printable text, at most 100 characters."""
    if not isinstance(raw, str) or not raw.strip():
        raise MalformedError("recipient: name who is opening the link (required)")
    name = unicodedata.normalize("NFC", raw.strip())
    if len(name) > shlinks.MAX_RECIPIENT_CHARS or any(unicodedata.category(c)[0] == "C" for c in name):
        raise MalformedError(f"recipient: at most {shlinks.MAX_RECIPIENT_CHARS} printable characters")
    return name


class LinkServer:
    """One node's SHL serving state: per-link passcode locks and one-time file locations."""

    def __init__(self, node: LedgerNode) -> None:
        self.node = node
        self._locks: dict[str, asyncio.Lock] = {}
        self._locations: dict[str, tuple[ServedFile, float]] = {}
        self._argon = asyncio.Semaphore(2)  # Argon2id takes 64 MiB a guess

    def decision(self, link: str) -> shlinks.LinkDecision:
        return shlinks.link_decision(self.node.overlay, link, self.node._context().time)

    async def open(self, link_id: bytes, recipient: str, passcode: str | None, *, flags: str | None = None,
                   timeout: float = 10.0) -> tuple[list[ServedFile], str]:
        """Check, record and hand out a link's files; returns them and the access event's id."""
        link = shlinks.link_hash(link_id)
        decision = self.decision(link)
        if not decision.active:
            raise LinkInactive(decision.message if decision.reason != "unknown_link" else "no such link")
        entry = decision.link
        assert entry is not None
        if flags is not None and entry["flags"] != flags:
            raise LinkInactive("no such link")  # a U link is fetched by GET, the others by POST
        owner = self.node.overlay.get(sk.pseudonym(entry["owner"]))
        if owner is None:
            raise LinkInactive("the link's owner is not on this ledger")
        attempt = None
        if entry["passcode"] is not None:
            attempt = await self._check_passcode(link_id, link, recipient, passcode, owner["box_key"], timeout)
        payload: dict[str, Any] = {"link": link, "recipient": sealed_recipient(owner["box_key"], recipient)}
        if attempt:
            payload["attempt"] = attempt
        event = await self._commit("link_access", payload, timeout)
        files = []
        for record, content_type in zip(entry["files"], entry["types"], strict=True):
            if not self.node.blobs.exists(record):
                await self.node.replicator.fetch(record)
            if not self.node.blobs.exists(record):
                raise NotFound("this node does not hold the link's files; try again later")
            files.append(ServedFile(content_type, self.node.blobs.path(record), self.node.blobs.size(record)))
        return files, event

    async def _check_passcode(self, link_id: bytes, link: str, recipient: str, passcode: str | None, box_key: str,
                              timeout: float) -> str:
        lock = self._locks.setdefault(link, asyncio.Lock())
        async with lock:  # one guess at a time per link: each is counted before it is checked
            decision = self.decision(link)
            if not decision.active:
                raise LinkInactive(decision.message)
            if not passcode:
                raise PasscodeRefused("this link needs a passcode", decision.remaining_attempts)
            if len(passcode) > 200:
                raise MalformedError("passcode: at most 200 characters")
            attempt = await self._commit("link_attempt", {"link": link,
                                                          "recipient": sealed_recipient(box_key, recipient)}, timeout)
            assert decision.link is not None
            async with self._argon:
                right = await asyncio.to_thread(shlinks.passcode_matches, link_id, passcode,
                                                decision.link["passcode"])
            if not right:
                left = self.decision(link).remaining_attempts
                raise PasscodeRefused("the passcode is not correct" + ("" if left else "; the link is now locked"),
                                      left)
            return attempt

    async def _commit(self, tx_type: str, payload: dict[str, Any], timeout: float) -> str:
        tx = self.node.node_tx(tx_type, payload)
        try:
            self.node._admit(tx)
        except ContractError as exc:
            raise LinkInactive(exc.message) from None
        status = (await self.node.wait_committed([tx.id], timeout))[0]
        if status["status"] != "committed":
            raise LinkInactive(status.get("message") or "the link event was not committed")
        return tx.id

    def location(self, served: ServedFile) -> str:
        """A one-time token for fetching ``served`` within :data:`LOCATION_SECONDS`."""
        now = time.monotonic()
        for token in [t for t, (_, until) in self._locations.items() if until < now]:
            del self._locations[token]
        token = secrets.token_urlsafe(32)
        self._locations[token] = (served, now + LOCATION_SECONDS)
        return token

    def take_location(self, token: str) -> ServedFile:
        found = self._locations.pop(token, None)
        if found is None or found[1] < time.monotonic():
            raise NotFound("this file location was used already or has expired; fetch the manifest again")
        return found[0]


def link_server(node: LedgerNode, holder: Any) -> LinkServer:
    """The node's :class:`LinkServer`, made on first use and kept on ``holder`` (the app's state)."""
    server = getattr(holder, "shl", None)
    if server is None:
        server = LinkServer(node)
        holder.shl = server
    return server
