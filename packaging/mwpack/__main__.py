"""``python -m mwpack build|sign-profile`` (run from the packaging folder, or ``make installer``).

build: freeze the app with PyInstaller (one --onedir bundle for the wallet and the node),
bundle a signed pilot profile if given, generate third-party notices, then make the
Linux .deb and a portable tarball, with SHA256SUMS and the installed size reported.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

from .debian import build_deb
from .notices import write_notices
from .reproducible import clamp_mtimes, deterministic_tarball, source_date_epoch, tree_size, write_sums

PACKAGING = Path(__file__).resolve().parents[1]
ROOT = PACKAGING.parent
sys.path.insert(0, str(ROOT))

from ledger_client.keyfile import load_key
from wallet._version import __version__
from wallet.core.profile import load_profile, sign_profile, write_profile


def prepare_profile(path: Path | None, key: Path | None, work: Path) -> tuple[Path | None, dict]:
    """A verified signed profile file (signing an unsigned one with ``key``)."""
    if path is None:
        return None, {}
    doc = json.loads(path.read_text("utf-8"))
    if "signature" not in doc:
        if key is None:
            raise SystemExit("mwpack: the profile is not signed; give --governance-key to sign it")
        doc = sign_profile(doc.get("profile", doc), load_key(key))
    profile = load_profile(json.dumps(doc).encode())  # refuses a tampered or malformed one
    target = work / "profile.json"
    write_profile(target, doc)
    return target, profile.body


def freeze(work: Path, profile: Path | None, notices: Path, epoch: int) -> Path:
    env = {**os.environ, "MWPACK_NOTICES": str(notices), "SOURCE_DATE_EPOCH": str(epoch), "PYTHONHASHSEED": "0"}
    if profile:
        env["MWPACK_PROFILE"] = str(profile)
    subprocess.run([sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
                    "--distpath", str(work / "dist"), "--workpath", str(work / "pyi"),
                    str(PACKAGING / "medwallet.spec")],
                   check=True, env=env, cwd=ROOT)
    bundle = work / "dist" / "medwallet"
    os.symlink("medwallet", bundle / "medwallet-node")
    shutil.copy(ROOT / "LICENSE", bundle / "LICENSE")
    return bundle


def cmd_build(args: argparse.Namespace) -> int:
    started = time.monotonic()
    out = Path(args.out).resolve()
    work = out / "work"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    epoch = source_date_epoch(ROOT)
    profile_path, profile = prepare_profile(Path(args.profile) if args.profile else None,
                                            Path(args.governance_key) if args.governance_key else None, work)
    count = write_notices(work / "THIRD_PARTY_NOTICES.txt")
    bundle = freeze(work, profile_path, work / "THIRD_PARTY_NOTICES.txt", epoch)
    clamp_mtimes(bundle, epoch)
    branding = profile.get("branding", {})
    app_name = branding.get("app_name", "Medwallet")
    icon = ROOT / "assets" / "icons" / "app.svg"
    if branding.get("icon_svg"):  # the pilot's own icon, from its signed profile
        icon = work / "pilot-icon.svg"
        icon.write_text(branding["icon_svg"], "utf-8")
    artefacts = [build_deb(bundle, work, out, __version__, epoch, app_name=app_name, icon=icon,
                           desk_icon=ROOT / "assets" / "icons" / "clinic.svg",
                           copyright_text=(ROOT / "LICENSE").read_text())]
    tarball = out / f"medwallet-{__version__}-linux-{os.uname().machine}.tar.gz"
    deterministic_tarball(bundle, tarball, f"medwallet-{__version__}", epoch)
    artefacts.append(tarball)
    write_sums(artefacts, out / "SHA256SUMS")
    installed = tree_size(bundle)
    report = {"version": __version__, "artefacts": [str(a) for a in artefacts], "installed_bytes": installed,
              "installed_mb": round(installed / 1e6, 1), "third_party_packages": count,
              "profile": profile.get("network_name"), "seconds": round(time.monotonic() - started, 1)}
    (out / "build-report.json").write_text(json.dumps(report, indent=2) + "\n")
    for artefact in artefacts:
        print(f"{artefact.name}: {artefact.stat().st_size / 1e6:.1f} MB")
    print(f"installed size {report['installed_mb']} MB; {count} third-party packages in THIRD_PARTY_NOTICES.txt")
    print(f"SHA256SUMS in {out}")
    return 0


def cmd_sign(args: argparse.Namespace) -> int:
    doc = json.loads(Path(args.input).read_text("utf-8"))
    signed = sign_profile(doc.get("profile", doc), load_key(Path(args.governance_key)))
    write_profile(Path(args.out), signed)
    print(f"signed profile for {signed['profile']['network_name']!r} written to {args.out}")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="mwpack", description="Build Medwallet installers.")
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("build", help="freeze the app and make the Linux installers")
    p.add_argument("--profile", help="pilot profile (signed, or unsigned with --governance-key)")
    p.add_argument("--governance-key", help="the pilot's governance key file, to sign the profile")
    p.add_argument("--out", default=str(ROOT / "dist"), help="output folder (default: dist/)")
    p.set_defaults(func=cmd_build)
    p = sub.add_parser("sign-profile", help="sign a pilot profile with the governance key")
    p.add_argument("--in", dest="input", required=True)
    p.add_argument("--governance-key", required=True)
    p.add_argument("--out", required=True)
    p.set_defaults(func=cmd_sign)
    args = parser.parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
