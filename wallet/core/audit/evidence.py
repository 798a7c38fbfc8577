"""Evidence bundles for a regulator or a court, from a patient's wallet or an institution's desk.

The bundle (:mod:`ledger_client.evidence`) holds the access events with their inclusion
proofs, the signed block headers, and two signed checkpoints with the RFC 9162
consistency proof between them; anyone checks it with ``medwallet-evidence FILE`` and
no node. Each bundle is verified here before it is written (and its checkpoints against
the header chain this wallet verified from genesis).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ledger_client.evidence import Report
from ledger_client.evidence_build import build_bundle

from ..atomic_file import atomic_write
from ..wallet import Wallet


def patient_evidence(wallet: Wallet, out: Path, *, since: int | None = None) -> Report:
    """The events of every pseudonym of this wallet (as owner), written to ``out``."""
    network = wallet.network
    keys = [wallet.signing_key(row["idx"]) for row in wallet.pseudonyms() if row["registered_tx"]]
    data, report = build_bundle(network.client, network.genesis, "owner", keys, since=since, light=network.light,
                                client_for=network.client_for)
    atomic_write(Path(out), data + b"\n", mode=0o600)
    return report


def institution_evidence(desk: Any, out: Path, *, since: int | None = None) -> Report:
    """The reads an institution's desk made (as requester), written to ``out``."""
    network = desk.network
    data, report = build_bundle(network.client, network.genesis, "requester", [desk.key], since=since,
                                light=network.light)
    atomic_write(Path(out), data + b"\n", mode=0o600)
    return report
