"""The log file after a whole patient and clinic flow on a real node holds none of the secrets
and identifying values the flow used.

Played as the adversary who gets the file (a patient sends it to support, or another program
reads it): the flow runs at the most verbose level (``MEDWALLET_LOG=debug``), through the real
entry point in separate processes, with errors on the way (a refused read, a usage error), and
every value the flow made or used is looked for in every log file, whole and in the prefixes
the command line shows.
"""

from __future__ import annotations

import json
import stat
import subprocess
from pathlib import Path

PASS = "log privacy passphrase 7Q"
TITLE = "Alice Martin cardiology letter"
CLINIC = "Clinique du Lac Léman"
CONTENT = "Patient: Alice Martin, born 1961-04-12. Blood pressure 142/91, atrial fibrillation."


def test_the_log_file_holds_no_secret_after_a_full_flow(tmp_path, shared_node, make_run):
    state = tmp_path / "state"
    command = make_run(passphrase=PASS, timeout=180, env={"MEDWALLET_LOG": "debug", "XDG_STATE_HOME": str(state),
                                                          "MEDWALLET_LOG_FILE": None})

    def run(*args: str, ok: bool = True) -> subprocess.CompletedProcess[str]:
        proc = command(*args, ok=ok)
        assert ok or proc.returncode != 0, proc.stdout  # the refusals below must be refusals
        return proc

    phrase = json.loads(run("init", "--no-keyring", "--json").stdout)["phrase"]
    letter = tmp_path / "alice-martin-cardiology.txt"
    letter.write_text(CONTENT)
    record = json.loads(run("import", str(letter), "--title", TITLE, "--json").stdout)[0]["record"]
    desk = json.loads(run("clinic", "init", "--name", CLINIC, "--no-keyring", "--json", "--governance-key",
                          str(shared_node.data / "governance.key")).stdout)
    png = tmp_path / "grant.png"
    granted = json.loads(run("grant", "--to", CLINIC, "--record", record[:10], "--purpose", "treatment",
                             "--expires", "6mo", "--qr-png", str(png), "--json").stdout)
    read = json.loads(run("clinic", "read", "--image", str(png), "--out", str(tmp_path / "desk"), "--json").stdout)
    assert Path(read["files"][0]).read_text() == CONTENT
    run("audit", "--json")
    run("revoke", granted["consent"][:10])
    run("clinic", "read", "--image", str(png), "--out", str(tmp_path / "desk2"), ok=False)  # refused, logged
    run("export", record[:10], "--out", str(letter), ok=False)  # exists: a usage error, logged
    run("phrase", "--json")
    phrase_file = tmp_path / "phrase.txt"
    phrase_file.write_text(phrase)
    restored = json.loads(run("restore", "--phrase-file", str(phrase_file), "--wallet-dir", str(tmp_path / "again"),
                              "--no-keyring", "--json").stdout)
    assert restored["records"] >= 1  # the record (and the copy made for the clinic)

    from wallet.core.wallet import Wallet
    wallet = Wallet.open(tmp_path / "wallet", PASS)
    pseudonyms = [p["public"] for p in wallet.pseudonyms()]
    assert pseudonyms

    folder = state / "medwallet" / "log"
    files = sorted(folder.glob("medwallet.log*"))
    assert files and all(stat.S_IMODE(f.stat().st_mode) == 0o600 for f in files)
    text = "\n".join(f.read_text("utf-8") for f in files)
    for words in ("command init", "command import", "command grant", "command clinic", "command audit",
                  "command revoke", "command restore", "refused: "):
        assert words in text, words  # the log is not empty: it tells what happened
    words = phrase.split()
    secrets = {
        "passphrase": PASS, "phrase": phrase, "title": TITLE, "clinic": CLINIC, "content": CONTENT[:30],
        "patient name": "Alice", "surname": "Martin", "file name": letter.stem, "birth date": "1961-04-12",
        "grant code (QR payload)": granted["code"], "grant code start": granted["code"][:24],
        "desk sign key": desk["sign_key"], "desk box key": desk["box_key"],
        **{f"phrase words {i}": " ".join(words[i:i + 3]) for i in range(len(words) - 2)},
    }
    for name, value in (("record", record), ("consent", granted["consent"]), *(("pseudonym", p) for p in pseudonyms)):
        secrets[name] = value
        secrets[f"{name} prefix"] = value[:10]
    found = {name for name, value in secrets.items() if value.lower() in text.lower()}
    assert not found, f"the log file holds: {sorted(found)}"
