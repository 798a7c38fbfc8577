"""Command-line conventions shared by ``medwallet`` and ``medwallet-node``.

One place for what a script or a person relies on in both commands: the exit codes (by the
class of the error, never by its text or code string), errors as one line or, under ``--json``,
one JSON object on stderr, ``--version``, the ``MEDWALLET_LOG`` setting, progress with rate and
time left, and tables that stay aligned with wide characters.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
import time
from collections.abc import Callable, Iterable, Sequence
from typing import Any, NoReturn, TextIO

from . import errors

log = logging.getLogger(__name__)

EXIT_OK = 0
EXIT_REFUSED = 1
EXIT_USAGE = 2
EXIT_UNAVAILABLE = 3
EXIT_INTEGRITY = 4
EXIT_INTERNAL = 70  # EX_SOFTWARE of sysexits.h
EXIT_INTERRUPTED = 130  # 128 + SIGINT, as shells report it

EXIT_CODES: tuple[tuple[int, str], ...] = (
    (EXIT_OK, "success"),
    (EXIT_REFUSED, "refused or failed: the action was not done (the message says why)"),
    (EXIT_USAGE, "usage: a wrong option, argument, value or setting (nothing was done)"),
    (EXIT_UNAVAILABLE, "network unavailable: no node answered, or it is busy; try again later"),
    (EXIT_INTEGRITY, "integrity: data failed verification (a ledger, a backup or a record)"),
    (EXIT_INTERNAL, "internal error: a bug; the log file holds the details"),
    (EXIT_INTERRUPTED, "interrupted or cancelled"),
)

OFF_SCREEN = "medwallet_off_screen"  # a log record's extra: the log file only, never stderr
LOG_LEVELS = ("debug", "info", "warning", "error", "critical")
ENV_LOG = "MEDWALLET_LOG"


class CommandLineError(errors.LedgerError):
    """The command was not given what it needs. See --help."""

    code = "usage"


def exit_epilog() -> str:
    """The exit-code table for ``--help`` (and, through argparse, the man pages)."""
    return "exit status:\n" + "\n".join(f"  {code:<4} {text}" for code, text in EXIT_CODES)


class Parser(argparse.ArgumentParser):
    """An ArgumentParser whose usage errors are exceptions, so they are reported like any other
    (one JSON object under ``--json``) and exit 2; its sub-parsers are of the same class."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", argparse.RawDescriptionHelpFormatter)
        super().__init__(*args, **kwargs)

    def error(self, message: str) -> NoReturn:
        raise CommandLineError(f"{message} (see '{self.prog} --help')")


def add_version(parser: argparse.ArgumentParser, text: str) -> None:
    parser.add_argument("--version", action="version", version=text, help="show the version and exit")


def wants_json(argv: Sequence[str]) -> bool:
    """Whether ``--json`` was asked for, known before (and even if) the arguments parse."""
    items = list(argv)
    return "--json" in (items[:items.index("--")] if "--" in items else items)


def log_level(value: str | None, default: str = "warning") -> int:
    """The level ``MEDWALLET_LOG`` names; a clear usage error for anything else."""
    name = (value or default).strip().lower()
    if name not in LOG_LEVELS:
        raise CommandLineError(f"{ENV_LOG}={value!r} is not a log level: use one of {', '.join(LOG_LEVELS)}")
    return int(getattr(logging, name.upper()))


def exit_status(exc: BaseException) -> int | None:
    """The exit code an error of the ledger package stands for (None: not one of ours)."""
    if isinstance(exc, CommandLineError):
        return EXIT_USAGE
    if isinstance(exc, errors.Cancelled):
        return EXIT_INTERRUPTED
    if isinstance(exc, errors.NodeUnavailable | errors.Timeout | errors.RateLimited):
        return EXIT_UNAVAILABLE
    if isinstance(exc, errors.IntegrityError | errors.SignatureError):
        return EXIT_INTEGRITY
    if isinstance(exc, errors.LedgerError):
        return EXIT_REFUSED
    if isinstance(exc, OSError):
        return EXIT_REFUSED
    return None


def error_code(exc: BaseException) -> str:
    """The stable machine code of an error, for the ``error`` member of the JSON object."""
    code = getattr(exc, "code", None)
    if isinstance(code, str):
        return code
    if isinstance(exc, FileNotFoundError):
        return "file_not_found"
    if isinstance(exc, PermissionError):
        return "permission_denied"
    if isinstance(exc, OSError):
        return "os_error"
    return "internal"


def error_message(exc: BaseException) -> str:
    if isinstance(exc, OSError) and exc.strerror:
        return f"{exc.strerror}: {exc.filename}" if exc.filename else exc.strerror
    message = getattr(exc, "message", None)
    return str(message if isinstance(message, str) else exc)


def report_error(prog: str, code: str, message: str, *, as_json: bool, stream: TextIO | None = None) -> None:
    """One line (``prog: message``) or one JSON object on stderr."""
    out = stream or sys.stderr
    if as_json:
        print(json.dumps({"error": code, "message": message}, ensure_ascii=False), file=out)
    else:
        print(f"{prog}: {message}", file=out)


def run(prog: str, argv: Sequence[str], body: Callable[[], int | None],
        classify: Callable[[BaseException], int | None] = exit_status) -> int:
    """Run a command's body and turn what it raises into a report and an exit code.

    ``classify`` maps an error class to an exit code (None: unexpected, reported as internal
    with its traceback in the log, never its message on screen as if it were a known error).
    """
    as_json = wants_json(argv)
    try:
        return body() or EXIT_OK
    except KeyboardInterrupt:
        report_error(prog, "interrupted", "interrupted", as_json=as_json)
        return EXIT_INTERRUPTED
    except Exception as exc:
        status = classify(exc)
        if status == EXIT_INTERRUPTED:
            log.info("cancelled")
            return status
        if status is None:
            # the traceback (which may quote the error's text) goes to the log file, not the screen
            log.error("unexpected %s", type(exc).__name__, exc_info=exc, extra={OFF_SCREEN: True})
            report_error(prog, "internal", f"internal error ({type(exc).__name__}); see the log file",
                         as_json=as_json)
            return EXIT_INTERNAL
        log.info("refused: %s (%s), exit %d", type(exc).__name__, error_code(exc), status)
        report_error(prog, error_code(exc), error_message(exc), as_json=as_json)
        return status


