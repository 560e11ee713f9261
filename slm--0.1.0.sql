-- slm: ITIL service level management in PostgreSQL
\echo Use "CREATE EXTENSION slm" to load this file. \quit

-- ---------------------------------------------------------------------
-- slm.calendar: agreed service hours, and business time over them
-- ---------------------------------------------------------------------

CREATE TYPE slm.calendar;

CREATE FUNCTION slm.calendar_in(cstring) RETURNS slm.calendar
    AS 'MODULE_PATHNAME', 'slm_calendar_in' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION slm.calendar_out(slm.calendar) RETURNS cstring
    AS 'MODULE_PATHNAME', 'slm_calendar_out' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION slm.calendar_recv(internal) RETURNS slm.calendar
    AS 'MODULE_PATHNAME', 'slm_calendar_recv' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION slm.calendar_send(slm.calendar) RETURNS bytea
    AS 'MODULE_PATHNAME', 'slm_calendar_send' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE TYPE slm.calendar (
    INPUT = slm.calendar_in,
    OUTPUT = slm.calendar_out,
    RECEIVE = slm.calendar_recv,
    SEND = slm.calendar_send,
    INTERNALLENGTH = VARIABLE,
    ALIGNMENT = int4,
    STORAGE = extended
);
COMMENT ON TYPE slm.calendar IS
    'Agreed service hours: weekly spans, dated overrides and one IANA time zone';

CREATE FUNCTION slm.calendar_eq(slm.calendar, slm.calendar) RETURNS boolean
    AS 'MODULE_PATHNAME', 'slm_calendar_eq' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION slm.calendar_ne(slm.calendar, slm.calendar) RETURNS boolean
    AS 'MODULE_PATHNAME', 'slm_calendar_ne' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION slm.calendar_eq(slm.calendar, slm.calendar) IS 'Calendars are equal (same canonical form)';
COMMENT ON FUNCTION slm.calendar_ne(slm.calendar, slm.calendar) IS 'Calendars differ';

CREATE OPERATOR slm.= (
    LEFTARG = slm.calendar, RIGHTARG = slm.calendar, PROCEDURE = slm.calendar_eq,
    COMMUTATOR = OPERATOR(slm.=), NEGATOR = OPERATOR(slm.<>),
    RESTRICT = eqsel, JOIN = eqjoinsel, HASHES, MERGES
);
CREATE OPERATOR slm.<> (
    LEFTARG = slm.calendar, RIGHTARG = slm.calendar, PROCEDURE = slm.calendar_ne,
    COMMUTATOR = OPERATOR(slm.<>), NEGATOR = OPERATOR(slm.=),
    RESTRICT = neqsel, JOIN = neqjoinsel
);

-- An arbitrary but consistent order (of the canonical bytes) and a hash, so
-- that calendars can be grouped, sorted, joined and indexed.
CREATE FUNCTION slm.calendar_cmp(slm.calendar, slm.calendar) RETURNS integer
    AS 'MODULE_PATHNAME', 'slm_calendar_cmp' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION slm.calendar_lt(slm.calendar, slm.calendar) RETURNS boolean
    AS 'MODULE_PATHNAME', 'slm_calendar_lt' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION slm.calendar_le(slm.calendar, slm.calendar) RETURNS boolean
    AS 'MODULE_PATHNAME', 'slm_calendar_le' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION slm.calendar_gt(slm.calendar, slm.calendar) RETURNS boolean
    AS 'MODULE_PATHNAME', 'slm_calendar_gt' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION slm.calendar_ge(slm.calendar, slm.calendar) RETURNS boolean
    AS 'MODULE_PATHNAME', 'slm_calendar_ge' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION slm.calendar_hash(slm.calendar) RETURNS integer
    AS 'MODULE_PATHNAME', 'slm_calendar_hash' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION slm.calendar_cmp(slm.calendar, slm.calendar) IS 'btree support: order of canonical bytes';
COMMENT ON FUNCTION slm.calendar_lt(slm.calendar, slm.calendar) IS 'Less than, in the order of canonical bytes';
COMMENT ON FUNCTION slm.calendar_le(slm.calendar, slm.calendar) IS 'Less than or equal, in the order of canonical bytes';
COMMENT ON FUNCTION slm.calendar_gt(slm.calendar, slm.calendar) IS 'Greater than, in the order of canonical bytes';
COMMENT ON FUNCTION slm.calendar_ge(slm.calendar, slm.calendar) IS 'Greater than or equal, in the order of canonical bytes';
COMMENT ON FUNCTION slm.calendar_hash(slm.calendar) IS 'hash support: hash of canonical bytes';
CREATE OPERATOR slm.< (LEFTARG = slm.calendar, RIGHTARG = slm.calendar, PROCEDURE = slm.calendar_lt,
    COMMUTATOR = OPERATOR(slm.>), NEGATOR = OPERATOR(slm.>=), RESTRICT = scalarltsel, JOIN = scalarltjoinsel);
CREATE OPERATOR slm.<= (LEFTARG = slm.calendar, RIGHTARG = slm.calendar, PROCEDURE = slm.calendar_le,
    COMMUTATOR = OPERATOR(slm.>=), NEGATOR = OPERATOR(slm.>), RESTRICT = scalarlesel, JOIN = scalarlejoinsel);
CREATE OPERATOR slm.> (LEFTARG = slm.calendar, RIGHTARG = slm.calendar, PROCEDURE = slm.calendar_gt,
    COMMUTATOR = OPERATOR(slm.<), NEGATOR = OPERATOR(slm.<=), RESTRICT = scalargtsel, JOIN = scalargtjoinsel);
CREATE OPERATOR slm.>= (LEFTARG = slm.calendar, RIGHTARG = slm.calendar, PROCEDURE = slm.calendar_ge,
    COMMUTATOR = OPERATOR(slm.<=), NEGATOR = OPERATOR(slm.<), RESTRICT = scalargesel, JOIN = scalargejoinsel);
CREATE OPERATOR CLASS slm.calendar_ops DEFAULT FOR TYPE slm.calendar USING btree AS
    OPERATOR 1 slm.<, OPERATOR 2 slm.<=, OPERATOR 3 slm.=, OPERATOR 4 slm.>=, OPERATOR 5 slm.>,
    FUNCTION 1 slm.calendar_cmp(slm.calendar, slm.calendar);
CREATE OPERATOR CLASS slm.calendar_hash_ops DEFAULT FOR TYPE slm.calendar USING hash AS
    OPERATOR 1 slm.=, FUNCTION 1 slm.calendar_hash(slm.calendar);

CREATE FUNCTION slm.calendar(hours text, tz text, closed date[] DEFAULT NULL)
    RETURNS slm.calendar
    AS 'MODULE_PATHNAME', 'slm_calendar_make' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION slm.calendar(text, text, date[]) IS
    'Builds a calendar from hours clauses, a zone name and closed dates (NULL hours or tz give NULL)';

CREATE FUNCTION slm.with_closed(slm.calendar, date[]) RETURNS slm.calendar
    AS 'MODULE_PATHNAME', 'slm_with_closed' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION slm.with_closed(slm.calendar, date[]) IS
    'The calendar with the given local dates closed, replacing any hours they had (NULL dates: none)';

CREATE FUNCTION slm.calendar_tz(slm.calendar) RETURNS text
    AS 'MODULE_PATHNAME', 'slm_calendar_tz' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION slm.calendar_tz(slm.calendar) IS 'The calendar''s IANA time zone';

CREATE FUNCTION slm.business_time(slm.calendar, timestamptz, timestamptz) RETURNS interval
    AS 'MODULE_PATHNAME', 'slm_business_time' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION slm.business_time(slm.calendar, timestamptz, timestamptz) IS
    'Open time of the calendar between two instants; negative when the second is earlier';

CREATE FUNCTION slm.business_time(slm.calendar, tstzrange) RETURNS interval
    AS 'MODULE_PATHNAME', 'slm_business_time_range' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION slm.business_time(slm.calendar, tstzrange) IS
    'Open time of the calendar inside a range';

CREATE FUNCTION slm.business_time(slm.calendar, tstzmultirange) RETURNS interval
    AS 'MODULE_PATHNAME', 'slm_business_time_multirange' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION slm.business_time(slm.calendar, tstzmultirange) IS
    'Open time of the calendar inside a multirange (subtract pauses with the - operator first)';

CREATE FUNCTION slm.business_add(slm.calendar, timestamptz, interval) RETURNS timestamptz
    AS 'MODULE_PATHNAME', 'slm_business_add' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION slm.business_add(slm.calendar, timestamptz, interval) IS
    'The instant when the given business time has run from t (backward for negative intervals)';

CREATE FUNCTION slm.business_add(slm.calendar, timestamptz, interval, paused tstzmultirange)
    RETURNS timestamptz
    AS 'MODULE_PATHNAME', 'slm_business_add' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION slm.business_add(slm.calendar, timestamptz, interval, tstzmultirange) IS
    'As business_add, with time inside paused not counting (NULL paused: no pause)';

