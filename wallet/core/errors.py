"""One exception hierarchy for the wallet core.

Every error a patient may see is a subclass of :class:`WalletError` whose docstring says
what it means; the text shown to the patient is the entry of :data:`wallet.core.texts.CATALOGUE`
under its ``code`` (or a more precise ``key`` with parameters), which the faces translate.
Messages never contain a key, a phrase, a passphrase or health data, so ``str(exc)`` is
always safe to log or to put behind a "copy details" button.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum

from ledger_client.errors import Cancelled

from .texts import CATALOGUE, english

__all__ = ["Cancelled"]  # one class for a cancel, the client's and the core's alike (see ledger_client.errors)


class WalletError(Exception):
    """Something went wrong in the wallet."""

    code = "wallet_error"

    def __init__(self, message: str = "", *, detail: str = "", key: str | None = None,
                 params: Mapping[str, object] | None = None) -> None:
        # ``key`` names a catalogue text more precise than the code's, ``params`` fill it in.
        self.text_key = key or self.code
        self.text_params = dict(params or {})
        if not message:
            message = english(key, self.text_params) if key else self.user_text()
        super().__init__(message)
        # A short technical note for logs and "copy details" (never secret, never health data).
        self.detail = detail

    @classmethod
    def user_text(cls) -> str:
        """The patient-facing text in English: the catalogue's for the code (else the docstring)."""
        return CATALOGUE.get(cls.code) or " ".join((cls.__doc__ or cls.code).split())

    @property
    def message(self) -> str:
        return str(self.args[0])


class WrongPassphrase(WalletError):
    """The passphrase is not correct. Check the keyboard layout and Caps Lock, then try again."""

    code = "wrong_passphrase"


class PassphraseRequired(WalletError):
    """Enter the wallet passphrase to unlock it (the system keyring does not hold its key here)."""

    code = "passphrase_required"


class KeyringUnavailable(WalletError):
    """The system keyring is not available on this computer, so the wallet needs a passphrase.
    If you never set one, restore the wallet from its 24-word recovery phrase."""

    code = "keyring_unavailable"


class CorruptVault(WalletError):
    """The wallet's key file is damaged or incomplete. Restore it from a backup or from the
    24-word recovery phrase."""

    code = "corrupt_vault"


class NewerVault(WalletError):
    """This wallet was saved by a newer version of Medwallet. Update the application to open it."""

    code = "newer_vault"


class VaultMissing(WalletError):
    """No wallet was found in this place. Create a new wallet or restore one from its phrase."""

    code = "vault_missing"


class InvalidPhrase(WalletError):
    """This is not a valid recovery phrase. Check each of the 24 words and their order."""

    code = "invalid_phrase"

    def __init__(
        self,
        message: str = "",
        *,
        reason: str = "invalid",
        word: str | None = None,
        position: int | None = None,
        suggestion: str | None = None,
    ) -> None:
        super().__init__(message, detail=reason)
        self.reason = reason  # "word", "count" or "checksum"
        self.word = word  # the unknown word as typed (a single word leaks nothing useful)
        self.position = position  # 1-based, as the patient counts
        self.suggestion = suggestion


class NoNetwork(WalletError):
    """This wallet is not connected to a Medwallet network yet. Set a node address."""

    code = "no_network"


class LocalNodeFailed(WalletError):
    """The local ledger node could not start. See its log file, or configure a network node instead."""

    code = "local_node_failed"


class RecordIntegrityError(WalletError):
    """This record is damaged or was altered, so it was not opened. Download it again; if that
    keeps failing, ask the sender to share it again."""

    code = "record_integrity"


class FileTooLarge(WalletError):
    """This file is too large for the wallet."""

    code = "file_too_large"


class UnreadableFile(WalletError):
    """This file could not be read. Check that it exists and is not open in another program."""

    code = "unreadable_file"


class FileChanged(WalletError):
    """The file changed while it was being read. Try again when no other program is writing it."""

    code = "file_changed"


class QrNotFound(WalletError):
    """No Medwallet QR code was found in this image. Try a sharper, closer picture."""

    code = "qr_not_found"


class GrantCodeProblem(StrEnum):
    """Why a grant code was refused; each value has its sentence in the catalogue
    (``invalid_grant_code.<value>``)."""

    NOT_MEDWALLET = "not_medwallet"
    UNSUPPORTED_VERSION = "unsupported_version"
    TRUNCATED = "truncated"
    CHECKSUM = "checksum"
    MALFORMED = "malformed"
    OTHER_NETWORK = "other_network"
    EXPIRED = "expired"


class InvalidGrantCode(WalletError):
    """The grant code could not be used; ``reason`` says why."""

    code = "invalid_grant_code"

    def __init__(self, reason: GrantCodeProblem, *, detail: str = "") -> None:
        super().__init__(key=f"invalid_grant_code.{reason.value}", detail=detail)
        self.reason = reason


class CryptoError(WalletError):
    """A cryptographic check failed."""

    # Internal: callers translate it into the user-facing error that fits (WrongPassphrase,
    # CorruptVault, RecordIntegrityError...), because only they know what failed to open.
    code = "crypto"
