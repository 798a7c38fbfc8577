"""The core's user texts, keyed by stable code, and their translation through gettext.

:data:`CATALOGUE` is the one source translators work from: every typed error of the core and
of ``ledger_client`` has its text here under its ``code`` (``ledger_client`` keeps its English
docstrings, since it knows nothing of the wallet), grant-code problems under
``invalid_grant_code.<reason>`` and the contract's read decisions under ``reason.<code>``.
``make translations`` extracts the ``N_`` texts into ``assets/translations/medwallet.pot``.

:func:`error_text` is what a face shows for an error: the translated catalogue text for its
code, with its parameters, when the error carries the catalogue's message; otherwise the
error's own (English) message, so nothing an error says is ever lost. No Qt here: the window
and the command line both call :func:`use_language`.
"""

from __future__ import annotations

import gettext as _gettext
from collections.abc import Mapping
from pathlib import Path

DOMAIN = "medwallet"
LANGUAGES = ("en", "fr", "nl")  # the languages shipped (English is the source)


def N_(text: str) -> str:  # noqa: N802 (gettext's name for a marker that only marks a text for extraction)
    """``text`` unchanged: marks it for extraction; translated later with :func:`tr`."""
    return text


CATALOGUE: dict[str, str] = {
    # wallet.core
    "wallet_error": N_("Something went wrong in the wallet."),
    "wrong_passphrase": N_("The passphrase is not correct. Check the keyboard layout and Caps Lock, then try again."),
    "passphrase_required": N_("Enter the wallet passphrase to unlock it (the system keyring does not hold its key "
                              "here)."),
    "keyring_unavailable": N_("The system keyring is not available on this computer, so the wallet needs a "
                              "passphrase. If you never set one, restore the wallet from its 24-word recovery phrase."),
    "corrupt_vault": N_("The wallet's key file is damaged or incomplete. Restore it from a backup or from the 24-word "
                        "recovery phrase."),
    "newer_vault": N_("This wallet was saved by a newer version of Medwallet. Update the application to open it."),
    "vault_missing": N_("No wallet was found in this place. Create a new wallet or restore one from its phrase."),
    "invalid_phrase": N_("This is not a valid recovery phrase. Check each of the 24 words and their order."),
    "no_network": N_("This wallet is not connected to a Medwallet network yet. Set a node address."),
    "local_node_failed": N_("The local ledger node could not start. See its log file, or configure a network node "
                            "instead."),
    "record_integrity": N_("This record is damaged or was altered, so it was not opened. Download it again; if that "
                           "keeps failing, ask the sender to share it again."),
    "file_too_large": N_("This file is too large for the wallet."),
    "unreadable_file": N_("This file could not be read. Check that it exists and is not open in another program."),
    "file_changed": N_("The file changed while it was being read. Try again when no other program is writing it."),
    "qr_not_found": N_("No Medwallet QR code was found in this image. Try a sharper, closer picture."),
    "invalid_grant_code": N_("The grant code could not be used."),
    "invalid_grant_code.not_medwallet": N_("This is not a Medwallet grant code."),
    "invalid_grant_code.unsupported_version": N_("This grant code comes from a newer Medwallet. Update this "
                                                 "application and scan again."),
    "invalid_grant_code.truncated": N_("The grant code is incomplete. Scan it again."),
    "invalid_grant_code.checksum": N_("The grant code was not read correctly (its checksum does not match). Scan it "
                                      "again."),
    "invalid_grant_code.malformed": N_("The grant code is damaged or was not read correctly. Scan it again; if that "
                                       "fails, ask the patient to show a new one."),
    "invalid_grant_code.other_network": N_("This grant code belongs to another Medwallet network than the one this "
                                           "desk uses."),
    "invalid_grant_code.expired": N_("This grant code has expired. Ask the patient for a new one."),
    "crypto": N_("A cryptographic check failed."),
    "history_changed": N_("The ledger node's history differs from what this wallet verified before: the node may "
                          "have been tampered with. Nothing it says is used; try another node of the network and "
                          "tell its operator."),
    "cannot_deidentify": N_("This record cannot be shared de-identified: only FHIR JSON records can."),
    "grant_error": N_("This consent cannot be given as asked. Check the records, the institution and the dates."),
    "bad_receipt": N_("This receipt does not check out: it was changed, or it is not signed by the institution the "
                      "consent was given to."),
    "admission_refused": N_("The network refused the credential proof for a new pseudonym."),
    "credential_problem": N_("This credential document cannot be used. Ask the issuer for a new one."),
    "no_usable_credential": N_("This network admits new pseudonyms only with a valid credential from an issuer it "
                               "accepts. Obtain one from such an issuer (see Credentials) and try again."),
    "credential_revoked": N_("Your credential was revoked by its issuer, so it can no longer be used. Ask the issuer "
                             "for a new one."),
    "request_refused": N_("Medwallet does not answer this proof request. Ask the institution for a new one."),
    "credential_store": N_("A stored credential is damaged or belongs to another wallet. Ask the issuer to issue it "
                           "again."),
    "proof_rejected": N_("The patient's proof was not accepted. The reason is shown."),
    "not_our_request": N_("This proof request was signed by another institution: verify proofs of your own requests "
                          "only."),
    "database": N_("The wallet's database is damaged or from a newer Medwallet. Restore from the recovery phrase."),
    "deletion_error": N_("A consent could not be narrowed after a deletion: this wallet lacks a copy it shared."),
    "clinic_error": N_("The clinic desk cannot do this. The message says what is missing."),
    "read_refused": N_("The ledger refused this read. The reason is shown; ask the patient for a new consent if "
                       "needed."),
    "issuer_error": N_("The issuer desk cannot do this. The message says what is missing."),
    "local_desk_unavailable": N_("A clinic desk can be set up here only on the embedded network of this computer. On "
                                 "a care network, institutions are added by the network's operator."),
    "invalid_duration": N_("This duration or date cannot be read. Write e.g. 30d, 6mo, 1y, P6M or 2026-12-31."),
    "invalid_fhir": N_("This file looks like FHIR JSON but is not valid FHIR. Check that it is a complete FHIR R4 "
                       "export."),
    "fhir_export": N_("Medwallet could not build a valid FHIR export. Please report this problem."),
    "onboarding": N_("Check this answer and try again."),
    "profile_refused": N_("This installation's network profile cannot be trusted, so Medwallet will not use it. "
                          "Reinstall from your pilot program's official installer, or contact its support."),
    "passphrase_needed": N_("Type the wallet's passphrase to see the recovery phrase."),
    "unknown_record": N_("This wallet has no such record. Check the record id (see 'medwallet records')."),
    "settings": N_("The wallet's settings file is damaged. Fix or delete settings.json and set the network again."),
    "bad_shlink": N_("This is not a SMART Health Link the wallet can read (it should start with shlink:/)."),
    "shlink_expired": N_("This SMART Health Link has expired. Ask the person who shared it for a new one."),
    "shlink_bad_file": N_("A file of this SMART Health Link could not be decrypted or read: it was damaged or the "
                          "link's key does not match."),
    "shlink_passcode": N_("The passcode is missing or not correct. Ask the person who shared the link for it."),
    "shlink_unavailable": N_("This SMART Health Link cannot be used any more: it was revoked, has expired, was used "
                             "as many times as allowed, or is locked after wrong passcodes."),
    "shlink_server": N_("The server of this SMART Health Link did not answer as it should. Try again later."),
    "shlink_bad_share": N_("This link cannot be made with these settings."),
    "wallet_exists": N_("A wallet already exists in this folder. Open it, or choose another folder."),
    "no_wallet": N_("There is no wallet in this folder yet. Create one or restore one from its recovery phrase."),
    "embedded_refused": N_("The embedded network of this computer is not this wallet's network, so the wallet keeps "
                           "its nodes. Enter the addresses of your care network's nodes instead."),
    "passphrase_file": N_("The passphrase file cannot be read."),
    # wallet.core.delegation: the patient's delegates, and acting for a patient
    "delegation_error": N_("This delegation cannot be made as asked. Check the records, the limits and the dates."),
    "delegation_error.purposes": N_("Choose purposes among {purposes}."),
    "delegation_error.unknown_kind": N_("Unknown kind of institution or of record."),
    "delegation_error.past_end": N_("The delegation must end in the future."),
    "delegation_error.grant_too_short": N_("A delegated consent must be allowed to last at least an hour."),
    "delegation_error.not_own_records": N_("Choose records of your own that are stored on the ledger."),
    "delegation_error.kind_not_allowed": N_("A chosen record is not of a kind the delegation allows."),
    "delegation_error.no_records": N_("Choose the records, or the kinds of record, the delegate may share."),
    "delegation_error.no_records_of_kinds": N_("You have no record of these kinds yet."),
    "delegation_error.name": N_("Give the delegate a name of 1 to {max} characters."),
    "delegation_error.ambiguous": N_("No delegate, or more than one, matches this name or id."),
    "delegation_error.unknown": N_("This wallet made no such delegation."),
    "invalid_delegate_code": N_("This is not a delegate's code, or it was mistyped. Ask the delegate to show it "
                                "again."),
    "invalid_delegate_code.not_medwallet": N_("This is not a Medwallet delegate code."),
    "invalid_delegate_code.truncated": N_("This delegate code is incomplete."),
    "invalid_delegate_code.checksum": N_("This delegate code was mistyped (its check does not match)."),
    "invalid_delegate_code.no_code": N_("This picture holds no Medwallet delegate code."),
    "package_damaged": N_("The delegation's package does not open with this wallet's key, or it is damaged."),
    "acting_error": N_("You cannot act for this person as asked: check whom you act for, the records and the "
                       "dates."),
    "acting_error.name": N_("Name the person you act for in 1 to 80 characters."),
    "acting_error.exists": N_("You already have a code for {label}."),
    "acting_error.unknown": N_("You act for no one called {who!r}; see 'medwallet delegate status'."),
    "acting_error.wrong_package": N_("The node sent a package that is not the one the patient signed."),
    "acting_error.other_delegation": N_("The package was made for another delegation."),
    "acting_error.record": N_("No record you may share, or more than one, matches {text!r}."),
    "acting_error.envelope": N_("The node did not store the consent's key envelope; try again."),
    "acting_error.consent": N_("No consent you gave, or more than one, matches this id."),
    "not_delegated_yet": N_("The patient has not made you their delegate yet (or not on this network): give them "
                            "your code."),
    "delegation_status.active": N_("active"),
    "delegation_status.revoked": N_("revoked"),
    "delegation_status.expired": N_("expired"),
    "delegation_status.waiting": N_("waiting for the patient to add you"),
    "delegation_status.unreachable": N_("the ledger could not be reached"),
    # wallet.core.emergency: the patient's emergency set, and a break-glass request of an institution
    "emergency_error": N_("The emergency set could not be changed."),
    "emergency_error.not_fhir": N_("Only FHIR records imported one resource each can be in the emergency set "
                                   "({record}…)."),
    "emergency_error.size": N_("An emergency set holds from 1 to 20 files."),
    "emergency_error.decision": N_("Decide with approve or veto."),
    "no_emergency_policy": N_("This network has no emergency-access policy yet: its governance has not said who "
                              "may ask."),
    "no_emergency_set": N_("This wallet has no emergency set on the ledger."),
    "emergency_copy_unreadable": N_("The emergency record could not be decrypted: the key rebuilt from the nodes' "
                                    "shares does not open it (a node sent a wrong share, or the patient replaced "
                                    "the set)."),
    "emergency_request_error": N_("The emergency request could not be made or read."),
    "emergency_request_error.card": N_("An emergency card holds the set's key: 64 hexadecimal characters."),
    "emergency_request_error.justification": N_("Say why (1 to {max} characters)."),
    "emergency_request_error.not_allowed": N_("Not allowed: {reason}."),
    "emergency_request_error.unknown": N_("No such emergency request on the ledger."),
    "emergency_request_error.read_refused": N_("The node refused the read: {reason}."),
    "emergency_not_open": N_("The emergency request is not open: the delay has not passed and the patient has not "
                             "approved (or vetoed)."),
    "emergency_not_open.status": N_("The emergency request is not open: {status}."),
    # the status of an emergency request (ledger_client.emergency.STATUS_TEXT)
    "emergency_status.open": N_("open"),
    "emergency_status.pending": N_("waiting for the delay to pass or the patient to approve"),
    "emergency_status.vetoed": N_("the patient vetoed it"),
    "emergency_status.closed": N_("it was open, and its time is over"),
    "emergency_status.set_withdrawn": N_("the patient withdrew the emergency set"),
    "emergency_status.set_replaced": N_("the patient replaced the emergency set since"),
    # wallet.core: backup, guardians, the background alert checker
    "phrase_check": N_("Those words do not match your recovery phrase. Look at your written copy again."),
    "guardian_share": N_("These guardian shares cannot rebuild the wallet. Check each share's words and that enough "
                         "shares are given."),
    "checker_unavailable": N_("The background alert checker cannot run for this wallet: it needs a network node (not "
                              "the embedded local node, which runs only with the window)."),
    # wallet.cli
    "usage": N_("The command was not given what it needs. See --help."),
    "needs_passphrase": N_("A passphrase is needed and none was given."),
    "needs_confirmation": N_("This command asks for your confirmation: run it on a terminal, or add --yes to confirm "
                             "beforehand."),
    "declined": N_("You declined: nothing was done."),
    "no_answer": N_("no answer (the input ended at a question)"),
    "no_matching_credential": N_("None of your valid credentials can answer this request."),
    "phrase_check_failed": N_("A word of the recovery phrase did not match."),
    "phrase_check_failed.word": N_("Word {position} does not match. Your wallet exists; run 'medwallet phrase' later "
                                   "to see the words again."),
    "no_window": N_("The window needs PySide6, which is not installed here."),
    "nothing_imported": N_("Nothing could be imported from this file: it holds no valid entry."),
    # ledger_client
    "ledger_error": N_("The ledger could not do this."),
    "cancelled": N_("The action was cancelled."),
    "malformed": N_("The data is not in the expected format."),
    "bad_signature": N_("A signature is missing or does not verify."),
    "wrong_network": N_("The data belongs to another Medwallet network (different genesis)."),
    "rejected": N_("The consent contract refuses this transaction; the reason says why."),
    "out_of_order": N_("The signer's sequence number was used already or skips ahead: another device of the same "
                       "wallet signed in between, or an earlier attempt did land. Sign again with the next one."),
    "record_exists": N_("A record with this hash is already anchored."),
    "record_retired": N_("The record was deleted (retired) by its owner."),
    "already_revoked": N_("This consent was already revoked."),
    "credential_refused": N_("The credential proof or document is not acceptable."),
    "revocation_list_outdated": N_("The proof was made against another revocation status list than the one on the "
                                   "ledger now."),
    "bad_envelope": N_("A consent named a key envelope that is not the grantor's own: an anchored record, or an "
                       "envelope another pseudonym's consent already named. Upload a fresh envelope and grant again."),
    "upload_in_progress": N_("Another upload of this blob is in progress (or the node has not yet noticed that it "
                             "broke)."),
    "bad_offset": N_("The resume offset does not match the bytes the node holds."),
    "not_found": N_("The ledger has no such item."),
    "access_denied": N_("The consent contract does not allow this read."),
    "too_large": N_("The data is larger than this network accepts."),
    "integrity": N_("Data from the ledger failed verification (hash, Merkle proof or header chain)."),
    "unavailable": N_("No ledger node could be reached. Check the network connection and node address."),
    "timeout": N_("The ledger node did not answer in time. Try again in a moment."),
    "storage": N_("The node's local storage is damaged or from an incompatible version."),
    "rate_limited": N_("The node is limiting how fast this client may send requests. Try again in a moment."),
    "overloaded": N_("The node holds as many unconfirmed transactions as it accepts. Try again shortly."),
    "untrusted_certificate": N_("The node's TLS certificate is not trusted: the connection was refused before any "
                                "data was sent. Check the node address and this installation's trusted "
                                "certificates."),
    "outcome_unknown": N_("The node could not learn whether the transaction was ordered: it may still commit. Check "
                          "its status before signing it again."),
    "evidence_invalid": N_("The evidence bundle does not verify."),
    "node_behind": N_("This node cannot confirm that it is in step with the ordered log; ask another node or try "
                      "shortly."),
    "delegation_refused": N_("The delegation does not allow this: it was revoked or has expired, or the consent is "
                             "outside the limits the patient signed (records, purpose, institution, validity). Ask "
                             "the patient."),
    "emergency_not_allowed": N_("The network's emergency policy does not let this requester ask for break-glass "
                                "access."),
    "not_enough_shares": N_("Fewer nodes released their share than the set's threshold needs."),
    "consent_used_up": N_("The consent allowed only so many reads, and they are used up. Ask the patient for a new "
                          "consent."),
    "link_inactive": N_("The link cannot be used (unknown, revoked, expired, used up or locked)."),
    "wrong_passcode": N_("The passcode is missing or wrong."),
    # the consent contract's read decisions (ledger_client.contract.REASON_TEXT), as the access log shows them
    "reason.owner": N_("the owner reads their own record"),
    "reason.consent": N_("allowed by the patient's consent"),
    "reason.unknown_record": N_("no such record on the ledger"),
    "reason.record_retired": N_("the patient deleted this record"),
    "reason.envelope_retired": N_("the patient deleted a record this key envelope opens"),
    "reason.no_consent": N_("no consent was given for this read"),
    "reason.unknown_consent": N_("no such consent on the ledger"),
    "reason.wrong_grantee": N_("the consent was given to another institution"),
    "reason.not_in_scope": N_("the consent does not cover this record"),
    "reason.wrong_purpose": N_("the consent does not cover this purpose"),
    "reason.consent_revoked": N_("the patient revoked this consent"),
    "reason.consent_expired": N_("the consent has expired"),
    "reason.consent_not_yet_valid": N_("the consent is not valid yet"),
    "reason.blob_unavailable": N_("the node does not hold this record's data"),
    "reason.envelope_of_another": N_("the key envelope belongs to another patient's consent"),
    "reason.consent_used_up": N_("the consent's reads are used up (the patient allowed only so many)"),
    "reason.emergency": N_("an open emergency (break-glass) request"),
    "reason.emergency_not_open": N_("the emergency request is not open (not yet, vetoed, closed, or its set was "
                                    "replaced)"),
    "reason.emergency_wrong_requester": N_("the emergency request was made by another institution"),
    "reason.emergency_not_in_set": N_("the record is not in the emergency set the request names"),
    # the delegation contract's decisions (ledger_client.delegation.REASON_TEXT), as a refusal shows them
    "reason.active": N_("the delegation is active"),
    "reason.unknown_delegation": N_("no such delegation on the ledger"),
    "reason.not_delegate": N_("the signer is not the delegate of this delegation"),
    "reason.delegation_revoked": N_("the patient revoked this delegation"),
    "reason.delegation_expired": N_("this delegation has expired"),
    "reason.purpose_not_delegated": N_("the delegation does not allow consents for this purpose"),
    "reason.institution_not_delegated": N_("the delegation does not allow consents to this institution"),
    "reason.record_not_delegated": N_("the delegation does not cover this record"),
    "reason.grant_too_long": N_("the consent lasts longer than the delegation allows"),
    "reason.outlives_delegation": N_("the consent would end after the delegation"),
    "reason.revoke_not_delegated": N_("the delegation does not allow revoking this consent"),
    "reason.delegate_in_use": N_("this delegate key already serves a delegation or is a registered party"),
    "reason.emergency_not_delegated": N_("the delegation does not allow deciding emergency requests for this set"),
    # the names the core gives parties the ledger does not name (the audit trail, emergency requests)
    "party.you": N_("You (this wallet)"),
    "party.unknown_institution": N_("Unknown institution"),
    "party.unknown_requester": N_("Unknown requester"),
    "party.guardian": N_("Your guardian (a delegate), for you"),
    # the alert rules' words (wallet.core.audit.alerts, one per rule): {who} is the requester's name
    "alert.first_read": N_("first read by {who}"),
    "alert.unusual_hours": N_("{who} read your records at an unusual hour"),
    "alert.burst": N_("{who} read {count} times within minutes"),
    "alert.repeated_refusals": N_("{who} was refused {count} times"),
    "alert.emergency": N_("{who} read your records for emergency care"),
}

