"""The institution's side: ask for break-glass access to a patient's emergency set, then,
once the request is open, gather t key shares from the nodes and read the set's copies.

Every step is on the ledger: the request (with its reason, BTG, and justification), each
node's release of its share, and each read of a copy (an access event under the request).
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ledger_client import emergency
from ledger_client.access import make_access_request
from ledger_client.emergency_client import gather_key
from ledger_client.emergency_shares import NotEnoughShares
from ledger_client.encoding import is_hex
from ledger_client.errors import AccessDenied, EmergencyNotAllowed, LedgerError, NotFound

from ..desks.clinic import ClinicDesk
from ..errors import WalletError
from .copies import open_copy
from .patient import CARD_PREFIX

MAX_JUSTIFICATION = 500


class EmergencyRequestError(WalletError):
    """The emergency request could not be made or read."""

    code = "emergency_request_error"


class NotOpenYet(EmergencyRequestError):
    """The emergency request is not open: the delay has not passed and the patient has not approved (or vetoed)."""

    code = "emergency_not_open"


@dataclass(frozen=True)
class EmergencyRead:
    request: str
    files: list[Path]
    release_events: list[str]
    read_events: list[str]


def set_key_of(card: str) -> str:
    """The set pseudonym an emergency card names (its text, or the bare key)."""
    text = card.strip()
    if text.startswith(CARD_PREFIX):
        text = text.rsplit(":", 1)[-1]
    if not is_hex(text, 32):
        raise EmergencyRequestError(key="emergency_request_error.card")
    return text


def request(desk: ClinicDesk, card: str, justification: str) -> str:
    """Ask for emergency access (reason BTG); returns the request's id. Refused with the policy's reason."""
    justification = " ".join(justification.split())
    if not 1 <= len(justification) <= MAX_JUSTIFICATION:
        raise EmergencyRequestError(key="emergency_request_error.justification", params={"max": MAX_JUSTIFICATION})
    payload = {"set": set_key_of(card), "reason": "BTG", "justification": justification}
    try:
        return desk.network.submit(desk.key, "emergency_request", payload)
    except EmergencyNotAllowed as exc:
        raise EmergencyRequestError(key="emergency_request_error.not_allowed", params={"reason": exc.message}) from None


def status(desk: ClinicDesk, request_id: str) -> dict[str, Any]:
    try:
        entry: dict[str, Any] = desk.network.client.get_json(f"/v1/emergency/requests/{request_id}",
                                                            signed_by=desk.key)
    except NotFound:
        raise EmergencyRequestError(key="emergency_request_error.unknown") from None
    return entry


def read(desk: ClinicDesk, request_id: str, out_dir: Path) -> EmergencyRead:
    """Rebuild the key from the nodes' shares and save the set's files into ``out_dir``."""
    entry = status(desk, request_id)
    if entry["status"] != "open":
        raise NotOpenYet(key="emergency_not_open.status",
                         params={"status": emergency.STATUS_TEXT.get(entry["status"], entry["status"])})
    network = desk.network
    try:
        key, got = gather_key(network.nodes, desk.key, desk.box, request_id, ca=network.ca)
    except NotEnoughShares as exc:
        raise EmergencyRequestError(exc.message) from None
    the_set = network.client.get_json(f"/v1/emergency/sets/{entry['set']}", signed_by=desk.key)
    out_dir.mkdir(parents=True, exist_ok=True)
    files, reads = [], []
    for n, record in enumerate(the_set["records"]):
        staging = out_dir / f".emergency-{record[:16]}.part"
        access = make_access_request(desk.key, network.chain_id, record, request_id, "emergency", int(time.time()))
        try:
            with staging.open("wb") as sink:
                reads.append(network.client.download_blob(access, sink))
            _, data = open_copy(key, staging.read_bytes())
        except AccessDenied as exc:
            raise EmergencyRequestError(key="emergency_request_error.read_refused",
                                        params={"reason": exc.message}) from None
        except LedgerError as exc:
            raise EmergencyRequestError(exc.message) from None
        finally:
            staging.unlink(missing_ok=True)
        target = out_dir / f"emergency-{request_id[:12]}-{n + 1}.json"
        target.write_bytes(data)
        files.append(target)
    return EmergencyRead(request_id, files, got.events, reads)