CREATE FUNCTION slm.is_open(slm.calendar, timestamptz) RETURNS boolean
    AS 'MODULE_PATHNAME', 'slm_is_open' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION slm.is_open(slm.calendar, timestamptz) IS
    'Whether the calendar is open at an instant';

CREATE FUNCTION slm.next_open(slm.calendar, timestamptz) RETURNS timestamptz
    AS 'MODULE_PATHNAME', 'slm_next_open' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION slm.next_open(slm.calendar, timestamptz) IS
    'The instant itself when open, else the next opening (NULL when the calendar never opens again)';

CREATE FUNCTION slm.next_close(slm.calendar, timestamptz) RETURNS timestamptz
    AS 'MODULE_PATHNAME', 'slm_next_close' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION slm.next_close(slm.calendar, timestamptz) IS
    'The next instant at which the calendar goes from open to closed (NULL when it never closes)';

CREATE FUNCTION slm.open_periods(slm.calendar, tstzrange) RETURNS tstzmultirange
    AS 'MODULE_PATHNAME', 'slm_open_periods' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION slm.open_periods(slm.calendar, tstzrange) IS
    'The open hours inside a range, as a multirange';

CREATE FUNCTION slm.business_days(slm.calendar, date, date) RETURNS integer
    AS 'MODULE_PATHNAME', 'slm_business_days' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION slm.business_days(slm.calendar, date, date) IS
    'Number of local dates in [from, to) with any open time; negative when to < from';

CREATE FUNCTION slm.business_days_add(slm.calendar, date, integer) RETURNS date
    AS 'MODULE_PATHNAME', 'slm_business_days_add' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION slm.business_days_add(slm.calendar, date, integer) IS
    'The n-th date with open time after the given date (before it, for negative n)';

-- ---------------------------------------------------------------------
-- slm.target: an SLA target (duration on a calendar, goal, warning)
-- ---------------------------------------------------------------------

CREATE TYPE slm.target;

CREATE FUNCTION slm.target_in(cstring) RETURNS slm.target
    AS 'MODULE_PATHNAME', 'slm_target_in' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION slm.target_out(slm.target) RETURNS cstring
    AS 'MODULE_PATHNAME', 'slm_target_out' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION slm.target_recv(internal) RETURNS slm.target
    AS 'MODULE_PATHNAME', 'slm_target_recv' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION slm.target_send(slm.target) RETURNS bytea
    AS 'MODULE_PATHNAME', 'slm_target_send' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE TYPE slm.target (
    INPUT = slm.target_in,
    OUTPUT = slm.target_out,
    RECEIVE = slm.target_recv,
    SEND = slm.target_send,
    INTERNALLENGTH = VARIABLE,
    ALIGNMENT = double,
    STORAGE = extended
);
COMMENT ON TYPE slm.target IS
    'An SLA target: a business-time duration on a calendar, with a compliance goal and a warning threshold';

CREATE FUNCTION slm.target_eq(slm.target, slm.target) RETURNS boolean
    AS 'MODULE_PATHNAME', 'slm_target_eq' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION slm.target_ne(slm.target, slm.target) RETURNS boolean
    AS 'MODULE_PATHNAME', 'slm_target_ne' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION slm.target_eq(slm.target, slm.target) IS 'Targets are equal (same canonical form)';
COMMENT ON FUNCTION slm.target_ne(slm.target, slm.target) IS 'Targets differ';
CREATE OPERATOR slm.= (
    LEFTARG = slm.target, RIGHTARG = slm.target, PROCEDURE = slm.target_eq,
    COMMUTATOR = OPERATOR(slm.=), NEGATOR = OPERATOR(slm.<>),
    RESTRICT = eqsel, JOIN = eqjoinsel, HASHES, MERGES
);
CREATE OPERATOR slm.<> (
    LEFTARG = slm.target, RIGHTARG = slm.target, PROCEDURE = slm.target_ne,
    COMMUTATOR = OPERATOR(slm.<>), NEGATOR = OPERATOR(slm.=),
    RESTRICT = neqsel, JOIN = neqjoinsel
);

-- An arbitrary but consistent order (of the canonical bytes) and a hash, so
-- that targets can be grouped, sorted, joined and indexed.
CREATE FUNCTION slm.target_cmp(slm.target, slm.target) RETURNS integer
    AS 'MODULE_PATHNAME', 'slm_target_cmp' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION slm.target_lt(slm.target, slm.target) RETURNS boolean
    AS 'MODULE_PATHNAME', 'slm_target_lt' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION slm.target_le(slm.target, slm.target) RETURNS boolean
    AS 'MODULE_PATHNAME', 'slm_target_le' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION slm.target_gt(slm.target, slm.target) RETURNS boolean
    AS 'MODULE_PATHNAME', 'slm_target_gt' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION slm.target_ge(slm.target, slm.target) RETURNS boolean
    AS 'MODULE_PATHNAME', 'slm_target_ge' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION slm.target_hash(slm.target) RETURNS integer
    AS 'MODULE_PATHNAME', 'slm_target_hash' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION slm.target_cmp(slm.target, slm.target) IS 'btree support: order of canonical bytes';
COMMENT ON FUNCTION slm.target_lt(slm.target, slm.target) IS 'Less than, in the order of canonical bytes';
COMMENT ON FUNCTION slm.target_le(slm.target, slm.target) IS 'Less than or equal, in the order of canonical bytes';
COMMENT ON FUNCTION slm.target_gt(slm.target, slm.target) IS 'Greater than, in the order of canonical bytes';
COMMENT ON FUNCTION slm.target_ge(slm.target, slm.target) IS 'Greater than or equal, in the order of canonical bytes';
COMMENT ON FUNCTION slm.target_hash(slm.target) IS 'hash support: hash of canonical bytes';
CREATE OPERATOR slm.< (LEFTARG = slm.target, RIGHTARG = slm.target, PROCEDURE = slm.target_lt,
    COMMUTATOR = OPERATOR(slm.>), NEGATOR = OPERATOR(slm.>=), RESTRICT = scalarltsel, JOIN = scalarltjoinsel);
CREATE OPERATOR slm.<= (LEFTARG = slm.target, RIGHTARG = slm.target, PROCEDURE = slm.target_le,
    COMMUTATOR = OPERATOR(slm.>=), NEGATOR = OPERATOR(slm.>), RESTRICT = scalarlesel, JOIN = scalarlejoinsel);
CREATE OPERATOR slm.> (LEFTARG = slm.target, RIGHTARG = slm.target, PROCEDURE = slm.target_gt,
    COMMUTATOR = OPERATOR(slm.<), NEGATOR = OPERATOR(slm.<=), RESTRICT = scalargtsel, JOIN = scalargtjoinsel);
CREATE OPERATOR slm.>= (LEFTARG = slm.target, RIGHTARG = slm.target, PROCEDURE = slm.target_ge,
    COMMUTATOR = OPERATOR(slm.<=), NEGATOR = OPERATOR(slm.<), RESTRICT = scalargesel, JOIN = scalargejoinsel);
CREATE OPERATOR CLASS slm.target_ops DEFAULT FOR TYPE slm.target USING btree AS
    OPERATOR 1 slm.<, OPERATOR 2 slm.<=, OPERATOR 3 slm.=, OPERATOR 4 slm.>=, OPERATOR 5 slm.>,
    FUNCTION 1 slm.target_cmp(slm.target, slm.target);
CREATE OPERATOR CLASS slm.target_hash_ops DEFAULT FOR TYPE slm.target USING hash AS
    OPERATOR 1 slm.=, FUNCTION 1 slm.target_hash(slm.target);

CREATE FUNCTION slm.target(duration interval, calendar slm.calendar DEFAULT '24x7',
                           goal float8 DEFAULT NULL, warn float8 DEFAULT NULL)
    RETURNS slm.target
    AS 'MODULE_PATHNAME', 'slm_target_construct' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION slm.target(interval, slm.calendar, float8, float8) IS
    'Builds a target; goal and warn are fractions (0.95), kept to six decimals';

CREATE FUNCTION slm.target_duration(slm.target) RETURNS interval
    AS 'MODULE_PATHNAME', 'slm_target_duration' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION slm.target_duration(slm.target) IS 'The target''s business-time duration';
CREATE FUNCTION slm.target_calendar(slm.target) RETURNS slm.calendar
    AS 'MODULE_PATHNAME', 'slm_target_calendar' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION slm.target_calendar(slm.target) IS 'The calendar the target''s clock runs on';
CREATE FUNCTION slm.target_goal(slm.target) RETURNS float8
    AS 'MODULE_PATHNAME', 'slm_target_goal' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION slm.target_goal(slm.target) IS 'The compliance goal as a fraction, or NULL';
CREATE FUNCTION slm.target_warn(slm.target) RETURNS float8
    AS 'MODULE_PATHNAME', 'slm_target_warn' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION slm.target_warn(slm.target) IS 'The warning threshold as a fraction of the duration, or NULL';

CREATE FUNCTION slm.deadline(slm.target, start timestamptz) RETURNS timestamptz
    AS 'MODULE_PATHNAME', 'slm_deadline' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION slm.deadline(slm.target, timestamptz) IS
    'When the target''s duration runs out for a clock started at start';
