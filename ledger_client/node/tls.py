"""Checks of the node's TLS files before it starts, so a wrong path or a key that does
not match its certificate is a clear error instead of a failure at the first connection."""

from __future__ import annotations

import ssl
from pathlib import Path

from ..errors import MalformedError


def _readable(what: str, path: str) -> None:
    if not Path(path).is_file():
        raise MalformedError(f"{what} {path} does not exist")


def check_server_files(cert: str, key: str) -> None:
    """The certificate chain and its private key load and belong together."""
    _readable("the TLS certificate", cert)
    _readable("the TLS private key", key)
    try:
        ssl.create_default_context(ssl.Purpose.CLIENT_AUTH).load_cert_chain(cert, key)
    except ssl.SSLError as exc:
        raise MalformedError(f"the TLS certificate {cert} and key {key} do not load together ({exc.reason}); "
                             "check that the key is this certificate's") from None


def check_client_files(what: str, ca: str | None, cert: str | None, key: str | None) -> None:
    """An optional CA file and an optional client certificate with its key."""
    if ca:
        _readable(f"the {what} CA certificate", ca)
        try:
            ssl.create_default_context(cafile=ca)
        except ssl.SSLError as exc:
            raise MalformedError(f"the {what} CA certificate {ca} is not a PEM certificate ({exc.reason})") from None
    if bool(cert) != bool(key):
        raise MalformedError(f"give the {what} client certificate and its key together")
    if cert and key:
        check_server_files(cert, key)