def emit_json(doc: Any, stream: TextIO | None = None) -> None:
    print(json.dumps(doc, indent=2, sort_keys=True, default=str, ensure_ascii=False), file=stream or sys.stdout)


def width(text: str) -> int:
    """Columns ``text`` takes in a terminal (wide CJK and emoji count two, combining marks zero)."""
    from wcwidth import wcswidth  # only a table needs it: the window starts without it
    columns = wcswidth(text)
    return columns if columns >= 0 else sum(max(wcswidth(ch), 0) for ch in text)


def pad(text: str, columns: int) -> str:
    return text + " " * max(columns - width(text), 0)


def _printable(value: Any) -> str:
    text = "" if value is None else str(value)
    return "".join(ch if ch.isprintable() else " " for ch in text)


def table(rows: Iterable[Iterable[Any]], headers: Sequence[str], stream: TextIO | None = None) -> None:
    """Columns padded by display width, so a name in Chinese or with accents keeps them aligned."""
    out = stream or sys.stdout
    cells = [[_printable(v) for v in row] for row in rows]
    widths = [max([width(h)] + [width(r[i]) for r in cells]) for i, h in enumerate(headers)]
    for row in [list(headers), *cells]:
        print("  ".join(pad(v, w) for v, w in zip(row, widths, strict=True)).rstrip(), file=out)


def human_bytes(n: float) -> str:
    for unit in ("B", "KiB", "MiB", "GiB"):
        if abs(n) < 1024 or unit == "GiB":
            return f"{n:.0f} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1024
    return f"{n:.1f} GiB"


def clock(seconds: float) -> str:
    hours, rest = divmod(round(seconds), 3600)
    return f"{hours}:{rest // 60:02d}:{rest % 60:02d}" if hours else f"{rest // 60}:{rest % 60:02d}"


class Progress:
    """A one-line progress display on stderr with rate and time left: ``(stage, done, total)``.

    Quiet unless stderr is a terminal and the output is not JSON (a script reading the output,
    or a log collecting stderr, never sees carriage returns). ``units`` names the unit of a
    stage (default bytes); a total of 0 means unknown: the count and rate are shown, no time left.
    """

    def __init__(self, *, enabled: bool | None = None, as_json: bool = False, stream: TextIO | None = None,
                 units: dict[str, str] | None = None, now: Callable[[], float] = time.monotonic) -> None:
        self.stream = stream or sys.stderr
        self.enabled = (self.stream.isatty() if enabled is None else enabled) and not as_json
        self.units = units or {}
        self._now = now
        self._stage = ""
        self._started = 0.0
        self._last = 0.0
        self._shown = 0

    def __call__(self, stage: str, done: int, total: int) -> None:
        if not self.enabled:
            return
        now = self._now()
        if stage != self._stage:
            self._stage, self._started, self._last = stage, now, 0.0
        if now - self._last < 0.1 and done != total:
            return
        self._last = now
        self._show(self.line(stage, done, total, now - self._started))

    def line(self, stage: str, done: int, total: int, elapsed: float) -> str:
        unit = self.units.get(stage, "B")
        amount = (lambda n: human_bytes(n)) if unit == "B" else (lambda n: f"{n:,.0f} {unit}")
        rate = done / elapsed if elapsed > 0 else 0.0
        parts = [f"{stage}:"]
        if total:
            parts += [f"{100 * done // total:3d}%", f"{amount(done)} of {amount(total)}"]
        else:
            parts.append(amount(done))
        if rate:
            parts.append(f"{amount(rate)}/s")
            if total and done < total:
                parts.append(f"{clock((total - done) / rate)} left")
        return " ".join(parts)

    def _show(self, text: str) -> None:
        print("\r" + pad(text, self._shown), end="", file=self.stream, flush=True)
        self._shown = width(text)

    def done(self) -> None:
        if self.enabled and self._shown:
            print("\r" + " " * self._shown + "\r", end="", file=self.stream, flush=True)
        self._shown, self._stage = 0, ""


class _ConsoleHandler(logging.StreamHandler):  # type: ignore[type-arg]
    """The one stderr handler a command installs (found again, not doubled, on a second run);
    it writes to whatever ``sys.stderr`` is when a record comes, as ``logging.lastResort`` does.
    Records marked :data:`OFF_SCREEN` are for the log file only (shown at ``debug``)."""

    def filter(self, record: logging.LogRecord) -> bool:
        if getattr(record, OFF_SCREEN, False) and self.level > logging.DEBUG:
            return False
        return bool(super().filter(record))

    @property
    def stream(self) -> TextIO:
        return sys.stderr

    @stream.setter
    def stream(self, _value: TextIO) -> None:
        pass


def setup_logging(level: int, *, file_level: int | None = None) -> None:
    """Log records of ``level`` and above to stderr; the root passes ``file_level`` on to a log file."""
    root = logging.getLogger()
    for handler in [h for h in root.handlers if isinstance(h, _ConsoleHandler)]:
        root.removeHandler(handler)
    handler = _ConsoleHandler()
    handler.setLevel(level)
    handler.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
    root.addHandler(handler)
    root.setLevel(min(level, file_level if file_level is not None else level))