CREATE FUNCTION slm.deadline(slm.target, start timestamptz, paused tstzmultirange) RETURNS timestamptz
    AS 'MODULE_PATHNAME', 'slm_deadline' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION slm.deadline(slm.target, timestamptz, tstzmultirange) IS
    'Deadline with paused time not counting (NULL paused: no pause; NULL when a pause has no end)';

CREATE FUNCTION slm.elapsed(slm.target, start timestamptz, stop timestamptz) RETURNS interval
    AS 'MODULE_PATHNAME', 'slm_elapsed' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION slm.elapsed(slm.target, timestamptz, timestamptz) IS
    'Business time on the target''s calendar from start to stop';
CREATE FUNCTION slm.elapsed(slm.target, start timestamptz, stop timestamptz, paused tstzmultirange)
    RETURNS interval
    AS 'MODULE_PATHNAME', 'slm_elapsed' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION slm.elapsed(slm.target, timestamptz, timestamptz, tstzmultirange) IS
    'Business time from start to stop, paused time excluded (NULL paused: no pause)';

CREATE FUNCTION slm.remaining(slm.target, start timestamptz, at timestamptz) RETURNS interval
    AS 'MODULE_PATHNAME', 'slm_remaining' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION slm.remaining(slm.target, timestamptz, timestamptz) IS
    'Business time left at instant at; negative once the duration is overrun';
CREATE FUNCTION slm.remaining(slm.target, start timestamptz, at timestamptz, paused tstzmultirange)
    RETURNS interval
    AS 'MODULE_PATHNAME', 'slm_remaining' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION slm.remaining(slm.target, timestamptz, timestamptz, tstzmultirange) IS
    'Business time left at instant at, paused time excluded (NULL paused: no pause)';

CREATE FUNCTION slm.status(slm.target, start timestamptz, stop timestamptz, at timestamptz)
    RETURNS text
    AS 'MODULE_PATHNAME', 'slm_status' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION slm.status(slm.target, timestamptz, timestamptz, timestamptz) IS
    'met or breached when stop is set; else breached, at_risk or running as judged at instant at';
CREATE FUNCTION slm.status(slm.target, start timestamptz, stop timestamptz, at timestamptz,
                           paused tstzmultirange)
    RETURNS text
    AS 'MODULE_PATHNAME', 'slm_status' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION slm.status(slm.target, timestamptz, timestamptz, timestamptz, tstzmultirange) IS
    'Status with paused time not counting (NULL paused: no pause)';

-- ---------------------------------------------------------------------
-- slm.track_sla(): stamps due times, breach flags and status on rows
-- ---------------------------------------------------------------------

CREATE FUNCTION slm.track_sla() RETURNS trigger
    AS 'MODULE_PATHNAME', 'slm_track_sla' LANGUAGE C;
COMMENT ON FUNCTION slm.track_sla() IS
    'BEFORE INSERT OR UPDATE row trigger: start=, stop=, paused=, target= or policy= with match=, due=, breached=, status=, notify=';

-- Re-evaluates the open, not yet breached rows of a table that carries a
-- track_sla trigger, so that breaches caused only by time passing are
-- recorded (and notified). Meant to be scheduled, e.g. with pg_cron.
CREATE FUNCTION slm.sweep(tbl regclass) RETURNS bigint
LANGUAGE plpgsql VOLATILE AS $$
DECLARE
    trig record;
    args text[];
    kv text;
    cfg jsonb;
    conds text[];
    n bigint;
    total bigint := 0;
BEGIN
    FOR trig IN
        SELECT t.tgname, t.tgnargs, t.tgargs
        FROM pg_trigger t
        WHERE t.tgrelid = tbl AND NOT t.tgisinternal AND t.tgenabled <> 'D'
          AND t.tgfoid = 'slm.track_sla()'::regprocedure
    LOOP
        args := (string_to_array(encode(trig.tgargs, 'escape'), '\000'))[1:trig.tgnargs];
        cfg := '{}';
        FOREACH kv IN ARRAY args LOOP
            cfg := cfg || jsonb_build_object(split_part(kv, '=', 1), substr(kv, strpos(kv, '=') + 1));
        END LOOP;
        conds := ARRAY[format('%I IS NOT NULL', cfg->>'start')];
        IF cfg ? 'stop' THEN
            conds := conds || format('%I IS NULL', cfg->>'stop');
        END IF;
        IF cfg ? 'breached' THEN
            conds := conds || format('%I IS NOT TRUE', cfg->>'breached');
        END IF;
        IF cfg ? 'status' THEN
            conds := conds || format('%I IS DISTINCT FROM %L', cfg->>'status', 'breached');
        END IF;
        IF NOT (cfg ? 'breached' OR cfg ? 'status') THEN
            -- only the due time is kept: rows not yet due cannot have changed
            conds := conds || format('%I <= now()', cfg->>'due');
        END IF;
        EXECUTE format('UPDATE %s SET %I = %I WHERE %s', tbl, cfg->>'start', cfg->>'start',
                       array_to_string(conds, ' AND '));
        GET DIAGNOSTICS n = ROW_COUNT;
        total := total + n;
    END LOOP;
    IF NOT FOUND AND total = 0 AND NOT EXISTS (
        SELECT 1 FROM pg_trigger t WHERE t.tgrelid = tbl
          AND t.tgfoid = 'slm.track_sla()'::regprocedure) THEN
        RAISE EXCEPTION 'table % has no slm.track_sla trigger', tbl
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    RETURN total;
END
$$;
COMMENT ON FUNCTION slm.sweep(regclass) IS
    'Re-evaluates open rows of a table with a track_sla trigger (for breaches caused by time passing); returns the rows touched';


-- ---------------------------------------------------------------------
-- slm.outages: availability within service hours
-- ---------------------------------------------------------------------

CREATE TYPE slm.outages;

-- Text I/O goes through timestamptz text, which follows DateStyle and
-- TimeZone: STABLE, like the I/O of tstzmultirange.
CREATE FUNCTION slm.outages_in(cstring) RETURNS slm.outages
    AS 'MODULE_PATHNAME', 'slm_outages_in' LANGUAGE C STABLE STRICT PARALLEL SAFE;
CREATE FUNCTION slm.outages_out(slm.outages) RETURNS cstring
    AS 'MODULE_PATHNAME', 'slm_outages_out' LANGUAGE C STABLE STRICT PARALLEL SAFE;
CREATE FUNCTION slm.outages_recv(internal) RETURNS slm.outages
    AS 'MODULE_PATHNAME', 'slm_outages_recv' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION slm.outages_send(slm.outages) RETURNS bytea
    AS 'MODULE_PATHNAME', 'slm_outages_send' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE TYPE slm.outages (
    INPUT = slm.outages_in,
    OUTPUT = slm.outages_out,
    RECEIVE = slm.outages_recv,
    SEND = slm.outages_send,
    INTERNALLENGTH = VARIABLE,
    ALIGNMENT = double,
    STORAGE = extended
);
COMMENT ON TYPE slm.outages IS
    'Outage summary: the union of outage ranges, sorted and merged, as {[start,end),...}';
COMMENT ON FUNCTION slm.outages_in(cstring) IS 'Text input of slm.outages (the canonical list)';
COMMENT ON FUNCTION slm.outages_out(slm.outages) IS 'Text output of slm.outages';
COMMENT ON FUNCTION slm.outages_recv(internal) IS 'Binary input of slm.outages (checked)';
COMMENT ON FUNCTION slm.outages_send(slm.outages) IS 'Binary output of slm.outages';

CREATE FUNCTION slm.outages_eq(slm.outages, slm.outages) RETURNS boolean
    AS 'MODULE_PATHNAME', 'slm_outages_eq' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION slm.outages_ne(slm.outages, slm.outages) RETURNS boolean
    AS 'MODULE_PATHNAME', 'slm_outages_ne' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION slm.outages_eq(slm.outages, slm.outages) IS 'Outage summaries are equal (same outages)';
COMMENT ON FUNCTION slm.outages_ne(slm.outages, slm.outages) IS 'Outage summaries differ';

CREATE OPERATOR slm.= (
    LEFTARG = slm.outages, RIGHTARG = slm.outages, PROCEDURE = slm.outages_eq,
    COMMUTATOR = OPERATOR(slm.=), NEGATOR = OPERATOR(slm.<>),
    RESTRICT = eqsel, JOIN = eqjoinsel
);
CREATE OPERATOR slm.<> (
    LEFTARG = slm.outages, RIGHTARG = slm.outages, PROCEDURE = slm.outages_ne,
    COMMUTATOR = OPERATOR(slm.<>), NEGATOR = OPERATOR(slm.=),
    RESTRICT = neqsel, JOIN = neqjoinsel
);
COMMENT ON OPERATOR slm.= (slm.outages, slm.outages) IS 'Outage summaries are equal';
COMMENT ON OPERATOR slm.<> (slm.outages, slm.outages) IS 'Outage summaries differ';

-- Casts to and from tstzmultirange
CREATE FUNCTION slm.tstzmultirange(slm.outages) RETURNS tstzmultirange
    AS 'MODULE_PATHNAME', 'slm_tstzmultirange' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION slm.tstzmultirange(slm.outages) IS
    'The outages as a multirange of [start,end) ranges';
