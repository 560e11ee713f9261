#!/usr/bin/env bash
# slm.underpinning and slm.underpinning_gaps against a brute-force
# evaluation of the chain with slm.deadline on a grid of starts, for random
# chains (seeded) of duration and business-day targets, against duration
# and business-day SLAs, over calendars with weekends, holidays, overnight
# spans, 24x7 and dated hours only, in zones with and without daylight
# saving time. See test/underpinning_ref.py for what is compared.
# Needs a running server (PGHOST/PGPORT/PGUSER) with slm installed.
#
#   bash test/underpinning.test.sh [cases] [seed]
set -euo pipefail
cd "$(dirname "$0")/.."
export PGOPTIONS="-c client_min_messages=warning"
python3 test/underpinning_ref.py "${1:-150}" "${2:-20261130}"
