"""Private folders: a node's, wallet's or desk's folder is 0700 and every file in it 0600, whatever
the umask (a umask of 022 would otherwise leave the database and blobs readable by every
local user). Modes are set explicitly where files are made; :func:`tighten` fixes a folder
written by an older release when it is opened."""

from __future__ import annotations

import os
import stat
from pathlib import Path

DIR_MODE = 0o700
FILE_MODE = 0o600


def private_dir(path: Path) -> Path:
    """Make ``path`` and set it to 0700; missing parents are made 0700 too. Returns it."""
    missing = []
    for folder in (path, *path.parents):
        if folder.exists():
            break
        missing.append(folder)
    for folder in reversed(missing):
        folder.mkdir(mode=DIR_MODE, exist_ok=True)
    _set_mode(path, DIR_MODE)
    return path


def private_file(path: Path) -> Path:
    """Make ``path`` if it is missing, empty, 0600 (before any data lands in it); returns it."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT, FILE_MODE)
    os.close(fd)
    _set_mode(path, FILE_MODE)
    return path


def tighten(root: Path) -> int:
    """Set ``root`` and every folder under it to 0700 and every file to 0600; returns how many changed."""
    changed = int(_set_mode(root, DIR_MODE))
    for folder, dirs, files in os.walk(root):
        for name in dirs:
            changed += _set_mode(Path(folder, name), DIR_MODE)
        for name in files:
            changed += _set_mode(Path(folder, name), FILE_MODE)
    return changed


def _set_mode(path: Path, mode: int) -> bool:
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        return False  # removed meanwhile (a staging file renamed into place)
    if stat.S_ISLNK(info.st_mode) or stat.S_IMODE(info.st_mode) == mode:
        return False
    os.chmod(path, mode)
    return True
