
-- ---------------------------------------------------------------------
-- slm.calendar
-- ---------------------------------------------------------------------

-- Arguments are named as the documentation names them (adding names to
-- unnamed arguments keeps every existing call valid).
CREATE OR REPLACE FUNCTION slm.with_closed(cal slm.calendar, closed date[]) RETURNS slm.calendar
    AS 'MODULE_PATHNAME', 'slm_with_closed' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION slm.with_closed(slm.calendar, date[]) IS
    'The calendar with the given local dates closed, replacing any hours they had (NULL dates: none)';
CREATE OR REPLACE FUNCTION slm.calendar_tz(cal slm.calendar) RETURNS text
    AS 'MODULE_PATHNAME', 'slm_calendar_tz' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION slm.calendar_tz(slm.calendar) IS 'The calendar''s IANA time zone';
CREATE OR REPLACE FUNCTION slm.business_time(cal slm.calendar, since timestamptz, until timestamptz) RETURNS interval
    AS 'MODULE_PATHNAME', 'slm_business_time' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION slm.business_time(slm.calendar, timestamptz, timestamptz) IS
    'Open time of the calendar between two instants; negative when until is earlier than since';
CREATE OR REPLACE FUNCTION slm.business_time(cal slm.calendar, period tstzrange) RETURNS interval
    AS 'MODULE_PATHNAME', 'slm_business_time_range' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION slm.business_time(slm.calendar, tstzrange) IS
    'Open time of the calendar inside a range';
CREATE OR REPLACE FUNCTION slm.business_time(cal slm.calendar, periods tstzmultirange) RETURNS interval
    AS 'MODULE_PATHNAME', 'slm_business_time_multirange' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION slm.business_time(slm.calendar, tstzmultirange) IS
    'Open time of the calendar inside a multirange (subtract pauses with the - operator first)';
CREATE OR REPLACE FUNCTION slm.business_add(cal slm.calendar, t timestamptz, duration interval) RETURNS timestamptz
    AS 'MODULE_PATHNAME', 'slm_business_add' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION slm.business_add(slm.calendar, timestamptz, interval) IS
    'The instant when the business time duration has run from t (backward for a negative duration)';
CREATE OR REPLACE FUNCTION slm.business_add(cal slm.calendar, t timestamptz, duration interval, paused tstzmultirange)
    RETURNS timestamptz
    AS 'MODULE_PATHNAME', 'slm_business_add' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION slm.business_add(slm.calendar, timestamptz, interval, tstzmultirange) IS
    'As business_add, with time inside paused not counting (NULL paused: no pause)';
CREATE OR REPLACE FUNCTION slm.is_open(cal slm.calendar, t timestamptz) RETURNS boolean
    AS 'MODULE_PATHNAME', 'slm_is_open' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION slm.is_open(slm.calendar, timestamptz) IS
    'Whether the calendar is open at an instant';
CREATE OR REPLACE FUNCTION slm.next_open(cal slm.calendar, t timestamptz) RETURNS timestamptz
    AS 'MODULE_PATHNAME', 'slm_next_open' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION slm.next_open(slm.calendar, timestamptz) IS
    'The instant itself when open, else the next opening (NULL when the calendar never opens again)';
CREATE OR REPLACE FUNCTION slm.next_close(cal slm.calendar, t timestamptz) RETURNS timestamptz
    AS 'MODULE_PATHNAME', 'slm_next_close' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION slm.next_close(slm.calendar, timestamptz) IS
    'The next instant at which the calendar goes from open to closed (NULL when it never closes)';
CREATE OR REPLACE FUNCTION slm.open_periods(cal slm.calendar, period tstzrange) RETURNS tstzmultirange
    AS 'MODULE_PATHNAME', 'slm_open_periods' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION slm.open_periods(slm.calendar, tstzrange) IS
    'The open hours inside a range, as a multirange';
CREATE OR REPLACE FUNCTION slm.business_days(cal slm.calendar, since date, until date) RETURNS integer
    AS 'MODULE_PATHNAME', 'slm_business_days' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION slm.business_days(slm.calendar, date, date) IS
    'Number of local dates in [since, until) with any open time; negative when until < since';
CREATE OR REPLACE FUNCTION slm.business_days_add(cal slm.calendar, day date, n integer) RETURNS date
    AS 'MODULE_PATHNAME', 'slm_business_days_add' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION slm.business_days_add(slm.calendar, date, integer) IS
    'The n-th date with open time after day (before it, for negative n)';

-- Comments on the type's I/O functions, operators and operator classes.
COMMENT ON FUNCTION slm.calendar_in(cstring) IS 'Text input of slm.calendar';
COMMENT ON FUNCTION slm.calendar_out(slm.calendar) IS 'Text output of slm.calendar (canonical form)';
COMMENT ON FUNCTION slm.calendar_recv(internal) IS 'Binary input of slm.calendar (checked)';
COMMENT ON FUNCTION slm.calendar_send(slm.calendar) IS 'Binary output of slm.calendar';
COMMENT ON OPERATOR slm.= (slm.calendar, slm.calendar) IS 'Calendars are equal (same canonical form)';
COMMENT ON OPERATOR slm.<> (slm.calendar, slm.calendar) IS 'Calendars differ';
COMMENT ON OPERATOR slm.< (slm.calendar, slm.calendar) IS 'Less than, in the order of canonical bytes';
COMMENT ON OPERATOR slm.<= (slm.calendar, slm.calendar) IS 'Less than or equal, in the order of canonical bytes';
COMMENT ON OPERATOR slm.> (slm.calendar, slm.calendar) IS 'Greater than, in the order of canonical bytes';
COMMENT ON OPERATOR slm.>= (slm.calendar, slm.calendar) IS 'Greater than or equal, in the order of canonical bytes';
COMMENT ON OPERATOR CLASS slm.calendar_ops USING btree IS
    'Sorting, grouping and btree indexes on calendars, by canonical bytes';
COMMENT ON OPERATOR CLASS slm.calendar_hash_ops USING hash IS
    'Hash joins, hash aggregation and hash indexes on calendars';
