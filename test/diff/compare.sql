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
    c_d_us bigint, c_warn int, c_start text, c_stop text, c_at text, c_status text,
    b_n int, b_goal numeric, b_warn numeric, b_text text, b_head text,
    b_start text, b_stop text, b_at text, b_paused text, b_how text, b_d_us bigint,
    b_deadline0 text, b_deadline text, b_remaining0 text, b_remaining text,
    b_status0 text, b_status text, b_elapsed text
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

CREATE FUNCTION pg_temp.usec(iv interval) RETURNS text LANGUAGE sql AS $$
    SELECT CASE WHEN iv IS NULL THEN 'NULL'
                WHEN extract(year FROM iv) <> 0 OR extract(month FROM iv) <> 0
                     OR extract(day FROM iv) <> 0 THEN 'has a day/month part: ' || iv::text
                ELSE (extract(epoch FROM iv) * 1000000)::numeric(38, 0)::text END
$$;

-- A business-day target read from text: its canonical output (the head
-- 'N business days' / '1 business day', then what the duration target
-- '1h' with the same calendar, goal and warn prints after its '1h'), the
-- round trip through text, and the accessors.  'ok' or what is wrong.
CREATE FUNCTION pg_temp.bd_text(r record) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
    tg slm.target;
    txt text;
    want text;
    bad text[] := '{}';
BEGIN
    tg := r.b_text::slm.target;
    txt := tg::text;
    want := r.b_head || substr(slm.target(interval '1h', r.cal::slm.calendar,
                                          r.b_goal / 100.0, r.b_warn / 100.0)::text, 3);
    IF txt IS DISTINCT FROM want THEN
        bad := bad || format('text %s, expected %s', txt, want);
    END IF;
    IF NOT (txt::slm.target OPERATOR(slm.=) tg) THEN
        bad := bad || 'text does not read back equal'::text;
    END IF;
    IF slm.target_business_days(tg) IS DISTINCT FROM r.b_n THEN
        bad := bad || format('target_business_days %s', slm.target_business_days(tg));
    END IF;
    IF slm.target_duration(tg) IS NOT NULL THEN
        bad := bad || format('target_duration %s', slm.target_duration(tg));
    END IF;
    IF slm.target_warn(tg) IS DISTINCT FROM (r.b_warn / 100.0)::float8 THEN
        bad := bad || format('target_warn %s', slm.target_warn(tg));
    END IF;
    IF slm.target_goal(tg) IS DISTINCT FROM (r.b_goal / 100.0)::float8 THEN
        bad := bad || format('target_goal %s', slm.target_goal(tg));
    END IF;
    RETURN coalesce(nullif(array_to_string(bad, '; '), ''), 'ok');
END
$$;