CREATE FUNCTION slm.outages(tstzmultirange) RETURNS slm.outages
    AS 'MODULE_PATHNAME', 'slm_outages' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION slm.outages(tstzmultirange) IS
    'A multirange as outages: bounds read as [lower,upper), touching ranges merged, instants dropped';

CREATE CAST (slm.outages AS tstzmultirange) WITH FUNCTION slm.tstzmultirange(slm.outages);
COMMENT ON CAST (slm.outages AS tstzmultirange) IS
    'The outages as a multirange of [start,end) ranges';
CREATE CAST (tstzmultirange AS slm.outages) WITH FUNCTION slm.outages(tstzmultirange);
COMMENT ON CAST (tstzmultirange AS slm.outages) IS
    'A multirange as outages (bounds read as [lower,upper); infinite bounds are an error)';

-- outage_agg and rollup
CREATE FUNCTION slm.outage_agg_transfn(slm.outages, tstzrange) RETURNS slm.outages
    AS 'MODULE_PATHNAME', 'slm_outage_agg_transfn' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION slm.outage_agg_transfn(slm.outages, tstzrange) IS
    'Transition function of slm.outage_agg: adds one outage range';
CREATE FUNCTION slm.outage_agg_combinefn(slm.outages, slm.outages) RETURNS slm.outages
    AS 'MODULE_PATHNAME', 'slm_outage_agg_combinefn' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION slm.outage_agg_combinefn(slm.outages, slm.outages) IS
    'Combine function of slm.outage_agg and slm.rollup: the union of two partial states';
CREATE FUNCTION slm.outage_agg_finalfn(slm.outages) RETURNS slm.outages
    AS 'MODULE_PATHNAME', 'slm_outage_agg_finalfn' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION slm.outage_agg_finalfn(slm.outages) IS
    'Final function of slm.outage_agg and slm.rollup: the sorted, merged outages';

