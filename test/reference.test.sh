#!/usr/bin/env bash
# docs/reference.md is generated from the catalog by docs/reference.sh; this
# test regenerates it against the running server and fails when the
# committed file differs, so the reference cannot drift from the code.
# Needs a running server (PGHOST/PGPORT/PGUSER) with slm installed.
set -euo pipefail
cd "$(dirname "$0")/.."
tmp=$(mktemp /tmp/slm-reference.XXXXXX)
trap 'rm -f "$tmp" "$tmp.tmp"' EXIT
bash docs/reference.sh "$tmp" >/dev/null
grep -q '^| `slm.deadline(' "$tmp" || { echo "FAILED: the generated reference lists no functions"; exit 1; }
if diff -u docs/reference.md "$tmp"; then
    echo "ok: docs/reference.md is current ($(grep -c '^| `' "$tmp") objects)"
else
    echo "FAILED: docs/reference.md is out of date; run: bash docs/reference.sh"
    exit 1
fi
