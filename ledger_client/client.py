"""HTTP client for Medwallet nodes, used by the wallet, the clinic desk and tools.

Every call has timeouts; idempotent calls (all reads, and submissions, which are
idempotent by transaction id) are retried with jittered exponential backoff and fail over
to the next node address. A node that answers 429 is left alone for at least the
``Retry-After`` it names (plus jitter, so clients do not come back in step), up to
``max_rate_wait`` seconds in all. ``requests`` exceptions never leave this module: they
become :class:`NodeUnavailable`, :class:`CertificateError` or :class:`Timeout`; error
answers (RFC 9457 problem details) become the typed :mod:`ledger_client.errors`
exceptions. Proofs are verified, never trusted (see :mod:`ledger_client.light`).

TLS: ``https://`` node addresses are verified against the system's trusted CAs, or,
with ``ca=``, only against that CA (a PEM file's path or PEM text, as pinned by a pilot
profile).
"""

from __future__ import annotations

import atexit
import os
import random
import re
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any, BinaryIO

import requests

from . import errors
from .access import AccessRequest, frame_blobs, make_batch_auth, make_request_auth, make_session_auth, make_upload_auth
from .crypto import SigningKey
from .encoding import canonical, parse_json
from .genesis import Genesis, parse_genesis
from .tx import SignedTx, make_tx

Progress = Callable[[int, int], None]
Cancel = Callable[[], bool]

CHUNK = 1024 * 1024
MAX_RETRY_AFTER = 60.0


def retry_after(response: requests.Response, default: float = 1.0) -> float:
    """Seconds a node asks to wait (``Retry-After`` in seconds; a date or garbage gives ``default``)."""
    raw = response.headers.get("Retry-After", "")
    return min(float(raw), MAX_RETRY_AFTER) if raw.isascii() and raw.isdigit() else default


def jittered(seconds: float) -> float:
    """At least ``seconds``, spread over half again as much so that clients do not return in step."""
    return seconds + random.uniform(0, seconds / 2)


def _tls_reason(exc: Exception) -> str:
    match = re.search(r"certificate verify failed: ([^(')\]]+)", str(exc))
    if match:
        return match.group(1).strip()
    if "hostname" in str(exc).lower() or "doesn't match" in str(exc):
        return "the certificate is for another host name"
    return "the TLS handshake failed"


class SignedBy(requests.auth.AuthBase):
    """Sign one request as ``key`` (``Authorization: Medwallet-Signed``, bound to its method and target)."""

    def __init__(self, key: SigningKey, chain_id: str) -> None:
        self.key, self.chain_id = key, chain_id

    def __call__(self, request: requests.PreparedRequest) -> requests.PreparedRequest:
        request.headers["Authorization"] = make_request_auth(self.key, self.chain_id, request.method or "GET",
                                                             request.path_url, int(time.time()))
        return request


def _ca_file(ca: str) -> str:
    """A path for ``requests``' ``verify``: the file given, or PEM text written to a private file."""
    if "-----BEGIN CERTIFICATE-----" not in ca:
        if not os.path.isfile(ca):
            raise errors.MalformedError(f"the CA certificate file {ca} does not exist")
        return ca
    fd, path = tempfile.mkstemp(prefix="medwallet-ca-", suffix=".pem")
    with os.fdopen(fd, "w") as out:
        out.write(ca)
    atexit.register(_remove_if_present, path)
    return path


def _remove_if_present(path: str) -> None:
    if os.path.exists(path):
        os.unlink(path)


