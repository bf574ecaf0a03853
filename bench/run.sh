#!/usr/bin/env bash
# Installs what the benchmark needs (kiosque's build dependencies, and omindex, quest and
# recollindex for the `peers` workload), builds a release build, and runs kiosque-bench with the
# arguments given (default: all workloads on ../shared/corpus/fr-news), writing bench.json.
#   bench/run.sh                         # every workload, the README's figures
#   bench/run.sh bulk peers              # some of them
#   bench/run.sh grow --scale 1000000 --grow-to 1000000
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
tools/install-deps.sh --bench
cmake -S . -B build/release -G Ninja -DCMAKE_BUILD_TYPE=Release -DKIOSQUE_TESTS=OFF >/dev/null
cmake --build build/release --target kiosque kiosque-bench
exec build/release/bench/kiosque-bench --json bench.json "$@"
