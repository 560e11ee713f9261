#!/usr/bin/env python3
"""Brute-force check of slm.underpinning and slm.underpinning_gaps.

For many random chains (seeded; 1 to 3 stages, each a duration or a number
of business days, as is the SLA; calendars with weekends, holidays, partial
and extra days, overnight spans, 24x7, dated hours only, in zones with and
without daylight saving time), the chain is evaluated
from the definition on a grid of starts with slm.deadline, one stage after
another (d0 = t, di = deadline(Ti, d(i-1)); supported iff dk <= deadline(S,
t); slack = remaining(S, t, dk)), and compared with what the functions
report:

- the worst slack is never above the grid's least slack, and the chain
  evaluated at worst_start gives exactly the worst slack;
- holds is false when the grid finds a failure, and true only without gaps;
- every grid point, and random instants off the grid, fail exactly when
  they lie in a reported gap; each gap's first and last instant fail, the
  instants just outside it hold, and its worst start fails with its worst
  slack;
- fit equals one minus the SLA's business time in the gaps over its
  business time in the range, and agrees with the grid's weighted share
  within the grid's resolution.

Needs a running server (PGHOST, PGPORT, PGUSER) with slm installable.

    python3 test/underpinning_ref.py [cases] [seed]
"""
import datetime as dt
import random
import subprocess
import sys

DB = "slm_underpinning_test"

HELPERS = r"""
DROP SCHEMA IF EXISTS ut CASCADE;
CREATE SCHEMA ut;
-- slm.deadline, NULL where the calendar never accumulates the duration
CREATE FUNCTION ut.dl(t slm.target, s timestamptz) RETURNS timestamptz
LANGUAGE plpgsql IMMUTABLE STRICT AS $$
BEGIN
    RETURN slm.deadline(t, s);
EXCEPTION WHEN invalid_parameter_value THEN
    RETURN NULL;
END $$;
-- dk: each stage starts at the previous stage's deadline
CREATE FUNCTION ut.chain_end(chain slm.target[], s timestamptz) RETURNS timestamptz
LANGUAGE plpgsql IMMUTABLE STRICT AS $$
DECLARE
    d timestamptz := s;
    x slm.target;
BEGIN
    FOREACH x IN ARRAY chain LOOP
        d := ut.dl(x, d);
        IF d IS NULL THEN
            RETURN NULL;
        END IF;
    END LOOP;
    RETURN d;
END $$;
CREATE FUNCTION ut.supported(sla slm.target, chain slm.target[], s timestamptz) RETURNS boolean
LANGUAGE sql IMMUTABLE STRICT AS $$
    SELECT CASE WHEN ut.chain_end(chain, s) IS NULL THEN false
                WHEN ut.dl(sla, s) IS NULL THEN true
                ELSE ut.chain_end(chain, s) <= ut.dl(sla, s) END
$$;
CREATE FUNCTION ut.slack(sla slm.target, chain slm.target[], s timestamptz) RETURNS interval
LANGUAGE sql IMMUTABLE STRICT AS $$
    SELECT slm.remaining(sla, s, ut.chain_end(chain, s))
$$;
CREATE FUNCTION ut.us(i interval) RETURNS numeric LANGUAGE sql IMMUTABLE AS $$
    SELECT extract(epoch FROM i) * 1000000
$$;
"""