_PARTIES = {CATALOGUE[key]: key for key in ("party.you", "party.unknown_institution", "party.unknown_requester",
                                                   "party.guardian")}

_translation: _gettext.NullTranslations = _gettext.NullTranslations()


def locale_dir() -> Path:
    """Where the compiled catalogues are (``wallet/locale``: package data, built by ``make translations``)."""
    return Path(__file__).resolve().parents[1] / "locale"


def use_language(language: str | None) -> str:
    """Translate into ``language`` (``fr``, ``nl``, ``en``) from now on; None: the environment's
    choice (LANGUAGE, LC_ALL, LC_MESSAGES, LANG), as command-line tools do. Returns the language used."""
    global _translation
    languages = [language] if language else None
    _translation = _gettext.translation(DOMAIN, str(locale_dir()), languages=languages, fallback=True)
    return _translation.info().get("language") or "en"


def tr(text: str) -> str:
    """``text`` (an English source text) in the language chosen by :func:`use_language`."""
    return _translation.gettext(text)


def trn(singular: str, plural: str, n: int) -> str:
    """The singular or plural form of a text for the count ``n``, in the chosen language."""
    return _translation.ngettext(singular, plural, n)


def text(key: str, params: Mapping[str, object] | None = None) -> str:
    """The translated catalogue text for ``key`` with ``params`` filled in (KeyError if unknown)."""
    translated = tr(CATALOGUE[key])
    return translated.format(**params) if params else translated


