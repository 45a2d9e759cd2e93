#!/usr/bin/env bash
# Builds the libFuzzer targets into ./build-fuzz (clang, ASan + UBSan) and
# runs each one for a bounded time from its committed seed corpus.
#
#   tests/fuzz/run-fuzzers.sh                 every target, 25 s each
#   KOKOA_FUZZ_SECONDS=3600 tests/fuzz/run-fuzzers.sh dns_wire tsig
#   tests/fuzz/run-fuzzers.sh --build-only    builds the targets, runs none
#
# New inputs found go to build-fuzz/fuzz-work/<target>/corpus (never into the
# repository); a crash leaves its input in build-fuzz/fuzz-work/<target>/
# and fails the run. Prints one summary line per target.
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds=${KOKOA_FUZZ_SECONDS:-25}
build=${KOKOA_FUZZ_BUILD_DIR:-build-fuzz}
all_targets=(dns_wire tsig http_response cloudflare_records import validator)
build_only=0
if [ "${1:-}" = --build-only ]; then
  build_only=1
  shift
fi
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=("${all_targets[@]}")

launcher=()
if command -v ccache >/dev/null; then launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache); fi
# -O1 and line tables: about half the compile time of -O2 -g, and the
# short CI runs spend their time in the inputs, not in the code.
cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -gline-tables-only -DNDEBUG" -DCMAKE_CXX_COMPILER=clang++ -DKOKOA_BUILD_FUZZERS=ON \
  -DKOKOA_BUILD_TESTS=OFF -DKOKOA_BUILD_BENCHMARKS=OFF "${launcher[@]}" >/dev/null
cmake --build "$build" --parallel "$(nproc)" --target kokoa_fuzzers
[ "$build_only" -eq 0 ] || exit 0

# Qt's global caches are still reachable at exit, not leaked per input; UB
# and memory errors stop the run (FuzzBuild.cmake makes UB fatal).
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
export QT_QPA_PLATFORM=offscreen

failed=()
summary=()
for t in "${targets[@]}"; do
  exe="$build/tests/fuzz/fuzz_$t"
  seeds="tests/fuzz/corpus/$t"
  [ -x "$exe" ] && [ -d "$seeds" ] || { echo "unknown fuzz target: $t" >&2; exit 2; }
  work="$build/fuzz-work/$t"
  mkdir -p "$work/corpus"
  log="$work/fuzz.log"
  dict=()
  [ -f "tests/fuzz/dict/$t.dict" ] && dict=(-dict="tests/fuzz/dict/$t.dict")
  start=$(date +%s)
  status=0
  "$exe" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2560 -print_final_stats=1 \
    -artifact_prefix="$work/" "${dict[@]}" "$work/corpus" "$seeds" >"$log" 2>&1 || status=$?
  elapsed=$(( $(date +%s) - start ))
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1 | cut -d' ' -f2)
  corpus=$(find "$work/corpus" "$seeds" -type f | wc -l)
  line=$(printf 'fuzz %-20s runs %9s  coverage %5s  inputs %5s  time %4ss  ' \
    "$t" "${runs:-?}" "${cov:-?}" "$corpus" "$elapsed")
  if [ "$status" -eq 0 ]; then
    summary+=("${line}ok")
  else
    summary+=("${line}FAILED (exit $status, log $log)")
    failed+=("$t")
    grep -E 'ERROR|SUMMARY|runtime error|Test unit written|^ +#[0-9]+ ' "$log" | head -40 >&2 || true
  fi
done

printf '%s\n' "${summary[@]}"
if [ ${#failed[@]} -gt 0 ]; then
  echo "fuzzing found problems in: ${failed[*]} (inputs in $build/fuzz-work/<target>/crash-*)" >&2
  exit 1
fi
