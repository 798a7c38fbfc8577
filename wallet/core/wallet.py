"""The patient's wallet: keys, local database, settings and the network, opened
together. Flows (records, sharing, audit, restore) live in their own modules and take
a :class:`Wallet`."""

from __future__ import annotations

from pathlib import Path

from ledger_client.crypto import SigningKey
from ledger_client.errors import NotFound

from . import crypto
from .db import WalletDB
from .errors import NoNetwork, WalletError
from .keystore import Keystore
from .network import Network
from .seed import KeyTree, new_phrase, validate_phrase, seed_from_phrase
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
        self.db = WalletDB(directory / DB_FILE)
        self.blob_dir = directory / "blobs"
        self.blob_dir.mkdir(exist_ok=True)
        self._network: Network | None = None

    # --- life cycle ---------------------------------------------------------------

    @classmethod
    def create(cls, directory: Path, *, phrase: str | None = None, passphrase: str | None = None,
               use_keyring: bool = True, nodes: list[str] | None = None, genesis_hash: str | None = None,
               kdf_limits: crypto.Argon2Limits | None = None) -> tuple["Wallet", str]:
        """Make a new wallet (or one from a known phrase); returns it and its 24 words."""
        if (directory / VAULT_FILE).exists():
            raise WalletExists()
        phrase = validate_phrase(phrase) if phrase else new_phrase()
        settings = Settings(nodes=list(nodes or []), genesis_hash=genesis_hash or "")
        if settings.nodes:
            network = Network(settings.nodes, genesis_hash)  # refuse a wrong network before writing
            settings.genesis_hash, settings.network_name = network.genesis.hash, network.genesis.network
            network.close()
        directory.mkdir(parents=True, exist_ok=True)
        keystore = Keystore.create(directory / VAULT_FILE, {"seed": seed_from_phrase(phrase)},
                                   passphrase=passphrase, use_keyring=use_keyring, kdf_limits=kdf_limits)
        settings.wallet_id = keystore.wallet_id
        settings.save(directory / SETTINGS_FILE)
        return cls(directory, keystore, settings), phrase

    @classmethod
    def open(cls, directory: Path, passphrase: str | None = None) -> "Wallet":
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
        return bytes(self.keys.pseudonym_box_key(index).public_key).hex()

    def ensure_pseudonym(self, index: int, role: str, institution: str | None = None) -> SigningKey:
        """Pseudonym ``index``, registered on the ledger if it is not yet."""
        key = self.signing_key(index)
        row = self.db.one("SELECT registered_tx FROM pseudonyms WHERE idx=?", (index,))
        if row and row["registered_tx"]:
            return key
        try:
            entry = self.network.client.pseudonym(key.public)
            tx_id = entry["tx"]
        except NotFound:
            if self.network.genesis.require_credential:  # admitted by an anonymous-credential proof
                from .credentials import register_admitted  # (credentials imports this module)
                tx_id = register_admitted(self, index)
            else:
                tx_id = self.network.submit(key, "register_pseudonym", {"box_key": self.box_public(index)})
        self.db.upsert("pseudonyms", {"idx": index, "public": key.public, "role": role,
                                      "institution": institution, "registered_tx": tx_id})
        return key

    def relationship_pseudonym(self, institution: str) -> int:
        """The pseudonym index used with one institution (a new one the first time).

        Each institution sees a different key, and the records shared with it are
        copies under that key, so no two institutions can link what they hold.
        """
        row = self.db.one("SELECT idx FROM pseudonyms WHERE role='relationship' AND institution=?", (institution,))
        if row:
            return row["idx"]
        top = self.db.one("SELECT MAX(idx) AS top FROM pseudonyms")
        index = max(VAULT_PSEUDONYM, top["top"] if top and top["top"] is not None else 0) + 1
        self.db.upsert("pseudonyms", {"idx": index, "public": self.signing_key(index).public,
                                      "role": "relationship", "institution": institution, "registered_tx": None})
        return index

    def pseudonyms(self) -> list[dict]:
        return self.db.query("SELECT * FROM pseudonyms ORDER BY idx")

    def wrap_key(self) -> bytes:
        return self.keys.record_key_wrapping_key()

    def blob_path(self, record: str) -> Path:
        return self.blob_dir / record

    def tmp_path(self, name: str) -> Path:
        tmp = self.dir / "tmp"
        tmp.mkdir(exist_ok=True)
        return tmp / name

    def destroy_local_copy(self, record: str) -> None:
        self.blob_path(record).unlink(missing_ok=True)
