"""The translation files of the repository, read for the tests: the Qt Linguist files of the
window and the gettext files of the core and the command line (``make translations``)."""

from __future__ import annotations

import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TRANSLATIONS = ROOT / "assets" / "translations"
LANGS = ("fr", "nl")
# {name}, {name!r}, Qt's %n and %1, printf's %s and %(name)s: what a translation must keep
PLACEHOLDER = re.compile(r"\{[A-Za-z_][A-Za-z0-9_]*(?:![rs])?\}|%n|%\d|%\([a-z_]+\)[rsd]|%s")


@dataclass
class Entry:
    source: str
    plural: str | None
    translations: list[str]
    finished: bool


def ts_entries(path: Path) -> list[Entry]:
    out = []
    for message in ET.parse(path).getroot().iter("message"):
        source = message.findtext("source") or ""
        translation = message.find("translation")
        assert translation is not None, source
        forms = [f.text or "" for f in translation.findall("numerusform")] if message.get("numerus") == "yes" \
            else [translation.text or ""]
        finished = translation.get("type") not in ("unfinished", "vanished", "obsolete")
        out.append(Entry(source, source if message.get("numerus") == "yes" else None, forms, finished))
    return out


def po_entries(path: Path) -> list[Entry]:
    from babel.messages.pofile import read_po

    with path.open("rb") as f:
        catalog = read_po(f)
    out = []
    for message in catalog:
        if not message.id:
            continue
        if isinstance(message.id, tuple):
            source, plural = message.id
            forms = list(message.string)
        else:
            source, plural, forms = message.id, None, [message.string]
        out.append(Entry(source, plural, [f or "" for f in forms], not message.fuzzy))
    return out


def placeholders(text: str) -> set[str]:
    return set(PLACEHOLDER.findall(text))


def venv_tool(name: str) -> str:
    return str(Path(sys.executable).with_name(name))


def build_catalogues() -> None:
    """The compiled catalogues, made from the sources if they are missing or older (as make does)."""
    subprocess.run(["make", "--no-print-directory", "-s", "catalogues", f"VENV={Path(sys.executable).parents[1]}"],
                   cwd=ROOT, check=True, capture_output=True)
