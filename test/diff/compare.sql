-- Compare slm's calendar functions, and the status of an SLA clock, with
-- the reference answers in cases.csv.
-- Run by run.sh from the directory holding cases.csv.
-- Prints the first 20 mismatches (with a statement that reproduces each),
-- failures per function, and a line 'diff: N passed, M failed' where one
-- check is one function call of one case.
\set ON_ERROR_STOP 1
\pset pager off
SET client_min_messages = warning;
-- Every input and output is an absolute instant or a calendar-local date,
-- so the session's zone and date style must not matter: use unusual ones.
SET TimeZone = 'America/St_Johns';
SET DateStyle = 'SQL, DMY';

-- Everything happens in one transaction that is rolled back at the end, so
-- the database is left as it was (including whether slm was installed).
BEGIN;
CREATE EXTENSION IF NOT EXISTS slm;

CREATE TEMP TABLE cases (
    id int, zone text, kind text, cal text,
    a text, b text, bt_us text,
    t text, d_us bigint, add_at text,
    q text, is_open text, next_open text, next_close text,
    date1 text, date2 text, bdays text,
    bdate text, n int, bdays_add text,
    c_d_us bigint, c_warn int, c_start text, c_stop text, c_at text, c_status text
);
\copy cases from 'cases.csv' with (format csv, header true)

