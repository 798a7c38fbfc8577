"""Where a wallet lives on disk.

The wallet directory comes from ``--wallet-dir``, else ``MEDWALLET_WALLET_DIR``, else
the platform's user data directory. It holds::

    wallet.vault      secrets (seed), encrypted (see keystore)
    wallet.sqlite     metadata, grants, cached audit trail (no secrets)
    settings.json     network and preferences (no secrets)
    blobs/            local copies of the encrypted records
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

ENV_WALLET_DIR = "MEDWALLET_WALLET_DIR"
ENV_CLINIC_DIR = "MEDWALLET_CLINIC_DIR"


def wallet_dir(option: str | os.PathLike[str] | None = None) -> Path:
    """The patient wallet's directory."""
    if option:
        return Path(option).expanduser()
    if os.environ.get(ENV_WALLET_DIR):
        return Path(os.environ[ENV_WALLET_DIR]).expanduser()
    return Path(platformdirs.user_data_dir("medwallet", appauthor=False)) / "wallet"


def clinic_dir(option: str | os.PathLike[str] | None = None) -> Path:
    """The clinic desk's directory (an institution's keys, never a patient's)."""
    if option:
        return Path(option).expanduser()
    if os.environ.get(ENV_CLINIC_DIR):
        return Path(os.environ[ENV_CLINIC_DIR]).expanduser()
    return Path(platformdirs.user_data_dir("medwallet", appauthor=False)) / "clinic"


def local_node_dir() -> Path:
    """Where the embedded local node keeps its data when no network is configured."""
    return Path(platformdirs.user_data_dir("medwallet", appauthor=False)) / "local-node"
