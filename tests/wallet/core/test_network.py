"""The wallet's view of a network: an unreachable node is a clear error."""

from __future__ import annotations

import pytest

from ledger_client.errors import NodeUnavailable
from wallet.core.network import Network


def test_unreachable_node_is_a_clear_error(tmp_path):
    with pytest.raises(NodeUnavailable) as exc:
        Network(["http://127.0.0.1:9"])
    assert "127.0.0.1:9" in str(exc.value)
