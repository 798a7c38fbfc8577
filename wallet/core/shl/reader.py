"""Reading a SMART Health Link: manifest, passcode, files, and keeping what they hold.

:func:`open_link` follows the spec's receiving side: a ``U`` link is one GET of the file;
otherwise the manifest is POSTed ``{"recipient", "passcode"?}`` and each listed file is
taken ``embedded`` or fetched from its ``location``, then decrypted with the key in the
link (:mod:`.link`). The server never sees the key, so it never sees the content.

What a link holds is shown (:func:`describe_file`) and, when the reader chooses, kept in
the wallet (:func:`keep`): each FHIR file is imported split, one record per resource,
through the one import path (:func:`wallet.core.importing.import_file`).
"""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import requests

from ..errors import WalletError
from .link import API_ACCESS, FHIR_JSON, HEALTH_CARD, MAX_FILE_BYTES, SHLink, decrypt, health_card_bundles, parse

TIMEOUT = (5.0, 30.0)


class PasscodeNeeded(WalletError):
    """The passcode is missing or not correct. Ask the person who shared the link for it."""

    code = "shlink_passcode"

    def __init__(self, remaining: int | None) -> None:
        left = "" if remaining is None else f" ({remaining} attempt{'s' if remaining != 1 else ''} left)"
        super().__init__(self.user_text() + left)
        self.remaining = remaining


class LinkUnavailable(WalletError):
    """This SMART Health Link cannot be used any more: it was revoked, has expired, was used as
    many times as allowed, or is locked after wrong passcodes."""

    code = "shlink_unavailable"


class LinkServerError(WalletError):
    """The server of this SMART Health Link did not answer as it should. Try again later."""

    code = "shlink_server"


@dataclass
class SHLFile:
    """One decrypted file of a link."""

    content_type: str
    data: bytes
    resources: list[dict[str, Any]] = field(default_factory=list)  # the FHIR it holds (Bundles or resources)
    note: str = ""


@dataclass
class SHLContents:
    link: SHLink
    files: list[SHLFile]
    event: str | None = None  # the server's access event id, when it names one


def open_link(text: str, recipient: str, passcode: str | None = None, *,
              session: requests.Session | None = None) -> SHLContents:
    """Fetch and decrypt everything a SMART Health Link holds."""
    link = parse(text)
    if link.expired():
        from .link import LinkExpired
        raise LinkExpired()
    if not recipient.strip():
        raise WalletError("Say who is opening the link (a SMART Health Link server records it).")
    http = session or requests.Session()
    try:
        if link.direct:
            response = _call(http, "GET", link.url, params={"recipient": recipient})
            files = [_read_file(link, FHIR_JSON, response.content)]
            return SHLContents(link, files, response.headers.get("X-Medwallet-Event"))
        body: dict[str, Any] = {"recipient": recipient}
        if link.needs_passcode:
            if not passcode:
                raise PasscodeNeeded(None)
            body["passcode"] = passcode
        response = _call(http, "POST", link.url, json=body)
        try:
            listed = response.json()["files"]
            assert isinstance(listed, list)
        except (ValueError, KeyError, AssertionError, TypeError):
            raise LinkServerError(detail="the manifest is not {\"files\": [...]}") from None
        files = []
        for item in listed:
            if not isinstance(item, dict) or not isinstance(item.get("contentType"), str):
                raise LinkServerError(detail="a manifest file without contentType")
            if isinstance(item.get("embedded"), str):
                token = item["embedded"].encode("ascii", "replace")
            elif isinstance(item.get("location"), str):
                token = _call(http, "GET", item["location"]).content
            else:
                raise LinkServerError(detail="a manifest file with neither embedded nor location")
            files.append(_read_file(link, item["contentType"], token))
        return SHLContents(link, files, response.headers.get("X-Medwallet-Event"))
    finally:
        if session is None:
            http.close()


def _call(http: requests.Session, method: str, url: str, **kwargs: Any) -> requests.Response:
    try:
        response = http.request(method, url, timeout=TIMEOUT, stream=True, **kwargs)
        content = response.raw.read(MAX_FILE_BYTES + 1, decode_content=True)
    except requests.RequestException as exc:
        raise LinkServerError(detail=f"{type(exc).__name__}") from None
    if len(content) > MAX_FILE_BYTES:
        raise LinkServerError(detail="the answer is larger than the wallet reads")
    response._content = content  # the body, read within the bound
    if response.status_code == 401:
        try:
            remaining = response.json().get("remainingAttempts")
        except ValueError:
            remaining = None
        raise PasscodeNeeded(remaining if isinstance(remaining, int) else None)
    if response.status_code == 404:
        raise LinkUnavailable()
    if response.status_code >= 400:
        raise LinkServerError(detail=f"HTTP {response.status_code}")
    return response


def _read_file(link: SHLink, content_type: str, token: bytes) -> SHLFile:
    cty, data = decrypt(link.key, token)
    content_type = cty or content_type
    if content_type == FHIR_JSON:
        try:
            doc = json.loads(data)
        except ValueError:
            from .link import BadFile
            raise BadFile(detail="a FHIR file that is not JSON") from None
        return SHLFile(content_type, data, [doc] if isinstance(doc, dict) else [])
    if content_type == HEALTH_CARD:
        return SHLFile(content_type, data, health_card_bundles(data),
                       note="SMART Health Card: the issuer's signature was not checked")
    if content_type == API_ACCESS:
        return SHLFile(content_type, data, note="access to a FHIR server (not fetched: not supported)")
    return SHLFile(content_type, data, note="a file type the wallet does not read")


def describe_file(item: SHLFile) -> list[str]:
    """Readable lines: one per FHIR resource (type and title), or the file's note."""
    from ..fhir.describe import title_for

    lines = []
    for doc in item.resources:
        entries = [e.get("resource") for e in doc.get("entry", [])] if doc.get("resourceType") == "Bundle" else [doc]
        for resource in entries:
            if isinstance(resource, dict) and isinstance(resource.get("resourceType"), str):
                try:
                    lines.append(title_for(resource))
                except (KeyError, TypeError, ValueError, AttributeError):
                    lines.append(resource["resourceType"])
    if item.note:
        lines.append(item.note)
    return lines


def keep(wallet: Any, contents: SHLContents) -> list[Any]:
    """Import each FHIR file of ``contents`` into ``wallet``, split; returns the import reports."""
    from .. import importing

    reports = []
    folder = Path(tempfile.mkdtemp(prefix="shl-", dir=wallet.tmp_path("x").parent))
    try:
        for n, item in enumerate(contents.files):
            for m, doc in enumerate(item.resources):
                path = folder / f"{(contents.link.label or 'shared')[:40]}-{n}-{m}.json".replace("/", "_")
                fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
                with os.fdopen(fd, "wb") as out:
                    out.write(json.dumps(doc).encode("utf-8") if item.content_type == HEALTH_CARD else
                              item.data if len(item.resources) == 1 else json.dumps(doc).encode("utf-8"))
                reports.append(importing.import_file(wallet, path, split=True))
    finally:
        for path in folder.iterdir():
            path.unlink()
        folder.rmdir()
    return reports
