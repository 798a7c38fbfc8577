"""The issuer, credential and study commands end to end, with files between the parties."""

from __future__ import annotations

import json

from tests.wallet.credential_net import CRED_PASSPHRASE as PASSPHRASE
from wallet.cli import main
from wallet.core.keys import keystore
from wallet.core.keys.sodium import ARGON2_MIN


def run(capsys, *argv: str) -> str:
    capsys.readouterr()
    assert main(list(argv)) == 0
    return capsys.readouterr().out


def test_issue_prove_verify_and_revoke_from_the_command_line(capsys, monkeypatch, tmp_path, cred_node, issuer):
    monkeypatch.setattr(keystore, "DEFAULT_KDF_LIMITS", ARGON2_MIN)  # the test is about the flow, not Argon2id
    secret = tmp_path / "pass"
    secret.write_text(PASSPHRASE)
    wallet = ["--wallet-dir", str(tmp_path / "w"), "--passphrase-file", str(secret)]
    desk = ["--issuer-dir", str(issuer.dir), "--passphrase-file", str(secret)]
    files = {name: str(tmp_path / f"{name}.json") for name in ("offer", "req", "cred", "preq", "pres")}
    run(capsys, *wallet, "init", "--node", cred_node.url, "--no-keyring", "--json")
    run(capsys, "issuer", "offer", *desk, "--out", files["offer"])
    run(capsys, "credentials", "request", files["offer"], "--out", files["req"], *wallet)
    out = run(capsys, "issuer", "issue", files["req"], *desk, "--attr", "patient_of=Clinic Z", "--attr", "insured=1",
              "--attr", "birth_year=1975", "--label", "cli patient", "--out", files["cred"])
    number = int(out.split("Credential number ")[1].split()[0])
    assert "Clinic Z" in run(capsys, "credentials", "store", files["cred"], *wallet)
    [listed] = json.loads(run(capsys, "credentials", "list", "--json", *wallet))
    assert listed["status"] == "valid" and listed["attributes"]["birth_year"] == "1975"
    study = ["--node", cred_node.url, "--accept", issuer.cred_def_id(), "--name", "CLI study"]
    run(capsys, "study", "request", *study, "--reveal", "insured", "--predicate", "birth_year<2008",
        "--out", files["preq"])
    out = run(capsys, "credentials", "prove", files["preq"], "--out", files["pres"], "--yes", *wallet)
    assert "CLI study asks to see: insured" in out and "birth_year < 2008" in out
    verified = json.loads(run(capsys, "study", "verify", *study, files["preq"], files["pres"], "--json"))
    assert verified["revealed"] == {"insured": "1"} and verified["predicates"] == [["birth_year", "<", 2008]]
    issued = json.loads(run(capsys, "issuer", "list", "--json", *desk))
    assert any(i["index"] == number and i["label"] == "cli patient" for i in issued)
    # The desk open in this process sees what the command line issued: no number is issued twice.
    assert any(i.index == number and i.label == "cli patient" for i in issuer.issued())
    run(capsys, "issuer", "revoke", str(number), *desk)
    assert json.loads(run(capsys, "credentials", "list", "--json", *wallet))[0]["status"] == "revoked"
    info = json.loads(run(capsys, "issuer", "info", "--json", *desk))
    assert info["registered"] is True and info["credential_definitions"] == [issuer.cred_def_id()]
    # A revoked credential cannot answer the study any more.
    capsys.readouterr()
    assert main(["credentials", "prove", files["preq"], "--out", files["pres"], "--yes", *wallet]) == 1
    assert "None of your valid credentials" in capsys.readouterr().err