CREATE AGGREGATE slm.outage_agg(tstzrange) (
    SFUNC = slm.outage_agg_transfn,
    STYPE = slm.outages,
    FINALFUNC = slm.outage_agg_finalfn,
    COMBINEFUNC = slm.outage_agg_combinefn,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE slm.outage_agg(tstzrange) IS
    'Union of outage ranges (overlapping and touching ones merged; NULL and empty ranges skipped)';

CREATE FUNCTION slm.rollup_transfn(slm.outages, slm.outages) RETURNS slm.outages
    AS 'MODULE_PATHNAME', 'slm_rollup_transfn' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION slm.rollup_transfn(slm.outages, slm.outages) IS
    'Transition function of slm.rollup: adds one summary''s outages';

CREATE AGGREGATE slm.rollup(slm.outages) (
    SFUNC = slm.rollup_transfn,
    STYPE = slm.outages,
    FINALFUNC = slm.outage_agg_finalfn,
    COMBINEFUNC = slm.outage_agg_combinefn,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE slm.rollup(slm.outages) IS
    'Union of outage summaries (for example per-day summaries into a month)';

-- Accessors. The forms with maintenance are not strict: NULL maintenance is
-- none, and NULL in another argument gives NULL.
CREATE FUNCTION slm.agreed_time(slm.calendar, period tstzrange) RETURNS interval
    AS 'MODULE_PATHNAME', 'slm_agreed_time' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION slm.agreed_time(slm.calendar, tstzrange) IS
    'Agreed service time: the business time of the period';
CREATE FUNCTION slm.agreed_time(slm.calendar, period tstzrange, maintenance tstzmultirange)
    RETURNS interval
    AS 'MODULE_PATHNAME', 'slm_agreed_time' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION slm.agreed_time(slm.calendar, tstzrange, tstzmultirange) IS
    'Agreed service time: the business time of the period less agreed maintenance in it';

CREATE FUNCTION slm.downtime(slm.outages, slm.calendar, period tstzrange) RETURNS interval
    AS 'MODULE_PATHNAME', 'slm_downtime' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION slm.downtime(slm.outages, slm.calendar, tstzrange) IS
    'Business time of the outages inside the period';
CREATE FUNCTION slm.downtime(slm.outages, slm.calendar, period tstzrange, maintenance tstzmultirange)
    RETURNS interval
    AS 'MODULE_PATHNAME', 'slm_downtime' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION slm.downtime(slm.outages, slm.calendar, tstzrange, tstzmultirange) IS
    'Business time of the outages inside the period, agreed maintenance left out';
CREATE FUNCTION slm.downtime(tstzmultirange, slm.calendar, period tstzrange) RETURNS interval
    AS 'MODULE_PATHNAME', 'slm_downtime_multirange' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION slm.downtime(tstzmultirange, slm.calendar, tstzrange) IS
    'Business time of the outages (a multirange) inside the period';
CREATE FUNCTION slm.downtime(tstzmultirange, slm.calendar, period tstzrange, maintenance tstzmultirange)
    RETURNS interval
    AS 'MODULE_PATHNAME', 'slm_downtime_multirange' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION slm.downtime(tstzmultirange, slm.calendar, tstzrange, tstzmultirange) IS
    'Business time of the outages (a multirange) inside the period, agreed maintenance left out';

CREATE FUNCTION slm.availability(slm.outages, slm.calendar, period tstzrange) RETURNS float8
    AS 'MODULE_PATHNAME', 'slm_availability' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION slm.availability(slm.outages, slm.calendar, tstzrange) IS
    '(agreed time - downtime) / agreed time over the period; NULL when no time is agreed';
CREATE FUNCTION slm.availability(slm.outages, slm.calendar, period tstzrange, maintenance tstzmultirange)
    RETURNS float8
    AS 'MODULE_PATHNAME', 'slm_availability' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION slm.availability(slm.outages, slm.calendar, tstzrange, tstzmultirange) IS
    '(agreed time - downtime) / agreed time, agreed maintenance left out of both; NULL when no time is agreed';
CREATE FUNCTION slm.availability(tstzmultirange, slm.calendar, period tstzrange) RETURNS float8
    AS 'MODULE_PATHNAME', 'slm_availability_multirange' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION slm.availability(tstzmultirange, slm.calendar, tstzrange) IS
    'Availability of the outages (a multirange) over the period';
CREATE FUNCTION slm.availability(tstzmultirange, slm.calendar, period tstzrange, maintenance tstzmultirange)
    RETURNS float8
    AS 'MODULE_PATHNAME', 'slm_availability_multirange' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION slm.availability(tstzmultirange, slm.calendar, tstzrange, tstzmultirange) IS
    'Availability of the outages (a multirange) over the period, agreed maintenance left out';

CREATE FUNCTION slm.outage_count(slm.outages, period tstzrange) RETURNS bigint
    AS 'MODULE_PATHNAME', 'slm_outage_count' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION slm.outage_count(slm.outages, tstzrange) IS
    'Number of outages overlapping the period';
CREATE FUNCTION slm.outage_count(tstzmultirange, period tstzrange) RETURNS bigint
    AS 'MODULE_PATHNAME', 'slm_outage_count_multirange' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION slm.outage_count(tstzmultirange, tstzrange) IS
    'Number of outages (a multirange, touching ranges merged) overlapping the period';

CREATE FUNCTION slm.mtrs(slm.outages, slm.calendar, period tstzrange) RETURNS interval
    AS 'MODULE_PATHNAME', 'slm_mtrs' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION slm.mtrs(slm.outages, slm.calendar, tstzrange) IS
    'Mean time to restore service: downtime per outage with downtime in the period; NULL when none';
CREATE FUNCTION slm.mtrs(slm.outages, slm.calendar, period tstzrange, maintenance tstzmultirange)
    RETURNS interval
    AS 'MODULE_PATHNAME', 'slm_mtrs' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION slm.mtrs(slm.outages, slm.calendar, tstzrange, tstzmultirange) IS
    'Mean time to restore service, agreed maintenance left out; NULL when no outage had downtime';
CREATE FUNCTION slm.mtrs(tstzmultirange, slm.calendar, period tstzrange) RETURNS interval
    AS 'MODULE_PATHNAME', 'slm_mtrs_multirange' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION slm.mtrs(tstzmultirange, slm.calendar, tstzrange) IS
    'Mean time to restore service of the outages (a multirange); NULL when none had downtime';
CREATE FUNCTION slm.mtrs(tstzmultirange, slm.calendar, period tstzrange, maintenance tstzmultirange)
    RETURNS interval
    AS 'MODULE_PATHNAME', 'slm_mtrs_multirange' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION slm.mtrs(tstzmultirange, slm.calendar, tstzrange, tstzmultirange) IS
    'Mean time to restore service of the outages (a multirange), agreed maintenance left out';

CREATE FUNCTION slm.mtbf(slm.outages, slm.calendar, period tstzrange) RETURNS interval
    AS 'MODULE_PATHNAME', 'slm_mtbf' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION slm.mtbf(slm.outages, slm.calendar, tstzrange) IS
    'Mean time between failures: business uptime per outage with downtime in the period; NULL when none';
CREATE FUNCTION slm.mtbf(slm.outages, slm.calendar, period tstzrange, maintenance tstzmultirange)
    RETURNS interval
    AS 'MODULE_PATHNAME', 'slm_mtbf' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION slm.mtbf(slm.outages, slm.calendar, tstzrange, tstzmultirange) IS
    'Mean time between failures, agreed maintenance left out; NULL when no outage had downtime';
CREATE FUNCTION slm.mtbf(tstzmultirange, slm.calendar, period tstzrange) RETURNS interval
    AS 'MODULE_PATHNAME', 'slm_mtbf_multirange' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION slm.mtbf(tstzmultirange, slm.calendar, tstzrange) IS
    'Mean time between failures of the outages (a multirange); NULL when none had downtime';
CREATE FUNCTION slm.mtbf(tstzmultirange, slm.calendar, period tstzrange, maintenance tstzmultirange)
    RETURNS interval
    AS 'MODULE_PATHNAME', 'slm_mtbf_multirange' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION slm.mtbf(tstzmultirange, slm.calendar, tstzrange, tstzmultirange) IS
    'Mean time between failures of the outages (a multirange), agreed maintenance left out';

-- availability_agg, on a state of its own that carries the group's
-- calendar and period along with its outages
CREATE TYPE slm.availability_state;

CREATE FUNCTION slm.availability_state_in(cstring) RETURNS slm.availability_state
    AS 'MODULE_PATHNAME', 'slm_availability_state_in' LANGUAGE C STABLE STRICT PARALLEL SAFE;
CREATE FUNCTION slm.availability_state_out(slm.availability_state) RETURNS cstring
    AS 'MODULE_PATHNAME', 'slm_availability_state_out' LANGUAGE C STABLE STRICT PARALLEL SAFE;
CREATE FUNCTION slm.availability_state_recv(internal) RETURNS slm.availability_state
    AS 'MODULE_PATHNAME', 'slm_availability_state_recv' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION slm.availability_state_send(slm.availability_state) RETURNS bytea
    AS 'MODULE_PATHNAME', 'slm_availability_state_send' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE TYPE slm.availability_state (
    INPUT = slm.availability_state_in,
    OUTPUT = slm.availability_state_out,
    RECEIVE = slm.availability_state_recv,
    SEND = slm.availability_state_send,
    INTERNALLENGTH = VARIABLE,
    ALIGNMENT = double,
    STORAGE = extended
);
COMMENT ON TYPE slm.availability_state IS
    'State of slm.availability_agg: a period, a calendar and the outages inside the period';
COMMENT ON FUNCTION slm.availability_state_in(cstring) IS 'Text input of slm.availability_state';
COMMENT ON FUNCTION slm.availability_state_out(slm.availability_state) IS 'Text output of slm.availability_state';
COMMENT ON FUNCTION slm.availability_state_recv(internal) IS 'Binary input of slm.availability_state (checked)';
COMMENT ON FUNCTION slm.availability_state_send(slm.availability_state) IS 'Binary output of slm.availability_state';

CREATE FUNCTION slm.availability_agg_transfn(slm.availability_state, tstzrange, slm.calendar, tstzrange)
    RETURNS slm.availability_state
    AS 'MODULE_PATHNAME', 'slm_availability_agg_transfn' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION slm.availability_agg_transfn(slm.availability_state, tstzrange, slm.calendar, tstzrange) IS
    'Transition function of slm.availability_agg: adds one row';
CREATE FUNCTION slm.availability_agg_combinefn(slm.availability_state, slm.availability_state)
    RETURNS slm.availability_state
    AS 'MODULE_PATHNAME', 'slm_availability_agg_combinefn' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION slm.availability_agg_combinefn(slm.availability_state, slm.availability_state) IS
    'Combine function of slm.availability_agg: the union of two partial states of one group';
CREATE FUNCTION slm.availability_agg_finalfn(slm.availability_state) RETURNS float8
    AS 'MODULE_PATHNAME', 'slm_availability_agg_finalfn' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION slm.availability_agg_finalfn(slm.availability_state) IS
    'Final function of slm.availability_agg: the availability of the state';

CREATE AGGREGATE slm.availability_agg(outage tstzrange, slm.calendar, period tstzrange) (
    SFUNC = slm.availability_agg_transfn,
    STYPE = slm.availability_state,
    FINALFUNC = slm.availability_agg_finalfn,
    COMBINEFUNC = slm.availability_agg_combinefn,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE slm.availability_agg(tstzrange, slm.calendar, tstzrange) IS
    'Availability of a group''s outages over its calendar and period (the same on every row); NULL outages count as none';
-- ---------------------------------------------------------------------
-- slm.compliance: a summary of met, breached and open clocks, built by
-- slm.compliance_agg, read by accessors, merged by slm.rollup
-- ---------------------------------------------------------------------

CREATE TYPE slm.compliance;

CREATE FUNCTION slm.compliance_in(cstring) RETURNS slm.compliance
    AS 'MODULE_PATHNAME', 'slm_compliance_in' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION slm.compliance_out(slm.compliance) RETURNS cstring
    AS 'MODULE_PATHNAME', 'slm_compliance_out' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION slm.compliance_recv(internal) RETURNS slm.compliance
    AS 'MODULE_PATHNAME', 'slm_compliance_recv' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION slm.compliance_send(slm.compliance) RETURNS bytea
    AS 'MODULE_PATHNAME', 'slm_compliance_send' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION slm.compliance_in(cstring) IS 'Text input of slm.compliance';
COMMENT ON FUNCTION slm.compliance_out(slm.compliance) IS 'Canonical text output of slm.compliance';
COMMENT ON FUNCTION slm.compliance_recv(internal) IS 'Binary input of slm.compliance (checked like text input)';
COMMENT ON FUNCTION slm.compliance_send(slm.compliance) IS 'Binary output of slm.compliance (a version byte first)';

CREATE TYPE slm.compliance (
    INPUT = slm.compliance_in,
    OUTPUT = slm.compliance_out,
    RECEIVE = slm.compliance_recv,
    SEND = slm.compliance_send,
    INTERNALLENGTH = VARIABLE,
    ALIGNMENT = double,
    STORAGE = plain
);
COMMENT ON TYPE slm.compliance IS
    'A compliance summary: met, breached and open counts, the targets'' goal, and the business time the stopped clocks took';

-- transition and combine functions of the aggregates
CREATE FUNCTION slm.compliance_trans(slm.compliance, slm.target, timestamptz, timestamptz)
    RETURNS slm.compliance
    AS 'MODULE_PATHNAME', 'slm_compliance_trans' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION slm.compliance_trans(slm.compliance, slm.target, timestamptz, timestamptz, tstzmultirange)
    RETURNS slm.compliance
    AS 'MODULE_PATHNAME', 'slm_compliance_trans' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION slm.compliance_trans(slm.compliance, slm.target, timestamptz, timestamptz, timestamptz)
    RETURNS slm.compliance
    AS 'MODULE_PATHNAME', 'slm_compliance_trans_at' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION slm.compliance_trans(slm.compliance, slm.target, timestamptz, timestamptz, timestamptz,
                                     tstzmultirange)
    RETURNS slm.compliance
    AS 'MODULE_PATHNAME', 'slm_compliance_trans_at' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION slm.compliance_trans(slm.compliance, boolean) RETURNS slm.compliance
    AS 'MODULE_PATHNAME', 'slm_compliance_trans_met' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION slm.compliance_combine(slm.compliance, slm.compliance) RETURNS slm.compliance
    AS 'MODULE_PATHNAME', 'slm_compliance_combine' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION slm.compliance_trans(slm.compliance, slm.target, timestamptz, timestamptz) IS
    'Transition function of slm.compliance_agg(target, start, stop)';
COMMENT ON FUNCTION slm.compliance_trans(slm.compliance, slm.target, timestamptz, timestamptz, tstzmultirange) IS
    'Transition function of slm.compliance_agg(target, start, stop, paused)';
COMMENT ON FUNCTION slm.compliance_trans(slm.compliance, slm.target, timestamptz, timestamptz, timestamptz) IS
    'Transition function of slm.compliance_agg(target, start, stop, at)';
COMMENT ON FUNCTION slm.compliance_trans(slm.compliance, slm.target, timestamptz, timestamptz, timestamptz,
                                         tstzmultirange) IS
    'Transition function of slm.compliance_agg(target, start, stop, at, paused)';
COMMENT ON FUNCTION slm.compliance_trans(slm.compliance, boolean) IS
    'Transition function of slm.compliance_agg(met)';
COMMENT ON FUNCTION slm.compliance_combine(slm.compliance, slm.compliance) IS
    'Merges two summaries (NULL is the summary of no rows); combine function of the summary aggregates';

-- the aggregates
CREATE AGGREGATE slm.compliance_agg(target slm.target, start timestamptz, stop timestamptz) (
    SFUNC = slm.compliance_trans,
    STYPE = slm.compliance,
    COMBINEFUNC = slm.compliance_combine,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE slm.compliance_agg(slm.target, timestamptz, timestamptz) IS
    'Summary of clocks: met or breached when stopped, open when stop is NULL; rows with a NULL target or start are skipped';
CREATE AGGREGATE slm.compliance_agg(target slm.target, start timestamptz, stop timestamptz,
                                    paused tstzmultirange) (
    SFUNC = slm.compliance_trans,
    STYPE = slm.compliance,
    COMBINEFUNC = slm.compliance_combine,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE slm.compliance_agg(slm.target, timestamptz, timestamptz, tstzmultirange) IS
    'Summary of clocks with paused time not counting (NULL paused: no pause)';
CREATE AGGREGATE slm.compliance_agg(target slm.target, start timestamptz, stop timestamptz,
                                    at timestamptz) (
    SFUNC = slm.compliance_trans,
    STYPE = slm.compliance,
    COMBINEFUNC = slm.compliance_combine,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE slm.compliance_agg(slm.target, timestamptz, timestamptz, timestamptz) IS
    'Summary of clocks judged at instant at: an open clock past its deadline counts as breached (NULL at: open)';
CREATE AGGREGATE slm.compliance_agg(target slm.target, start timestamptz, stop timestamptz,
                                    at timestamptz, paused tstzmultirange) (
    SFUNC = slm.compliance_trans,
    STYPE = slm.compliance,
    COMBINEFUNC = slm.compliance_combine,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE slm.compliance_agg(slm.target, timestamptz, timestamptz, timestamptz, tstzmultirange) IS
    'Summary of clocks judged at instant at, paused time not counting';
CREATE AGGREGATE slm.compliance_agg(met boolean) (
    SFUNC = slm.compliance_trans,
    STYPE = slm.compliance,
    COMBINEFUNC = slm.compliance_combine,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE slm.compliance_agg(boolean) IS
    'Summary of met flags: true is met, false breached, NULL open';
CREATE AGGREGATE slm.rollup(slm.compliance) (
    SFUNC = slm.compliance_combine,
    STYPE = slm.compliance,
    COMBINEFUNC = slm.compliance_combine,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE slm.rollup(slm.compliance) IS
    'Merges compliance summaries into one, exactly as one pass over all their rows';

-- accessors
CREATE FUNCTION slm.total(slm.compliance) RETURNS bigint
    AS 'MODULE_PATHNAME', 'slm_compliance_total' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION slm.total(slm.compliance) IS 'Rows summarized: met + breached + open';
CREATE FUNCTION slm.met(slm.compliance) RETURNS bigint
    AS 'MODULE_PATHNAME', 'slm_compliance_met' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION slm.met(slm.compliance) IS 'Rows that met their target';
CREATE FUNCTION slm.breached(slm.compliance) RETURNS bigint
    AS 'MODULE_PATHNAME', 'slm_compliance_breached' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION slm.breached(slm.compliance) IS 'Rows that breached their target';
CREATE FUNCTION slm.open(slm.compliance) RETURNS bigint
    AS 'MODULE_PATHNAME', 'slm_compliance_open' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION slm.open(slm.compliance) IS 'Rows still running and not (yet) breached';
CREATE FUNCTION slm.compliance(slm.compliance) RETURNS float8
    AS 'MODULE_PATHNAME', 'slm_compliance_ratio' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION slm.compliance(slm.compliance) IS
    'Compliance: met / (met + breached); NULL when no row is closed';
CREATE FUNCTION slm.goal(slm.compliance) RETURNS float8
    AS 'MODULE_PATHNAME', 'slm_compliance_goal' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION slm.goal(slm.compliance) IS
    'The goal of the rows'' targets as a fraction; NULL when they have none or different ones';
CREATE FUNCTION slm.goal_met(slm.compliance) RETURNS boolean
    AS 'MODULE_PATHNAME', 'slm_compliance_goal_met' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION slm.goal_met(slm.compliance) IS
    'Compliance is at or above the goal (exact); NULL without a goal or a closed row';
CREATE FUNCTION slm.error_budget(slm.compliance) RETURNS float8
    AS 'MODULE_PATHNAME', 'slm_compliance_error_budget' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION slm.error_budget(slm.compliance) IS
    'Share of the allowed breaches still unused: 1 - breach rate / (1 - goal); negative when overspent';
CREATE FUNCTION slm.error_budget(slm.compliance, goal float8) RETURNS float8
    AS 'MODULE_PATHNAME', 'slm_compliance_error_budget' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION slm.error_budget(slm.compliance, float8) IS
    'Error budget left against the given goal (a fraction, kept to six decimals)';
CREATE FUNCTION slm.burn_rate(slm.compliance) RETURNS float8
    AS 'MODULE_PATHNAME', 'slm_compliance_burn_rate' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION slm.burn_rate(slm.compliance) IS
    'Burn rate: breach rate / (1 - goal); 1 spends the budget exactly over the window';
CREATE FUNCTION slm.burn_rate(slm.compliance, goal float8) RETURNS float8
    AS 'MODULE_PATHNAME', 'slm_compliance_burn_rate' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION slm.burn_rate(slm.compliance, float8) IS
    'Burn rate against the given goal (a fraction, kept to six decimals)';
CREATE FUNCTION slm.mean_elapsed(slm.compliance) RETURNS interval
    AS 'MODULE_PATHNAME', 'slm_compliance_mean_elapsed' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION slm.mean_elapsed(slm.compliance) IS
    'Mean business time of the stopped clocks (paused time excluded), to the microsecond';
CREATE FUNCTION slm.max_elapsed(slm.compliance) RETURNS interval
    AS 'MODULE_PATHNAME', 'slm_compliance_max_elapsed' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION slm.max_elapsed(slm.compliance) IS
    'Longest business time of the stopped clocks (paused time excluded)';

-- ----------------------------------------------------------------------
-- Kano questionnaire analysis (src/kano.c)
-- ----------------------------------------------------------------------

-- Classifying one answer pair.

CREATE FUNCTION slm.kano_category(functional integer, dysfunctional integer,
                                  "table" text DEFAULT 'standard')
RETURNS text
AS 'MODULE_PATHNAME', 'slm_kano_category_int'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION slm.kano_category(integer, integer, text) IS
'Kano category (A, O, M, I, R or Q) of a functional and a dysfunctional answer coded 1 like, 2 must-be, 3 neutral, 4 live-with, 5 dislike; table standard or pouliot';

CREATE FUNCTION slm.kano_category(functional text, dysfunctional text,
                                  "table" text DEFAULT 'standard')
RETURNS text
AS 'MODULE_PATHNAME', 'slm_kano_category_text'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION slm.kano_category(text, text, text) IS
'Kano category (A, O, M, I, R or Q) of a functional and a dysfunctional answer given as labels (like, must-be, neutral, live-with, dislike or a synonym); table standard or pouliot';

-- The summary type.

CREATE TYPE slm.kano;

CREATE FUNCTION slm.kano_in(cstring)
RETURNS slm.kano
AS 'MODULE_PATHNAME', 'slm_kano_in'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION slm.kano_in(cstring) IS
'Text input of slm.kano';

CREATE FUNCTION slm.kano_out(slm.kano)
RETURNS cstring
AS 'MODULE_PATHNAME', 'slm_kano_out'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION slm.kano_out(slm.kano) IS
'Text output of slm.kano';

CREATE FUNCTION slm.kano_recv(internal)
RETURNS slm.kano
AS 'MODULE_PATHNAME', 'slm_kano_recv'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION slm.kano_recv(internal) IS
'Binary input of slm.kano';

CREATE FUNCTION slm.kano_send(slm.kano)
RETURNS bytea
AS 'MODULE_PATHNAME', 'slm_kano_send'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION slm.kano_send(slm.kano) IS
'Binary output of slm.kano';

CREATE TYPE slm.kano (
    INPUT = slm.kano_in,
    OUTPUT = slm.kano_out,
    RECEIVE = slm.kano_recv,
    SEND = slm.kano_send,
    INTERNALLENGTH = VARIABLE,
    ALIGNMENT = double,
    STORAGE = plain
);

COMMENT ON TYPE slm.kano IS
'Summary of Kano questionnaire answers for one feature: category counts, answer distributions, skipped rows and importance sums';

-- The aggregate and its support functions.

CREATE FUNCTION slm.kano_agg_trans(slm.kano, integer, integer)
RETURNS slm.kano
AS 'MODULE_PATHNAME', 'slm_kano_agg_trans_int'
LANGUAGE C IMMUTABLE PARALLEL SAFE;

COMMENT ON FUNCTION slm.kano_agg_trans(slm.kano, integer, integer) IS
'Transition function of slm.kano_agg(integer, integer)';

CREATE FUNCTION slm.kano_agg_trans(slm.kano, integer, integer, float8)
RETURNS slm.kano
AS 'MODULE_PATHNAME', 'slm_kano_agg_trans_int'
LANGUAGE C IMMUTABLE PARALLEL SAFE;

COMMENT ON FUNCTION slm.kano_agg_trans(slm.kano, integer, integer, float8) IS
'Transition function of slm.kano_agg(integer, integer, float8)';

CREATE FUNCTION slm.kano_agg_trans(slm.kano, text, text)
RETURNS slm.kano
AS 'MODULE_PATHNAME', 'slm_kano_agg_trans_text'
LANGUAGE C IMMUTABLE PARALLEL SAFE;

COMMENT ON FUNCTION slm.kano_agg_trans(slm.kano, text, text) IS
'Transition function of slm.kano_agg(text, text)';

CREATE FUNCTION slm.kano_agg_trans(slm.kano, text, text, float8)
RETURNS slm.kano
AS 'MODULE_PATHNAME', 'slm_kano_agg_trans_text'
LANGUAGE C IMMUTABLE PARALLEL SAFE;

COMMENT ON FUNCTION slm.kano_agg_trans(slm.kano, text, text, float8) IS
'Transition function of slm.kano_agg(text, text, float8)';

CREATE FUNCTION slm.kano_combine(slm.kano, slm.kano)
RETURNS slm.kano
AS 'MODULE_PATHNAME', 'slm_kano_combine'
LANGUAGE C IMMUTABLE PARALLEL SAFE;

COMMENT ON FUNCTION slm.kano_combine(slm.kano, slm.kano) IS
'Merges two Kano summaries (NULL is ignored); combine function of slm.kano_agg and transition of slm.rollup';

CREATE AGGREGATE slm.kano_agg(functional integer, dysfunctional integer) (
    SFUNC = slm.kano_agg_trans,
    STYPE = slm.kano,
    COMBINEFUNC = slm.kano_combine,
    PARALLEL = SAFE
);

COMMENT ON AGGREGATE slm.kano_agg(integer, integer) IS
'Summarises Kano answers coded 1 to 5 (rows with a NULL answer are counted as skipped)';

CREATE AGGREGATE slm.kano_agg(functional integer, dysfunctional integer,
                              importance float8) (
    SFUNC = slm.kano_agg_trans,
    STYPE = slm.kano,
    COMBINEFUNC = slm.kano_combine,
    PARALLEL = SAFE
);

COMMENT ON AGGREGATE slm.kano_agg(integer, integer, float8) IS
'Summarises Kano answers coded 1 to 5 with each respondent''s self-stated importance (NULL if not given)';

CREATE AGGREGATE slm.kano_agg(functional text, dysfunctional text) (
    SFUNC = slm.kano_agg_trans,
    STYPE = slm.kano,
    COMBINEFUNC = slm.kano_combine,
    PARALLEL = SAFE
);

COMMENT ON AGGREGATE slm.kano_agg(text, text) IS
'Summarises Kano answers given as labels (rows with a NULL answer are counted as skipped)';

CREATE AGGREGATE slm.kano_agg(functional text, dysfunctional text,
                              importance float8) (
    SFUNC = slm.kano_agg_trans,
    STYPE = slm.kano,
    COMBINEFUNC = slm.kano_combine,
    PARALLEL = SAFE
);

COMMENT ON AGGREGATE slm.kano_agg(text, text, float8) IS
'Summarises Kano answers given as labels with each respondent''s self-stated importance (NULL if not given)';

CREATE AGGREGATE slm.rollup(slm.kano) (
    SFUNC = slm.kano_combine,
    STYPE = slm.kano,
    COMBINEFUNC = slm.kano_combine,
    PARALLEL = SAFE
);

COMMENT ON AGGREGATE slm.rollup(slm.kano) IS
'Merges Kano summaries into one, as if their rows had been summarised together';

-- Accessors.

CREATE FUNCTION slm.count(k slm.kano, category text)
RETURNS bigint
AS 'MODULE_PATHNAME', 'slm_count'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION slm.count(slm.kano, text) IS
'Respondents in one category, named by letter (A, O, M, I, R, Q) or name (attractive, one-dimensional, must-be, indifferent, reverse, questionable)';

CREATE FUNCTION slm.respondents(k slm.kano)
RETURNS bigint
AS 'MODULE_PATHNAME', 'slm_respondents'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION slm.respondents(slm.kano) IS
'Rows with both answers (the sum of the six category counts)';

CREATE FUNCTION slm.skipped(k slm.kano)
RETURNS bigint
AS 'MODULE_PATHNAME', 'slm_skipped'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION slm.skipped(slm.kano) IS
'Rows left out because an answer was NULL';

CREATE FUNCTION slm.category(k slm.kano, rule text DEFAULT 'mode')
RETURNS text
AS 'MODULE_PATHNAME', 'slm_category'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION slm.category(slm.kano, text) IS
'The feature''s category by rule mode (ties M > O > A > I > R > Q), moai or oam; NULL without respondents';

CREATE FUNCTION slm.better(k slm.kano)
RETURNS float8
AS 'MODULE_PATHNAME', 'slm_better'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION slm.better(slm.kano) IS
'Satisfaction coefficient (A + O) / (A + O + M + I), 0 to 1; NULL when A + O + M + I = 0';

CREATE FUNCTION slm.worse(k slm.kano)
RETURNS float8
AS 'MODULE_PATHNAME', 'slm_worse'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION slm.worse(slm.kano) IS
'Dissatisfaction coefficient -(O + M) / (A + O + M + I), 0 to -1; NULL when A + O + M + I = 0';

CREATE FUNCTION slm.category_strength(k slm.kano)
RETURNS float8
AS 'MODULE_PATHNAME', 'slm_category_strength'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION slm.category_strength(slm.kano) IS
'Share of the most frequent of M, O, A, I, R minus the share of the second, shares of all respondents';

CREATE FUNCTION slm.total_strength(k slm.kano)
RETURNS float8
AS 'MODULE_PATHNAME', 'slm_total_strength'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION slm.total_strength(slm.kano) IS
'(A + O + M) / all respondents';

CREATE FUNCTION slm.fong_significant(k slm.kano)
RETURNS boolean
AS 'MODULE_PATHNAME', 'slm_fong_significant'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION slm.fong_significant(slm.kano) IS
'Fong''s test: is the most frequent of M, O, A, I, R significantly ahead of the second; NULL when none of them was answered';

CREATE FUNCTION slm.functional_mean(k slm.kano)
RETURNS float8
AS 'MODULE_PATHNAME', 'slm_functional_mean'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION slm.functional_mean(slm.kano) IS
'Mean DuMouchel functional score (like 4, must-be 2, neutral 0, live-with -1, dislike -2)';

CREATE FUNCTION slm.dysfunctional_mean(k slm.kano)
RETURNS float8
AS 'MODULE_PATHNAME', 'slm_dysfunctional_mean'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION slm.dysfunctional_mean(slm.kano) IS
'Mean DuMouchel dysfunctional score (like -2, must-be -1, neutral 0, live-with 2, dislike 4)';

CREATE FUNCTION slm.functional_stddev(k slm.kano)
RETURNS float8
AS 'MODULE_PATHNAME', 'slm_functional_stddev'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION slm.functional_stddev(slm.kano) IS
'Sample standard deviation of the DuMouchel functional score; NULL with fewer than two respondents';

CREATE FUNCTION slm.dysfunctional_stddev(k slm.kano)
RETURNS float8
AS 'MODULE_PATHNAME', 'slm_dysfunctional_stddev'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION slm.dysfunctional_stddev(slm.kano) IS
'Sample standard deviation of the DuMouchel dysfunctional score; NULL with fewer than two respondents';

CREATE FUNCTION slm.importance(k slm.kano)
RETURNS float8
AS 'MODULE_PATHNAME', 'slm_importance'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION slm.importance(slm.kano) IS
'Mean self-stated importance over the respondents that gave one';

CREATE FUNCTION slm.weighted_functional_mean(k slm.kano)
RETURNS float8
AS 'MODULE_PATHNAME', 'slm_weighted_functional_mean'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION slm.weighted_functional_mean(slm.kano) IS
'Importance-weighted mean DuMouchel functional score, sum(w * score) / sum(w); NULL when no weight is above zero';

CREATE FUNCTION slm.weighted_dysfunctional_mean(k slm.kano)
RETURNS float8
AS 'MODULE_PATHNAME', 'slm_weighted_dysfunctional_mean'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION slm.weighted_dysfunctional_mean(slm.kano) IS
'Importance-weighted mean DuMouchel dysfunctional score, sum(w * score) / sum(w); NULL when no weight is above zero';

-- A report over a long-format table. STABLE because it reads the table;
-- PARALLEL RESTRICTED because the table may be temporary.

CREATE FUNCTION slm.kano_report(tbl regclass, feature text, functional text,
                                dysfunctional text, importance text DEFAULT NULL)
RETURNS TABLE(feature text, respondents bigint, a bigint, o bigint, m bigint,
              i bigint, r bigint, q bigint, category text, better float8,
              worse float8, category_strength float8, total_strength float8,
              fong_significant boolean, functional_mean float8,
              dysfunctional_mean float8, importance float8)
AS 'MODULE_PATHNAME', 'slm_kano_report'
LANGUAGE C STABLE PARALLEL RESTRICTED;

COMMENT ON FUNCTION slm.kano_report(regclass, text, text, text, text) IS
'One row of Kano figures per feature of a table with one row per respondent and feature; the text arguments name its columns';

-- ----------------------------------------------------------------------
-- Customer feedback: CSAT and NPS (src/feedback.c)
-- ----------------------------------------------------------------------

-- CSAT summary type.

CREATE TYPE slm.csat;

CREATE FUNCTION slm.csat_in(cstring)
RETURNS slm.csat
AS 'MODULE_PATHNAME', 'slm_csat_in'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION slm.csat_in(cstring) IS
'Text input of slm.csat';

CREATE FUNCTION slm.csat_out(slm.csat)
RETURNS cstring
AS 'MODULE_PATHNAME', 'slm_csat_out'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION slm.csat_out(slm.csat) IS
'Text output of slm.csat';

CREATE FUNCTION slm.csat_recv(internal)
RETURNS slm.csat
AS 'MODULE_PATHNAME', 'slm_csat_recv'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION slm.csat_recv(internal) IS
'Binary input of slm.csat';

CREATE FUNCTION slm.csat_send(slm.csat)
RETURNS bytea
AS 'MODULE_PATHNAME', 'slm_csat_send'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION slm.csat_send(slm.csat) IS
'Binary output of slm.csat';

CREATE TYPE slm.csat (
    INPUT = slm.csat_in,
    OUTPUT = slm.csat_out,
    RECEIVE = slm.csat_recv,
    SEND = slm.csat_send,
    INTERNALLENGTH = VARIABLE,
    ALIGNMENT = double,
    STORAGE = plain
);

COMMENT ON TYPE slm.csat IS
'Summary of customer satisfaction scores on one 1..scale rating: answers, satisfied answers (top two boxes) and the sum of the scores';

-- CSAT aggregate and support functions.

CREATE FUNCTION slm.csat_agg_trans(slm.csat, integer)
RETURNS slm.csat
AS 'MODULE_PATHNAME', 'slm_csat_agg_trans'
LANGUAGE C IMMUTABLE PARALLEL SAFE;

COMMENT ON FUNCTION slm.csat_agg_trans(slm.csat, integer) IS
'Transition function of slm.csat_agg(integer)';

CREATE FUNCTION slm.csat_agg_trans(slm.csat, integer, integer)
RETURNS slm.csat
AS 'MODULE_PATHNAME', 'slm_csat_agg_trans'
LANGUAGE C IMMUTABLE PARALLEL SAFE;

COMMENT ON FUNCTION slm.csat_agg_trans(slm.csat, integer, integer) IS
'Transition function of slm.csat_agg(integer, integer)';

CREATE FUNCTION slm.csat_combine(slm.csat, slm.csat)
RETURNS slm.csat
AS 'MODULE_PATHNAME', 'slm_csat_combine'
LANGUAGE C IMMUTABLE PARALLEL SAFE;

COMMENT ON FUNCTION slm.csat_combine(slm.csat, slm.csat) IS
'Merges two CSAT summaries on the same scale (NULL is ignored); combine function of slm.csat_agg and transition of slm.rollup';

CREATE AGGREGATE slm.csat_agg(score integer) (
    SFUNC = slm.csat_agg_trans,
    STYPE = slm.csat,
    COMBINEFUNC = slm.csat_combine,
    PARALLEL = SAFE
);

COMMENT ON AGGREGATE slm.csat_agg(integer) IS
'Summarises customer satisfaction scores on a 1..5 scale (NULL scores are ignored)';

CREATE AGGREGATE slm.csat_agg(score integer, scale integer) (
    SFUNC = slm.csat_agg_trans,
    STYPE = slm.csat,
    COMBINEFUNC = slm.csat_combine,
    PARALLEL = SAFE
);

COMMENT ON AGGREGATE slm.csat_agg(integer, integer) IS
'Summarises customer satisfaction scores on a 1..scale scale, scale 3 or more and the same for every row (NULL scores are ignored)';

CREATE AGGREGATE slm.rollup(slm.csat) (
    SFUNC = slm.csat_combine,
    STYPE = slm.csat,
    COMBINEFUNC = slm.csat_combine,
    PARALLEL = SAFE
);

COMMENT ON AGGREGATE slm.rollup(slm.csat) IS
'Merges CSAT summaries on one scale into one, as if their rows had been summarised together';

-- CSAT accessors.

CREATE FUNCTION slm.csat(c slm.csat)
RETURNS float8
AS 'MODULE_PATHNAME', 'slm_csat'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION slm.csat(slm.csat) IS
'CSAT: share of satisfied answers (score >= scale - 1), 0 to 1';

CREATE FUNCTION slm.mean(c slm.csat)
RETURNS float8
AS 'MODULE_PATHNAME', 'slm_mean'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION slm.mean(slm.csat) IS
'Mean satisfaction score';

CREATE FUNCTION slm.responses(c slm.csat)
RETURNS bigint
AS 'MODULE_PATHNAME', 'slm_csat_responses'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION slm.responses(slm.csat) IS
'Number of satisfaction scores';

CREATE FUNCTION slm.satisfied(c slm.csat)
RETURNS bigint
AS 'MODULE_PATHNAME', 'slm_satisfied'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION slm.satisfied(slm.csat) IS
'Number of satisfied answers (score >= scale - 1)';

-- NPS summary type.

CREATE TYPE slm.nps;

CREATE FUNCTION slm.nps_in(cstring)
RETURNS slm.nps
AS 'MODULE_PATHNAME', 'slm_nps_in'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION slm.nps_in(cstring) IS
'Text input of slm.nps';

CREATE FUNCTION slm.nps_out(slm.nps)
RETURNS cstring
AS 'MODULE_PATHNAME', 'slm_nps_out'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION slm.nps_out(slm.nps) IS
'Text output of slm.nps';

CREATE FUNCTION slm.nps_recv(internal)
RETURNS slm.nps
AS 'MODULE_PATHNAME', 'slm_nps_recv'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION slm.nps_recv(internal) IS
'Binary input of slm.nps';

CREATE FUNCTION slm.nps_send(slm.nps)
RETURNS bytea
AS 'MODULE_PATHNAME', 'slm_nps_send'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION slm.nps_send(slm.nps) IS
'Binary output of slm.nps';

CREATE TYPE slm.nps (
    INPUT = slm.nps_in,
    OUTPUT = slm.nps_out,
    RECEIVE = slm.nps_recv,
    SEND = slm.nps_send,
    INTERNALLENGTH = VARIABLE,
    ALIGNMENT = double,
    STORAGE = plain
);

COMMENT ON TYPE slm.nps IS
'Summary of Net Promoter Score answers (0..10): promoters, passives and detractors';

-- NPS aggregate and support functions.

CREATE FUNCTION slm.nps_agg_trans(slm.nps, integer)
RETURNS slm.nps
AS 'MODULE_PATHNAME', 'slm_nps_agg_trans'
LANGUAGE C IMMUTABLE PARALLEL SAFE;

COMMENT ON FUNCTION slm.nps_agg_trans(slm.nps, integer) IS
'Transition function of slm.nps_agg(integer)';

CREATE FUNCTION slm.nps_combine(slm.nps, slm.nps)
RETURNS slm.nps
AS 'MODULE_PATHNAME', 'slm_nps_combine'
LANGUAGE C IMMUTABLE PARALLEL SAFE;

COMMENT ON FUNCTION slm.nps_combine(slm.nps, slm.nps) IS
'Merges two NPS summaries (NULL is ignored); combine function of slm.nps_agg and transition of slm.rollup';

CREATE AGGREGATE slm.nps_agg(score integer) (
    SFUNC = slm.nps_agg_trans,
    STYPE = slm.nps,
    COMBINEFUNC = slm.nps_combine,
    PARALLEL = SAFE
);

COMMENT ON AGGREGATE slm.nps_agg(integer) IS
'Summarises Net Promoter Score answers 0 to 10 (NULL scores are ignored)';

CREATE AGGREGATE slm.rollup(slm.nps) (
    SFUNC = slm.nps_combine,
    STYPE = slm.nps,
    COMBINEFUNC = slm.nps_combine,
    PARALLEL = SAFE
);

COMMENT ON AGGREGATE slm.rollup(slm.nps) IS
'Merges NPS summaries into one, as if their rows had been summarised together';

-- NPS accessors.

CREATE FUNCTION slm.nps(n slm.nps)
RETURNS float8
AS 'MODULE_PATHNAME', 'slm_nps'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION slm.nps(slm.nps) IS
'Net Promoter Score: percentage of promoters minus percentage of detractors, -100 to 100';

CREATE FUNCTION slm.promoters(n slm.nps)
RETURNS bigint
AS 'MODULE_PATHNAME', 'slm_promoters'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION slm.promoters(slm.nps) IS
'Number of promoters (answers 9 and 10)';

CREATE FUNCTION slm.passives(n slm.nps)
RETURNS bigint
AS 'MODULE_PATHNAME', 'slm_passives'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION slm.passives(slm.nps) IS
'Number of passives (answers 7 and 8)';

CREATE FUNCTION slm.detractors(n slm.nps)
RETURNS bigint
AS 'MODULE_PATHNAME', 'slm_detractors'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION slm.detractors(slm.nps) IS
'Number of detractors (answers 0 to 6)';

CREATE FUNCTION slm.responses(n slm.nps)
RETURNS bigint
AS 'MODULE_PATHNAME', 'slm_nps_responses'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION slm.responses(slm.nps) IS
'Number of NPS answers';
