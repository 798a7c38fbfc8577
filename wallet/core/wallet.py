"""The patient's wallet: keys, local database, settings and the network, opened
together. Flows (importing, records, consent, audit, restore) live in their own modules
and take a :class:`Wallet`; registering a pseudonym is :mod:`wallet.core.pseudonyms`."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ledger_client.crypto import SigningKey
from ledger_client.folders import private_dir, tighten

from .db import WalletDB
from .errors import NoNetwork, WalletError
from .keys.keystore import Keystore
from .keys.seed import KeyTree, new_phrase, seed_from_phrase, validate_phrase
from .keys.sodium import Argon2Limits
from .network import Network
from .settings import Settings

VAULT_FILE = "wallet.vault"
DB_FILE = "wallet.sqlite"
SETTINGS_FILE = "settings.json"
VAULT_PSEUDONYM = 0  # the pseudonym that anchors the patient's own records


class WalletExists(WalletError):
    """A wallet already exists in this folder. Open it, or choose another folder."""

    code = "wallet_exists"


class NoWallet(WalletError):
    """There is no wallet in this folder yet. Create one or restore one from its recovery phrase."""

    code = "no_wallet"


class Wallet:
    """An unlocked wallet in a directory."""

    def __init__(self, directory: Path, keystore: Keystore, settings: Settings) -> None:
        self.dir = directory
        self.keystore = keystore
        self.settings = settings
        self.keys = KeyTree(keystore.secrets["seed"])
        tighten(directory)  # a folder an older release left 0755 with 0644 files
        self.db = WalletDB(directory / DB_FILE, self.keys.storage_key())
        self.blob_dir = private_dir(directory / "blobs")
        self._network: Network | None = None

    # --- life cycle ---------------------------------------------------------------

    @classmethod
    def create(cls, directory: Path, *, phrase: str | None = None, passphrase: str | None = None,
               use_keyring: bool = True, nodes: list[str] | None = None, genesis_hash: str | None = None,
               kdf_limits: Argon2Limits | None = None) -> tuple[Wallet, str]:
        """Make a new wallet (or one from a known phrase); returns it and its 24 words."""
        if (directory / VAULT_FILE).exists():
            raise WalletExists()
        phrase = validate_phrase(phrase) if phrase else new_phrase()
        settings = Settings(nodes=list(nodes or []), genesis_hash=genesis_hash or "")
        if settings.nodes:
            network = Network(settings.nodes, genesis_hash)  # refuse a wrong network before writing
            settings.genesis_hash, settings.network_name = network.genesis.hash, network.genesis.network
            network.close()
        private_dir(directory)
        keystore = Keystore.create(directory / VAULT_FILE, {"seed": seed_from_phrase(phrase)},
                                   passphrase=passphrase, use_keyring=use_keyring, kdf_limits=kdf_limits)
        settings.wallet_id = keystore.wallet_id
        settings.save(directory / SETTINGS_FILE)
        return cls(directory, keystore, settings), phrase

    @classmethod
    def open(cls, directory: Path, passphrase: str | None = None) -> Wallet:
        """Unlock the wallet in ``directory`` (keyring first, then the passphrase)."""
        if not (directory / VAULT_FILE).exists():
            raise NoWallet()
        keystore = Keystore.open(directory / VAULT_FILE, passphrase)
        return cls(directory, keystore, Settings.load(directory / SETTINGS_FILE))

    @staticmethod
    def exists(directory: Path) -> bool:
        return (directory / VAULT_FILE).exists()

    def close(self) -> None:
        if self._network:
            self._network.close()
        self.db.close()

    def set_network(self, nodes: list[str], genesis_hash: str | None = None) -> Network:
        """Connect to a network; its genesis hash is pinned from then on."""
        network = Network(nodes, genesis_hash or self.settings.genesis_hash or None)
        self.settings.nodes, self.settings.genesis_hash = list(nodes), network.genesis.hash
        self.settings.network_name = network.genesis.network
        self.settings.save(self.dir / SETTINGS_FILE)
        self._network = network
        return network

    def use_local_node(self, url: str) -> Network:
        """Connect to the embedded local node for this run only.

        The settings keep no node address (so the next start launches the local node
        again, wherever its port ends up) but the genesis hash is pinned as for any network.
        """
        network = Network([url], self.settings.genesis_hash or None)
        if self.settings.genesis_hash != network.genesis.hash:
            self.settings.genesis_hash, self.settings.network_name = network.genesis.hash, network.genesis.network
            self.settings.save(self.dir / SETTINGS_FILE)
        if self._network:
            self._network.close()
        self._network = network
        return network

    @property
    def network(self) -> Network:
        if self._network is None:
            if not self.settings.nodes:
                raise NoNetwork()
            self._network = Network(self.settings.nodes, self.settings.genesis_hash or None)
        return self._network

    # --- pseudonyms ---------------------------------------------------------------

    def signing_key(self, index: int) -> SigningKey:
        """The ledger signing key of pseudonym ``index``."""
        return SigningKey(bytes(self.keys.pseudonym_signing_key(index)))

    def box_public(self, index: int) -> str:
        """The X25519 public key (hex) of pseudonym ``index``, to which institutions seal."""
        return bytes(self.keys.pseudonym_box_key(index).public_key).hex()

    def pseudonyms(self) -> list[dict[str, Any]]:
        """Every pseudonym this wallet recorded, by index."""
        return self.db.query("SELECT * FROM pseudonyms ORDER BY idx")

    def wrap_key(self) -> bytes:
        """The key that wraps every record key of this wallet (derived from the seed)."""
        return self.keys.record_key_wrapping_key()

    def blob_path(self, record: str) -> Path:
        """Where the wallet keeps its encrypted copy of ``record``."""
        return self.blob_dir / record

    def tmp_path(self, name: str) -> Path:
        """A staging file in the wallet's folder (renamed into place when complete)."""
        return private_dir(self.dir / "tmp") / name

    def destroy_local_copy(self, record: str) -> None:
        self.blob_path(record).unlink(missing_ok=True)
