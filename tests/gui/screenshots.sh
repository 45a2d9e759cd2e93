#!/usr/bin/env bash
# tests/gui/screenshots.sh DIR
#
# Screenshots of the window as a user sees it, in English and in Japanese:
# every page of the setup wizard, the dashboard (healthy and with an edge
# down), the configuration pages and dialogs, the event log and the
# settings. The GUI tests take them (KOKOA_SCREENSHOT_DIR) while they drive
# the real widgets, under Xvfb with a real X platform plugin and the fonts
# Japanese needs (fonts-noto-cjk, installed by installer/install-deps.sh).
# The wizard's test starts sshd on loopback with a test user: run as root.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
out=${1:?usage: tests/gui/screenshots.sh DIR}

bash "$root/installer/install-deps.sh"
build=${KOKOA_BUILD_DIR:-$root/build}
if [ ! -f "$build/CMakeCache.txt" ]; then
  cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo
fi
tests=(tst_setup_wizard tst_dashboard tst_config_pages tst_providers_page tst_edge_burn_page
  tst_event_log_page tst_settings_page)
cmake --build "$build" --parallel "$(nproc)" --target "${tests[@]}"

mkdir -p "$out"
out=$(cd "$out" && pwd)
for t in "${tests[@]}"; do
  if ! KOKOA_SCREENSHOT_DIR="$out" QT_QPA_PLATFORM=xcb \
      xvfb-run -a -s "-screen 0 1920x1200x24" "$build/tests/gui/$t" >"$out/$t.log" 2>&1; then
    echo "screenshots.sh: $t failed, see $out/$t.log" >&2
    exit 1
  fi
done
echo "$(find "$out" -name '*.png' | wc -l) screenshots in $out"
