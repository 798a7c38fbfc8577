"""The conventions both commands share: exit codes by error class, errors as JSON, progress, tables."""

from __future__ import annotations

import io
import json
import logging

import pytest

from ledger_client import console, errors
from ledger_client.console import (
    EXIT_INTEGRITY,
    EXIT_INTERNAL,
    EXIT_INTERRUPTED,
    EXIT_REFUSED,
    EXIT_UNAVAILABLE,
    EXIT_USAGE,
    CommandLineError,
)


@pytest.mark.parametrize(("exc", "status"), [
    (CommandLineError("bad"), EXIT_USAGE),
    (errors.NodeUnavailable(), EXIT_UNAVAILABLE),
    (errors.Timeout(), EXIT_UNAVAILABLE),
    (errors.Overloaded(), EXIT_UNAVAILABLE),
    (errors.CertificateError(), EXIT_UNAVAILABLE),
    (errors.RateLimited(), EXIT_UNAVAILABLE),
    (errors.IntegrityError(), EXIT_INTEGRITY),
    (errors.HistoryMismatch(), EXIT_INTEGRITY),
    (errors.AccessDenied(), EXIT_REFUSED),
    (errors.AlreadyRevoked(), EXIT_REFUSED),
    (errors.StorageError(), EXIT_REFUSED),
    (FileNotFoundError(2, "No such file or directory", "x.pdf"), EXIT_REFUSED),
    (errors.Cancelled(), EXIT_INTERRUPTED),
    (ValueError("a bug"), None),
])
def test_exit_status_follows_the_class(exc, status):
    assert console.exit_status(exc) == status


def test_a_code_string_never_decides_the_exit_status():
    """A refusal whose wire code reads like another class's keeps its own class's status."""
    assert console.exit_status(errors.LedgerError("x", code="unavailable")) == EXIT_REFUSED
    assert console.exit_status(errors.LedgerError("x", code="usage")) == EXIT_REFUSED


def _run(body, argv=("--json",)):
    err = io.StringIO()
    real = console.sys.stderr
    console.sys.stderr = err
    try:
        status = console.run("prog", list(argv), body)
    finally:
        console.sys.stderr = real
    return status, err.getvalue()


def _raise(exc):
    def body():
        raise exc
    return body


def test_errors_under_json_are_one_object_with_the_class_code():
    status, err = _run(_raise(errors.AlreadyRevoked("This consent was already revoked.")))
    assert status == EXIT_REFUSED
    assert err.count("\n") == 1
    assert json.loads(err) == {"error": "already_revoked", "message": "This consent was already revoked."}
    status, err = _run(_raise(FileNotFoundError(2, "No such file or directory", "x.pdf")))
    assert json.loads(err) == {"error": "file_not_found", "message": "No such file or directory: x.pdf"}


def test_errors_without_json_are_one_line():
    status, err = _run(_raise(errors.NodeUnavailable()), argv=())
    assert status == EXIT_UNAVAILABLE and err.startswith("prog: No ledger node") and err.count("\n") == 1


def test_an_unexpected_error_is_internal_and_its_message_stays_off_the_screen(caplog):
    with caplog.at_level(logging.ERROR):
        status, err = _run(_raise(RuntimeError("Alice Martin's record 4f2a")))
    assert status == EXIT_INTERNAL
    assert json.loads(err) == {"error": "internal", "message": "internal error (RuntimeError); see the log file"}
    assert "Alice" not in err
    assert any(r.exc_info for r in caplog.records)  # the traceback goes to the log


def test_an_unexpected_error_stays_off_the_screen_with_the_stderr_log_installed():
    """A command installs the stderr log handler first; the traceback (quoting the error's
    text) must still reach only the log file, and stderr hold the one JSON object."""
    root = logging.getLogger()
    before, level = list(root.handlers), root.level
    console.setup_logging(logging.WARNING, file_level=logging.INFO)
    try:
        status, err = _run(_raise(RuntimeError("Alice Martin's record 4f2a")))
    finally:
        for handler in [h for h in root.handlers if h not in before]:
            root.removeHandler(handler)
        root.setLevel(level)
    assert status == EXIT_INTERNAL and "Alice" not in err and "Traceback" not in err
    assert json.loads(err) == {"error": "internal", "message": "internal error (RuntimeError); see the log file"}


def test_usage_errors_of_the_parser_are_exceptions_and_exit_2():
    parser = console.Parser(prog="prog")
    parser.add_argument("--n", type=int)
    status, err = _run(lambda: parser.parse_args(["--json", "--n", "x"]), argv=["--json", "--n", "x"])
    assert status == EXIT_USAGE and json.loads(err)["error"] == "usage"


def test_json_is_seen_before_the_arguments_parse_but_not_after_a_double_dash():
    assert console.wants_json(["records", "--json"])
    assert not console.wants_json(["import", "--", "--json"])


@pytest.mark.parametrize("value", ["verbose", "5", "warn ing", "trace"])
def test_a_wrong_log_setting_is_a_usage_error_naming_the_choices(value):
    with pytest.raises(CommandLineError, match="debug, info, warning, error"):
        console.log_level(value)


def test_log_settings_are_read_in_any_case():
    assert console.log_level("DEBUG") == logging.DEBUG
    assert console.log_level(None) == logging.WARNING


def test_the_epilog_lists_every_exit_code():
    text = console.exit_epilog()
    for code, _ in console.EXIT_CODES:
        assert f"  {code} " in text


class _Clock:
    def __init__(self) -> None:
        self.t = 0.0

    def __call__(self) -> float:
        return self.t


def test_progress_shows_rate_and_time_left():
    out, clock = io.StringIO(), _Clock()
    progress = console.Progress(enabled=True, stream=out, now=clock)
    progress("upload", 0, 10 * 1024 * 1024)
    clock.t = 2.0
    progress("upload", 4 * 1024 * 1024, 10 * 1024 * 1024)
    line = out.getvalue().split("\r")[-1]
    assert "upload:" in line and " 40%" in line and "2.0 MiB/s" in line and "0:03 left" in line
    progress.done()
    assert out.getvalue().endswith("\r")


def test_progress_of_items_and_of_an_unknown_total():
    progress = console.Progress(enabled=True, stream=io.StringIO(), units={"blocks": "blocks", "scan": "keys"})
    assert progress.line("blocks", 500, 2000, 5.0) == "blocks:  25% 500 blocks of 2,000 blocks 100 blocks/s 0:15 left"
    assert progress.line("scan", 12, 0, 3.0) == "scan: 12 keys 4 keys/s"


def test_progress_is_quiet_off_a_terminal_and_under_json():
    out = io.StringIO()  # not a terminal
    console.Progress(stream=out)("upload", 1, 2)
    console.Progress(enabled=True, as_json=True, stream=out)("upload", 1, 2)
    assert out.getvalue() == ""


def test_tables_align_wide_and_combining_characters():
    out = io.StringIO()
    console.table([("李小龍医院", "clinic"), ("Cafe\u0301 Santé", "lab"), ("plain", "x")], ["NAME", "KIND"], out)
    lines = out.getvalue().splitlines()
    starts = {console.width(line[:line.rindex(" ") + 1]) for line in lines}
    assert len(starts) == 1, lines  # the second column starts at the same screen column on every line
    assert console.width("李小龍") == 6 and console.width("e\u0301") == 1


def test_table_cells_cannot_move_the_cursor():
    out = io.StringIO()
    console.table([("evil\r\x1b[2Jname", "x")], ["NAME", "KIND"], out)
    assert "\r" not in out.getvalue() and "\x1b" not in out.getvalue()