# weekly hours; the zone is picked separately
HOURS = [
    "mon-fri 09:00-17:00",
    "mon-fri 08:00-12:00, 13:00-18:00; sat 09:00-13:00",
    "mon-fri 07:30-16:00",
    "24x7",
    "mon-sat 22:00-06:00",
    "sun-thu 08:00-17:00",
    "mon-fri 00:00-24:00",
    "mon,wed,fri 10:00-14:00",
    "mon-fri 01:30-03:30",
    "mon-sun 01:00-02:30",
    "mon-fri 06:00-10:00, 15:00-23:00",
    "tue-sat 12:00-20:00",
    "mon-fri 20:00-32:00; sat 00:00-04:00",
    "mon-fri 00:00-02:00, 09:00-17:00, 23:00-25:00",
]
# Santiago, Beirut and Havana change their clocks at midnight: the local
# date, a business-day target's day 0, jumps or repeats there
ZONES = ["UTC", "Europe/Berlin", "America/New_York", "Australia/Lord_Howe",
         "Asia/Kolkata", "Pacific/Chatham", "America/Sao_Paulo",
         "America/Santiago", "Asia/Beirut", "America/Havana"]
DURATIONS = ["15 minutes", "1 hour", "2 hours 30 minutes", "4 hours", "8 hours",
             "16 hours", "1 day", "2 days", "3 hours 17 minutes 3.5 seconds", "45 seconds"]
BUSINESS_DAYS = ["0 business days", "1 business day", "1 business day", "2 business days",
                 "3 business days", "5 business days"]
# around daylight saving changes (US, EU, Lord Howe) and elsewhere
ANCHORS = ["2026-03-01", "2026-03-24", "2026-04-01", "2026-09-29", "2026-10-20",
           "2026-10-28", "2026-06-10", "2026-12-20"]


def psql(sql, db=DB):
    r = subprocess.run(["psql", "-X", "-q", "-At", "-F", "|", "-v", "ON_ERROR_STOP=1",
                        "-d", db], input=sql, capture_output=True, text=True)
    if r.returncode != 0:
        raise RuntimeError(r.stderr + "\n" + sql)
    return r.stdout


def q(s):
    return "'" + s.replace("'", "''") + "'"


def calendar(rng, day0, days):
    """A random calendar text: weekly hours or dated hours only, a zone, overrides."""
    zone = rng.choice(ZONES)
    if rng.random() < 0.06:
        # dated hours only: its open time runs out
        d1 = day0 + dt.timedelta(days=rng.randrange(0, days))
        d2 = d1 + dt.timedelta(days=rng.randrange(0, 6))
        return f"{d1}..{d2} 09:00-17:00; tz {zone}"
    parts = [rng.choice(HOURS)]
    for _ in range(rng.randrange(0, 4)):
        d = day0 + dt.timedelta(days=rng.randrange(-2, days + 10))
        parts.append(rng.choice([f"{d} closed", f"{d} 09:00-12:00",
                                 f"{d} 10:00-14:00, 20:00-02:00",
                                 f"{d}..{d + dt.timedelta(days=2)} closed"]))
    parts.append(f"tz {zone}")
    return "; ".join(parts)


def target(rng, day0, days, duration=None):
    """A random target: a duration, or (one in three) a number of business days."""
    d = duration or rng.choice(BUSINESS_DAYS if rng.random() < 0.35 else DURATIONS)
    return f"{d} on ({calendar(rng, day0, days)})"


def case(rng):
    day0 = dt.date.fromisoformat(rng.choice(ANCHORS)) + dt.timedelta(days=rng.randrange(-3, 4))
    days = rng.randrange(5, 16)
    k = rng.randrange(1, 4)
    chain = [target(rng, day0, days) for _ in range(k)]
    sla = target(rng, day0, days)
    # starts: a few days to two weeks, at an odd instant, either bound kind
    a = dt.datetime.combine(day0, dt.time()) + dt.timedelta(
        seconds=rng.randrange(0, 86400), microseconds=rng.choice([0, 0, 1, 500000]))
    b = a + dt.timedelta(days=days, seconds=rng.randrange(0, 86400))
    bounds = rng.choice(["[)", "[]", "()", "(]"])
    rng_text = f"{bounds[0]}{a.isoformat()}+00,{b.isoformat()}+00{bounds[1]}"
    step = rng.choice(["5 minutes", "15 minutes", "15 minutes", "7 minutes 30 seconds"])
    return sla, chain, rng_text, step


