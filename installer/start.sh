#!/usr/bin/env bash
# Sets up a fresh Debian 12 machine, builds Kokoa and starts the desktop
# window (the setup wizard on the first start). Without a graphical session
# there is no window to show: it says so and lists what kokoactl can do.
set -euo pipefail
cd "$(dirname "$0")/.."
bash installer/install-deps.sh
bash installer/build.sh
if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
  echo "No graphical session (DISPLAY and WAYLAND_DISPLAY are unset): start ./build/src/gui/kokoa" \
       "from a desktop, or use the command line:" >&2
  exec ./build/src/cli/kokoactl --help
fi
exec ./build/src/gui/kokoa "$@"
