#!/usr/bin/env bash
# Quick start: installs what is missing, builds a release build, and runs kiosque's main job,
# `kiosque watch`, on the default data folder (./kiosque-data, or $KIOSQUE_DATA) until stopped
# with Ctrl-C or SIGTERM. Drop article files into kiosque-data/inbox/ while it runs. Extra
# arguments go to `kiosque watch` (for example --keep or --verbose).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
tools/install-deps.sh
cmake -S . -B build/release -G Ninja -DCMAKE_BUILD_TYPE=Release -DKIOSQUE_TESTS=OFF >/dev/null
cmake --build build/release --target kiosque
exec build/release/tools/kiosque --data "${KIOSQUE_DATA:-kiosque-data}" watch "$@"
