"""The log file: private to its owner through every rotation, quiet about secrets."""

from __future__ import annotations

import logging
import stat

import pytest

from wallet.core import logfile


@pytest.fixture
def installed(tmp_path, monkeypatch):
    monkeypatch.delenv(logfile.ENV_LOG_FILE, raising=False)
    root = logging.getLogger()
    level = root.level
    path = logfile.install(logging.DEBUG, tmp_path / "log")
    yield path
    logfile.uninstall()
    root.setLevel(level)


def _mode(path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_the_file_and_its_folder_are_the_owners_only(installed):
    logging.getLogger("wallet.test").info("started")
    assert installed.name == "medwallet.log" and _mode(installed) == 0o600 and _mode(installed.parent) == 0o700
    assert "started" in installed.read_text()


def test_every_rotated_file_stays_private(tmp_path, monkeypatch):
    monkeypatch.setattr(logfile, "MAX_BYTES", 2000)
    path = logfile.install(logging.INFO, tmp_path / "log")
    try:
        for i in range(200):
            logging.getLogger("wallet.test").info("line %d of many to rotate the file", i)
    finally:
        logfile.uninstall()
    files = sorted(path.parent.iterdir())
    assert [f.name for f in files] == ["medwallet.log", "medwallet.log.1", "medwallet.log.2", "medwallet.log.3"]
    assert {_mode(f) for f in files} == {0o600}


def test_a_wider_file_left_by_an_older_version_is_narrowed(tmp_path):
    (tmp_path / "log").mkdir()
    old = tmp_path / "log" / "medwallet.log"
    old.write_text("old\n")
    old.chmod(0o644)
    logfile.install(logging.INFO, tmp_path / "log")
    logfile.uninstall()
    assert _mode(old) == 0o600


def test_what_looks_secret_is_redacted(installed):
    key = "9f" * 32
    grant = "MW1:" + "QmFzZTY0UGF5bG9hZE9mQUdyYW50Q29kZQ" * 2
    logging.getLogger("wallet.test").warning("pseudonym %s, code %s, mail alice.martin@example.org", key, grant)
    text = installed.read_text()
    assert key not in text and key[:16] not in text and "QmFzZTY0UGF5bG9h" not in text and "alice" not in text
    assert text.count("[redacted]") == 3


def test_tracebacks_are_redacted_too(installed):
    try:
        raise ValueError("record " + "ab" * 32)
    except ValueError:
        logging.getLogger("wallet.test").exception("failed")
    text = installed.read_text()
    assert "Traceback" in text and "ab" * 16 not in text


def test_other_libraries_reach_the_file_only_from_warning(installed):
    logging.getLogger("urllib3.connectionpool").debug('GET /records/secret-path HTTP/1.1" 200')
    logging.getLogger("urllib3.connectionpool").warning("connection pool is full")
    logging.getLogger("wallet.test").debug("own debug")
    text = installed.read_text()
    assert "secret-path" not in text and "connection pool is full" in text and "own debug" in text


def test_the_file_can_be_turned_off(tmp_path, monkeypatch):
    monkeypatch.setenv(logfile.ENV_LOG_FILE, "off")
    assert logfile.install(logging.INFO, tmp_path / "log") is None
    assert not (tmp_path / "log").exists()


def test_an_unwritable_folder_does_not_stop_the_wallet(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("")
    assert logfile.install(logging.INFO, blocker / "log") is None


def test_the_default_folder_is_the_platforms_log_folder(monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path))
    assert logfile.log_dir() == tmp_path / "medwallet" / "log"
