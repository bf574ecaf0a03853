#!/usr/bin/env bash
# Quick start: installs what is missing, builds a release build, and runs kiosque's main job on
# the default data folder (./kiosque-data, or $KIOSQUE_DATA).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
tools/install-deps.sh
cmake -S . -B build/release -G Ninja -DCMAKE_BUILD_TYPE=Release -DKIOSQUE_TESTS=OFF >/dev/null
cmake --build build/release --target kiosque
exec build/release/tools/kiosque watch "$@"
