"""Envelope aliasing on a real node: a consent may name only its grantor's own key envelope.

The adversary is a colluding institution that registers a pseudonym of its own (or any
patient who learnt a victim's envelope hash from the ledger): its consent naming the victim's
envelope is refused with its reason, nothing is written, the node does not serve the victim's
envelope to it, and ``medwallet-node verify`` replays the binding. A node upgraded from schema
version 2 (written before the binding) gets the same bindings a replay gives.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
import time

import pytest

from ledger_client.errors import EnvelopeRefused
from tests.nodeproc import new_network

from .actors import Network, assert_error
from .test_verify import run_verify


def _consent(net: Network, grantor, grantee, records, envelope) -> dict:
    now = int(time.time())
    return {"grantee": grantee.public, "records": records, "purpose": "treatment",
            "not_before": now - 60, "expires_at": now + 3600, "envelope": envelope}


@pytest.fixture(scope="module")
def scene(tmp_path_factory):
    proc = new_network(tmp_path_factory.mktemp("envelopes") / "node").start()
    net = Network(proc)
    yield net
    proc.stop()


def test_a_consent_naming_another_patients_envelope_is_refused_and_nothing_is_served(scene, tmp_path):
    net = scene
    clinic, colluder = net.institution(), net.institution()
    victim, thief = net.patient(), net.patient()  # the thief: a pseudonym the colluding clinic registered
    record = net.record(victim)
    envelope = net.upload(victim, os.urandom(4096 + 48))
    victims = net.commit(victim, "grant_consent", _consent(net, victim, clinic, [record], envelope))
    mine = net.record(thief)
    before = net.snapshot()
    with pytest.raises(EnvelopeRefused) as refused:
        net.client.submit(net.sign(thief, "grant_consent", _consent(net, thief, colluder, [mine], envelope)),
                          wait=True)
    assert refused.value.code == "envelope_of_another" and "another pseudonym" in refused.value.message
    with pytest.raises(EnvelopeRefused) as refused:  # a record (anchored) is never an envelope either
        net.client.submit(net.sign(thief, "grant_consent", _consent(net, thief, colluder, [mine], record)),
                          wait=True)
    assert refused.value.code == "bad_envelope"
    after = net.snapshot()
    assert (after.height, after.state) == (before.height, before.state)  # nothing written

    # The colluder cannot have the victim's envelope served: not under the victim's consent
    # (given to another clinic), not under a consent of its own pseudonym naming its own envelope.
    own_envelope = net.upload(thief, os.urandom(4096 + 48))
    own = net.commit(thief, "grant_consent", _consent(net, thief, colluder, [mine], own_envelope))
    assert_error(net.read(net.access(colluder, envelope, victims)), 403, "wrong_grantee")
    assert_error(net.read(net.access(colluder, envelope, own)), 403, "unknown_record")
    assert net.read(net.access(colluder, own_envelope, own)).status_code == 200
    assert net.read(net.access(clinic, envelope, victims)).status_code == 200  # the rightful grantee
    net.settle()
    # The victim's audit shows the rightful read and the colluder's refused attempt under its
    # consent; the colluder was never served the envelope.
    events = net.client.events(net.node_signer, owner=victim.public)
    readers = {(e["requester"], e["kind"]) for e in events if e["record"] == envelope}
    assert readers == {(clinic.public, "access"), (colluder.public, "refusal")}, events
    colluders = net.client.events(net.node_signer, requester=colluder.public)
    assert {e["kind"] for e in colluders if e["record"] == envelope} == {"refusal"}


def test_verify_replays_the_bindings_and_an_upgrade_from_schema_2_rebuilds_them(scene, tmp_path):
    net = scene
    clinic = net.institution()
    patient = net.patient()
    record = net.record(patient)
    envelope = net.upload(patient, os.urandom(4096 + 48))
    first = net.commit(patient, "grant_consent", _consent(net, patient, clinic, [record], envelope))
    net.commit(patient, "grant_consent", _consent(net, patient, clinic, [record], envelope))  # its own, again
    net.settle()
    net.proc.stop()  # the last test of the module: verify and upgrade a stopped node's copy
    data = tmp_path / "copy"
    shutil.copytree(net.proc.data, data)
    code, report = run_verify(data)
    assert code == 0, report
    db = sqlite3.connect(data / "ledger.sqlite", isolation_level=None)
    bindings = dict(db.execute("SELECT key, value FROM state WHERE key >= 'env/' AND key < 'env0'").fetchall())
    assert f"env/{envelope}" in bindings and first in bindings[f"env/{envelope}"]
    # The database as schema version 2 wrote it: no bindings.
    db.execute("DELETE FROM state WHERE key >= 'env/' AND key < 'env0'")
    db.execute("UPDATE meta SET value='2' WHERE key='schema_version'")
    db.close()
    for command, code in (("verify", 1), ("upgrade", 0)):  # verify never modifies: it refuses, asking for the upgrade
        result = subprocess.run([sys.executable, "-m", "ledger_client.node.cli", command, "--data", str(data)],
                                capture_output=True, text=True, timeout=120)
        assert result.returncode == code, result.stderr
        assert command == "upgrade" or "medwallet-node upgrade" in result.stderr
    db = sqlite3.connect(data / "ledger.sqlite")
    assert dict(db.execute("SELECT key, value FROM state WHERE key >= 'env/' AND key < 'env0'").fetchall()) == bindings
    db.close()
    assert run_verify(data)[0] == 0
