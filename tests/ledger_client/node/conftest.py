"""Fixtures for tests against real node processes."""

from __future__ import annotations

import pytest

from ledger_client.crypto import SigningKey

from .actors import Network
from .cluster_net import start_cluster, stop_cluster


@pytest.fixture(scope="module")
def net(shared_node) -> Network:
    """The module's shared node with its actors (tests use fresh keys, so they do not interfere)."""
    return Network(shared_node)


@pytest.fixture
def keys():
    """A factory of fresh Ed25519 keys."""
    return SigningKey.generate


@pytest.fixture(scope="module")
def cluster(tmp_path_factory):
    """A module's TLS cluster: three nodes on etcd with mutual TLS (see cluster_net)."""
    parts = start_cluster(tmp_path_factory.mktemp("cluster"))
    yield parts
    stop_cluster(parts)