def check(sla, chain, starts, step, rng):
    chain_sql = "ARRAY[" + ", ".join(q(t) for t in chain) + "]::slm.target[]"
    args = f"{q(sla)}::slm.target, {chain_sql}, {q(starts)}::tstzrange"
    points = ", ".join(str(rng.random()) for _ in range(60))
    out = psql(f"""
SET timezone = 'UTC';
WITH r AS (SELECT * FROM slm.underpinning({args})),
g AS (SELECT * FROM slm.underpinning_gaps({args})),
gm AS (SELECT coalesce(range_agg(gap), '{{}}') AS mr, count(*) AS n FROM g),
s AS (SELECT {q(starts)}::tstzrange AS rg,
             slm.target_calendar({q(sla)}::slm.target) AS cal,
             {chain_sql} AS chain, {q(sla)}::slm.target AS sla),
grid AS (
    SELECT t, ut.supported(s.sla, s.chain, t) AS ok, ut.slack(s.sla, s.chain, t) AS sl,
           ut.chain_end(s.chain, t) IS NULL AS nv,
           slm.business_time(s.cal, t, least(t + {q(step)}::interval,
                             upper(s.rg) + CASE WHEN upper_inc(s.rg) THEN interval '1 microsecond'
                                                ELSE interval '0' END)) AS w
    FROM s, generate_series(lower(s.rg) + CASE WHEN lower_inc(s.rg) THEN interval '0'
                                               ELSE interval '1 microsecond' END,
                            upper(s.rg), {q(step)}::interval) t
    WHERE t <@ s.rg),
rnd AS (
    SELECT lower(s.rg) + p * (upper(s.rg) - lower(s.rg)) AS t
    FROM s, unnest(ARRAY[{points}]::float8[]) p),
ends AS (
    -- each gap's first and last instant fail; just outside it, starts hold
    SELECT count(*) FILTER (WHERE ut.supported(s.sla, s.chain, f)) +
           count(*) FILTER (WHERE ut.supported(s.sla, s.chain, l)) +
           count(*) FILTER (WHERE f - interval '1 microsecond' <@ s.rg
                             AND NOT ut.supported(s.sla, s.chain, f - interval '1 microsecond')) +
           count(*) FILTER (WHERE l + interval '1 microsecond' <@ s.rg
                             AND NOT ut.supported(s.sla, s.chain, l + interval '1 microsecond')) +
           count(*) FILTER (WHERE NOT (g.worst_start <@ g.gap)
                             OR ut.supported(s.sla, s.chain, g.worst_start)
                             OR ut.slack(s.sla, s.chain, g.worst_start) IS DISTINCT FROM g.worst_slack)
           AS bad
    FROM s, (SELECT g.*, lower(gap) + CASE WHEN lower_inc(gap) THEN interval '0'
                                          ELSE interval '1 microsecond' END AS f,
                         upper(gap) - CASE WHEN upper_inc(gap) THEN interval '0'
                                          ELSE interval '1 microsecond' END AS l
             FROM g) g)
SELECT r.holds, ut.us(r.worst_slack), r.worst_start, r.fit, gm.n,
       ut.us(ut.slack(s.sla, s.chain, r.worst_start)),
       (SELECT ut.us(min(sl)) FROM grid),
       (SELECT bool_or(nv) FROM grid),
       (SELECT count(*) FILTER (WHERE NOT ok) FROM grid),
       (SELECT count(*) FILTER (WHERE ok = (t <@ gm.mr)) FROM grid),
       (SELECT count(*) FROM grid),
       (SELECT ut.us(sum(w) FILTER (WHERE ok)) / nullif(ut.us(sum(w)), 0) FROM grid),
       ut.us(slm.business_time(s.cal, s.rg)),
       ut.us(slm.business_time(s.cal, gm.mr * tstzmultirange(s.rg))),
       (SELECT count(*) FILTER (WHERE ut.supported(s.sla, s.chain, t) = (t <@ gm.mr)) FROM rnd),
       ends.bad,
       (SELECT count(*) FROM g WHERE ut.us(worst_slack) >
            (SELECT ut.us(min(sl)) FROM grid WHERE t <@ g.gap))
FROM r, gm, s, ends;
""")
    f = out.strip().split("|")
    (holds, worst, worst_start, fit, ngaps, worst_again, grid_min, grid_never, grid_fail,
     grid_mismatch, grid_n, grid_share, total_bt, gaps_bt, rnd_mismatch, ends_bad,
     gap_worst_bad) = f
    errors = []
    num = lambda s: None if s == "" else float(s)
    if worst != worst_again:
        errors.append(f"slack at worst_start {worst_again} != worst_slack {worst}")
    if grid_never == "t" and worst != "":
        errors.append("grid has a start without chain deadline, worst_slack is not NULL")
    if worst != "" and grid_min != "" and num(worst) > num(grid_min):
        errors.append(f"worst_slack {worst} above the grid's minimum {grid_min}")
    if int(grid_fail) > 0 and holds != "f":
        errors.append(f"grid finds {grid_fail} failures but holds = {holds}")
    if (holds == "t") != (int(ngaps) == 0):
        errors.append(f"holds = {holds} with {ngaps} gaps")
    if int(grid_mismatch) > 0:
        errors.append(f"{grid_mismatch} of {grid_n} grid points disagree with the gaps")
    if int(rnd_mismatch) > 0:
        errors.append(f"{rnd_mismatch} random instants disagree with the gaps")
    if int(ends_bad) > 0:
        errors.append(f"{ends_bad} gap ends or worst starts are wrong")
    if int(gap_worst_bad) > 0:
        errors.append(f"{gap_worst_bad} gaps report a worst slack above their grid minimum")
    if num(total_bt) == 0:
        if fit != "":
            errors.append(f"fit {fit} without business time in the range")
    else:
        exact = 1 - num(gaps_bt) / num(total_bt)
        if abs(num(fit) - exact) > 1e-9:
            errors.append(f"fit {fit} != 1 - gaps' business time share {exact}")
        if grid_share != "":
            step_us = {"5 minutes": 3e8, "15 minutes": 9e8, "7 minutes 30 seconds": 4.5e8}[step]
            tol = (2 * int(ngaps) * step_us + step_us) / num(total_bt) + 1e-9
            if abs(num(fit) - num(grid_share)) > tol:
                errors.append(f"fit {fit} vs grid share {grid_share} beyond {tol}")
    return errors, holds, ngaps, grid_n


def main():
    cases = int(sys.argv[1]) if len(sys.argv) > 1 else 120
    seed = int(sys.argv[2]) if len(sys.argv) > 2 else 20261130
    psql(f"DROP DATABASE IF EXISTS {DB}", db="postgres")
    psql(f"CREATE DATABASE {DB}", db="postgres")
    psql("CREATE EXTENSION slm;" + HELPERS)
    rng = random.Random(seed)
    failed = 0
    stats = {"t": 0, "f": 0}
    points = 0
    for i in range(cases):
        sla, chain, starts, step = case(rng)
        try:
            errors, holds, ngaps, n = check(sla, chain, starts, step, rng)
        except RuntimeError as e:
            errors, holds, n = [str(e).splitlines()[0]], "?", 0
        points += int(n)
        stats[holds] = stats.get(holds, 0) + 1
        if errors:
            failed += 1
            print(f"case {i}: sla {sla!r}, chain {chain!r}, starts {starts!r}, grid {step}")
            for e in errors:
                print("   ", e)
    psql(f"DROP DATABASE {DB}", db="postgres")
    print(f"{cases} cases (seed {seed}; {stats.get('t', 0)} hold, {stats.get('f', 0)} fail), "
          f"{points} grid starts: {failed} failed")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
