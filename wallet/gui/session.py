"""The windows' sessions, without Qt: which wallet (or desk), unlocked or not, on which node.

A wallet or desk on the embedded network of this computer has it served by the session
(:class:`wallet.core.local_node.LocalNode`) on first need; the session stops the node at
exit if it started it (a node another window or command started stays up). Every method
here does I/O: call them from :mod:`wallet.gui.ops` workers on the ``serial`` executor
(its thread lives as long as the application, and Linux stops a started node with the
thread that started it). Decrypted copies opened for viewing go to a private folder
(0700) removed on lock and exit.
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from ..core.errors import WalletError

if TYPE_CHECKING:
    from ..core.desks.clinic import ClinicDesk
    from ..core.keys.sodium import Argon2Limits
    from ..core.local_node import LocalNode
    from ..core.wallet import Wallet


class PassphraseFileError(WalletError):
    """The passphrase file cannot be read. Check the path given with --passphrase-file."""

    code = "passphrase_file"


def read_passphrase_file(path: str | os.PathLike[str] | None) -> str | None:
    if not path:
        return None
    try:
        return Path(path).read_text("utf-8").rstrip("\r\n") or None
    except OSError:
        raise PassphraseFileError() from None


def safe_file_name(name: str, fallback: str = "record.bin") -> str:
    """A name from a record's metadata that cannot leave its folder."""
    name = os.path.basename((name or "").replace("\\", "/")).strip().lstrip(".")
    name = re.sub(r"[\x00-\x1f<>:\"|?*]", "_", name)[:120]
    return name or fallback


class PrivateFolder:
    """A temporary folder only this user can enter, for decrypted copies."""

    def __init__(self, prefix: str) -> None:
        self._prefix = prefix
        self._path: Path | None = None
        self._lock = threading.Lock()

    def path(self) -> Path:
        with self._lock:
            if self._path is None or not self._path.exists():
                self._path = Path(tempfile.mkdtemp(prefix=self._prefix))  # mkdtemp makes it 0700
                os.chmod(self._path, 0o700)
            return self._path

    def clear(self) -> None:
        with self._lock:
            if self._path is not None:
                shutil.rmtree(self._path, ignore_errors=True)
                self._path = None


class EmbeddedHost:
    """The embedded network's node for one window: started on first need, stopped at exit."""

    def __init__(self, node_factory: Callable[[], LocalNode] | None = None) -> None:
        self._node_factory = node_factory
        self._node: LocalNode | None = None
        self._node_lock = threading.Lock()
        self.local_url: str | None = None

    def node(self) -> LocalNode:
        with self._node_lock:
            if self._node is None:
                if self._node_factory is None:
                    from ..core.local_node import LocalNode

                    self._node_factory = LocalNode
                self._node = self._node_factory()
            return self._node

    def start_local(self) -> str:
        """Serve the embedded network (once per session, again if it stopped); its URL."""
        node = self.node()
        with self._node_lock:
            self.local_url = node.start()
            return self.local_url

    def stop_local(self) -> None:
        with self._node_lock:
            if self._node is not None:
                self._node.stop()
                self._node = None


