"""The patient's wallet: keys, local database, settings and the network, opened
together. Flows (importing, records, consent, audit, restore) live in their own modules
and take a :class:`Wallet`; registering a pseudonym is :mod:`wallet.core.pseudonyms`."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from ledger_client.crypto import SigningKey
from ledger_client.folders import private_dir, tighten

from .db import WalletDB
from .errors import WalletError
from .keys.keystore import Keystore
from .keys.seed import KeyTree, new_phrase, seed_from_phrase, validate_phrase
from .keys.sodium import Argon2Limits
from .local_node import NodeHost
from .network import Network, StartLocal, connect
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


class EmbeddedNetworkRefused(WalletError):
    """The embedded network of this computer is not this wallet's network, so the wallet keeps
    its nodes. Enter the addresses of your care network's nodes instead."""

    code = "embedded_refused"


class Wallet:
    """An unlocked wallet in a directory."""

    def __init__(self, directory: Path, keystore: Keystore, settings: Settings, *,
                 start_local: StartLocal | None = None) -> None:
        self.dir = directory
        self.keystore = keystore
        self.settings = settings
        self.keys = KeyTree(keystore.secrets["seed"])
        tighten(directory)  # a folder an older release left 0755 with 0644 files
        self.db = WalletDB(directory / DB_FILE, self.keys.storage_key())
        self.blob_dir = private_dir(directory / "blobs")
        self.host = NodeHost(start_local)
        self._network: Network | None = None

    # --- life cycle ---------------------------------------------------------------

    @classmethod
    def create(cls, directory: Path, *, phrase: str | None = None, passphrase: str | None = None,
               use_keyring: bool = True, nodes: list[str] | None = None, genesis_hash: str | None = None,
               kdf_limits: Argon2Limits | None = None, embedded: bool = False,
               start_local: StartLocal | None = None) -> tuple[Wallet, str]:
        """Make a new wallet (or one from a known phrase); returns it and its 24 words.

        ``nodes`` name a care network; ``embedded`` the embedded network of this computer
        (served through ``start_local``, else by a node the wallet starts and stops itself).
        Either way the network is reached, and its genesis pinned, before anything is written.
        """
        if (directory / VAULT_FILE).exists():
            raise WalletExists()
        phrase = validate_phrase(phrase) if phrase else new_phrase()
        settings = Settings(nodes=[] if embedded else list(nodes or []), genesis_hash=genesis_hash or "",
                            local_node=embedded)
        host = NodeHost(start_local)
        network = connect(settings, directory / SETTINGS_FILE, host.start) if settings.nodes or embedded else None
        if network is not None:  # a wrong network is refused before anything is written
            settings.genesis_hash, settings.network_name = network.genesis.hash, network.genesis.network
        try:
            private_dir(directory)
            keystore = Keystore.create(directory / VAULT_FILE, {"seed": seed_from_phrase(phrase)},
                                       passphrase=passphrase, use_keyring=use_keyring, kdf_limits=kdf_limits)
        except BaseException:
            if network is not None:
                network.close()
            host.close()
            raise
        settings.wallet_id = keystore.wallet_id
        settings.save(directory / SETTINGS_FILE)
        wallet = cls(directory, keystore, settings)
        wallet.host, wallet._network = host, network
        return wallet, phrase

    @classmethod
    def open(cls, directory: Path, passphrase: str | None = None, *,
             start_local: StartLocal | None = None) -> Wallet:
        """Unlock the wallet in ``directory`` (keyring first, then the passphrase)."""
        if not (directory / VAULT_FILE).exists():
            raise NoWallet()
        keystore = Keystore.open(directory / VAULT_FILE, passphrase)
        return cls(directory, keystore, Settings.load(directory / SETTINGS_FILE), start_local=start_local)

    @staticmethod
    def exists(directory: Path) -> bool:
        return (directory / VAULT_FILE).exists()

    def close(self) -> None:
        if self._network:
            self._network.close()
            self._network = None
        self.db.close()
        self.host.close()

    def set_network(self, nodes: list[str], genesis_hash: str | None = None) -> Network:
        """Connect to a care network's nodes; its genesis hash is pinned from then on.

        Nothing changes unless the nodes answer for the pinned network: a wrong or
        unreachable address raises and the wallet keeps the network it had.
        """
        network = Network(nodes, genesis_hash or self.settings.genesis_hash or None)
        self.settings.nodes, self.settings.genesis_hash = list(nodes), network.genesis.hash
        self.settings.local_node, self.settings.local_node_url = False, ""
        self.settings.network_name = network.genesis.network
        self.settings.save(self.dir / SETTINGS_FILE)
        self._replace_network(network)
        return network

    def use_local_node(self, url: str) -> Network:
        """Join the embedded network served at ``url`` (its genesis hash pinned as for any network)."""
        network = Network([url], self.settings.genesis_hash or None)
        self.settings.nodes, self.settings.local_node, self.settings.local_node_url = [], True, url
        self.settings.genesis_hash, self.settings.network_name = network.genesis.hash, network.genesis.network
        self.settings.save(self.dir / SETTINGS_FILE)
        self._replace_network(network)
        return network

    def change_nodes(self, nodes: list[str]) -> Network:
        """What the Settings page does with the node list: none (or the embedded node's own
        address) means the embedded network; otherwise a care network's nodes. The wallet
        is never left offline: a refusal raises and the old network stays in use."""
        if not nodes or self._embedded_address(nodes):
            if self.settings.local_node and self._network is not None:
                return self._network
            from ledger_client.errors import WrongNetwork

            url = self.host.start()
            try:
                return self.use_local_node(url)
            except WrongNetwork as exc:
                raise EmbeddedNetworkRefused(detail=str(exc)) from None
        return self.set_network(nodes)

    def _embedded_address(self, nodes: list[str]) -> bool:
        """The embedded node's own address, typed for a wallet on the embedded network, means that
        network (so the next start still serves it, wherever its port goes)."""
        if not self.settings.local_node or not self.settings.local_node_url:
            return False
        own = urlsplit(self.settings.local_node_url).port
        return all(urlsplit(url).hostname in ("127.0.0.1", "localhost", "::1") and urlsplit(url).port == own
                   for url in nodes)

    def _replace_network(self, network: Network) -> None:
        if self._network is not None and self._network is not network:
            self._network.close()
        self._network = network

    @property
    def network(self) -> Network:
        if self._network is None:
            self._network = connect(self.settings, self.dir / SETTINGS_FILE, self.host.start)
        return self._network

    def forget_network(self) -> None:
        """Drop the connection; the next use reconnects (after the embedded node was restarted)."""
        if self._network is not None:
            self._network.close()
            self._network = None

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
