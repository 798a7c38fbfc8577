"""Reproducible-build helpers: one timestamp (SOURCE_DATE_EPOCH) for every file, and
deterministic archives (sorted members, fixed owner and mode bits)."""

from __future__ import annotations

import gzip
import hashlib
import os
import subprocess
import tarfile
from pathlib import Path


def source_date_epoch(root: Path) -> int:
    """SOURCE_DATE_EPOCH from the environment, else the last commit's time."""
    if os.environ.get("SOURCE_DATE_EPOCH"):
        return int(os.environ["SOURCE_DATE_EPOCH"])
    try:
        out = subprocess.run(["git", "-C", str(root), "log", "-1", "--format=%ct"], capture_output=True, text=True,
                             check=True).stdout.strip()
        return int(out)
    except (subprocess.CalledProcessError, ValueError, FileNotFoundError):
        return 315532800  # 1980-01-01, what zip and many tools clamp to


def clamp_mtimes(tree: Path, epoch: int) -> None:
    """Set every file and folder (not following links) to the same time."""
    for path in sorted(tree.rglob("*"), reverse=True):
        os.utime(path, (epoch, epoch), follow_symlinks=False)
    os.utime(tree, (epoch, epoch))


def deterministic_tarball(tree: Path, target: Path, arcname: str, epoch: int) -> None:
    """A .tar.gz whose bytes depend only on the files' contents and names."""
    def normalise(info: tarfile.TarInfo) -> tarfile.TarInfo:
        info.uid = info.gid = 0
        info.uname = info.gname = "root"
        info.mtime = epoch
        info.mode = (info.mode & 0o755) | (0o644 if info.isfile() and not info.mode & 0o111 else 0)
        return info

    with (open(target, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=epoch, filename="") as gz,
          tarfile.open(fileobj=gz, mode="w", format=tarfile.GNU_FORMAT) as tar):
        for path in [tree, *sorted(tree.rglob("*"))]:
            rel = path.relative_to(tree)
            tar.add(path, arcname=str(Path(arcname) / rel) if rel.parts else arcname, recursive=False,
                    filter=normalise)


def sha256_file(path: Path) -> str:
    hasher = hashlib.sha256()
    with open(path, "rb") as src:
        while chunk := src.read(1 << 20):
            hasher.update(chunk)
    return hasher.hexdigest()


def write_sums(paths: list[Path], target: Path) -> None:
    target.write_text("".join(f"{sha256_file(p)}  {p.name}\n" for p in sorted(paths)), "utf-8")


def tree_size(tree: Path) -> int:
    return sum(p.stat().st_size for p in tree.rglob("*") if p.is_file() and not p.is_symlink())
