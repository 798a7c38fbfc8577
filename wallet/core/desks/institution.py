"""What every institution desk (clinic, issuer) has: its keys in a vault, its network,
and its registration on the ledger. The desks add their own work on top."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Self

from ledger_client.crypto import SigningKey
from ledger_client.errors import NotFound
from ledger_client.folders import private_dir, tighten

from ..keys import sodium
from ..keys.keystore import Keystore
from ..keys.sodium import Argon2Limits
from ..local_node import NodeHost
from ..network import Network, StartLocal, connect
from ..settings import Settings

SETTINGS_FILE = "settings.json"


class InstitutionDesk:
    """An institution's keys (Ed25519 to sign, X25519 to receive sealed keys) and network."""

    VAULT_FILE = "institution.vault"
    DEFAULT_KIND = "clinic"

    def __init__(self, directory: Path, keystore: Keystore, settings: Settings, *,
                 start_local: StartLocal | None = None) -> None:
        self.dir, self.keystore, self.settings = directory, keystore, settings
        secrets = keystore.secrets
        self.key = SigningKey(secrets["sign_seed"])
        self.box = sodium.box_key(secrets["box_seed"])
        self.host = NodeHost(start_local)
        self._network: Network | None = None

    @classmethod
    def _new_keystore(cls, directory: Path, passphrase: str | None, use_keyring: bool,
                      kdf_limits: Argon2Limits | None) -> Keystore:
        """Fresh random institution keys in a new vault (institution keys are not derived)."""
        private_dir(directory)
        return Keystore.create(directory / cls.VAULT_FILE, {"sign_seed": sodium.random_bytes(32),
                                                            "box_seed": sodium.random_bytes(32)},
                               passphrase=passphrase, use_keyring=use_keyring, kdf_limits=kdf_limits)

    @classmethod
    def _open_existing(cls, directory: Path, passphrase: str | None, start_local: StartLocal | None = None) -> Self:
        tighten(directory)  # a desk folder an older release left readable
        return cls(directory, Keystore.open(directory / cls.VAULT_FILE, passphrase),
                   Settings.load(directory / SETTINGS_FILE), start_local=start_local)

    @property
    def name(self) -> str:
        return self.settings.extra.get("institution_name", "")

    def close(self) -> None:
        """Drop the network connection (the desk reconnects on demand) and stop a node it started."""
        if self._network is not None:
            self._network.close()
            self._network = None
        self.host.close()

    def registration_payload(self) -> dict[str, Any]:
        """What governance signs to register this desk's institution."""
        return {"name": self.name, "kind": self.settings.extra.get("institution_kind", self.DEFAULT_KIND),
                "sign_key": self.key.public, "box_key": bytes(self.box.public_key).hex()}

    def register(self, governance_key: SigningKey) -> str:
        """Register with a governance key (on a local network, where the desk holds it)."""
        return self.network.submit(governance_key, "register_institution", self.registration_payload())

    def is_registered(self) -> bool:
        try:
            self.network.client.institution(self.key.public)
            return True
        except NotFound:
            return False

    @property
    def network(self) -> Network:
        """The desk's network: its nodes, or the embedded network of this computer (served on demand)."""
        if self._network is None:
            self._network = connect(self.settings, self.dir / SETTINGS_FILE, self.host.start)
        return self._network

    def ensure_network(self) -> None:
        """On the embedded network, serve it again if it stopped (the window that ran it quit)."""
        if self.settings.local_node and self.host.start() != self.settings.local_node_url:
            self.forget_network()  # its port changed: the next use reconnects there

    def forget_network(self) -> None:
        """Drop the connection; the next use reconnects."""
        if self._network is not None:
            self._network.close()
            self._network = None
