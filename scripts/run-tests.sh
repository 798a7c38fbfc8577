#!/usr/bin/env bash
# Runs the whole test suite inside a private D-Bus session, so the keyring
# tests talk to a real Secret Service (gnome-keyring) and nothing touches the
# user's own session.
set -euo pipefail
cd "$(dirname "$0")/.."
export QT_QPA_PLATFORM=${QT_QPA_PLATFORM:-offscreen}
if command -v dbus-run-session >/dev/null; then
    exec dbus-run-session -- .venv/bin/python -m pytest "$@"
fi
exec .venv/bin/python -m pytest "$@"
