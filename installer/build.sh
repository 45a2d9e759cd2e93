#!/usr/bin/env bash
# Configures and builds Kokoa into ./build (Release with debug info).
set -euo pipefail
cd "$(dirname "$0")/.."
launcher=()
# A compiler cache makes rebuilds of unchanged files free when one is installed.
if command -v ccache >/dev/null; then launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache); fi
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo "${launcher[@]}"
cmake --build build --parallel "$(nproc)"
