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
COMMENT ON FUNCTION slm.target_in(cstring) IS 'Text input of slm.target';
COMMENT ON FUNCTION slm.target_out(slm.target) IS 'Text output of slm.target (canonical form)';
COMMENT ON FUNCTION slm.target_recv(internal) IS 'Binary input of slm.target (checked)';
COMMENT ON FUNCTION slm.target_send(slm.target) IS 'Binary output of slm.target';

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
    'An SLA target: a business-time duration or a number of business days on a calendar, with a compliance goal and a warning threshold';

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

CREATE FUNCTION slm.target(duration interval, calendar slm.calendar DEFAULT '24x7',
                           goal float8 DEFAULT NULL, warn float8 DEFAULT NULL)
    RETURNS slm.target
    AS 'MODULE_PATHNAME', 'slm_target_construct' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION slm.target(interval, slm.calendar, float8, float8) IS
    'Builds a target; goal and warn are fractions (0.95), kept to six decimals';

CREATE FUNCTION slm.business_days_target(days integer, calendar slm.calendar DEFAULT '24x7',
                                       goal float8 DEFAULT NULL, warn float8 DEFAULT NULL)
    RETURNS slm.target
    AS 'MODULE_PATHNAME', 'slm_business_days_target' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION slm.business_days_target(integer, slm.calendar, float8, float8) IS
    'Builds a target of N business days; goal and warn are fractions (0.95), kept to six decimals';

CREATE FUNCTION slm.target_duration(target slm.target) RETURNS interval
    AS 'MODULE_PATHNAME', 'slm_target_duration' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION slm.target_duration(slm.target) IS 'The target''s business-time duration; NULL for a target in business days';
CREATE FUNCTION slm.target_business_days(target slm.target) RETURNS integer
    AS 'MODULE_PATHNAME', 'slm_target_business_days' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION slm.target_business_days(slm.target) IS 'N of a target of N business days; NULL for a duration target';
CREATE FUNCTION slm.target_calendar(target slm.target) RETURNS slm.calendar
    AS 'MODULE_PATHNAME', 'slm_target_calendar' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION slm.target_calendar(slm.target) IS 'The calendar the target''s clock runs on';
CREATE FUNCTION slm.target_goal(target slm.target) RETURNS float8
    AS 'MODULE_PATHNAME', 'slm_target_goal' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION slm.target_goal(slm.target) IS 'The compliance goal as a fraction, or NULL';
CREATE FUNCTION slm.target_warn(target slm.target) RETURNS float8
    AS 'MODULE_PATHNAME', 'slm_target_warn' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION slm.target_warn(slm.target) IS 'The warning threshold as a fraction of the duration, or NULL';

CREATE FUNCTION slm.deadline(target slm.target, start timestamptz) RETURNS timestamptz
    AS 'MODULE_PATHNAME', 'slm_deadline' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION slm.deadline(slm.target, timestamptz) IS
    'When the target''s duration runs out for a clock started at start';
CREATE FUNCTION slm.deadline(target slm.target, start timestamptz, paused tstzmultirange) RETURNS timestamptz
    AS 'MODULE_PATHNAME', 'slm_deadline' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION slm.deadline(slm.target, timestamptz, tstzmultirange) IS
    'Deadline with paused time not counting (NULL paused: no pause; NULL when a pause has no end)';

CREATE FUNCTION slm.elapsed(target slm.target, start timestamptz, stop timestamptz) RETURNS interval
    AS 'MODULE_PATHNAME', 'slm_elapsed' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION slm.elapsed(slm.target, timestamptz, timestamptz) IS
    'Business time on the target''s calendar from start to stop; NULL when stop is before start';
CREATE FUNCTION slm.elapsed(target slm.target, start timestamptz, stop timestamptz, paused tstzmultirange)
    RETURNS interval
    AS 'MODULE_PATHNAME', 'slm_elapsed' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION slm.elapsed(slm.target, timestamptz, timestamptz, tstzmultirange) IS
    'Business time from start to stop, paused time excluded (NULL paused: no pause); NULL when stop is before start';

CREATE FUNCTION slm.remaining(target slm.target, start timestamptz, at timestamptz) RETURNS interval
    AS 'MODULE_PATHNAME', 'slm_remaining' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION slm.remaining(slm.target, timestamptz, timestamptz) IS
    'Business time from instant at to the deadline; negative once open time has passed after it, 0 from a deadline at closing time to the next opening';
CREATE FUNCTION slm.remaining(target slm.target, start timestamptz, at timestamptz, paused tstzmultirange)
    RETURNS interval
    AS 'MODULE_PATHNAME', 'slm_remaining' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION slm.remaining(slm.target, timestamptz, timestamptz, tstzmultirange) IS
    'Business time from instant at to the deadline, paused time excluded (NULL paused: no pause)';

CREATE FUNCTION slm.status(target slm.target, start timestamptz, stop timestamptz, at timestamptz)
    RETURNS text
    AS 'MODULE_PATHNAME', 'slm_status' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION slm.status(slm.target, timestamptz, timestamptz, timestamptz) IS
    'met, breached (stop after the deadline) or invalid (stop before start) when stop is set; else breached (at after the deadline), at_risk or running as judged at instant at';
CREATE FUNCTION slm.status(target slm.target, start timestamptz, stop timestamptz, at timestamptz,
                           paused tstzmultirange)
    RETURNS text
    AS 'MODULE_PATHNAME', 'slm_status' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION slm.status(slm.target, timestamptz, timestamptz, timestamptz, tstzmultirange) IS
    'Status with paused time not counting (NULL paused: no pause); breached means after the deadline';

