"""Onboarding: from no wallet to an open one, as a state machine with no Qt in it.

A view renders :attr:`Onboarding.step` and calls the method named after what the patient
did; every check lives here, so the wizard is tested without a GUI (Electrum's
``wizard.py``). The machine itself does no I/O. The one slow step (keyring, Argon2id,
connecting, rediscovering a restored wallet) is :func:`build_wallet`, which a GUI runs on a
worker thread with the immutable :class:`WalletPlan` from :meth:`Onboarding.plan`, then
reports back with :meth:`Onboarding.finished` or :meth:`Onboarding.failed`.

Create:  CHOOSE → NETWORK → PROTECTION → SHOW_PHRASE → CHECK_PHRASE → BUILD → DONE
Restore: CHOOSE → ENTER_PHRASE → NETWORK → PROTECTION → BUILD → DONE

A patient who forgot the passphrase restores in place (:meth:`Onboarding.forgot_passphrase`):
the wizard starts at ENTER_PHRASE with the old wallet's network already chosen, and the
build sets the old wallet's folder aside (renamed, never deleted) only once the new one is
being made, putting it back if that fails.
"""

from __future__ import annotations

import random
import re
import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from ledger_client.errors import LedgerError

from .errors import Cancelled, KeyringUnavailable, LocalNodeFailed, NoNetwork, WalletError
from .keys.seed import PHRASE_WORDS, new_phrase, validate_phrase
from .keys.sodium import Argon2Limits

if TYPE_CHECKING:
    from .wallet import Wallet

CHECK_WORDS = 3
MIN_PASSPHRASE = 8
MAX_NODES = 8
_GENESIS = re.compile(r"^[0-9a-f]{64}$")
_CREATED_FILES = ("wallet.vault", "wallet.sqlite", "wallet.sqlite-wal", "wallet.sqlite-shm", "settings.json")
_CREATED_DIRS = ("blobs", "tmp")


class Step(StrEnum):
    CHOOSE = "choose"  # create a new wallet or restore one
    ENTER_PHRASE = "enter_phrase"  # restore: type the 24 words
    NETWORK = "network"  # the embedded local node, or node addresses (+ genesis hash)
    PROTECTION = "protection"  # the system keyring, or a passphrase-encrypted file
    SHOW_PHRASE = "show_phrase"  # create: write the 24 words down
    CHECK_PHRASE = "check_phrase"  # create: give a few of them back
    BUILD = "build"  # the wallet is being made (worker)
    DONE = "done"


CREATE_STEPS = (Step.CHOOSE, Step.NETWORK, Step.PROTECTION, Step.SHOW_PHRASE, Step.CHECK_PHRASE, Step.BUILD)
RESTORE_STEPS = (Step.CHOOSE, Step.ENTER_PHRASE, Step.NETWORK, Step.PROTECTION, Step.BUILD)


class OnboardingError(WalletError):
    """Check this answer and try again."""

    code = "onboarding"

    def __init__(self, message: str, *, field_name: str, positions: tuple[int, ...] = ()) -> None:
        super().__init__(message, detail=field_name)
        self.field = field_name  # which input the view should highlight
        self.positions = positions  # wrong word positions (1-based) in the phrase check


@dataclass(frozen=True)
class WalletPlan:
    """Everything :func:`build_wallet` needs; secrets are kept out of ``repr``."""

    mode: str
    directory: Path
    phrase: str = field(repr=False)
    local: bool
    nodes: tuple[str, ...]
    genesis_hash: str | None
    use_keyring: bool
    passphrase: str | None = field(repr=False)
    kdf_limits: Argon2Limits | None = None
    replacing: bool = False  # a forgotten wallet is in the folder: set it aside first


