#!/usr/bin/env bash
# Installs the Debian packages kiosque needs to build and test; does nothing if all are present.
# Usage: tools/install-deps.sh [--test] [--bench] [--fuzz]   (--test adds clang-format, whose
# house-style check is a test; --bench adds the peers the benchmark compares against; --fuzz adds
# clang, libFuzzer and llvm-symbolizer for the fuzz targets)
set -euo pipefail

packages=(build-essential cmake ninja-build pkg-config
          librocksdb-dev libxapian-dev libicu-dev libfmt-dev libssl-dev libzstd-dev zlib1g-dev
          libcli11-dev nlohmann-json3-dev catch2 libmodest-dev hunspell-fr libhunspell-dev)
for arg in "$@"; do
  case "$arg" in
    --test) packages+=(clang-format) ;;
    --bench) packages+=(xapian-omega xapian-tools recollcmd sphinxsearch sqlite3) ;;
    --fuzz) packages+=(clang-16 libclang-rt-16-dev llvm-16) ;;
    *) echo "install-deps: unknown option $arg" >&2; exit 2 ;;
  esac
done

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]} == 0)); then
  exit 0
fi
echo "install-deps: installing ${missing[*]}" >&2
sudo_cmd=()
if ((EUID != 0)); then sudo_cmd=(sudo); fi
"${sudo_cmd[@]}" apt-get update -qq
DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
