#!/usr/bin/env bash
# Sets up a fresh Debian 12 machine, builds Kokoa and runs every test
# (unit, integration, e2e, gui), then every fuzz target for a bounded time
# (KOKOA_FUZZ_SECONDS each, 25 s by default; 0 skips fuzzing). Tests that
# need root or network namespaces run when this is started as root (as CI
# does) and say why they skip otherwise.
set -euo pipefail
cd "$(dirname "$0")/.."
bash installer/install-deps.sh
bash installer/build.sh
export QT_QPA_PLATFORM=offscreen
status=0
ctest --test-dir build --output-on-failure --parallel "$(nproc)" "$@" || status=$?
if [ "${KOKOA_FUZZ_SECONDS:-25}" != 0 ]; then
  bash tests/fuzz/run-fuzzers.sh || status=1
fi
exit "$status"
