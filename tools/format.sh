#!/usr/bin/env bash
# The house style (.clang-format) over every C++ file of the tree: reformats them in place, or
# with --check lists the files that drift from it and fails (CTest runs the check).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
mapfile -t files < <(find archive indexer tools tests bench -name '*.cc' -o -name '*.h' | sort)
if [[ "${1:-}" == "--check" ]]; then
  if ! report="$(clang-format --dry-run --Werror "${files[@]}" 2>&1)"; then
    echo "not in the house style (run tools/format.sh):" >&2
    grep -oE '^[^:]+\.(cc|h):[0-9]+' <<<"$report" | cut -d: -f1 | sort -u | sed 's/^/  /' >&2
    exit 1
  fi
  echo "${#files[@]} files in the house style"
else
  clang-format -i "${files[@]}"
fi
