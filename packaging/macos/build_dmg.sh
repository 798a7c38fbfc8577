#!/usr/bin/env bash
# Build Medwallet.app and a .dmg on macOS.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
export SOURCE_DATE_EPOCH=$(git -C "$root" log -1 --format=%ct) PYTHONHASHSEED=0
[ -n "${1:-}" ] && export MWPACK_PROFILE=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
export MWPACK_VERSION=$("$root/.venv/bin/python" -c "import wallet; print(wallet.__version__)")
"$root/.venv/bin/python" -m PyInstaller --noconfirm --distpath "$root/dist/mac" "$root/packaging/medwallet.spec"
ln -sf medwallet "$root/dist/mac/Medwallet.app/Contents/MacOS/medwallet-node"
hdiutil create -volname Medwallet -srcfolder "$root/dist/mac/Medwallet.app" -ov -format UDZO \
    "$root/dist/Medwallet-$MWPACK_VERSION.dmg"
shasum -a 256 "$root/dist/Medwallet-$MWPACK_VERSION.dmg"
