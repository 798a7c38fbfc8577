"""A clinic desk on this computer, to try sharing on the embedded network.

On a care network institutions are registered by its operator (governance), so a patient
can only share with those already in the directory. On the embedded network the
governance key is on this computer (in the node's data folder), so a first share needs no
terminal: the patient's window (or ``medwallet clinic init``) makes a desk here and
registers it at once. The desk is an ordinary desk in the usual clinic folder, opened by
``medwallet clinic`` like any other.
"""

from __future__ import annotations

from pathlib import Path

from ledger_client.keyfile import load_key

from ..errors import WalletError
from ..keys.sodium import Argon2Limits
from ..local_node import LocalNode
from ..network import StartLocal
from ..paths import clinic_dir
from .clinic import ClinicDesk

DEFAULT_NAME = "Clinic on this computer"


class LocalDeskUnavailable(WalletError):
    """A clinic desk can be set up here only on the embedded network of this computer. On a care
    network, institutions are added by the network's operator."""

    code = "local_desk_unavailable"


def can_set_up(local_node: bool, node: LocalNode) -> bool:
    """Whether a desk can be made and registered here: on the embedded network, its key at hand."""
    return local_node and node.governance_key_path.exists()


def register_desk(desk: ClinicDesk, governance_key: Path | None, node: LocalNode | None) -> bool:
    """Register ``desk`` with ``governance_key``, or on the embedded network with its key on
    this computer; False when neither is at hand (the network's operator registers it)."""
    key = governance_key
    if key is None and node is not None and desk.settings.local_node and node.governance_key_path.exists():
        key = node.governance_key_path
    if key is None:
        return False
    desk.register(load_key(Path(key)))
    return True


def set_up_local_desk(name: str, *, node: LocalNode, start_local: StartLocal, passphrase: str | None = None,
                      directory: Path | None = None, kdf_limits: Argon2Limits | None = None) -> ClinicDesk:
    """Make a clinic desk on the embedded network in the clinic folder and register it."""
    if not node.governance_key_path.exists():
        raise LocalDeskUnavailable()
    name = " ".join(name.split()) or DEFAULT_NAME
    desk = ClinicDesk.create(directory or clinic_dir(), name, "clinic", [], passphrase=passphrase,
                             use_keyring=passphrase is None, kdf_limits=kdf_limits, embedded=True,
                             start_local=start_local)
    register_desk(desk, None, node)
    return desk