class WalletSession(EmbeddedHost):
    """One window's wallet: open/locked state and the local node it may need."""

    def __init__(self, directory: Path, *, passphrase_file: str | None = None,
                 node_factory: Callable[[], LocalNode] | None = None, kdf_limits: Argon2Limits | None = None) -> None:
        super().__init__(node_factory)
        self.directory = Path(directory)
        self.passphrase_file = passphrase_file
        self.kdf_limits = kdf_limits  # new passphrase slots (tests lower the Argon2id cost)
        self.wallet: Wallet | None = None
        self.network_problem: BaseException | None = None
        self.copies = PrivateFolder("medwallet-open-")

    # --- opening ----------------------------------------------------------------------

    def exists(self) -> bool:
        from ..core.wallet import Wallet

        return Wallet.exists(self.directory)

    def protection(self) -> tuple[bool, bool]:
        """(kept in the keyring, has a passphrase), from the vault's header (no secret read)."""
        from ..core.keys.keystore import Keystore
        from ..core.wallet import VAULT_FILE

        return Keystore.protection(self.directory / VAULT_FILE)

    def unlock(self, passphrase: str | None = None):
        """Open the wallet (keyring first, then the passphrase or the passphrase file)."""
        from ..core.wallet import Wallet

        if passphrase is None:
            passphrase = read_passphrase_file(self.passphrase_file)
        wallet = Wallet.open(self.directory, passphrase, start_local=self.start_local)
        try:
            self.connect(wallet)
        except BaseException:
            wallet.close()
            raise
        self.wallet = wallet
        return wallet

    def adopt(self, wallet) -> None:
        """A wallet the onboarding just made (already connected)."""
        self.wallet = wallet

    def connect(self, wallet) -> None:
        """Reach the wallet's network now; the embedded local node if it names none.

        A network that cannot be reached does not keep the wallet closed: the records on
        this computer stay usable, the problem is kept in :attr:`network_problem` for the
        window to show, and the next action that needs the network tries again.
        """
        from ledger_client.errors import LedgerError, WrongNetwork

        self.network_problem = None
        try:
            _ = wallet.network  # connecting (and serving the embedded network) checks the pinned genesis
        except WrongNetwork:
            raise
        except (LedgerError, WalletError) as exc:
            self.network_problem = exc

    @property
    def uses_local_node(self) -> bool:
        return self.wallet is not None and self.wallet.settings.local_node

    # --- closing ----------------------------------------------------------------------

    def detach(self):
        """Stop handing the wallet out (first half of a lock); returns it for :meth:`close_wallet`."""
        wallet, self.wallet = self.wallet, None
        return wallet

    def close_wallet(self, wallet) -> None:
        """Close a detached wallet: keys, database and decrypted copies leave memory and disk."""
        if wallet is not None:
            wallet.close()
        self.copies.clear()

    def lock(self) -> None:
        self.close_wallet(self.detach())

    def close(self) -> None:
        """At exit: lock, then stop the local node if this session started it."""
        self.lock()
        self.stop_local()


def decrypted_copy(wallet, record: str, folder: Path, progress=None, cancel=None) -> Path:
    """Decrypt ``record`` into ``folder`` (one sub-folder per record) for viewing."""
    from ..core.records import library

    row = library.find_record(wallet, record)
    target_dir = folder / record[:16]
    target_dir.mkdir(mode=0o700, exist_ok=True)
    target = target_dir / safe_file_name(row.get("filename") or "", f"{record[:12]}.bin")
    library.export_record(wallet, record, target, progress=progress, cancel=cancel)
    return target


class ClinicSession(EmbeddedHost):
    """The clinic desk's session: its keys (unlocked or not) and a private folder for what it reads."""

    def __init__(self, directory: Path, *, passphrase_file: str | None = None, kdf_limits=None,
                 node_factory: Callable[[], LocalNode] | None = None) -> None:
        super().__init__(node_factory)
        self.directory = Path(directory)
        self.passphrase_file = passphrase_file
        self.kdf_limits = kdf_limits
        self.desk: ClinicDesk | None = None
        self.received = PrivateFolder("medwallet-desk-")

    def exists(self) -> bool:
        from ..core.desks.clinic import VAULT_FILE

        return (self.directory / VAULT_FILE).exists()

    def protection(self) -> tuple[bool, bool]:
        from ..core.desks.clinic import VAULT_FILE
        from ..core.keys.keystore import Keystore

        return Keystore.protection(self.directory / VAULT_FILE)

    def unlock(self, passphrase: str | None = None):
        from ..core.desks.clinic import ClinicDesk

        if passphrase is None:
            passphrase = read_passphrase_file(self.passphrase_file)
        desk = ClinicDesk.open(self.directory, passphrase, start_local=self.start_local)
        try:
            _ = desk.network  # connect now, on this (serial) worker: the embedded network is served from here
        except Exception:  # offline: the desk still opens; its next action says why
            pass
        self.desk = desk
        return desk

    def create(self, name: str, kind: str, nodes: list[str], *, governance_key: Path | None = None,
               passphrase: str | None = None):
        """A new desk (no ``nodes``: on the embedded network of this computer, registered at
        once with its governance key); registered at once too when a governance key is given."""
        from ..core.desks.clinic import ClinicDesk
        from ..core.desks.local_desk import register_desk

        desk = ClinicDesk.create(self.directory, name, kind, nodes, passphrase=passphrase,
                                 use_keyring=passphrase is None, kdf_limits=self.kdf_limits, embedded=not nodes,
                                 start_local=self.start_local)
        register_desk(desk, governance_key, self.node() if not nodes else None)
        self.desk = desk
        return desk

    def close(self) -> None:
        desk, self.desk = self.desk, None
        if desk is not None:
            desk.close()
        self.received.clear()
        self.stop_local()
