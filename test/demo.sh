#!/usr/bin/env bash
# The slm demo: builds and installs the extension, starts a throwaway
# PostgreSQL server, and answers service level questions on a small
# service desk: business time across holidays and DST, deadlines stamped
# by the trigger, live status, and a compliance report. Then it generates a
# year of a service desk's tickets, outages and surveys and writes the
# monthly service review, one self-contained HTML page with its charts
# (test/review/out/review.html, or the path given). Installs what is
# missing (Debian, as root).
#
#   bash test/demo.sh [review.html]
set -euo pipefail
out=${1:+$(realpath -m "$1")}
cd "$(dirname "$0")/.."
out=${out:-$PWD/test/review/out/review.html}
source test/lib.sh
slm_install_deps >/dev/null
slm_build_install
trap slm_stop_servers EXIT
slm_start_server >/dev/null
psql -X -q -v ON_ERROR_STOP=1 -d postgres -f test/demo.sql
echo
echo "== The service review of November 2026, drawn from the queries in test/review/:"
python3 test/review/render.py -d postgres -o "$out"
