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
COMMENT ON FUNCTION slm.calendar_in(cstring) IS 'Text input of slm.calendar';
COMMENT ON FUNCTION slm.calendar_out(slm.calendar) IS 'Text output of slm.calendar (canonical form)';
COMMENT ON FUNCTION slm.calendar_recv(internal) IS 'Binary input of slm.calendar (checked)';
COMMENT ON FUNCTION slm.calendar_send(slm.calendar) IS 'Binary output of slm.calendar';

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
COMMENT ON OPERATOR slm.= (slm.calendar, slm.calendar) IS 'Calendars are equal (same canonical form)';
COMMENT ON OPERATOR slm.<> (slm.calendar, slm.calendar) IS 'Calendars differ';

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
COMMENT ON OPERATOR slm.< (slm.calendar, slm.calendar) IS 'Less than, in the order of canonical bytes';
COMMENT ON OPERATOR slm.<= (slm.calendar, slm.calendar) IS 'Less than or equal, in the order of canonical bytes';
COMMENT ON OPERATOR slm.> (slm.calendar, slm.calendar) IS 'Greater than, in the order of canonical bytes';
COMMENT ON OPERATOR slm.>= (slm.calendar, slm.calendar) IS 'Greater than or equal, in the order of canonical bytes';
COMMENT ON OPERATOR CLASS slm.calendar_ops USING btree IS
    'Sorting, grouping and btree indexes on calendars, by canonical bytes';
COMMENT ON OPERATOR CLASS slm.calendar_hash_ops USING hash IS
    'Hash joins, hash aggregation and hash indexes on calendars';

CREATE FUNCTION slm.calendar(hours text, tz text, closed date[] DEFAULT NULL)
    RETURNS slm.calendar
    AS 'MODULE_PATHNAME', 'slm_calendar_make' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION slm.calendar(text, text, date[]) IS
    'Builds a calendar from hours clauses, a zone name and closed dates (NULL hours or tz give NULL)';

CREATE FUNCTION slm.with_closed(cal slm.calendar, closed date[]) RETURNS slm.calendar
    AS 'MODULE_PATHNAME', 'slm_with_closed' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION slm.with_closed(slm.calendar, date[]) IS
    'The calendar with the given local dates closed, replacing any hours they had (NULL dates: none)';

CREATE FUNCTION slm.calendar_tz(cal slm.calendar) RETURNS text
    AS 'MODULE_PATHNAME', 'slm_calendar_tz' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION slm.calendar_tz(slm.calendar) IS 'The calendar''s IANA time zone';

CREATE FUNCTION slm.business_time(cal slm.calendar, since timestamptz, until timestamptz) RETURNS interval
    AS 'MODULE_PATHNAME', 'slm_business_time' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION slm.business_time(slm.calendar, timestamptz, timestamptz) IS
    'Open time of the calendar between two instants; negative when until is earlier than since';

CREATE FUNCTION slm.business_time(cal slm.calendar, period tstzrange) RETURNS interval
    AS 'MODULE_PATHNAME', 'slm_business_time_range' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION slm.business_time(slm.calendar, tstzrange) IS
    'Open time of the calendar inside a range';

CREATE FUNCTION slm.business_time(cal slm.calendar, periods tstzmultirange) RETURNS interval
    AS 'MODULE_PATHNAME', 'slm_business_time_multirange' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION slm.business_time(slm.calendar, tstzmultirange) IS
    'Open time of the calendar inside a multirange (subtract pauses with the - operator first)';

CREATE FUNCTION slm.business_add(cal slm.calendar, t timestamptz, duration interval) RETURNS timestamptz
    AS 'MODULE_PATHNAME', 'slm_business_add' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION slm.business_add(slm.calendar, timestamptz, interval) IS
    'The instant when the business time duration has run from t (backward for a negative duration)';

CREATE FUNCTION slm.business_add(cal slm.calendar, t timestamptz, duration interval, paused tstzmultirange)
    RETURNS timestamptz
    AS 'MODULE_PATHNAME', 'slm_business_add' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION slm.business_add(slm.calendar, timestamptz, interval, tstzmultirange) IS
    'As business_add, with time inside paused not counting (NULL paused: no pause)';

CREATE FUNCTION slm.is_open(cal slm.calendar, t timestamptz) RETURNS boolean
    AS 'MODULE_PATHNAME', 'slm_is_open' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION slm.is_open(slm.calendar, timestamptz) IS
    'Whether the calendar is open at an instant';

CREATE FUNCTION slm.next_open(cal slm.calendar, t timestamptz) RETURNS timestamptz
    AS 'MODULE_PATHNAME', 'slm_next_open' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION slm.next_open(slm.calendar, timestamptz) IS
    'The instant itself when open, else the next opening (NULL when the calendar never opens again)';

CREATE FUNCTION slm.next_close(cal slm.calendar, t timestamptz) RETURNS timestamptz
    AS 'MODULE_PATHNAME', 'slm_next_close' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION slm.next_close(slm.calendar, timestamptz) IS
    'The next instant at which the calendar goes from open to closed (NULL when it never closes)';

CREATE FUNCTION slm.open_periods(cal slm.calendar, period tstzrange) RETURNS tstzmultirange
    AS 'MODULE_PATHNAME', 'slm_open_periods' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION slm.open_periods(slm.calendar, tstzrange) IS
    'The open hours inside a range, as a multirange';

CREATE FUNCTION slm.business_days(cal slm.calendar, since date, until date) RETURNS integer
    AS 'MODULE_PATHNAME', 'slm_business_days' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION slm.business_days(slm.calendar, date, date) IS
    'Number of local dates in [since, until) with any open time; negative when until < since';

CREATE FUNCTION slm.business_days_add(cal slm.calendar, day date, n integer) RETURNS date
    AS 'MODULE_PATHNAME', 'slm_business_days_add' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION slm.business_days_add(slm.calendar, date, integer) IS
    'The n-th date with open time after day (before it, for negative n)';

