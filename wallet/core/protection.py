"""How an open wallet is protected, and the patient's changes to it: show the recovery
phrase again or split it among guardians (each after proving it is them), change the
passphrase, and why this computer has no keyring. The window's Settings page and the command
line call these same functions."""

from __future__ import annotations

from dataclasses import dataclass

from .errors import WalletError, WrongPassphrase
from .keys import guardians, keyring_access
from .keys.keystore import Keystore
from .keys.sodium import Argon2Limits
from .onboarding import check_passphrase
from .wallet import Wallet


class PassphraseNeededToShow(WalletError):
    """Type the wallet's passphrase to see the recovery phrase."""

    code = "passphrase_needed"


class PassphraseNeededForShares(PassphraseNeededToShow):
    """Type the wallet's passphrase to make the guardians' shares."""


@dataclass(frozen=True)
class KeyringStatus:
    """Whether this computer's keyring can keep the wallet's key, and if not, why."""

    available: bool
    reason: str  # empty when available


def keyring_status() -> KeyringStatus:
    """Slow (D-Bus): ask off the GUI thread."""
    backend, reason = keyring_access.detect()
    return KeyringStatus(backend is not None, reason)


def prove_owner(wallet: Wallet, passphrase: str | None,
                missing: type[PassphraseNeededToShow] = PassphraseNeededToShow) -> None:
    """Check that whoever asks is the patient, before anything that hands out the seed.

    A wallet with a passphrase asks for it (a wallet left open on a shared computer does not
    hand its words to whoever sits down); a keyring-only wallet re-opens its vault through
    the keyring, which the desktop session guards.
    """
    store = wallet.keystore
    if store.has_passphrase:
        if not passphrase:
            raise missing()
        if not store.verify_passphrase(passphrase):
            raise WrongPassphrase()
    else:
        Keystore.open(store.path)  # raises unless the keyring still opens it


def reveal_phrase(wallet: Wallet, passphrase: str | None) -> str:
    """The 24 recovery words, once the patient has proven it is them (:func:`prove_owner`)."""
    prove_owner(wallet, passphrase)
    return wallet.keys.phrase()


def guardian_shares(wallet: Wallet, passphrase: str | None, names: list[str],
                    threshold: int) -> list[guardians.GuardianShare]:
    """The seed split among ``names`` (:func:`.keys.guardians.create`), once the patient has
    proven it is them: no share is made, let alone shown, before the passphrase is checked
    (the set of names is checked first: that needs no secret)."""
    guardians.check_set(names, threshold)
    prove_owner(wallet, passphrase, PassphraseNeededForShares)
    return guardians.create(wallet.db, wallet.keys.seed, names, threshold)


def change_passphrase(wallet: Wallet, current: str, new: str, repeat: str, *,
                      kdf_limits: Argon2Limits | None = None) -> None:
    """Replace the passphrase (or set a first one on a keyring wallet); the current one is checked first."""
    store = wallet.keystore
    if store.has_passphrase and not store.verify_passphrase(current):
        raise WrongPassphrase()
    check_passphrase(new, repeat)
    store.change_passphrase(new, kdf_limits=kdf_limits)
