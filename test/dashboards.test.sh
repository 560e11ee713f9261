#!/usr/bin/env bash
# The dashboard queries of test/review/dashboard/: the Grafana dashboard
# docs/dashboards/grafana-slm-review.json is what the SQL files give (each
# panel's rawSql is its file, byte for byte), and every query, with
# Grafana's macros expanded for the dashboard's range, runs against the
# demo's tables in a UTC session (as Grafana's are) and returns rows with
# the columns its panel expects, by name and type: (time, metric, value)
# for a time series. Needs a running server (PGHOST/PGPORT/PGUSER).
set -euo pipefail
cd "$(dirname "$0")/.."
db=slm_dashboards_test
psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db"
psql -X -q -v ON_ERROR_STOP=1 -d "$db" -f test/demo.sql >/dev/null
PGTZ=UTC python3 test/review/dashboard/grafana.py --run -d "$db"
psql -X -q -d postgres -c "DROP DATABASE $db"
