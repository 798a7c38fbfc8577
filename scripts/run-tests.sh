#!/usr/bin/env bash
# Runs the whole test suite inside a private D-Bus session, so the keyring
# tests talk to a real Secret Service (gnome-keyring) and nothing touches the
# user's own session. Tests run on PYTEST_WORKERS processes (default: one per
# core, at most 4) unless the arguments choose (-n / -p no:xdist). Each test module
# runs on one worker (--dist loadscope), so a module's fixtures (the installer build,
# the etcd cluster, a shared node) are made once and its tests run in order.
set -euo pipefail
cd "$(dirname "$0")/.."
VENV=${VENV:-.venv}
export QT_QPA_PLATFORM=${QT_QPA_PLATFORM:-offscreen}
args=("$@")
if [[ " $* " != *" -n "* && " $* " != *"no:xdist"* ]]; then
    cores=$(nproc 2>/dev/null || echo 2)
    args=(-n "${PYTEST_WORKERS:-$(( cores > 4 ? 4 : cores ))}" --dist loadscope "${args[@]}")
fi
if command -v dbus-run-session >/dev/null; then
    exec dbus-run-session -- "$VENV/bin/python" -m pytest "${args[@]}"
fi
exec "$VENV/bin/python" -m pytest "${args[@]}"
