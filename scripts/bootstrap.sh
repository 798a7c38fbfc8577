#!/usr/bin/env bash
# Sets up everything `make run` and `make test` need on a fresh Debian machine:
# the Debian packages listed in scripts/debian-packages.txt, then a virtual
# environment in .venv with Medwallet installed in editable mode.
set -euo pipefail
cd "$(dirname "$0")/.."

VENV=${VENV:-.venv}
PYTHON=${PYTHON:-python3}

missing_debian_packages() {
    local pkg
    for pkg in $(grep -v '^\s*#' scripts/debian-packages.txt | tr -s ' \n' '\n'); do
        dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "ok installed" || echo "$pkg"
    done
}

install_debian_packages() {
    command -v dpkg-query >/dev/null || { echo "bootstrap: not a Debian system; install the equivalents of scripts/debian-packages.txt by hand" >&2; return 0; }
    local missing
    missing=$(missing_debian_packages | tr '\n' ' ')
    [ -z "${missing// }" ] && return 0
    local sudo=""
    if [ "$(id -u)" != 0 ]; then
        if command -v sudo >/dev/null && sudo -n true 2>/dev/null; then sudo="sudo -n"; else
            echo "bootstrap: please install these Debian packages, then run again: $missing" >&2
            exit 1
        fi
    fi
    echo "bootstrap: installing Debian packages: $missing"
    $sudo apt-get update -qq
    if DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends $missing >/dev/null; then
        return 0
    fi
    # One name unknown to this release (renamed, dropped) must not block the others.
    local pkg unavailable=""
    for pkg in $missing; do
        DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "$pkg" >/dev/null 2>&1 \
            || unavailable="$unavailable $pkg"
    done
    [ -z "$unavailable" ] || echo "bootstrap: WARNING: not installable on this system:$unavailable (the features needing them are skipped with a reason)" >&2
}

install_python_env() {
    local stamp="$VENV/.medwallet-installed"
    if [ -f "$stamp" ] && [ "$stamp" -nt pyproject.toml ]; then return 0; fi
    echo "bootstrap: first run: setting up Medwallet in $VENV (a few minutes; details in $VENV/bootstrap.log)"
    if [ ! -x "$VENV/bin/python" ]; then
        echo "bootstrap: [1/3] creating the Python environment"
        "$PYTHON" -m venv "$VENV" || { echo "bootstrap: '$PYTHON -m venv' failed (Debian: apt-get install python3-venv)" >&2; exit 1; }
    fi
    local log="$VENV/bootstrap.log"
    : > "$log"
    echo "bootstrap: [2/3] updating pip"
    pip_quietly "$log" install --upgrade pip
    echo "bootstrap: [3/3] installing Medwallet and its libraries (Qt, libsodium, AnonCreds, FHIR models)"
    pip_quietly "$log" install -e ".[gui,dev]"
    touch "$stamp"
    echo "bootstrap: done."
}

# pip with its output in the log (warnings too) and only the progress on screen; on failure, the log's end.
pip_quietly() {
    local log="$1"; shift
    if ! PIP_PROGRESS_BAR=off "$VENV/bin/python" -m pip "$@" 2>>"$log" | "$VENV/bin/python" scripts/pip-progress.py "$log"; then
        echo "bootstrap: pip failed; the end of $log:" >&2
        tail -n 30 "$log" >&2
        exit 1
    fi
}

install_debian_packages
install_python_env