def english(key: str, params: Mapping[str, object] | None = None) -> str:
    """The English catalogue text for ``key`` with ``params`` filled in (what JSON output and logs keep)."""
    source = CATALOGUE[key]
    return source.format(**params) if params else source


def reason_text(reason: str) -> str:
    """A read decision of the consent contract (``ledger_client.contract.REASON_TEXT``), translated."""
    key = f"reason.{reason}"
    return text(key) if key in CATALOGUE else reason


def delegation_status(status: str) -> str:
    """A delegation's status (``active``, ``revoked``, ``expired``), translated."""
    key = f"delegation_status.{status}"
    return text(key) if key in CATALOGUE else status


def emergency_status(status: str) -> str:
    """An emergency request's status (``ledger_client.emergency.STATUS_TEXT``), translated."""
    key = f"emergency_status.{status}"
    return text(key) if key in CATALOGUE else status


def party_name(name: str) -> str:
    """A party's name as the core gave it (``requester_name``), translated when it is one of the
    core's own stand-ins (``party.*``: the patient's wallet, an institution the ledger does not name)."""
    return text(_PARTIES[name]) if name in _PARTIES else name


def alert_text(rule: str, who: str | None, count: int = 1) -> str:
    """An alert's words (``alert.<rule>``) in the chosen language, the requester's name given as the
    core gave it (a stand-in is translated, no name reads as an unknown requester)."""
    name = party_name(who) if who else text("party.unknown_requester")
    return text(f"alert.{rule}", {"who": name, "count": count})


def error_text(exc: BaseException) -> str:
    """What a face shows for ``exc``: its catalogue text, translated, with its parameters, when the
    error says the catalogue's text (or, for a refusal by a wire code, the text of that reason);
    else its own message (English), never nothing."""
    message = getattr(exc, "message", None)
    message = message if isinstance(message, str) else str(exc)
    key = getattr(exc, "text_key", None) or getattr(exc, "code", None)
    params = getattr(exc, "text_params", None) or None
    if isinstance(key, str) and key not in CATALOGUE and f"reason.{key}" in CATALOGUE:
        key = f"reason.{key}"  # a contract refusal that says its reason's text (a delegation's, say)
    if not isinstance(key, str) or key not in CATALOGUE:
        return message
    try:
        if english(key, params) != " ".join(message.split()):  # a docstring's line breaks are no words
            return message  # raised with words of its own: those, untranslated, rather than a vaguer text
        return text(key, params)
    except (KeyError, IndexError, ValueError):
        return message