CREATE FUNCTION pg_temp.literal(lit text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
    tg slm.target;
BEGIN
    tg := lit::slm.target;
    IF NOT (tg::text::slm.target OPERATOR(slm.=) tg) THEN
        RETURN 'does not read back equal: ' || tg::text;
    END IF;
    RETURN tg::text;
EXCEPTION WHEN OTHERS THEN
    RETURN 'ERROR: ' || SQLERRM;
END
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
    WHEN 'bd_text' THEN
        RETURN pg_temp.bd_text(r);
    WHEN 'bd_deadline0' THEN
        RETURN pg_temp.ts(slm.deadline(r.b_text::slm.target, r.b_start::timestamptz));
    WHEN 'bd_deadline' THEN
        RETURN pg_temp.ts(slm.deadline(r.b_text::slm.target, r.b_start::timestamptz,
                                       r.b_paused::tstzmultirange));
    WHEN 'bd_remaining0' THEN
        RETURN pg_temp.usec(slm.remaining(r.b_text::slm.target, r.b_start::timestamptz,
                                          r.b_at::timestamptz));
    WHEN 'bd_remaining' THEN
        RETURN pg_temp.usec(slm.remaining(r.b_text::slm.target, r.b_start::timestamptz,
                                          r.b_at::timestamptz, r.b_paused::tstzmultirange));
    WHEN 'bd_status0' THEN
        RETURN coalesce(slm.status(r.b_text::slm.target, r.b_start::timestamptz,
                                   r.b_stop::timestamptz, r.b_at::timestamptz), 'NULL');
    WHEN 'bd_status' THEN
        RETURN coalesce(slm.status(r.b_text::slm.target, r.b_start::timestamptz,
                                   r.b_stop::timestamptz, r.b_at::timestamptz,
                                   r.b_paused::tstzmultirange), 'NULL');
    WHEN 'bd_elapsed' THEN
        RETURN pg_temp.usec(slm.elapsed(r.b_text::slm.target, r.b_start::timestamptz,
                                        coalesce(r.b_stop, r.b_at)::timestamptz,
                                        r.b_paused::tstzmultirange));
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
            '1 microsecond', c.c_d_us, c.cal, coalesce(c.c_warn::text, 'NULL'), c.c_start, c.c_stop, c.c_at)),
    ('bd_text', 'ok', format('n=%s', c.b_n),
     format('%L::slm.target::text', c.b_text)),
    ('bd_deadline0', c.b_deadline0, format('start=%s (%s, D=%s us)', c.b_start, c.b_how, c.b_d_us),
     format('slm.deadline(%L, %L)', c.b_text, c.b_start)),
    ('bd_deadline', c.b_deadline, format('start=%s paused=%s', c.b_start, c.b_paused),
     format('slm.deadline(%L, %L, %L)', c.b_text, c.b_start, c.b_paused)),
    ('bd_remaining0', c.b_remaining0, format('start=%s at=%s (D=%s us)', c.b_start, c.b_at, c.b_d_us),
     format('slm.remaining(%L, %L, %L)', c.b_text, c.b_start, c.b_at)),
    ('bd_remaining', c.b_remaining, format('start=%s at=%s paused=%s', c.b_start, c.b_at, c.b_paused),
     format('slm.remaining(%L, %L, %L, %L)', c.b_text, c.b_start, c.b_at, c.b_paused)),
    ('bd_status0', c.b_status0, format('start=%s stop=%s at=%s', c.b_start, c.b_stop, c.b_at),
     format('slm.status(%L, %L, %L, %L)', c.b_text, c.b_start, c.b_stop, c.b_at)),
    ('bd_status', c.b_status, format('start=%s stop=%s at=%s paused=%s', c.b_start, c.b_stop, c.b_at, c.b_paused),
     format('slm.status(%L, %L, %L, %L, %L)', c.b_text, c.b_start, c.b_stop, c.b_at, c.b_paused)),
    ('bd_elapsed', c.b_elapsed, format('start=%s end=%s paused=%s', c.b_start, coalesce(c.b_stop, c.b_at), c.b_paused),
     format('slm.elapsed(%L, %L, %L, %L)', c.b_text, c.b_start, coalesce(c.b_stop, c.b_at), c.b_paused))
) AS f(fn, expected, inputs, call);

-- Business-day target literals the specification accepts (with the
-- canonical text expected) or rejects (ERROR): N is a whole number >= 0 and
-- combines with no other unit.
INSERT INTO results (id, zone, kind, cal, fn, inputs, call, expected, got)
SELECT -row_number() OVER (), '', 'literal', coalesce(cal, ''), 'bd_literal', lit,
       format('%L::slm.target::text', lit),
       CASE WHEN head IS NULL THEN 'ERROR'
            ELSE head || substr(slm.target(interval '1h', cal::slm.calendar, goal, warn)::text, 3) END,
       pg_temp.literal(lit)
FROM (VALUES
    ('0 business days on (mon-fri 09:00-17:00)', '0 business days', 'mon-fri 09:00-17:00', NULL, NULL),
    ('1 business day on (mon-fri 09:00-17:00)', '1 business day', 'mon-fri 09:00-17:00', NULL, NULL),
    ('1 business days on (mon-fri 09:00-17:00)', '1 business day', 'mon-fri 09:00-17:00', NULL, NULL),
    ('12 business days on (mon-fri 09:00-17:00; tz Asia/Kolkata) warn 80% goal 99.5%',
     '12 business days', 'mon-fri 09:00-17:00; tz Asia/Kolkata', 0.995, 0.8),
    ('-1 business days on (mon-fri 09:00-17:00)', NULL, NULL, NULL, NULL),
    ('1.5 business days on (mon-fri 09:00-17:00)', NULL, NULL, NULL, NULL),
    ('2 business days 4h on (mon-fri 09:00-17:00)', NULL, NULL, NULL, NULL),
    ('4h 2 business days on (mon-fri 09:00-17:00)', NULL, NULL, NULL, NULL),
    ('1 day 2 business days on (mon-fri 09:00-17:00)', NULL, NULL, NULL, NULL),
    ('business days on (mon-fri 09:00-17:00)', NULL, NULL, NULL, NULL),
    ('2 business on (mon-fri 09:00-17:00)', NULL, NULL, NULL, NULL)
) AS l(lit, head, cal, goal, warn);

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
