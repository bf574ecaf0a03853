#!/usr/bin/env bash
# Installs what is missing, builds with warnings as errors, and runs the whole test suite with
# CTest. Under CI (CI=true) it first runs the suite in an ASan+UBSan build and the watcher and
# updater tests in a ThreadSanitizer build and each fuzz target for a short while (clang), then the
# whole suite in a RelWithDebInfo build, so
# that the closing line is that suite's CTest summary.
# Set KIOSQUE_SANITIZE=1 to run the sanitizer passes outside CI, or 0 to skip them in CI.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
# The benchmark smoke test runs omindex and recollindex; CI also builds the fuzz targets (clang).
if [[ "${CI:-}" == "true" || "${KIOSQUE_SANITIZE:-}" == 1 ]]; then
  tools/install-deps.sh --test --bench --fuzz
else
  tools/install-deps.sh --test --bench
fi
jobs="$(nproc)"

# Test builds carry line tables only: all a sanitizer's report or a crash's backtrace needs, and
# full debug information made each file about a quarter slower to compile.
line_tables=(-DCMAKE_CXX_FLAGS_DEBUG=-g1 "-DCMAKE_CXX_FLAGS_RELWITHDEBINFO=-O2 -g1 -DNDEBUG")

# run_suite DIR CMAKE_ARGS... [-- CTEST_ARGS...]; builds every target, or only those named in
# $targets when set.
run_suite() {
  local dir="$1"; shift
  local cmake_args=() ctest_args=() build_args=()
  while (($#)) && [[ "$1" != "--" ]]; do cmake_args+=("$1"); shift; done
  (($#)) && shift && ctest_args=("$@")
  [[ -n "${targets:-}" ]] && read -r -a build_args <<<"--target $targets"
  cmake -S . -B "$dir" -G Ninja -DKIOSQUE_WERROR=ON "${line_tables[@]}" "${cmake_args[@]}" >/dev/null
  cmake --build "$dir" -j "$jobs" "${build_args[@]}"
  ctest --test-dir "$dir" -j "$jobs" --output-on-failure --timeout 600 "${ctest_args[@]}"
}

sanitize="${KIOSQUE_SANITIZE:-}"
if [[ -z "$sanitize" ]]; then
  [[ "${CI:-}" == "true" ]] && sanitize=1 || sanitize=0
fi

if [[ "$sanitize" == 1 ]]; then
  echo "== the whole suite under AddressSanitizer + UndefinedBehaviorSanitizer =="
  # new_delete_type_mismatch: Xapian 1.4.22's own Database::check (kiosque verify) deletes an
  # object through a base of another size inside libxapian; nothing of kiosque's is involved.
  # tests/lsan.supp: leaks inside libxapian on its error paths; tests/asan.supp: an overlapping
  # copy inside myhtml (see there).
  ASAN_OPTIONS="detect_leaks=1:new_delete_type_mismatch=0:suppressions=$root/tests/asan.supp" \
    UBSAN_OPTIONS=print_stacktrace=1 \
    LSAN_OPTIONS="suppressions=$root/tests/lsan.supp" \
    run_suite build/sanitize -DCMAKE_BUILD_TYPE=Debug -DKIOSQUE_SANITIZE=ON
  echo "== the watcher, the index updater and bulk builds under ThreadSanitizer =="
  # Only the binaries that hold those tests are built (and kiosque, which the end-to-end ones run).
  targets="archive_tests indexer_tests tools_tests kiosque" \
    TSAN_OPTIONS="halt_on_error=1 exitcode=66 suppressions=$root/tests/tsan.supp" \
    run_suite build/tsan -DCMAKE_BUILD_TYPE=RelWithDebInfo -DKIOSQUE_TSAN=ON \
    -- -R 'watch|bulk|catch-ups|updater|follows|what add takes in|backup|concurrent|writer|inbox|rescan'
  echo "== each fuzz target for ${KIOSQUE_FUZZ_SECONDS:-15} s (libFuzzer, ASan, UBSan) =="
  CC=clang-16 CXX=clang++-16 cmake -S . -B build/fuzz -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    "${line_tables[@]}" \
    -DKIOSQUE_FUZZ=ON -DKIOSQUE_FUZZ_SECONDS="${KIOSQUE_FUZZ_SECONDS:-15}" >/dev/null
  cmake --build build/fuzz -j "$jobs" --target fuzz_normalise fuzz_analyser fuzz_pipeline fuzz_query fuzz_records fuzz_html
  ctest --test-dir build/fuzz -L fuzz -j "$jobs" --output-on-failure
  echo "== the whole suite =="
fi
run_suite build/test -DCMAKE_BUILD_TYPE=RelWithDebInfo
