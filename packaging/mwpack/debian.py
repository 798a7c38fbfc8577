"""The Linux .deb: the frozen bundle under /opt/medwallet, ``medwallet`` and
``medwallet-node`` on PATH with their man pages and bash, zsh and fish completion, a desktop
entry and an icon. Built with dpkg-deb."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

from .cli_docs import write_cli_docs
from .reproducible import clamp_mtimes, tree_size

QT_DEPENDS = ["libxcb-cursor0", "libxkbcommon-x11-0", "libxcb-icccm4", "libxcb-keysyms1", "libegl1",
              "libfontconfig1", "libgl1", "libglib2.0-0", "libdbus-1-3"]

DESKTOP = """[Desktop Entry]
Type=Application
Name={name}
GenericName=Medical records wallet
Comment=Your medical records, your consent
Exec=medwallet %F
Icon=medwallet
Terminal=false
Categories=Office;MedicalSoftware;
Keywords=health;records;consent;FHIR;
"""


def architecture() -> str:
    try:
        done = subprocess.run(["dpkg", "--print-architecture"], capture_output=True, text=True, check=True)
        return done.stdout.strip()
    except (FileNotFoundError, subprocess.CalledProcessError):
        return "amd64"


def build_deb(bundle: Path, work: Path, out_dir: Path, version: str, epoch: int, *, app_name: str = "Medwallet",
              icon: Path | None = None, copyright_text: str = "") -> Path:
    """Lay out the package tree and build ``medwallet_<version>_<arch>.deb``."""
    root = work / "deb-root"
    shutil.rmtree(root, ignore_errors=True)
    opt = root / "opt" / "medwallet"
    shutil.copytree(bundle, opt, symlinks=True)
    bin_dir = root / "usr" / "bin"
    bin_dir.mkdir(parents=True)
    for name in ("medwallet", "medwallet-node"):
        os.symlink("../../opt/medwallet/" + name, bin_dir / name)
    apps = root / "usr" / "share" / "applications"
    apps.mkdir(parents=True)
    (apps / "medwallet.desktop").write_text(DESKTOP.format(name=app_name), "utf-8")
    if icon and icon.exists():
        icons = root / "usr" / "share" / "icons" / "hicolor" / "scalable" / "apps"
        icons.mkdir(parents=True)
        shutil.copy(icon, icons / "medwallet.svg")
    write_cli_docs(root / "usr" / "share", version, epoch)  # man pages, bash/zsh/fish completion
    doc = root / "usr" / "share" / "doc" / "medwallet"
    doc.mkdir(parents=True)
    (doc / "copyright").write_text(copyright_text, "utf-8")
    arch = architecture()
    control = root / "DEBIAN"
    control.mkdir()
    (control / "control").write_text(
        f"Package: medwallet\nVersion: {version}\nArchitecture: {arch}\n"
        "Maintainer: Medwallet developers <noreply@medwallet.invalid>\n"
        f"Installed-Size: {tree_size(root) // 1024}\nDepends: {', '.join(QT_DEPENDS)}\n"
        "Section: misc\nPriority: optional\n"
        "Homepage: https://medwallet.invalid\nDescription: patient-held medical data wallet\n"
        " Keeps your medical records encrypted under your own keys, shares them with\n"
        " clinics only under consent recorded on a ledger, and shows every access.\n", "utf-8")
    for path in root.rglob("*"):
        if not path.is_symlink():
            path.chmod(0o755 if path.is_dir() or os.access(path, os.X_OK) else 0o644)
    clamp_mtimes(root, epoch)
    target = out_dir / f"medwallet_{version}_{arch}.deb"
    env = {**os.environ, "SOURCE_DATE_EPOCH": str(epoch)}
    subprocess.run(["dpkg-deb", "--root-owner-group", "-Zxz", "--build", str(root), str(target)], check=True,
                   env=env, stdout=subprocess.DEVNULL)
    return target
