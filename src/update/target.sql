
-- ---------------------------------------------------------------------
-- slm.target
-- ---------------------------------------------------------------------

-- A clock is breached when it stops, or is judged, after its deadline; a
-- stop before the start is invalid and has no elapsed time.
COMMENT ON FUNCTION slm.elapsed(slm.target, timestamptz, timestamptz) IS
    'Business time on the target''s calendar from start to stop; NULL when stop is before start';
COMMENT ON FUNCTION slm.elapsed(slm.target, timestamptz, timestamptz, tstzmultirange) IS
    'Business time from start to stop, paused time excluded (NULL paused: no pause); NULL when stop is before start';
COMMENT ON FUNCTION slm.remaining(slm.target, timestamptz, timestamptz) IS
    'Business time from instant at to the deadline; negative once open time has passed after it, 0 from a deadline at closing time to the next opening';
COMMENT ON FUNCTION slm.remaining(slm.target, timestamptz, timestamptz, tstzmultirange) IS
    'Business time from instant at to the deadline, paused time excluded (NULL paused: no pause)';
COMMENT ON FUNCTION slm.status(slm.target, timestamptz, timestamptz, timestamptz) IS
    'met, breached (stop after the deadline) or invalid (stop before start) when stop is set; else breached (at after the deadline), at_risk or running as judged at instant at';
COMMENT ON FUNCTION slm.status(slm.target, timestamptz, timestamptz, timestamptz, tstzmultirange) IS
    'Status with paused time not counting (NULL paused: no pause); breached means after the deadline';

-- Arguments named as the documentation names them (adding names to
-- unnamed arguments keeps every existing call valid).
CREATE OR REPLACE FUNCTION slm.target_duration(target slm.target) RETURNS interval
    AS 'MODULE_PATHNAME', 'slm_target_duration' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE OR REPLACE FUNCTION slm.target_calendar(target slm.target) RETURNS slm.calendar
    AS 'MODULE_PATHNAME', 'slm_target_calendar' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE OR REPLACE FUNCTION slm.target_goal(target slm.target) RETURNS float8
    AS 'MODULE_PATHNAME', 'slm_target_goal' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE OR REPLACE FUNCTION slm.target_warn(target slm.target) RETURNS float8
    AS 'MODULE_PATHNAME', 'slm_target_warn' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE OR REPLACE FUNCTION slm.deadline(target slm.target, start timestamptz) RETURNS timestamptz
    AS 'MODULE_PATHNAME', 'slm_deadline' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE OR REPLACE FUNCTION slm.deadline(target slm.target, start timestamptz, paused tstzmultirange) RETURNS timestamptz
    AS 'MODULE_PATHNAME', 'slm_deadline' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE OR REPLACE FUNCTION slm.elapsed(target slm.target, start timestamptz, stop timestamptz) RETURNS interval
    AS 'MODULE_PATHNAME', 'slm_elapsed' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE OR REPLACE FUNCTION slm.elapsed(target slm.target, start timestamptz, stop timestamptz, paused tstzmultirange)
    RETURNS interval
    AS 'MODULE_PATHNAME', 'slm_elapsed' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE OR REPLACE FUNCTION slm.remaining(target slm.target, start timestamptz, at timestamptz) RETURNS interval
    AS 'MODULE_PATHNAME', 'slm_remaining' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE OR REPLACE FUNCTION slm.remaining(target slm.target, start timestamptz, at timestamptz, paused tstzmultirange)
    RETURNS interval
    AS 'MODULE_PATHNAME', 'slm_remaining' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE OR REPLACE FUNCTION slm.status(target slm.target, start timestamptz, stop timestamptz, at timestamptz)
    RETURNS text
    AS 'MODULE_PATHNAME', 'slm_status' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE OR REPLACE FUNCTION slm.status(target slm.target, start timestamptz, stop timestamptz, at timestamptz,
                           paused tstzmultirange)
    RETURNS text
    AS 'MODULE_PATHNAME', 'slm_status' LANGUAGE C IMMUTABLE PARALLEL SAFE;

-- Comments on the type's I/O functions, operators and operator classes.
COMMENT ON FUNCTION slm.target_in(cstring) IS 'Text input of slm.target';
COMMENT ON FUNCTION slm.target_out(slm.target) IS 'Text output of slm.target (canonical form)';
COMMENT ON FUNCTION slm.target_recv(internal) IS 'Binary input of slm.target (checked)';
COMMENT ON FUNCTION slm.target_send(slm.target) IS 'Binary output of slm.target';
COMMENT ON OPERATOR slm.= (slm.target, slm.target) IS 'Targets are equal (same canonical form)';
COMMENT ON OPERATOR slm.<> (slm.target, slm.target) IS 'Targets differ';
COMMENT ON OPERATOR slm.< (slm.target, slm.target) IS 'Less than, in the order of canonical bytes';
COMMENT ON OPERATOR slm.<= (slm.target, slm.target) IS 'Less than or equal, in the order of canonical bytes';
COMMENT ON OPERATOR slm.> (slm.target, slm.target) IS 'Greater than, in the order of canonical bytes';
COMMENT ON OPERATOR slm.>= (slm.target, slm.target) IS 'Greater than or equal, in the order of canonical bytes';
COMMENT ON OPERATOR CLASS slm.target_ops USING btree IS
    'Sorting, grouping and btree indexes on targets, by canonical bytes';
COMMENT ON OPERATOR CLASS slm.target_hash_ops USING hash IS
    'Hash joins, hash aggregation and hash indexes on targets';

-- Targets in business days ("2 business days on (...)").
COMMENT ON TYPE slm.target IS
    'An SLA target: a business-time duration or a number of business days on a calendar, with a compliance goal and a warning threshold';
CREATE FUNCTION slm.target_business_days(target slm.target) RETURNS integer
    AS 'MODULE_PATHNAME', 'slm_target_business_days' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION slm.target_business_days(slm.target) IS 'N of a target of N business days; NULL for a duration target';
COMMENT ON FUNCTION slm.target_duration(slm.target) IS 'The target''s business-time duration; NULL for a target in business days';
CREATE FUNCTION slm.business_days_target(days integer, calendar slm.calendar DEFAULT '24x7',
                                       goal float8 DEFAULT NULL, warn float8 DEFAULT NULL)
    RETURNS slm.target
    AS 'MODULE_PATHNAME', 'slm_business_days_target' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION slm.business_days_target(integer, slm.calendar, float8, float8) IS
    'Builds a target of N business days; goal and warn are fractions (0.95), kept to six decimals';
