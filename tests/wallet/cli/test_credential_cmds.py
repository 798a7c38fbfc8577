"""The issuer, credential and study commands end to end, with files between the parties."""

from __future__ import annotations

import io
import json
import sys

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
    # The study is a registered research institution: its desk signs the request.
    run(capsys, "clinic", "--clinic-dir", str(tmp_path / "study"), "init", "--name", "CLI study", "--kind",
        "research", "--node", cred_node.url, "--no-keyring", "--passphrase-file", str(secret),
        "--governance-key", str(cred_node.data / "governance.key"))
    study = ["--clinic-dir", str(tmp_path / "study"), "--passphrase-file", str(secret),
             "--accept", issuer.cred_def_id()]
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


class _Terminal(io.StringIO):
    """Standard input as a terminal where the patient types ``text``."""

    def isatty(self) -> bool:
        return True


def test_prove_asks_and_says_so_when_it_cannot_or_is_declined(capsys, monkeypatch, tmp_path, cred_node, issuer,
                                                              holder, make_cred_institution):
    from wallet.core.credentials.verifier import StudyVerifier

    study = make_cred_institution(kind="research", name="Dune Study", exact_name=True)
    request, proof = tmp_path / "request.json", tmp_path / "proof.json"
    request.write_text(json.dumps(StudyVerifier(holder.network, study.key, [issuer.cred_def_id()]).request(
        predicates=[("birth_year", "<", 2008)])))
    secret = tmp_path / "pass"
    secret.write_text(PASSPHRASE)
    argv = ["credentials", "prove", str(request), "--out", str(proof), "--wallet-dir", str(holder.dir),
            "--passphrase-file", str(secret)]
    # No terminal and no --yes: one clear line and exit code 2, never an EOFError traceback.
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    capsys.readouterr()
    assert main(argv) == 2
    out, err = capsys.readouterr()
    assert "Dune Study asks to see: no attribute" in out and "birth_year is less than 2008" in out
    assert err.strip().splitlines() == ["medwallet: This command asks for your confirmation: run it on a terminal, "
                                        "or add --yes to confirm beforehand."]
    assert not proof.exists()
    # On a terminal, "n" is a refusal that says so.
    monkeypatch.setattr(sys, "stdin", _Terminal("n\n"))
    monkeypatch.setattr("builtins.input", lambda prompt: sys.stdin.readline().rstrip("\n"))
    assert main(argv) == 1
    assert "Declined: nothing was proven" in capsys.readouterr().err and not proof.exists()
    monkeypatch.setattr(sys, "stdin", _Terminal("y\n"))
    assert main(argv) == 0 and proof.exists()


def test_a_forged_admission_request_is_refused_by_the_command_line(capsys, tmp_path, holder, issuer):
    from tests.wallet.core.credentials.test_requests import admission_nonce_request

    forged = tmp_path / "forged.json"
    forged.write_text(json.dumps(admission_nonce_request(holder.network.chain_id, "ab" * 32, issuer.cred_def_id())))
    secret = tmp_path / "pass"
    secret.write_text(PASSPHRASE)
    capsys.readouterr()
    assert main(["credentials", "prove", str(forged), "--out", str(tmp_path / "p.json"), "--yes",
                 "--wallet-dir", str(holder.dir), "--passphrase-file", str(secret)]) == 1
    err = capsys.readouterr().err
    assert "not signed by an institution" in err and len(err.strip().splitlines()) == 1
    assert not (tmp_path / "p.json").exists()


def test_share_deidentified_shows_what_the_copy_keeps_before_it_shares(capsys, monkeypatch, tmp_path, holder,
                                                                      make_cred_institution):
    from wallet.core import importing

    study = make_cred_institution(kind="research", name="Lagoon Cohort", exact_name=True)
    source = tmp_path / "obs.json"
    source.write_text(json.dumps({"resourceType": "Observation", "status": "final",
                                  "code": {"coding": [{"system": "http://loinc.org", "code": "8867-4"}],
                                           "text": "Heart rate taken by Dr Gaston Frimousse"},
                                  "valueQuantity": {"value": 72, "unit": "/min"}}))
    record = importing.import_file(holder, source).record
    secret = tmp_path / "pass"
    secret.write_text(PASSPHRASE)
    argv = ["share-deidentified", record[:12], "--to", study.key.public, "--expires", "30d",
            "--wallet-dir", str(holder.dir), "--passphrase-file", str(secret)]
    grants_before = len(holder.db.query("SELECT * FROM grants"))
    # No terminal and no --yes: the preview, one clear line, exit code 2, nothing shared.
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    capsys.readouterr()
    assert main(argv) == 2
    out, err = capsys.readouterr()
    assert "Lagoon Cohort (a registered research institution) would receive a de-identified copy (1 Observation)" \
        in out
    assert "The copy keeps:" in out and "It removes:" in out and "names, addresses" in out
    assert "Frimousse" not in out
    assert err.strip().splitlines() == ["medwallet: This command asks for your confirmation: run it on a terminal, "
                                        "or add --yes to confirm beforehand."]
    assert len(holder.db.query("SELECT * FROM grants")) == grants_before
    # "n" declines and says so; "y" shares the copy that was previewed.
    monkeypatch.setattr(sys, "stdin", _Terminal("n\n"))
    monkeypatch.setattr("builtins.input", lambda prompt: sys.stdin.readline().rstrip("\n"))
    assert main(argv) == 1
    assert "Declined: nothing was shared." in capsys.readouterr().err
    assert len(holder.db.query("SELECT * FROM grants")) == grants_before
    assert main([*argv, "--yes", "--json"]) == 0
    out, err = capsys.readouterr()
    shared = json.loads(out)
    assert shared["institution_name"] == "Lagoon Cohort" and shared["resource_types"] == {"Observation": 1}
    assert "The copy keeps:" in err
    assert len(holder.db.query("SELECT * FROM grants")) == grants_before + 1