class LedgerClient:
    """A client for one network, reached through one or more node URLs."""

    def __init__(self, urls: Iterable[str], *, connect_timeout: float = 3.05, read_timeout: float = 30.0,
                 retries: int = 3, backoff: float = 0.25, session: requests.Session | None = None,
                 ca: str | None = None, max_rate_wait: float = 120.0) -> None:
        self.urls = [u.rstrip("/") for u in urls]
        if not self.urls:
            raise errors.MalformedError("no node address given")
        self.timeout = (connect_timeout, read_timeout)
        self.retries = retries
        self.backoff = backoff
        self.max_rate_wait = max_rate_wait
        # Passed with every request: a session-wide setting would lose to REQUESTS_CA_BUNDLE.
        self.ca = ca
        self.verify: str | bool = _ca_file(ca) if ca else True
        self.session = session or requests.Session()
        self.session.headers["User-Agent"] = "medwallet-ledger-client/1"
        self._preferred = 0
        self._chain: str | None = None

    def close(self) -> None:
        self.session.close()

    # --- plumbing -----------------------------------------------------------------

    def _order(self) -> list[str]:
        return self.urls[self._preferred:] + self.urls[:self._preferred]

    def request(self, method: str, path: str, *, idempotent: bool = True, rate_retry: bool = True,
                **kwargs: Any) -> requests.Response:
        """Send a request, failing over between nodes and retrying idempotent calls.

        A 429 is waited out and sent again (``rate_retry``: the node refused it before doing
        anything, so even a single-use request may be repeated) unless that would take
        longer than ``max_rate_wait``; a streamed body cannot be repeated, so its caller
        passes ``rate_retry=False`` and handles :class:`RateLimited` itself."""
        kwargs.setdefault("timeout", self.timeout)
        kwargs.setdefault("verify", self.verify)
        attempts = self.retries if idempotent else 1
        # A non-idempotent request (its body is a one-shot stream) goes to one node only.
        bases = self._order() if idempotent else self._order()[:1]
        last: errors.LedgerError = errors.NodeUnavailable()
        attempt, waited = 0, 0.0
        while attempt < attempts:
            limited = None
            for base in bases:
                try:
                    response = self.session.request(method, base + path, **kwargs)
                except requests.exceptions.SSLError as exc:
                    last = errors.CertificateError(f"refused the connection to {base}: its TLS certificate is not "
                                                   f"trusted ({_tls_reason(exc)})")
                    continue
                except requests.Timeout:
                    last = errors.Timeout(f"the node at {base} did not answer in time")
                    continue
                except requests.RequestException:
                    last = errors.NodeUnavailable(f"cannot reach the ledger node at {base}")
                    continue
                if response.status_code in (502, 503) and idempotent:
                    try:  # keep the node's own explanation (e.g. its ordering service is down)
                        self._check(response)
                    except errors.LedgerError as exc:
                        last = exc
                    continue
                if response.status_code == 429 and rate_retry:
                    wait = retry_after(response)
                    if waited + wait <= self.max_rate_wait:
                        limited = wait
                        break
                self._preferred = self.urls.index(base)
                return self._check(response)
            if limited is not None:
                pause = jittered(limited)
                waited += pause
                time.sleep(pause)
                continue  # a rate limit is not a failure: the attempt is not used up
            attempt += 1
            if attempt < attempts:
                time.sleep(jittered(self.backoff * 2 ** (attempt - 1)))
        raise last

    @staticmethod
    def _check(response: requests.Response) -> requests.Response:
        """The response if it is a success; else the typed error its problem details name."""
        if response.status_code < 400:
            return response
        try:
            doc = response.json()
            if not isinstance(doc, dict):
                raise ValueError
            code = doc.get("error") or str(doc.get("type", "")).rsplit("/", 1)[-1] or "error"
            message = doc.get("message") or doc.get("detail") or response.reason
        except ValueError:
            doc, code, message = {}, "error", f"the node answered {response.status_code} {response.reason}"
        raise errors.from_wire(response.status_code, code, message, event_id=doc.get("event"), index=doc.get("index"),
                               retry_after=retry_after(response))

    def get_json(self, path: str, *, signed_by: SigningKey | None = None, **params: Any) -> Any:
        """GET a JSON document; ``signed_by`` proves the query comes from that key (see
        :mod:`ledger_client.node.auth`)."""
        auth = SignedBy(signed_by, self._chain_id()) if signed_by is not None else None
        response = self.request("GET", path, params={k: v for k, v in params.items() if v is not None}, auth=auth)
        return parse_json(response.content)

    def _chain_id(self) -> str:
        if self._chain is None:
            self._chain = self.status()["chain_id"]
        return self._chain

    def _paged(self, path: str, signed_by: SigningKey | None = None, **params: Any) -> list[dict[str, Any]]:
        items: list[dict[str, Any]] = []
        after = None
        while True:
            page = self.get_json(path, after=after, signed_by=signed_by, **params)
            items.extend(page["items"])
            after = page.get("next")
            if not after:
                return items

    # --- chain --------------------------------------------------------------------

    def status(self) -> dict[str, Any]:
        return self.get_json("/v1/status")

    def genesis(self, expected_hash: str | None = None) -> Genesis:
        """The network's genesis, checked against ``expected_hash`` when given."""
        genesis = parse_genesis(self.get_json("/v1/genesis"))
        if expected_hash is not None and genesis.hash != expected_hash:
            raise errors.WrongNetwork("the node serves another network than the one configured "
                                      f"(genesis {genesis.hash[:16]}…, expected {expected_hash[:16]}…)")
        return genesis

    def submit(self, tx: SignedTx, wait: bool = False, timeout: int = 10) -> dict[str, Any]:
        """Submit a transaction (safe to retry: resubmitting is idempotent)."""
        params = {"wait": "true", "timeout": timeout} if wait else {}
        response = self.request("POST", "/v1/tx", data=canonical(tx.to_json()), params=params,
                                headers={"Content-Type": "application/json"},
                                timeout=(self.timeout[0], self.timeout[1] + timeout))
        return self._settled(parse_json(response.content), wait)

    def submit_batch(self, txs: list[SignedTx], wait: bool = False, timeout: int = 30) -> list[dict[str, Any]]:
        params = {"wait": "true", "timeout": timeout} if wait else {}
        body = canonical({"txs": [tx.to_json() for tx in txs]})
        response = self.request("POST", "/v1/tx/batch", data=body, params=params,
                                headers={"Content-Type": "application/json"},
                                timeout=(self.timeout[0], self.timeout[1] + timeout))
        results = parse_json(response.content)["results"]
        return [self._settled(r, wait) for r in results]

    @staticmethod
    def _settled(result: dict[str, Any], wait: bool) -> dict[str, Any]:
        if wait and result["status"] == "rejected":
            raise errors.refusal(result.get("error") or errors.ContractError.code, result.get("message", "rejected"))
        return result

    def next_seq(self, key: str | SigningKey) -> int:
        """The next sequence number of a signer; given the key itself, asked without naming it
        in the URL (``/v1/my/account``, signed)."""
        if isinstance(key, SigningKey):
            return self.get_json("/v1/my/account", signed_by=key)["next_seq"]
        return self.get_json(f"/v1/accounts/{key}")["next_seq"]

    def submit_signed(self, key: SigningKey, tx_type: str, payload: dict[str, Any], *, wait: bool = True,
                      chain_id: str | None = None, now: int | None = None) -> dict[str, Any]:
        """Sign ``payload`` as the next transaction of ``key`` and submit it."""
        chain_id = chain_id or self.status()["chain_id"]
        tx = make_tx(key, chain_id, tx_type, self.next_seq(key), now or int(time.time()), payload)
        return {**self.submit(tx, wait=wait), "id": tx.id}

    def tx_status(self, tx_id: str) -> dict[str, Any]:
        return self.get_json(f"/v1/tx/{tx_id}")

    def proof(self, tx_id: str) -> dict[str, Any]:
        """The raw inclusion proof document; verify it with :mod:`ledger_client.light`."""
        return self.get_json(f"/v1/tx/{tx_id}/proof")

    def headers(self, start: int, count: int = 1000) -> list[dict[str, Any]]:
        params: dict[str, Any] = {"from": start, "count": count}
        return self.get_json("/v1/headers", **params)["headers"]

    def block(self, height: int, signed_by: SigningKey) -> dict[str, Any]:
        """A whole block (answered to registered institutions and nodes)."""
        return self.get_json(f"/v1/blocks/{height}", signed_by=signed_by)

    def filters(self, start: int, count: int = 1000) -> dict[str, Any]:
        """Compact filters of blocks ``start``.. (see :mod:`ledger_client.filters`), and the head height."""
        params: dict[str, Any] = {"from": start, "count": count}
        return self.get_json("/v1/filters", **params)

    # --- directory ----------------------------------------------------------------

    def institutions(self) -> list[dict[str, Any]]:
        return self._paged("/v1/institutions")

    def institution(self, key: str) -> dict[str, Any]:
        return self.get_json(f"/v1/institutions/{key}")

    # Metadata is answered only to its parties: every call below is signed by the party
    # asking, and the ``my_*`` calls name no one in their URL (the signer is the party).

    def pseudonym(self, key: str, signed_by: SigningKey) -> dict[str, Any]:
        return self.get_json(f"/v1/pseudonyms/{key}", signed_by=signed_by)

    def record(self, record: str, signed_by: SigningKey) -> dict[str, Any]:
        return self.get_json(f"/v1/records/{record}", signed_by=signed_by)

    def consent(self, consent: str, signed_by: SigningKey) -> dict[str, Any]:
        return self.get_json(f"/v1/consents/{consent}", signed_by=signed_by)

    def my_pseudonym(self, key: SigningKey) -> dict[str, Any]:
        """``key``'s own pseudonym entry (:class:`errors.NotFound` while it is not registered)."""
        return self.get_json("/v1/my/pseudonym", signed_by=key)

    def my_records(self, key: SigningKey) -> list[dict[str, Any]]:
        """The records ``key`` anchored."""
        return self._paged("/v1/my/records", signed_by=key)

    def my_consents(self, key: SigningKey) -> list[dict[str, Any]]:
        """The consents ``key`` gave (a pseudonym) or received (an institution)."""
        return self._paged("/v1/my/consents", signed_by=key)

    def my_events(self, key: SigningKey) -> list[dict[str, Any]]:
        """Reads of ``key``'s records (a pseudonym) or by ``key`` (an institution)."""
        return self._paged("/v1/my/events", signed_by=key)

    def my_delegations(self, key: SigningKey) -> list[dict[str, Any]]:
        """The delegations ``key`` gave (a delegation pseudonym) or serves (a delegate)."""
        return self._paged("/v1/my/delegations", signed_by=key)

    def delegation_package(self, key: SigningKey, delegation: str) -> bytes:
        """The sealed package of ``delegation``, asked by its delegate ``key``."""
        auth = SignedBy(key, self._chain_id())
        return self.request("GET", f"/v1/my/delegations/{delegation}/package", auth=auth).content

    def consents(self, signed_by: SigningKey, *, grantor: str | None = None,
                 grantee: str | None = None) -> list[dict[str, Any]]:
        """Consents by grantor or grantee, asked by that party or by a node."""
        return self._paged("/v1/consents", signed_by=signed_by, grantor=grantor, grantee=grantee)

    def events(self, signed_by: SigningKey, *, record: str | None = None, owner: str | None = None,
               requester: str | None = None) -> list[dict[str, Any]]:
        """Events by record, owner or requester, asked by that party (a record's owner) or by a node."""
        return self._paged("/v1/events", signed_by=signed_by, record=record, owner=owner, requester=requester)

    # --- blobs --------------------------------------------------------------------

    def upload_offset(self, blob: str, signed_by: SigningKey) -> tuple[int, bool]:
        """How much of ``signed_by``'s own upload of ``blob`` the node holds."""
        doc = self.get_json(f"/v1/blobs/{blob}/upload", signed_by=signed_by)
        return doc["offset"], doc["complete"]

    def put_blob(self, key: SigningKey, chain_id: str, blob: str, data: bytes) -> bool:
        """Send a small blob whole in one PUT, without asking for an offset first.

        Returns whether the node now holds it. One node, one attempt (the cheap path for
        many small records): if it fails, :meth:`upload_blob` resumes and fails over.
        """
        auth = make_upload_auth(key, chain_id, blob, len(data), int(time.time()))
        response = self.request("PUT", f"/v1/blobs/{blob}", idempotent=False, data=data,
                                headers={"X-Medwallet-Upload": auth, "Content-Type": "application/octet-stream"})
        return bool(parse_json(response.content).get("complete"))

    def put_blobs(self, key: SigningKey, chain_id: str, blobs: Sequence[bytes]) -> list[str]:
        """Send many small blobs in one request (:data:`~ledger_client.access.MAX_BLOB_BATCH` at most);
        returns their hashes, all stored. One node, one attempt, like :meth:`put_blob`."""
        body = frame_blobs(blobs)
        auth = make_batch_auth(key, chain_id, body, len(blobs), int(time.time()))
        response = self.request("POST", "/v1/blobs", idempotent=False, data=body,
                                headers={"X-Medwallet-Upload": auth, "Content-Type": "application/octet-stream"})
        stored: list[str] = parse_json(response.content)["blobs"]
        return stored

    def upload_blob(self, key: SigningKey, chain_id: str, blob: str, size: int,
                    open_at: Callable[[int], Iterator[bytes]], *, progress: Progress | None = None,
                    cancel: Cancel | None = None, attempts: int = 5) -> None:
        """Stream a blob to the node, resuming after interruptions.

        ``open_at(offset)`` yields the blob's bytes from ``offset``; a cancelled upload
        raises :class:`errors.Cancelled`.
        """
        for attempt in range(attempts):
            offset, complete = self.upload_offset(blob, key)
            if complete:
                if progress:
                    progress(size, size)
                return
            auth = make_upload_auth(key, chain_id, blob, size, int(time.time()))
            body = _Body(open_at(offset), offset, size, progress, cancel)
            try:
                response = self._put_body(f"/v1/blobs/{blob}", body, auth, {"offset": offset} if offset else None)
            except errors.RateLimited as exc:
                time.sleep(jittered(exc.retry_after))  # refused before any byte was kept: wait as asked, resume
                continue
            except errors.CertificateError:
                raise
            except (errors.NodeUnavailable, errors.Timeout):
                if attempt + 1 == attempts:
                    raise
                time.sleep(jittered(self.backoff * 2**attempt))
                continue
            except (errors.UploadInProgress, errors.BadOffset):
                # The node has not yet noticed that an earlier attempt's connection broke
                # (upload in progress), or was still storing its last bytes when we asked for
                # the offset (bad offset): ask again and resume from there.
                if attempt + 1 == attempts:
                    raise
                time.sleep(jittered(self.backoff * 2**attempt))
                continue
            if parse_json(response.content)["complete"]:
                return
        raise errors.NodeUnavailable("the upload did not complete; try again")

    def _put_body(self, path: str, body: _Body, auth: str, params: dict[str, Any] | None = None) -> requests.Response:
        """PUT a streamed body to one node; a cancel drops the half-sent connection (so the
        node sees it end) and raises :class:`errors.Cancelled`."""
        try:
            return self.request("PUT", path, idempotent=False, rate_retry=False, data=body, params=params,
                                headers={"X-Medwallet-Upload": auth, "Content-Type": "application/octet-stream",
                                         "Content-Length": str(len(body))})
        except (errors.NodeUnavailable, errors.Timeout):
            if body.cancelled:
                self.session.close()
                raise errors.Cancelled("upload cancelled") from None
            raise

    def upload_stream(self, key: SigningKey, chain_id: str, size: int, chunks: Iterable[bytes], *,
                      progress: Progress | None = None, cancel: Cancel | None = None) -> str:
        """Stream a blob whose hash is not known yet (it is being encrypted as it is sent).

        Returns the session id; name the bytes with :meth:`finish_upload` once their hash
        is known. Not retried: the bytes are gone once sent, so the caller resumes from its
        own copy with :meth:`upload_blob` if this fails.
        """
        session = os.urandom(16).hex()
        auth = make_session_auth(key, chain_id, session, size, int(time.time()))
        response = self._put_body(f"/v1/uploads/{session}", _Body(iter(chunks), 0, size, progress, cancel), auth)
        if not parse_json(response.content)["complete"]:
            raise errors.NodeUnavailable("the upload did not complete; try again")
        return session

    def finish_upload(self, key: SigningKey, chain_id: str, session: str, size: int, blob: str) -> None:
        """Store a streamed upload under its hash (the node checks the hash)."""
        auth = make_session_auth(key, chain_id, session, size, int(time.time()))
        self.request("POST", f"/v1/uploads/{session}/finish", idempotent=True, params={"blob": blob},
                     headers={"X-Medwallet-Upload": auth})

    def download_blob(self, request: AccessRequest, out: BinaryIO, *, progress: Progress | None = None,
                      cancel: Cancel | None = None) -> str:
        """Download the blob named by a signed access request into ``out``.

        Returns the ledger id of the access event. Not retried: a signed request is
        single-use, so a retry must sign a new one.
        """
        response = self.request("GET", f"/v1/blobs/{request.record}", idempotent=False, stream=True,
                                headers={"X-Medwallet-Access": request.to_header()})
        with response:
            total = int(response.headers.get("content-length", 0))
            done = 0
            try:
                for chunk in response.iter_content(CHUNK):
                    if cancel and cancel():
                        raise errors.Cancelled("download cancelled")
                    out.write(chunk)
                    done += len(chunk)
                    if progress:
                        progress(done, total)
            except requests.RequestException:
                raise errors.NodeUnavailable("the connection broke during the download; try again") from None
        if total and done != total:
            raise errors.IntegrityError("the download ended early; try again")
        return response.headers.get("X-Medwallet-Event", "")


class _Body:
    """A streamed request body with progress and cancel (requests iterates it)."""

    def __init__(self, chunks: Iterator[bytes], offset: int, size: int, progress: Progress | None,
                 cancel: Cancel | None) -> None:
        self.chunks, self.done, self.size = chunks, offset, size
        self.progress, self.cancel = progress, cancel
        self.cancelled = False

    def __len__(self) -> int:
        return self.size - self.done

    def __iter__(self) -> Iterator[bytes]:
        for chunk in self.chunks:
            if self.cancel and self.cancel():
                self.cancelled = True
                raise OSError("cancelled")
            self.done += len(chunk)
            yield chunk
            if self.progress:
                self.progress(self.done, self.size)
