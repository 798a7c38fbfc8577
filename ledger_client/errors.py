"""One exception hierarchy for everything ledger-related.

Each error carries a short machine ``code`` (stable, used in the node's JSON errors and
by clients to react) and a message a person can act on.
"""

from __future__ import annotations


class LedgerError(Exception):
    """Root of every error raised by ``ledger_client``."""

    code = "ledger_error"
    http_status = 400

    def __init__(self, message: str = "", *, code: str | None = None) -> None:
        super().__init__(message or self.__doc__ or self.code)
        if code:
            self.code = code

    @property
    def message(self) -> str:
        return str(self.args[0])

    def to_json(self) -> dict:
        return {"error": self.code, "message": self.message}


class MalformedError(LedgerError):
    """The data is not in the expected format."""

    code = "malformed"


class SignatureError(LedgerError):
    """A signature is missing or does not verify."""

    code = "bad_signature"
    http_status = 401


class WrongNetwork(LedgerError):
    """The data belongs to another Medwallet network (different genesis)."""

    code = "wrong_network"


class ContractError(LedgerError):
    """The consent contract refuses this transaction; the reason says why."""

    code = "rejected"
    http_status = 409


class NotFound(LedgerError):
    """The ledger has no such item."""

    code = "not_found"
    http_status = 404


class AccessDenied(LedgerError):
    """The consent contract does not allow this read; ``code`` names the reason."""

    code = "access_denied"
    http_status = 403

    def __init__(self, message: str = "", *, code: str | None = None, event_id: str | None = None) -> None:
        super().__init__(message, code=code)
        self.event_id = event_id

    def to_json(self) -> dict:
        out = super().to_json()
        if self.event_id:
            out["event"] = self.event_id
        return out


class TooLarge(LedgerError):
    """The data is larger than this network accepts."""

    code = "too_large"
    http_status = 413


class IntegrityError(LedgerError):
    """Data from the ledger failed verification (hash, Merkle proof or header chain)."""

    code = "integrity"
    http_status = 422


class NodeUnavailable(LedgerError):
    """No ledger node could be reached. Check the network connection and node address."""

    code = "unavailable"
    http_status = 503


class Timeout(LedgerError):
    """The ledger node did not answer in time. Try again in a moment."""

    code = "timeout"
    http_status = 504


class StorageError(LedgerError):
    """The node's local storage is damaged or from an incompatible version."""

    code = "storage"
    http_status = 500


class RateLimited(LedgerError):
    """The node is limiting how fast this client may send requests. Try again in a moment."""

    code = "rate_limited"
    http_status = 429

    def __init__(self, message: str = "", *, code: str | None = None, retry_after: float = 1.0) -> None:
        super().__init__(message, code=code)
        self.retry_after = retry_after


class Overloaded(NodeUnavailable):
    """The node holds as many unconfirmed transactions as it accepts. Try again shortly."""

    code = "overloaded"

    def __init__(self, message: str = "", *, code: str | None = None, retry_after: float = 1.0) -> None:
        super().__init__(message, code=code)
        self.retry_after = retry_after


class CertificateError(NodeUnavailable):
    """The node's TLS certificate is not trusted: the connection was refused before any data was sent.
    Check the node address and this installation's trusted certificates."""

    code = "untrusted_certificate"


class OutcomeUnknown(NodeUnavailable):
    """The node could not learn whether the transaction was ordered: it may still commit.
    Check its status before signing it again."""

    code = "outcome_unknown"
