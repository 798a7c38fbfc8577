"""Third-party notices generated from the installed dependencies (name, version,
licence and licence texts), so the bundle states exactly what it ships."""

from __future__ import annotations

import importlib.metadata as md
from pathlib import Path

SKIP = {"medwallet", "pip", "setuptools", "wheel", "pyinstaller", "pyinstaller-hooks-contrib", "altgraph",
        "pytest", "pytest-qt", "pytest-timeout", "pytest-xdist", "hypothesis", "rfc8785", "execnet", "iniconfig",
        "pluggy", "schemathesis"}


def _license(dist: md.Distribution) -> str:
    meta = dist.metadata
    expr = meta.get("License-Expression")
    if expr:
        return expr
    classifiers = [c.split("::")[-1].strip() for c in meta.get_all("Classifier") or [] if c.startswith("License ::")]
    if classifiers:
        return ", ".join(classifiers)
    text = (meta.get("License") or "").strip()
    return text.splitlines()[0][:100] if text else "see the project"


def _license_texts(dist: md.Distribution) -> list[str]:
    texts = []
    for file in dist.files or []:
        name = file.name.lower()
        if name.startswith(("license", "licence", "copying", "notice")):
            try:
                texts.append(Path(dist.locate_file(file)).read_text("utf-8", errors="replace"))
            except OSError:
                continue
    return texts


def write_notices(path: Path) -> int:
    """Write THIRD_PARTY_NOTICES.txt; returns the number of packages listed."""
    dists = sorted({d.metadata["Name"].lower(): d for d in md.distributions() if d.metadata["Name"]}.items())
    out = ["Medwallet bundles the following third-party software.\n"]
    count = 0
    for name, dist in dists:
        if name in SKIP:
            continue
        count += 1
        out.append("=" * 78)
        out.append(f"{dist.metadata['Name']} {dist.version} — {_license(dist)}")
        home = dist.metadata.get("Home-page") or next(
            (u.split(",", 1)[1].strip() for u in dist.metadata.get_all("Project-URL") or []), "")
        if home:
            out.append(home)
        for text in _license_texts(dist):
            out.append("")
            out.append(text.strip())
    path.write_text("\n".join(out) + "\n", "utf-8")
    return count
