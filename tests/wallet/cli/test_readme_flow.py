"""The README's command-line flow, run as written: every line of its block, in a fresh home
with no keyring and a passphrase file, on the embedded network (on a free port, never 8765).
Only the placeholders are filled in (<id> from `import`, <consent> from `grant`), and
`restore` is given the 24 words `init` printed, as a person would type them."""

from __future__ import annotations

import json
import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

from tests.nodeproc import free_port

ROOT = Path(__file__).resolve().parents[3]
pytestmark = pytest.mark.timeout(600)


def readme_block() -> list[str]:
    text = (ROOT / "README.md").read_text("utf-8")
    section = text.split("## Using it from the command line", 1)[1]
    block = section.split("```sh", 1)[1].split("```", 1)[0]
    return [line.strip() for line in block.strip().splitlines() if line.strip()]


def test_readme_cli_flow_as_written(tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith("MEDWALLET_")}
    env.update({"HOME": str(home), "XDG_DATA_HOME": str(home / ".local/share"),
                "XDG_CONFIG_HOME": str(home / ".config"), "MEDWALLET_KEYRING": "none",
                "MEDWALLET_LOCAL_PORT": str(free_port())})
    (home / "medwallet-passphrase").write_text("a passphrase for the readme\n")
    work = tmp_path / "work"
    work.mkdir()
    (work / "letter.pdf").write_bytes(b"%PDF-1.7\n" + os.urandom(5000))
    (work / "lab.json").write_text(json.dumps({"resourceType": "Observation", "id": "hb", "status": "final",
                                               "code": {"text": "Haemoglobin"}}))
    bin_dir = Path(sys.executable).parent
    found: dict[str, str] = {}
    words: list[str] = []
    ran = []
    for line in readme_block():
        argv = shlex.split(line, comments=True)
        if argv[0] == "export":
            name, value = argv[1].split("=", 1)
            env[name] = value.replace("~", str(home))
            continue
        argv = [a.replace("<id>", found.get("id", "<id>")).replace("<consent>", found.get("consent", "<consent>"))
                for a in argv]
        assert argv[0] == ".venv/bin/medwallet", line
        stdin = " ".join(words) + "\n" if argv[1] == "restore" else None
        done = subprocess.run([str(bin_dir / "medwallet"), *argv[1:]], capture_output=True, text=True, env=env,
                              cwd=work, input=stdin, timeout=180)
        refused_here = "now refused" in line
        if refused_here:
            assert done.returncode == 1 and "Read refused" in done.stderr, done.stdout + done.stderr
        else:
            assert done.returncode == 0, f"{line}\n{done.stdout}\n{done.stderr}"
        ran.append(argv[1:3])
        if argv[1] == "init":
            numbered = sorted((int(n), w) for n, w in re.findall(r"(\d+)\. (\w+)", done.stdout))
            words = [w for _, w in numbered]
            assert len(words) == 24 and "network of this computer" in done.stdout
        elif argv[1] == "import":
            found["id"] = done.stdout.split()[0]
        elif argv[1] == "grant":
            found["consent"] = re.search(r"Consent ([0-9a-f]{12})", done.stdout).group(1)
            assert (work / "grant.png").read_bytes().startswith(b"\x89PNG")
        elif argv[1] == "clinic" and argv[2] == "init":
            assert "registered" in done.stdout
        elif argv[1:3] == ["clinic", "read"] and not refused_here:
            assert any(p.name == "letter.pdf" for p in (work / "received").iterdir())
        elif argv[1] == "audit":
            assert "READ" in done.stdout and "key envelope" not in done.stdout
        elif argv[1] == "restore":
            assert "Restored 2 records" in done.stdout
    assert ["restore", "--wallet-dir"] in ran and len(ran) == 10
    audit = subprocess.run([str(bin_dir / "medwallet"), "audit", "--json"], capture_output=True, text=True,
                           env=env, cwd=work, timeout=180)
    assert {row["kind"] for row in json.loads(audit.stdout)} == {"access", "refusal"}
