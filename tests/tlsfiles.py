"""Certificates for the TLS tests, made by a throw-away CA (``trustme``): server
certificates for loopback, client certificates for etcd's mutual TLS, written as PEM files."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import trustme


@dataclass(frozen=True)
class Pair:
    """A certificate (chain) and its private key, as files."""

    cert: Path
    key: Path


class TestCA:
    """A certificate authority that issues loopback certificates into ``root``."""

    __test__ = False  # not a pytest class

    def __init__(self, root: Path, name: str = "Medwallet test CA") -> None:
        self.root = root
        root.mkdir(parents=True, exist_ok=True)
        self.ca = trustme.CA(organization_name=name)
        self.ca_file = root / "ca.pem"
        self.ca.cert_pem.write_to_path(self.ca_file)

    @property
    def pem(self) -> str:
        return self.ca_file.read_text()

    def issue(self, name: str, *hosts: str) -> Pair:
        """A certificate for ``hosts`` (default: loopback) usable by a server and as a client."""
        cert = self.ca.issue_cert(*(hosts or ("127.0.0.1", "localhost")), common_name=name)
        pair = Pair(self.root / f"{name}.pem", self.root / f"{name}.key")
        with open(pair.cert, "wb") as out:
            for blob in cert.cert_chain_pems:
                out.write(blob.bytes())
        cert.private_key_pem.write_to_path(pair.key)
        pair.key.chmod(0o600)
        return pair
