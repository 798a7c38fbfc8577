"""Fixtures for the wallet core: a private, real Secret Service for the keyring tests.

``scripts/run-tests.sh`` runs pytest under ``dbus-run-session``, which gives the test run its
own D-Bus session bus. The ``secret_service`` fixture starts gnome-keyring on that bus, with
its keyring files and control socket in a temporary directory and a login keyring unlocked
by a fixed test password, and stops it (by its own process id) at the end of the session.

It never replaces a Secret Service that is already running: on a developer's desktop bus
that would be the developer's own keyring. Those tests skip instead, saying why. Under
pytest-xdist the workers share the bus, so the first worker starts the daemon (recorded in
a marker file holding the bus address) and the others reuse it.
"""

from __future__ import annotations

import os
import select
import shutil
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import pytest

SECRETS_BUS_NAME = "org.freedesktop.secrets"
TEST_KEYRING_PASSWORD = "medwallet-test-keyring"
START_TIMEOUT = 15.0


@pytest.fixture(scope="session")
def secret_service(tmp_path_factory: pytest.TempPathFactory) -> Iterator[object]:
    """A working ``keyring`` SecretService backend on a private gnome-keyring, or skip."""
    address = os.environ.get("DBUS_SESSION_BUS_ADDRESS")
    if not address:
        pytest.skip("no D-Bus session bus: run the tests under `dbus-run-session -- pytest`")
    daemon = shutil.which("gnome-keyring-daemon")
    if daemon is None:
        pytest.skip("gnome-keyring-daemon is not installed (Debian: apt-get install gnome-keyring)")
    # pytest-xdist workers share one bus: the first starts the daemon, the others reuse it,
    # and it ends with the bus. Without xdist this session starts it and stops it.
    xdist = bool(os.environ.get("PYTEST_XDIST_WORKER"))
    base = tmp_path_factory.getbasetemp()
    process = _start_or_reuse(daemon, base.parent if xdist else base, address)
    try:
        with pytest.MonkeyPatch.context() as patch:
            for name, value in (_read_environment(process) if process else {}).items():
                patch.setenv(name, value)
            yield _checked_backend()
    finally:
        if process is not None and not xdist:
            _stop(process)


def _start_or_reuse(daemon: str, shared: Path, address: str) -> subprocess.Popen[str] | None:
    """Start gnome-keyring unless this test run already did on this bus; never touch another."""
    import fcntl  # only reached on systems that have gnome-keyring

    marker = shared / "medwallet-secret-service"
    with open(shared / "medwallet-secret-service.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if _bus_name_owned():
            if marker.exists() and marker.read_text() == address:
                return None  # started by another worker of this run
            pytest.skip(
                "a Secret Service already runs on this D-Bus session (a desktop keyring?); "
                "run under `dbus-run-session` to test against a private one"
            )
        home = Path(tempfile.mkdtemp(prefix="gnome-keyring-", dir=shared))
        process = _start_gnome_keyring(daemon, home)
        marker.write_text(address)
        return process


def _stop(process: subprocess.Popen[str]) -> None:
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def _bus_name_owned() -> bool:
    """Ask the bus (without activating anything) whether a Secret Service is running."""
    from jeepney.bus_messages import message_bus
    from jeepney.io.blocking import open_dbus_connection

    with closing(open_dbus_connection(bus="SESSION")) as connection:
        reply = connection.send_and_get_reply(message_bus.NameHasOwner(SECRETS_BUS_NAME), timeout=5)
    return bool(reply.body[0])


def _start_gnome_keyring(daemon: str, home: Path) -> subprocess.Popen[str]:
    """Run gnome-keyring in the foreground with its files under ``home``; wait for the bus name."""
    runtime = home / "runtime"
    runtime.mkdir(mode=0o700)
    env = dict(os.environ, XDG_DATA_HOME=str(home / "data"), XDG_RUNTIME_DIR=str(runtime))
    process = subprocess.Popen(
        [daemon, "--foreground", "--unlock", "--components=secrets"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        env=env,
        text=True,
    )
    assert process.stdin is not None
    process.stdin.write(TEST_KEYRING_PASSWORD)  # --unlock reads the login password from stdin
    process.stdin.close()
    deadline = time.monotonic() + START_TIMEOUT
    while not _bus_name_owned():
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            process.wait()
            pytest.skip("gnome-keyring-daemon did not come up on the session bus")
        time.sleep(0.05)
    return process


def _read_environment(process: subprocess.Popen[str]) -> dict[str, str]:
    """The NAME=value lines gnome-keyring prints (GNOME_KEYRING_CONTROL), read without blocking."""
    found: dict[str, str] = {}
    assert process.stdout is not None
    while select.select([process.stdout], [], [], 0.5)[0]:
        line = process.stdout.readline()
        if not line:
            break
        name, sep, value = line.strip().partition("=")
        if sep and name.isupper():
            found[name] = value
    return found


def _checked_backend() -> object:
    """The SecretService backend, after one real store, read and delete."""
    from keyring.backends.SecretService import Keyring

    backend = Keyring()
    try:
        backend.set_password("medwallet-test", "probe", "ok")
        ok = backend.get_password("medwallet-test", "probe") == "ok"
        backend.delete_password("medwallet-test", "probe")
    except Exception as exc:  # pragma: no cover - depends on the machine
        pytest.skip(f"the private gnome-keyring refuses to store secrets ({type(exc).__name__})")
    if not ok:  # pragma: no cover
        pytest.skip("the private gnome-keyring did not keep a stored secret")
    return backend
