#!/usr/bin/env bash
# Sets up a fresh Debian 12 machine, builds Kokoa and starts it.
# Until the desktop window exists, "starting" shows what kokoactl can do.
set -euo pipefail
cd "$(dirname "$0")/.."
bash installer/install-deps.sh
bash installer/build.sh
exec ./build/src/cli/kokoactl --help
