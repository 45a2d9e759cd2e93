#!/usr/bin/env bash
# Sets up a fresh Debian 12 machine, builds Kokoa and runs every test
# (unit, integration, e2e, gui). Tests that need root or network namespaces
# run when this is started as root (as CI does) and say why they skip
# otherwise.
set -euo pipefail
cd "$(dirname "$0")/.."
bash installer/install-deps.sh
bash installer/build.sh
export QT_QPA_PLATFORM=offscreen
ctest --test-dir build --output-on-failure --parallel "$(nproc)" "$@"
