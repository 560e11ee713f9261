#!/usr/bin/env bash
# The slm demo: builds and installs the extension, starts a throwaway
# PostgreSQL server, and answers service level questions on a small
# service desk: business time across holidays and DST, deadlines stamped
# by the trigger, live status, and a compliance report. Installs what is
# missing (Debian, as root).
#
#   bash test/demo.sh
set -euo pipefail
cd "$(dirname "$0")/.."
source test/lib.sh
slm_install_deps >/dev/null
slm_build_install
trap slm_stop_servers EXIT
slm_start_server >/dev/null
psql -X -q -v ON_ERROR_STOP=1 -d postgres -f test/demo.sql
