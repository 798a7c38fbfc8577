"""The wallet's log file: what a patient can send when something goes wrong.

A rotating file (``medwallet.log``, 1 MiB, three old copies) in the platform's log folder,
readable by its owner only, for the window and the command line alike. It never holds health
data, names, keys, passphrases, phrases, QR payloads or pseudonyms:

- the wallet's own code logs events, classes and codes, never a message text (an error's text
  may quote a title, a file name or an institution's name);
- other libraries reach the file at WARNING and above only (HTTP libraries log URLs, which name
  pseudonyms and records, at DEBUG);
- every line passes a redaction that replaces what looks like a key, a hash, a pseudonym or an
  encoded payload (long hexadecimal or base64 runs) and any e-mail address, as a second line of
  defence for whatever a future change lets through.

``MEDWALLET_LOG_FILE=off`` turns the file off.
"""

from __future__ import annotations

import logging
import logging.handlers
import os
import re
from pathlib import Path

import platformdirs

ENV_LOG_FILE = "MEDWALLET_LOG_FILE"
FILE_NAME = "medwallet.log"
MAX_BYTES = 1024 * 1024
BACKUPS = 3
OWN_LOGGERS = ("wallet", "ledger_client", "medwallet")
FORMAT = "%(asctime)s %(process)d %(levelname)s %(name)s: %(message)s"

_SECRETS = re.compile(
    r"[0-9a-fA-F]{16,}"  # keys, hashes, pseudonyms, record and consent ids (hex)
    r"|[A-Za-z0-9+/_-]{24,}={0,2}"  # base64 / base64url: envelopes, grant codes, QR payloads
    r"|[\w.+-]+@[\w-]+\.[\w.-]+"  # e-mail addresses
)


def log_dir() -> Path:
    return Path(platformdirs.user_log_dir("medwallet", appauthor=False))


def redact(text: str) -> str:
    return _SECRETS.sub("[redacted]", text)


class RedactingFormatter(logging.Formatter):
    """Formats a record (with its traceback) and then removes anything that looks secret."""

    def format(self, record: logging.LogRecord) -> str:
        return redact(super().format(record))


class _OwnOrWarning(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        own = record.name.split(".")[0] in OWN_LOGGERS
        return own or record.levelno >= logging.WARNING


class PrivateRotatingFileHandler(logging.handlers.RotatingFileHandler):
    """A RotatingFileHandler whose every file (the first and each after a rotation) is 0600."""

    def _open(self):  # type: ignore[no-untyped-def]  # the stdlib's own signature
        fd = os.open(self.baseFilename, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        os.chmod(self.baseFilename, 0o600)  # a file made by an older version keeps no wider mode
        return open(fd, self.mode if "a" in self.mode else "a", encoding=self.encoding, errors=self.errors)


def install(level: int = logging.INFO, directory: Path | None = None) -> Path | None:
    """Attach the log file to the root logger; returns its path (None when turned off or impossible)."""
    if os.environ.get(ENV_LOG_FILE, "").strip().lower() in ("off", "0", "no", "false"):
        return None
    folder = directory or log_dir()
    path = folder / FILE_NAME
    root = logging.getLogger()
    for handler in root.handlers:
        if isinstance(handler, PrivateRotatingFileHandler) and Path(handler.baseFilename) == path:
            return path
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        handler = PrivateRotatingFileHandler(path, maxBytes=MAX_BYTES, backupCount=BACKUPS, encoding="utf-8")
    except OSError:
        return None  # a read-only home must not stop the wallet; the console still shows errors
    handler.setLevel(level)
    handler.setFormatter(RedactingFormatter(FORMAT))
    handler.addFilter(_OwnOrWarning())
    root.addHandler(handler)
    if root.level > level or root.level == logging.NOTSET:
        root.setLevel(level)
    return path


def uninstall() -> None:
    """Detach and close the log file (tests, and a process that changes its mind)."""
    root = logging.getLogger()
    for handler in list(root.handlers):
        if isinstance(handler, PrivateRotatingFileHandler):
            root.removeHandler(handler)
            handler.close()
