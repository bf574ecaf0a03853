#!/usr/bin/env bash
# Installs what is missing, builds with warnings as errors, and runs the whole test suite with
# CTest. Under CI (CI=true) it then runs the suite again in an ASan+UBSan build.
# Set KIOSQUE_SANITIZE=1 to run the sanitizer pass outside CI, or 0 to skip it in CI.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
tools/install-deps.sh --bench  # the benchmark smoke test runs omindex and recollindex too
jobs="$(nproc)"

run_suite() {
  local dir="$1"; shift
  cmake -S . -B "$dir" -G Ninja -DKIOSQUE_WERROR=ON "$@" >/dev/null
  cmake --build "$dir" -j "$jobs"
  ctest --test-dir "$dir" -j "$jobs" --output-on-failure --timeout 600
}

sanitize="${KIOSQUE_SANITIZE:-}"
if [[ -z "$sanitize" ]]; then
  [[ "${CI:-}" == "true" ]] && sanitize=1 || sanitize=0
fi

if [[ "$sanitize" == 1 ]]; then
  run_suite build/test -DCMAKE_BUILD_TYPE=RelWithDebInfo
  echo "== the same suite under AddressSanitizer + UndefinedBehaviorSanitizer =="
  ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
    run_suite build/sanitize -DCMAKE_BUILD_TYPE=Debug -DKIOSQUE_SANITIZE=ON
else
  run_suite build/test -DCMAKE_BUILD_TYPE=RelWithDebInfo
fi