class Onboarding:
    """The wizard's state; methods are the patient's actions, in the order of the steps."""

    def __init__(self, directory: Path, *, phrase_source: Callable[[], str] = new_phrase,
                 rng: random.Random | None = None, kdf_limits: Argon2Limits | None = None) -> None:
        self.directory = Path(directory)
        self.step = Step.CHOOSE
        self.mode: str | None = None
        self.keyring_available: bool | None = None  # unknown until the GUI has asked (off the GUI thread)
        self.local = True
        self.nodes: tuple[str, ...] = ()
        self.genesis_hash: str | None = None
        self.use_keyring = True
        self.check_positions: tuple[int, ...] = ()
        self._phrase = ""
        self._passphrase: str | None = None
        self._phrase_source = phrase_source
        self._rng = rng or random.SystemRandom()
        self._kdf_limits = kdf_limits
        self._history: list[Step] = []
        self.replacing = False

    # --- what the view shows --------------------------------------------------------

    @property
    def steps(self) -> tuple[Step, ...]:
        return RESTORE_STEPS if self.mode == "restore" else CREATE_STEPS

    @property
    def words(self) -> list[str]:
        """The 24 words, only while they are to be written down or checked."""
        if self.mode != "create" or self.step not in (Step.SHOW_PHRASE, Step.CHECK_PHRASE):
            return []
        return self._phrase.split()

    @property
    def can_go_back(self) -> bool:
        return bool(self._history) and self.step not in (Step.BUILD, Step.DONE)

    # --- actions --------------------------------------------------------------------

    def choose(self, mode: str) -> None:
        """``create`` a new wallet or ``restore`` one from its phrase."""
        self._expect(Step.CHOOSE)
        if mode not in ("create", "restore"):
            raise ValueError(f"unknown onboarding mode {mode!r}")
        self.mode = mode
        self._phrase = self._phrase_source() if mode == "create" else ""
        self._go(Step.NETWORK if mode == "create" else Step.ENTER_PHRASE)

    def forgot_passphrase(self, *, local: bool, nodes: tuple[str, ...], genesis_hash: str | None) -> None:
        """Restore in place of a wallet whose passphrase is forgotten, on that wallet's network."""
        self._expect(Step.CHOOSE)
        self.choose("restore")
        self.replacing = True
        self.local, self.nodes, self.genesis_hash = local, tuple(nodes), genesis_hash or None
        self._history = []  # nothing to go back to: the old wallet cannot be opened

    def enter_phrase(self, text: str) -> None:
        """Restore: the 24 words as typed or pasted (raises InvalidPhrase naming the problem)."""
        self._expect(Step.ENTER_PHRASE)
        self._phrase = validate_phrase(text)
        self._go(Step.NETWORK)

    def set_network(self, *, local: bool, nodes_text: str = "", genesis_hash: str = "") -> None:
        """The embedded local node, or the addresses of a network's nodes."""
        self._expect(Step.NETWORK)
        self.local = local
        self.nodes = () if local else parse_nodes(nodes_text)
        self.genesis_hash = parse_genesis_hash(genesis_hash)
        self._go(Step.PROTECTION)

    def set_keyring_available(self, available: bool) -> None:
        self.keyring_available = available
        if not available:
            self.use_keyring = False

    def set_protection(self, *, use_keyring: bool, passphrase: str = "", repeat: str = "") -> None:
        """The keyring (a passphrase is then an optional spare) or a passphrase alone."""
        self._expect(Step.PROTECTION)
        if use_keyring and self.keyring_available is False:
            raise OnboardingError("This computer has no working keyring. Choose a passphrase instead.",
                                  field_name="keyring")
        if passphrase or not use_keyring:
            check_passphrase(passphrase, repeat)
        self.use_keyring = use_keyring
        self._passphrase = passphrase or None
        self._go(Step.SHOW_PHRASE if self.mode == "create" else Step.BUILD)

    def phrase_written(self) -> None:
        """Create: the patient wrote the words down; pick the ones to ask back."""
        self._expect(Step.SHOW_PHRASE)
        self.check_positions = tuple(sorted(self._rng.sample(range(1, PHRASE_WORDS + 1), CHECK_WORDS)))
        self._go(Step.CHECK_PHRASE)

    def check_words(self, answers: dict[int, str]) -> None:
        """Create: the words at :attr:`check_positions` (1-based), as typed."""
        self._expect(Step.CHECK_PHRASE)
        words = self._phrase.split()
        wrong = tuple(p for p in self.check_positions if answers.get(p, "").strip().lower() != words[p - 1])
        if wrong:
            listed = ", ".join(str(p) for p in wrong)
            raise OnboardingError(f"Word {listed} does not match what you wrote down. Look at your list again, "
                                  "or go back to see the words.", field_name="check", positions=wrong)
        self._go(Step.BUILD)

    def back(self) -> None:
        if not self.can_go_back:
            return
        self.step = self._history.pop()
        if self.step == Step.CHOOSE:
            self.mode, self._phrase = None, ""

    def plan(self) -> WalletPlan:
        """What to build, once every step before BUILD is answered."""
        self._expect(Step.BUILD)
        return WalletPlan(self.mode or "create", self.directory, self._phrase, self.local, self.nodes,
                          self.genesis_hash, self.use_keyring, self._passphrase, self._kdf_limits, self.replacing)

    def finished(self) -> None:
        """The wallet exists and is open: forget the phrase and passphrase."""
        self._expect(Step.BUILD)
        self._phrase, self._passphrase = "", None
        self._history.clear()
        self.step = Step.DONE

    def failed(self, exc: BaseException) -> Step:
        """Go back to the step whose answer must change; returns it (BUILD: just retry)."""
        self._expect(Step.BUILD)
        target = Step.BUILD
        if isinstance(exc, KeyringUnavailable):
            self.keyring_available = False
            target = Step.PROTECTION
        elif isinstance(exc, (LedgerError, LocalNodeFailed, NoNetwork)) and not isinstance(exc, Cancelled):
            target = Step.NETWORK
        while self.step != target and self._history:
            self.step = self._history.pop()
        return self.step

    # --- helpers --------------------------------------------------------------------

    def _expect(self, step: Step) -> None:
        if self.step != step:
            raise RuntimeError(f"onboarding is at {self.step}, not {step}")

    def _go(self, step: Step) -> None:
        self._history.append(self.step)
        self.step = step


