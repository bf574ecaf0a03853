#!/usr/bin/env bash
# Quick start: installs what is missing, builds a release build, and runs kiosque's main job on
# the default data folder (./kiosque-data, or $KIOSQUE_DATA): until `kiosque watch` exists (issue
# 4), that is taking in what is in the inbox once, indexing it, and showing the figures.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
tools/install-deps.sh
cmake -S . -B build/release -G Ninja -DCMAKE_BUILD_TYPE=Release -DKIOSQUE_TESTS=OFF >/dev/null
cmake --build build/release --target kiosque
kiosque=build/release/tools/kiosque
data="${KIOSQUE_DATA:-kiosque-data}"
mkdir -p "$data/inbox"
chmod 700 "$data"
if [[ -n "$(ls -A "$data/inbox")" ]]; then
  "$kiosque" --data "$data" add "$data/inbox" "$@" || true
fi
exec "$kiosque" --data "$data" stats
