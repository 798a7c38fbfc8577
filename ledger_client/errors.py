"""One exception hierarchy for everything ledger-related.

Each error carries a short machine ``code`` (stable, used in the node's JSON errors) and a
message a person can act on. Callers react to the class, never to the code: a refusal the
caller handles has a class of its own (:class:`SequenceClash`, :class:`RecordExists`...),
named by the codes it stands for, and :func:`from_wire` and :func:`refusal` turn a code
into that class, on the client's side of the wire and in the contract alike.

:class:`Cancelled` lives here, at the bottom of every package, so that the client, the
wallet and the faces raise and catch one class for a cancelled action.
"""

from __future__ import annotations

from typing import Any, ClassVar


class LedgerError(Exception):
    """Root of every error raised by ``ledger_client``."""

    code = "ledger_error"
    http_status = 400
    # Further wire codes that name this class (``code`` always does).
    codes: ClassVar[tuple[str, ...]] = ()

    def __init__(self, message: str = "", *, code: str | None = None, index: int | None = None) -> None:
        super().__init__(message or self.__doc__ or self.code)
        if code:
            self.code = code
        # The position of the refused transaction in a batch, when a batch was refused.
        self.index = index

    @property
    def message(self) -> str:
        return str(self.args[0])

    def to_json(self) -> dict[str, Any]:
        return {"error": self.code, "message": self.message}


class Cancelled(LedgerError):
    """The action was cancelled."""

    # A cancelled action shows nothing: the GUI's show_error() returns silently for this class.
    code = "cancelled"


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


class SequenceClash(ContractError):
    """The signer's sequence number was used already or skips ahead: another device of the
    same wallet signed in between, or an earlier attempt did land. Sign again with the next one."""

    code = "out_of_order"
    codes = ("out_of_order", "replayed")


class RecordExists(ContractError):
    """A record with this hash is already anchored."""

    code = "record_exists"


class RecordRetired(ContractError):
    """The record was deleted (retired) by its owner."""

    code = "record_retired"


class AlreadyRevoked(ContractError):
    """This consent was already revoked."""

    code = "already_revoked"


class CredentialRefused(ContractError):
    """An anonymous-credential proof or document is not acceptable; ``code`` says why."""

    code = "credential_refused"
    codes: ClassVar[tuple[str, ...]] = (
        "credential_refused", "credential_required", "credential_unverifiable", "bad_proof", "unknown_credential_def",
        "bad_credential_def", "issuer_not_accepted", "not_revocable", "proof_invalid")


class RevocationListOutdated(CredentialRefused):
    """The proof was made against another revocation status list than the one on the ledger now."""

    code = "revocation_list_outdated"
    codes = ()  # not the codes of every credential refusal, which it would otherwise inherit


class EnvelopeRefused(ContractError):
    """A consent named a key envelope that is not the grantor's own: an anchored record, or
    an envelope another pseudonym's consent already named. Upload a fresh envelope and grant again."""

    code = "bad_envelope"
    codes = ("bad_envelope", "envelope_of_another")


class DelegationRefused(ContractError):
    """The delegation does not allow this: it was revoked or has expired, or the consent is outside
    the limits the patient signed (records, purpose, institution, validity). Ask the patient."""

    code = "delegation_refused"
    codes = ("unknown_delegation", "not_delegate", "delegation_revoked", "delegation_expired",
             "purpose_not_delegated", "institution_not_delegated", "record_not_delegated", "grant_too_long",
             "outlives_delegation", "revoke_not_delegated", "delegate_in_use", "emergency_not_delegated")


class EmergencyNotAllowed(ContractError):
    """The network's emergency policy does not let this requester ask for break-glass access."""

    code = "emergency_not_allowed"


class UploadInProgress(ContractError):
    """Another upload of this blob is in progress (or the node has not yet noticed that it broke)."""

    code = "upload_in_progress"


class BadOffset(ContractError):
    """The resume offset does not match the bytes the node holds."""

    code = "bad_offset"


class NotFound(LedgerError):
    """The ledger has no such item."""

    code = "not_found"
    http_status = 404


class AccessDenied(LedgerError):
    """The consent contract does not allow this read; :attr:`reason` names why."""

    code = "access_denied"
    http_status = 403

    def __init__(self, message: str = "", *, code: str | None = None, event_id: str | None = None) -> None:
        super().__init__(message, code=code)
        self.event_id = event_id

    @property
    def reason(self) -> str:
        """The contract's reason for the refusal (a key of ``contract.REASON_TEXT``)."""
        return self.code

    def to_json(self) -> dict[str, Any]:
        out = super().to_json()
        if self.event_id:
            out["event"] = self.event_id
        return out


class ConsentUsedUp(AccessDenied):
    """The consent allowed only so many reads, and they are used up. Ask the patient for a new consent."""

    code = "consent_used_up"


# Refused reads whose reason has a class of its own (a 403's code is the contract's reason).
_READ_REFUSALS: dict[str, type[AccessDenied]] = {ConsentUsedUp.code: ConsentUsedUp}


class TooLarge(LedgerError):
    """The data is larger than this network accepts."""

    code = "too_large"
    http_status = 413


class IntegrityError(LedgerError):
    """Data from the ledger failed verification (hash, Merkle proof or header chain)."""

    code = "integrity"
    http_status = 422


class HistoryMismatch(IntegrityError):
    """The node's history is not an extension of the chain verified before (cut short or changed)."""

    code = "history_changed"


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


# The classes a code names, for errors that arrive as codes (a node's answer, a contract refusal).
_TYPED: tuple[type[LedgerError], ...] = (
    WrongNetwork, SequenceClash, RecordExists, RecordRetired, AlreadyRevoked, CredentialRefused,
    RevocationListOutdated, EnvelopeRefused, DelegationRefused, EmergencyNotAllowed, UploadInProgress, BadOffset,
    Overloaded, OutcomeUnknown)
_BY_CODE: dict[str, type[LedgerError]] = {name: cls for cls in _TYPED for name in (cls.code, *cls.codes)}
_BY_STATUS: dict[int, type[LedgerError]] = {
    400: MalformedError, 401: SignatureError, 403: AccessDenied, 404: NotFound, 409: ContractError, 413: TooLarge,
    422: IntegrityError, 429: RateLimited, 503: NodeUnavailable, 504: Timeout}


def read_refusal(reason: str) -> type[AccessDenied]:
    """The class of a refused read with the contract's ``reason``."""
    return _READ_REFUSALS.get(reason, AccessDenied)


def refusal(code: str, message: str) -> ContractError:
    """A contract refusal with a stable code, of the class that code names (else :class:`ContractError`)."""
    cls = _BY_CODE.get(code)
    if cls is None or not issubclass(cls, ContractError):
        cls = ContractError
    return cls(message, code=code)


def from_wire(status: int, code: str, message: str, *, event_id: str | None = None,
              index: int | None = None, retry_after: float | None = None) -> LedgerError:
    """The exception for an error a node answered with HTTP ``status`` and ``{"error": code}``.

    A 403's code is the contract's reason for refusing a read (another namespace), so it is
    always an :class:`AccessDenied`; otherwise a code with a class of its own gets that class.
    """
    by_status = _BY_STATUS.get(status, LedgerError)
    if by_status is AccessDenied:
        return read_refusal(code)(message, code=code, event_id=event_id)
    cls = _BY_CODE.get(code, by_status)
    if cls in (RateLimited, Overloaded):
        error: LedgerError = cls(message, code=code, retry_after=1.0 if retry_after is None else retry_after)
    else:
        error = cls(message, code=code)
    error.index = index
    return error
