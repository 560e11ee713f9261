#!/usr/bin/env bash
# Installing slm safely:
#   - CREATE EXTENSION refuses a pre-existing schema slm owned by another
#     role (SQLSTATE 42501), since that role could plant objects in it;
#   - it accepts a schema slm the installing role owns;
#   - an ordinary role, granted nothing, can use every kind of slm object:
#     types in its own tables, functions, aggregates and operators.
# Needs a running server (PGHOST/PGPORT/PGUSER).
set -euo pipefail
export PGOPTIONS="-c client_min_messages=warning"
q() { psql -X -q -At -v ON_ERROR_STOP=1 "$@"; }
rc=0
q -d postgres <<'SQL'
DROP DATABASE IF EXISTS slm_install_a;
DROP DATABASE IF EXISTS slm_install_b;
DROP ROLE IF EXISTS slm_squatter;
DROP ROLE IF EXISTS slm_analyst;
CREATE ROLE slm_squatter LOGIN;
CREATE ROLE slm_analyst LOGIN;
CREATE DATABASE slm_install_a;
CREATE DATABASE slm_install_b;
GRANT CREATE ON DATABASE slm_install_a TO slm_squatter;
SQL

# a schema someone else created first
q -d slm_install_a -U slm_squatter -c "CREATE SCHEMA slm"
err=$(psql -X -q -At -d slm_install_a -v VERBOSITY=verbose -c "CREATE EXTENSION slm" 2>&1 || true)
if printf '%s\n' "$err" | grep -q 'ERROR:  42501: schema "slm" is owned by role "slm_squatter", not by the installing role "postgres"'; then
    echo "ok: refuses a schema slm owned by another role"
else
    echo "FAILED: CREATE EXTENSION into another role's schema said:"; printf '%s\n' "$err"; rc=1
fi
n=$(q -d slm_install_a -c "SELECT count(*) FROM pg_extension WHERE extname = 'slm'")
[ "$n" = 0 ] || { echo "FAILED: the extension was installed anyway"; rc=1; }

# a schema the installing role created is fine
q -d slm_install_a -c "DROP SCHEMA slm" -c "CREATE SCHEMA slm" -c "CREATE EXTENSION slm" \
    && echo "ok: installs into a schema slm of its own" || { echo "FAILED: own schema refused"; rc=1; }

# an ordinary role with no grants uses slm
q -d slm_install_b -c "CREATE EXTENSION slm" -c "GRANT CREATE ON SCHEMA public TO slm_analyst"
got=$(q -d slm_install_b -U slm_analyst 2>&1 <<'SQL'
SET timezone = 'UTC';
CREATE TABLE mine (opened timestamptz, closed timestamptz, t slm.target, c slm.calendar);
INSERT INTO mine VALUES ('2026-11-27 15:00', '2026-11-30 10:00', '4h on (mon-fri 09:00-17:00)', '24x7');
SELECT slm.business_time(c, opened, closed), slm.deadline(t, opened),
       t OPERATOR(slm.=) t, slm.compliance_agg(t, opened, closed)::text
FROM mine GROUP BY 1, 2, 3;
SELECT slm.csat(slm.csat_agg(s)) FROM (VALUES (5), (2)) v(s);
CREATE TRIGGER sla BEFORE INSERT ON mine FOR EACH ROW
    EXECUTE FUNCTION slm.track_sla('start=opened', 'target=t');
SQL
) || true
want='67:00:00|2026-11-30 11:00:00+00|t|met=1 breached=0 open=0 goal=none timed=1 elapsed_sum=10800s elapsed_max=10800s
0.5'
if [ "$got" = "$want" ]; then
    echo "ok: an ordinary role without grants uses types, functions, aggregates, operators and the trigger"
else
    echo "FAILED: an ordinary role got:"; printf '%s\n' "$got"; rc=1
fi

q -d postgres -c "DROP DATABASE slm_install_a" -c "DROP DATABASE slm_install_b" \
    -c "DROP ROLE slm_squatter" -c "DROP ROLE slm_analyst"
exit $rc