def parse_nodes(text: str) -> tuple[str, ...]:
    """Node addresses separated by spaces, commas or new lines; http(s) with a host."""
    items = [item for item in re.split(r"[\s,]+", text.strip()) if item]
    if not items:
        raise OnboardingError("Enter the address of at least one node, e.g. https://node.example.org.",
                              field_name="nodes")
    if len(items) > MAX_NODES:
        raise OnboardingError(f"Enter at most {MAX_NODES} node addresses.", field_name="nodes")
    for item in items:
        parts = urlsplit(item)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise OnboardingError(f"{item[:60]!r} is not a node address; it starts with https:// or http://.",
                                  field_name="nodes")
    return tuple(dict.fromkeys(item.rstrip("/") for item in items))


def parse_genesis_hash(text: str) -> str | None:
    """An optional 64-hex-digit genesis hash (the network's fingerprint)."""
    text = text.strip().lower()
    if not text:
        return None
    if not _GENESIS.match(text):
        raise OnboardingError("A genesis hash has 64 characters 0-9 and a-f. Copy it again from your network's "
                              "instructions, or leave it empty.", field_name="genesis")
    return text


def check_passphrase(passphrase: str, repeat: str) -> None:
    if len(passphrase) < MIN_PASSPHRASE:
        raise OnboardingError(f"Choose a passphrase of at least {MIN_PASSPHRASE} characters.",
                              field_name="passphrase")
    if passphrase != repeat:
        raise OnboardingError("The two passphrases differ. Type the same passphrase twice.", field_name="repeat")


def build_wallet(plan: WalletPlan, *, start_local: Callable[[], str] | None = None,
                 progress: Callable[[str, int, int], None] | None = None,
                 cancel: Callable[[], bool] | None = None) -> tuple[Wallet, dict[str, Any]]:
    """Make (and for a restore, rediscover) the planned wallet; returns ``(wallet, summary)``.

    Slow: keyring, Argon2id, network. Anything that fails or is cancelled after the
    wallet's files were written removes them again, so the wizard can simply retry.
    """
    from .backup import phrase_confirmed
    from .restore import rediscover
    from .wallet import Wallet

    aside = set_aside(plan.directory) if plan.replacing and Wallet.exists(plan.directory) else None
    existed = plan.directory.exists()
    try:
        wallet, _ = Wallet.create(plan.directory, phrase=plan.phrase, passphrase=plan.passphrase,
                                  use_keyring=plan.use_keyring, nodes=list(plan.nodes), genesis_hash=plan.genesis_hash,
                                  kdf_limits=plan.kdf_limits, embedded=plan.local, start_local=start_local)
    except BaseException:
        if aside is not None:
            shutil.rmtree(plan.directory, ignore_errors=True)
            aside.rename(plan.directory)
        raise
    try:
        phrase_confirmed(wallet)  # created: its words were checked; restored: they were typed
        summary: dict[str, Any] = {}
        if plan.mode == "restore":
            summary = rediscover(wallet, progress=progress, cancel=cancel)
        if cancel and cancel():
            raise Cancelled()
        return wallet, summary
    except BaseException:
        _discard(wallet, existed)
        if aside is not None:
            shutil.rmtree(plan.directory, ignore_errors=True)
            aside.rename(plan.directory)
        raise


def set_aside(directory: Path) -> Path:
    """Rename a wallet folder out of the way (``wallet-forgotten-YYYYmmdd-HHMMSS``); nothing is deleted."""
    import time

    stamp = time.strftime("%Y%m%d-%H%M%S")
    target = directory.with_name(f"{directory.name}-forgotten-{stamp}")
    n = 1
    while target.exists():
        n += 1
        target = directory.with_name(f"{directory.name}-forgotten-{stamp}-{n}")
    directory.rename(target)
    return target


def network_of(directory: Path) -> tuple[bool, tuple[str, ...], str | None]:
    """The network a wallet folder's settings name: (embedded, nodes, genesis hash). No secret is read."""
    from .settings import Settings, SettingsError

    try:
        settings = Settings.load(directory / "settings.json")
    except SettingsError:
        return True, (), None
    return settings.local_node, tuple(settings.nodes), settings.genesis_hash or None


def _discard(wallet: Wallet, existed: bool) -> None:
    """Remove what :func:`build_wallet` wrote (never other files in a folder that existed)."""
    directory = wallet.dir
    try:
        wallet.keystore.delete()
    finally:
        wallet.close()
    if not existed:
        shutil.rmtree(directory, ignore_errors=True)
        return
    for name in _CREATED_FILES:
        (directory / name).unlink(missing_ok=True)
    for name in _CREATED_DIRS:
        shutil.rmtree(directory / name, ignore_errors=True)
