"""The layout of the ledger state's keys, defined once: the contract writes through these
functions and the node's routes, the start-up checks and ``verify`` read through them.

Key layout (``<x>`` is lowercase hex; heights are zero-padded to 12 digits so that key
order is height order):

  acct/<key>                      {"seq"}                 last sequence number of a signer
  inst/<sign_key>                 institution entry
  node/<node_key>                 {"institution"}         node keys registered by governance
  pseu/<key>                      pseudonym entry
  rec/<record>                    anchored record
  cons/<consent>                  consent (id = grant transaction id)
  env/<envelope>                  {"grantor", "consent"}  a key envelope, bound to the pseudonym whose consent
                                                          first named it (no other grantor may name it)
  req/<request_hash>              {"tx"}                  used access requests (replay guard)
  cdef/<cred_def_id>              credential definition, its revocation registry and status list
  ix/grantor/<pseudonym>/<consent>, ix/grantee/<institution>/<consent>
  ix/owner/<pseudonym>/<record>
  ev/rec/<record>/<height>/<tx>, ev/own/<owner>/<height>/<tx>, ev/req/<requester>/<height>/<tx>
  link/<link_hash>                SMART Health Link (files, limits, uses, wrong passcodes; ledger_client.shlinks)
  lat/<attempt_tx>                {"link", "node", "settled"}   a passcode attempt, until an opening settles it
  ix/links/<owner>/<link_hash>, ev/link/<link_hash>/<height>/<tx>

Functions taking an optional last part return the listing prefix (ending in ``/``)
when it is omitted.
"""

from __future__ import annotations

INSTITUTIONS = "inst/"
RECORDS = "rec/"
CONSENTS = "cons/"
ENVELOPES = "env/"


def height_key(height: int) -> str:
    """Heights zero-padded so that key order is height order."""
    return f"{height:012d}"


def account(key: str) -> str:
    return f"acct/{key}"


def institution(key: str) -> str:
    return f"{INSTITUTIONS}{key}"


def node(key: str) -> str:
    return f"node/{key}"


def pseudonym(key: str) -> str:
    return f"pseu/{key}"


def record(record_id: str) -> str:
    return f"{RECORDS}{record_id}"


def consent(consent_id: str) -> str:
    return f"{CONSENTS}{consent_id}"


def envelope(envelope_id: str) -> str:
    return f"{ENVELOPES}{envelope_id}"


def used_request(request_hash: str) -> str:
    return f"req/{request_hash}"


def cred_def(cred_def_id: str) -> str:
    return f"cdef/{cred_def_id}"


def _tail(prefix: str, last: str | None) -> str:
    return prefix if last is None else prefix + last


def by_grantor(pseudonym_key: str, consent_id: str | None = None) -> str:
    return _tail(f"ix/grantor/{pseudonym_key}/", consent_id)


def by_grantee(institution_key: str, consent_id: str | None = None) -> str:
    return _tail(f"ix/grantee/{institution_key}/", consent_id)


def by_owner(owner: str, record_id: str | None = None) -> str:
    return _tail(f"ix/owner/{owner}/", record_id)


EVENT_INDEXES = {"record": "ev/rec/", "owner": "ev/own/", "requester": "ev/req/", "link": "ev/link/"}


def link(link_hash: str) -> str:
    return f"link/{link_hash}"


def link_attempt(tx_id: str) -> str:
    return f"lat/{tx_id}"


def by_link_owner(owner: str, link_hash: str | None = None) -> str:
    return _tail(f"ix/links/{owner}/", link_hash)


def events(index: str, who: str, height: int | None = None, tx_id: str | None = None) -> str:
    """An event key (``index`` is record, owner or requester), or the prefix of one party's events."""
    prefix = f"{EVENT_INDEXES[index]}{who}/"
    if height is None:
        return prefix
    return f"{prefix}{height_key(height)}/{tx_id}"