-- Results are normalised to text: instants in UTC with microseconds, dates
-- as YYYY-MM-DD, intervals as microseconds; 'NULL' for NULL and
-- 'ERROR: <message>' when the call raised an error.
CREATE FUNCTION pg_temp.ts(x timestamptz) RETURNS text LANGUAGE sql AS $$
    SELECT CASE WHEN x IS NULL THEN 'NULL'
                WHEN isfinite(x) THEN to_char(x AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.US')
                ELSE x::text END
$$;

CREATE FUNCTION pg_temp.us(d bigint) RETURNS interval LANGUAGE sql AS $$
    SELECT interval '1 microsecond' * d    -- exact below 2^53 microseconds
$$;

CREATE FUNCTION pg_temp.run(fn text, c text, r record) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
    cal slm.calendar;
    iv interval;
    tz timestamptz;
    b boolean;
    dt date;
    i bigint;
BEGIN
    cal := c::slm.calendar;
    CASE fn
    WHEN 'business_time' THEN
        iv := slm.business_time(cal, r.a::timestamptz, r.b::timestamptz);
        IF iv IS NULL THEN RETURN 'NULL'; END IF;
        IF extract(year FROM iv) <> 0 OR extract(month FROM iv) <> 0
           OR extract(day FROM iv) <> 0 THEN
            RETURN 'has a day/month part: ' || iv::text;
        END IF;
        RETURN (extract(epoch FROM iv) * 1000000)::numeric(38, 0)::text;
    WHEN 'business_add' THEN
        tz := slm.business_add(cal, r.t::timestamptz, pg_temp.us(r.d_us));
        RETURN pg_temp.ts(tz);
    WHEN 'is_open' THEN
        b := slm.is_open(cal, r.q::timestamptz);
        RETURN CASE b WHEN true THEN 't' WHEN false THEN 'f' ELSE 'NULL' END;
    WHEN 'next_open' THEN
        RETURN pg_temp.ts(slm.next_open(cal, r.q::timestamptz));
    WHEN 'next_close' THEN
        RETURN pg_temp.ts(slm.next_close(cal, r.q::timestamptz));
    WHEN 'business_days' THEN
        i := slm.business_days(cal, r.date1::date, r.date2::date);
        RETURN coalesce(i::text, 'NULL');
    WHEN 'business_days_add' THEN
        dt := slm.business_days_add(cal, r.bdate::date, r.n);
        RETURN coalesce(to_char(dt, 'YYYY-MM-DD'), 'NULL');
    WHEN 'status' THEN
        RETURN coalesce(slm.status(slm.target(pg_temp.us(r.c_d_us), cal, NULL, r.c_warn / 100.0),
                                   r.c_start::timestamptz, r.c_stop::timestamptz, r.c_at::timestamptz),
                        'NULL');
    END CASE;
EXCEPTION WHEN OTHERS THEN
    RETURN 'ERROR: ' || SQLERRM;
END
$$;

CREATE TEMP TABLE results AS
SELECT c.id, c.zone, c.kind, c.cal, f.fn, f.inputs, f.call, f.expected,
       pg_temp.run(f.fn, c.cal, c) AS got
FROM cases c
CROSS JOIN LATERAL (VALUES
    ('business_time', c.bt_us, format('a=%s b=%s', c.a, c.b),
     format('slm.business_time(%L, %L, %L)', c.cal, c.a, c.b)),
    ('business_add', c.add_at, format('t=%s d_us=%s', c.t, c.d_us),
     format('slm.business_add(%L, %L, interval %L * %s)', c.cal, c.t, '1 microsecond', c.d_us)),
    ('is_open', c.is_open, format('q=%s', c.q),
     format('slm.is_open(%L, %L)', c.cal, c.q)),
    ('next_open', c.next_open, format('q=%s', c.q),
     format('slm.next_open(%L, %L)', c.cal, c.q)),
    ('next_close', c.next_close, format('q=%s', c.q),
     format('slm.next_close(%L, %L)', c.cal, c.q)),
    ('business_days', c.bdays, format('date1=%s date2=%s', c.date1, c.date2),
     format('slm.business_days(%L, %L, %L)', c.cal, c.date1, c.date2)),
    ('business_days_add', c.bdays_add, format('bdate=%s n=%s', c.bdate, c.n),
     format('slm.business_days_add(%L, %L, %s)', c.cal, c.bdate, c.n)),
    ('status', c.c_status,
     format('d_us=%s warn=%s start=%s stop=%s at=%s', c.c_d_us, c.c_warn, c.c_start, c.c_stop, c.c_at),
     format('slm.status(slm.target(interval %L * %s, %L, NULL, %s / 100.0), %L, %L, %L)',
            '1 microsecond', c.c_d_us, c.cal, coalesce(c.c_warn::text, 'NULL'), c.c_start, c.c_stop, c.c_at))
) AS f(fn, expected, inputs, call);

-- ERROR: the call must fail.  NONE: no answer exists and the specification
-- does not say what to return, so NULL, infinity or an error are accepted.
ALTER TABLE results ADD COLUMN ok boolean;
UPDATE results SET ok = CASE
    WHEN expected = 'ERROR' THEN got LIKE 'ERROR: %'
    WHEN expected = 'NONE' THEN got IN ('NULL', 'infinity') OR got LIKE 'ERROR: %'
    ELSE got = expected END;

\echo
\echo first mismatches (times are UTC; the call reproduces the case):
\x on
SELECT id, fn, zone, kind, cal, inputs, expected, got, 'SELECT ' || call || ';' AS call
FROM results WHERE NOT ok ORDER BY id, fn LIMIT 20;
\x off

SELECT fn, count(*) AS checks, count(*) FILTER (WHERE NOT ok) AS failed,
       count(*) FILTER (WHERE expected IN ('ERROR', 'NONE')) AS no_answer_cases
FROM results GROUP BY fn ORDER BY fn;

-- What slm answered where the reference has no answer (informational).
SELECT fn, expected,
       CASE WHEN got LIKE 'ERROR: %' THEN regexp_replace(got, '[0-9]+', 'N', 'g')
            ELSE 'returned ' || got END AS slm_answer,
       count(*) AS cases
FROM results WHERE expected IN ('ERROR', 'NONE')
GROUP BY 1, 2, 3 ORDER BY 1, 2, 4 DESC;

SELECT count(*) FILTER (WHERE ok) AS diff_passed,
       count(*) FILTER (WHERE NOT ok) AS diff_failed,
       count(DISTINCT id) FILTER (WHERE NOT ok) AS diff_failed_cases
FROM results \gset
\echo failing cases: :diff_failed_cases
\echo diff: :diff_passed passed, :diff_failed failed
ROLLBACK;
