"""The command line speaks the environment's language (LANGUAGE, LC_ALL, LC_MESSAGES, LANG, as
command-line tools do): its messages, its errors (through the core's catalogue) and its --help,
argparse's own words included; --json output and JSON errors stay English and stable."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from ..i18n_files import ROOT, build_catalogues


@pytest.fixture(scope="module", autouse=True)
def compiled():
    build_catalogues()


def _run(tmp_path, *args: str, **env: str) -> subprocess.CompletedProcess:
    environ = {k: v for k, v in os.environ.items() if k not in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")}
    environ.update(env)
    return subprocess.run([sys.executable, "-m", "wallet.cli", *args], capture_output=True, text=True,
                          env=environ, cwd=ROOT, timeout=120)


def test_help_in_french(tmp_path):
    out = _run(tmp_path, "--help", LANG="fr_FR.UTF-8")
    assert out.returncode == 0
    assert out.stdout.startswith("utilisation : medwallet")
    assert "Medwallet : vos documents médicaux, votre consentement." in out.stdout
    assert "créer un nouveau portefeuille" in out.stdout and "afficher ce message d'aide et quitter" in out.stdout
    assert "code de sortie :" in out.stdout and "réseau indisponible" in out.stdout


def test_errors_in_the_language_and_json_in_english(tmp_path):
    missing = str(tmp_path / "no-wallet")
    french = _run(tmp_path, "records", "--wallet-dir", missing, LANG="fr_FR.UTF-8")
    assert french.stderr.strip() == ("medwallet: Il n'y a pas encore de portefeuille dans ce dossier. Créez-en un ou "
                                     "restaurez-en un à partir de sa phrase de récupération.")
    dutch = _run(tmp_path, "records", "--wallet-dir", missing, LANGUAGE="nl", LANG="fr_FR.UTF-8")  # LANGUAGE first
    assert "Er is nog geen portemonnee in deze map." in dutch.stderr
    as_json = _run(tmp_path, "--json", "records", "--wallet-dir", missing, LANG="fr_FR.UTF-8")
    assert json.loads(as_json.stderr) == {"error": "no_wallet", "message": "There is no wallet in this folder yet. "
                                          "Create one or restore one from its recovery phrase."}
    assert french.returncode == dutch.returncode == as_json.returncode == 1


def test_usage_errors_in_the_language_and_json_in_english(tmp_path):
    french = _run(tmp_path, "grant", "--to", "x", LC_ALL="fr_FR.UTF-8")
    assert french.returncode == 2
    assert "les arguments suivants sont obligatoires : --record, --purpose, --expires" in french.stderr
    assert "(voir « medwallet grant --help »)" in french.stderr
    as_json = _run(tmp_path, "grant", "--to", "x", "--json", LC_ALL="fr_FR.UTF-8")
    doc = json.loads(as_json.stderr)
    assert doc["error"] == "usage" and doc["message"].startswith("the following arguments are required")
    assert as_json.returncode == 2


def test_command_output_in_the_language(tmp_path):
    folder = tmp_path / "wallet"
    env = {"LANG": "nl_NL.UTF-8", "MEDWALLET_KEYRING": "none", "MEDWALLET_PASSPHRASE": "correct horse battery"}
    made = _run(tmp_path, "init", "--wallet-dir", str(folder), **env)
    assert made.returncode == 0, made.stderr
    assert "Uw herstelzin. Schrijf deze 24 woorden op, in volgorde, en bewaar ze veilig." in made.stdout
    listed = _run(tmp_path, "records", "--wallet-dir", str(folder), **env)
    assert "Nog geen documenten. Importeer er een met ‘medwallet import BESTAND’." in listed.stdout
    assert "TITEL" in listed.stdout and "STATUS" in listed.stdout
    as_json = _run(tmp_path, "records", "--wallet-dir", str(folder), "--json", **env)
    assert json.loads(as_json.stdout) == []


def test_an_unknown_language_is_english(tmp_path):
    out = _run(tmp_path, "--help", LANG="xx_XX.UTF-8")
    assert out.stdout.startswith("usage: medwallet")


def test_delegates_and_emergency_help_in_the_language(tmp_path):
    french = _run(tmp_path, "delegates", "--help", LANG="fr_FR.UTF-8")
    assert french.returncode == 0
    assert "lister vos délégués et leurs limites" in french.stdout
    dutch = _run(tmp_path, "emergency", "--help", LANGUAGE="nl")
    assert dutch.returncode == 0
    assert "de noodgegevens intrekken" in dutch.stdout and "een noodverzoek nu openen" in dutch.stdout
