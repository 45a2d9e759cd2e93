#!/usr/bin/env bash
# Sets up a fresh Debian 12 machine, builds Kokoa and runs every test:
#  0. the formatting check (tests/check-format.sh);
#  1. unit, integration, e2e and gui tests on the normal build (./build);
#  2. unit and integration tests again on an AddressSanitizer +
#     UndefinedBehaviorSanitizer build of only those tests and the programs
#     they start (./build-asan; KOKOA_SANITIZE=0 skips);
#  3. the monitor and probe tests (threads: DNS worker, vantage pool) on a
#     ThreadSanitizer build of only those targets (./build-tsan; KOKOA_TSAN=0
#     skips);
#  4. every fuzz target for a bounded time (KOKOA_FUZZ_SECONDS each, 25 s by
#     default; 0 skips fuzzing).
# The builds of 2-4 run while the end-to-end tests of 1 do, at the lowest
# CPU priority: those tests mostly wait on timers and the network.
# Tests that need root or network namespaces run when this is started as root
# (as CI does); as root a skipped test fails the run, since every
# prerequisite is installed by installer/install-deps.sh. Extra arguments go
# to the first ctest run (e.g. -L unit); the builds of 2-4 then follow it.
set -euo pipefail
cd "$(dirname "$0")/.."

# Each stage prints how long it took, so a slow stage shows in CI's log.
stage_start=$SECONDS
stage_done() {
  echo "tests/run.sh: $1 took $((SECONDS - stage_start)) s (total $SECONDS s)"
  stage_start=$SECONDS
}

bash installer/install-deps.sh
stage_done "installing packages"
bash installer/build.sh
stage_done "the build"
export QT_QPA_PLATFORM=offscreen
status=0

# Every C++ file follows .clang-format (a difference fails the run).
bash tests/check-format.sh || status=1

# Each test also writes its output to <build>/test-logs/<test>.txt
# (tests/CMakeLists.txt), so skips can be found after the run.
run_ctest() {
  local build=$1
  shift
  ctest --test-dir "$build" --output-on-failure --parallel "$(nproc)" "$@" || status=1
}

# QtTest prints "SKIP   : Class::function() reason" for a skipped test.
fail_on_skips() {
  [ "$(id -u)" -eq 0 ] && [ $# -gt 0 ] || return 0
  if grep -H '^SKIP   :' "$@"; then
    echo "tests/run.sh: the tests above were skipped although every prerequisite is installed" >&2
    status=1
  fi
}

launcher=()
if command -v ccache >/dev/null; then launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache); fi
# The sanitizer builds optimise little and keep line tables only: with
# -O2 -g, instrumented code took three times as long to compile, and the
# tests wait on sockets and processes, not on the CPU. NDEBUG as in the
# normal build, so both builds test the same code.
sanitizer_flags=(-DCMAKE_BUILD_TYPE=RelWithDebInfo -DKOKOA_BUILD_BENCHMARKS=OFF "${launcher[@]}")
# Qt is not built with TSan: tests/tsan.supp names the Qt internals whose
# synchronisation TSan cannot see (see there). Only three targets are built.
tsan_tests=(tst_monitor tst_failover tst_probe_engine)

# The test executables of some CTest labels, and the programs they start.
targets_of_labels() {
  ctest --test-dir "$1" -N -L "$2" | sed -n 's/^ *Test *#[0-9]*: \(tst_[a-z0-9_]*\)$/\1/p'
  echo kokoactl kokoa-watchdog
}

# The trees of stages 2-4; their tests run later.
build_checkers() {
  local rc=0
  if [ "${KOKOA_SANITIZE:-1}" != 0 ]; then
    cmake -S . -B build-asan -G Ninja "${sanitizer_flags[@]}" \
      -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O0 -g1 -DNDEBUG" \
      -DKOKOA_SANITIZE=address,undefined >/dev/null || rc=1
    # shellcheck disable=SC2046 # one target per word
    cmake --build build-asan --parallel "$(nproc)" \
      --target $(targets_of_labels build-asan 'unit|integration') || rc=1
  fi
  if [ "${KOKOA_TSAN:-1}" != 0 ]; then
    cmake -S . -B build-tsan -G Ninja "${sanitizer_flags[@]}" \
      -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -g1 -DNDEBUG" -DKOKOA_SANITIZE=thread >/dev/null ||
      rc=1
    cmake --build build-tsan --parallel "$(nproc)" --target "${tsan_tests[@]}" || rc=1
  fi
  if [ "${KOKOA_FUZZ_SECONDS:-25}" != 0 ]; then
    bash tests/fuzz/run-fuzzers.sh --build-only || rc=1
  fi
  return "$rc"
}

rm -f build/test-logs/*.txt
if [ $# -gt 0 ]; then
  run_ctest build "$@"
  stage_done "the tests"
  build_checkers || status=1
  stage_done "the sanitizer and fuzz builds"
else
  run_ctest build -LE e2e
  stage_done "the unit, integration and gui tests"
  checkers_log=build/checker-builds.log
  (
    renice -n 19 -p "$BASHPID" >/dev/null || true
    build_checkers
  ) >"$checkers_log" 2>&1 &
  checkers=$!
  run_ctest build -L e2e
  stage_done "the end-to-end tests (the sanitizer and fuzz builds beside them)"
  if wait "$checkers"; then
    tail -n 3 "$checkers_log"
  else
    cat "$checkers_log"
    echo "tests/run.sh: the sanitizer or fuzz builds failed (above)" >&2
    status=1
  fi
  stage_done "the rest of the sanitizer and fuzz builds"
fi

if [ "${KOKOA_SANITIZE:-1}" != 0 ]; then
  rm -f build-asan/test-logs/*.txt
  export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1} UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1}
  run_ctest build-asan -L 'unit|integration'
  stage_done "the AddressSanitizer tests"
fi

if [ "${KOKOA_TSAN:-1}" != 0 ]; then
  rm -f build-tsan/test-logs/*.txt
  # QT_NO_GLIB: Qt's plain event dispatcher (GLib, not built with TSan,
  # wakes its loops through an eventfd TSan cannot pair up).
  export TSAN_OPTIONS=${TSAN_OPTIONS:-halt_on_error=1 second_deadlock_stack=1 suppressions=$PWD/tests/tsan.supp}
  export QT_NO_GLIB=1
  run_ctest build-tsan -R "^($(IFS='|'; echo "${tsan_tests[*]}"))\$"
  unset QT_NO_GLIB
  stage_done "the ThreadSanitizer tests"
fi
shopt -s nullglob
fail_on_skips build/test-logs/*.txt build-asan/test-logs/*.txt build-tsan/test-logs/*.txt

if [ "${KOKOA_FUZZ_SECONDS:-25}" != 0 ]; then
  bash tests/fuzz/run-fuzzers.sh || status=1
  stage_done "fuzzing"
fi
exit "$status"
