"""The Linux .deb: the frozen bundle under /opt/medwallet, ``medwallet`` and
``medwallet-node`` on PATH with their man pages and bash, zsh and fish completion, desktop
entries for the wallet (files dropped on it, or opened with it, are imported) and for the clinic
desk, the icons in the hicolor theme (SVG and PNG 48, 128 and 256), and AppStream metainfo. Built
with dpkg-deb."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

from .cli_docs import write_cli_docs
from .reproducible import clamp_mtimes, tree_size

QT_DEPENDS = ["libxcb-cursor0", "libxkbcommon-x11-0", "libxcb-icccm4", "libxcb-keysyms1", "libegl1",
              "libfontconfig1", "libgl1", "libglib2.0-0", "libdbus-1-3",
              "libpulse0"]  # Qt Multimedia (the desk's camera) links it
APP_ID = "org.medwallet.Medwallet"
PNG_SIZES = (48, 128, 256)
IMPORTED_TYPES = "application/pdf;application/json;application/fhir+json;image/png;image/jpeg;image/tiff;text/plain;"

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
MimeType={types}
"""

DESK_DESKTOP = """[Desktop Entry]
Type=Application
Name={name} clinic desk
GenericName=Clinic desk for patients' records
Comment=Read what a patient's code allows, checked on the ledger
Exec=medwallet clinic
Icon=medwallet-clinic
Terminal=false
Categories=Office;MedicalSoftware;
Keywords=clinic;desk;scan;QR;consent;
"""

METAINFO = """<?xml version="1.0" encoding="UTF-8"?>
<component type="desktop-application">
  <id>{app_id}</id>
  <metadata_license>CC0-1.0</metadata_license>
  <project_license>MIT</project_license>
  <name>{name}</name>
  <summary>Your medical records, encrypted and shared only under your consent</summary>
  <description>
    <p>
      {name} keeps your medical records encrypted under keys that only you hold. You decide,
      record by record, which clinic may read them and until when; every permission and every
      read is recorded on a ledger that you can check.
    </p>
    <ul>
      <li>Import letters, lab results and images, or FHIR records from a patient portal</li>
      <li>Share with a clinic by showing a QR code, and revoke at any time</li>
      <li>See every read and every refusal in an access log checked against the ledger</li>
      <li>Recover everything from 24 words if the computer is lost</li>
    </ul>
  </description>
  <launchable type="desktop-id">medwallet.desktop</launchable>
  <url type="homepage">https://medwallet.invalid</url>
  <developer id="invalid.medwallet">
    <name>Medwallet developers</name>
  </developer>
  <content_rating type="oars-1.1"/>
  <releases>
    <release version="{version}" date="{date}"/>
  </releases>
</component>
"""


def architecture() -> str:
    try:
        done = subprocess.run(["dpkg", "--print-architecture"], capture_output=True, text=True, check=True)
        return done.stdout.strip()
    except (FileNotFoundError, subprocess.CalledProcessError):
        return "amd64"


def render_png(svg: Path, size: int, target: Path) -> None:
    """An SVG icon as a ``size`` pixel PNG (Qt's SVG renderer, offscreen)."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    _app = QGuiApplication.instance() or QGuiApplication([])
    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise SystemExit(f"mwpack: {svg} is not a valid SVG icon")
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    renderer.render(painter)
    painter.end()
    target.parent.mkdir(parents=True, exist_ok=True)
    if not image.save(str(target), "PNG"):
        raise SystemExit(f"mwpack: cannot write {target}")
    del _app


def install_icon(svg: Path, share: Path, name: str) -> None:
    """``name`` in the hicolor theme: scalable SVG and PNGs of :data:`PNG_SIZES`."""
    scalable = share / "icons" / "hicolor" / "scalable" / "apps"
    scalable.mkdir(parents=True, exist_ok=True)
    shutil.copy(svg, scalable / f"{name}.svg")
    for size in PNG_SIZES:
        render_png(svg, size, share / "icons" / "hicolor" / f"{size}x{size}" / "apps" / f"{name}.png")


def build_deb(bundle: Path, work: Path, out_dir: Path, version: str, epoch: int, *, app_name: str = "Medwallet",
              icon: Path | None = None, desk_icon: Path | None = None, copyright_text: str = "") -> Path:
    """Lay out the package tree and build ``medwallet_<version>_<arch>.deb``."""
    root = work / "deb-root"
    shutil.rmtree(root, ignore_errors=True)
    opt = root / "opt" / "medwallet"
    shutil.copytree(bundle, opt, symlinks=True)
    bin_dir = root / "usr" / "bin"
    bin_dir.mkdir(parents=True)
    for name in ("medwallet", "medwallet-node"):
        os.symlink("../../opt/medwallet/" + name, bin_dir / name)
    share = root / "usr" / "share"
    apps = share / "applications"
    apps.mkdir(parents=True)
    (apps / "medwallet.desktop").write_text(DESKTOP.format(name=app_name, types=IMPORTED_TYPES), "utf-8")
    (apps / "medwallet-clinic.desktop").write_text(DESK_DESKTOP.format(name=app_name), "utf-8")
    for source, name in ((icon, "medwallet"), (desk_icon, "medwallet-clinic")):
        if source is None or not source.exists():
            raise SystemExit(f"mwpack: the icon {source} is missing")
        install_icon(source, share, name)
    metainfo = share / "metainfo"
    metainfo.mkdir(parents=True)
    import time

    (metainfo / f"{APP_ID}.metainfo.xml").write_text(
        METAINFO.format(app_id=APP_ID, name=_xml(app_name), version=version,
                        date=time.strftime("%Y-%m-%d", time.gmtime(epoch))), "utf-8")
    write_cli_docs(share, version, epoch)  # man pages, bash/zsh/fish completion
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


def _xml(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
