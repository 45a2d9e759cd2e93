#!/usr/bin/env bash
# Configures and builds Kokoa into ./build (optimised, with line tables).
set -euo pipefail
cd "$(dirname "$0")/.."
launcher=()
# A compiler cache makes rebuilds of unchanged files free when one is installed.
if command -v ccache >/dev/null; then launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache); fi
# Line tables (-g1) are debug info enough for a backtrace with file and line;
# full debug info (-g) made the build about a quarter slower. For variables
# in a debugger, configure with -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O2 -g -DNDEBUG".
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O2 -g1 -DNDEBUG" "${launcher[@]}"
cmake --build build --parallel "$(nproc)"
