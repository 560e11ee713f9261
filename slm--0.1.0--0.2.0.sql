-- slm 0.1.0 -> 0.2.0
\echo Use "ALTER EXTENSION slm UPDATE TO '0.2.0'" to load this file. \quit

-- Each section below is the upgrade part of one module (src/update/<module>.sql),
-- in the order of the install script.

-- ---------------------------------------------------------------------
-- The schema
-- ---------------------------------------------------------------------

-- Every function of slm is harmless to call; the schema is usable by all.
GRANT USAGE ON SCHEMA slm TO PUBLIC;

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
-- ---------------------------------------------------------------------
-- Underpinning: does a chain of OLAs and contracts support an SLA?
-- ---------------------------------------------------------------------

CREATE FUNCTION slm.underpinning(sla slm.target, chain slm.target[], starts tstzrange,
                                 OUT holds boolean, OUT worst_slack interval,
                                 OUT worst_start timestamptz, OUT fit float8)
    RETURNS record
    AS 'MODULE_PATHNAME', 'slm_underpinning' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION slm.underpinning(slm.target, slm.target[], tstzrange) IS
    'Whether the chain of targets, each stage starting at the previous stage''s deadline, ends by the SLA''s deadline for every start in the range; the least slack (business time on the SLA''s calendar, negative when overrun, NULL when a stage never ends), the earliest start with it, and the share of the SLA''s business time in the range whose starts are supported';

CREATE FUNCTION slm.underpinning_gaps(sla slm.target, chain slm.target[], starts tstzrange)
    RETURNS TABLE (gap tstzrange, worst_slack interval, worst_start timestamptz)
    AS 'MODULE_PATHNAME', 'slm_underpinning_gaps' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
    ROWS 10;
COMMENT ON FUNCTION slm.underpinning_gaps(slm.target, slm.target[], tstzrange) IS
    'The maximal ranges of starts for which the chain of targets does not end by the SLA''s deadline, with the least slack in each and the earliest start with it';

-- ---------------------------------------------------------------------
-- slm.track_sla() and slm.sweep()
-- ---------------------------------------------------------------------

COMMENT ON FUNCTION slm.track_sla() IS
    'BEFORE INSERT OR UPDATE row trigger: start=, stop=, paused=, target= or policy= with match=, missing=, policy_target= and valid= or agreement= with metric= and missing=, on_change= with clock_start=, due=, breached=, status=, notify=, events=';

-- sweep is now written in C: it reads trigger arguments with the trigger's
-- own parser, runs as the table's owner and updates only stale rows.
CREATE OR REPLACE FUNCTION slm.sweep(tbl regclass) RETURNS bigint
    AS 'MODULE_PATHNAME', 'slm_sweep' LANGUAGE C VOLATILE STRICT;
COMMENT ON FUNCTION slm.sweep(regclass) IS
    'Re-applies the track_sla triggers of a table to the open rows whose due time, flag or status is stale; returns the rows updated';

-- ---------------------------------------------------------------------
-- slm.outages and slm.availability_state
-- ---------------------------------------------------------------------

-- Support functions of the aggregates follow one naming scheme,
-- <aggregate>_trans, <aggregate>_combine and <aggregate>_final, and so do
-- their C functions (prefixed slm_). The aggregates refer to their support
-- functions by OID and keep working when these are renamed; CREATE OR
-- REPLACE then points each at its new C name. The old C names stay in the
-- library for installations not yet upgraded.
ALTER FUNCTION slm.outage_agg_transfn(slm.outages, tstzrange) RENAME TO outage_agg_trans;
ALTER FUNCTION slm.outage_agg_combinefn(slm.outages, slm.outages) RENAME TO outage_agg_combine;
ALTER FUNCTION slm.outage_agg_finalfn(slm.outages) RENAME TO outage_agg_final;
CREATE OR REPLACE FUNCTION slm.outage_agg_trans(slm.outages, tstzrange) RETURNS slm.outages
    AS 'MODULE_PATHNAME', 'slm_outage_agg_trans' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE OR REPLACE FUNCTION slm.outage_agg_combine(slm.outages, slm.outages) RETURNS slm.outages
    AS 'MODULE_PATHNAME', 'slm_outage_agg_combine' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE OR REPLACE FUNCTION slm.outage_agg_final(slm.outages) RETURNS slm.outages
    AS 'MODULE_PATHNAME', 'slm_outage_agg_final' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION slm.outage_agg_trans(slm.outages, tstzrange) IS
    'Transition function of slm.outage_agg: adds one outage range';
COMMENT ON FUNCTION slm.outage_agg_combine(slm.outages, slm.outages) IS
    'Merges two outage summaries (NULL is no outages): the union; combine function of slm.outage_agg and slm.rollup, and transition function of slm.rollup';
COMMENT ON FUNCTION slm.outage_agg_final(slm.outages) IS
    'Final function of slm.outage_agg and slm.rollup: the sorted, merged outages';

-- slm.rollup(slm.outages) adds summaries with outage_agg's combine
-- function, as the other rollups do with theirs: its own transition
-- function, rollup_transfn, was the same union under another name. An
-- aggregate's transition function cannot be altered, and dropping the
-- aggregate would break the views that use it, so its catalog entry is
-- changed in place. The aggregate already depends on outage_agg_combine,
-- its combine function; its dependency on rollup_transfn goes.
UPDATE pg_catalog.pg_aggregate
SET aggtransfn = 'slm.outage_agg_combine(slm.outages, slm.outages)'::pg_catalog.regprocedure
WHERE aggfnoid OPERATOR(pg_catalog.=) 'slm.rollup(slm.outages)'::pg_catalog.regprocedure;
DELETE FROM pg_catalog.pg_depend
WHERE classid OPERATOR(pg_catalog.=) 'pg_catalog.pg_proc'::pg_catalog.regclass
  AND objid OPERATOR(pg_catalog.=) 'slm.rollup(slm.outages)'::pg_catalog.regprocedure
  AND refclassid OPERATOR(pg_catalog.=) 'pg_catalog.pg_proc'::pg_catalog.regclass
  AND refobjid OPERATOR(pg_catalog.=) 'slm.rollup_transfn(slm.outages, slm.outages)'::pg_catalog.regprocedure;
DROP FUNCTION slm.rollup_transfn(slm.outages, slm.outages);

ALTER FUNCTION slm.availability_agg_transfn(slm.availability_state, tstzrange, slm.calendar, tstzrange)
    RENAME TO availability_agg_trans;
ALTER FUNCTION slm.availability_agg_combinefn(slm.availability_state, slm.availability_state)
    RENAME TO availability_agg_combine;
ALTER FUNCTION slm.availability_agg_finalfn(slm.availability_state) RENAME TO availability_agg_final;
CREATE OR REPLACE FUNCTION slm.availability_agg_trans(slm.availability_state, tstzrange, slm.calendar, tstzrange)
    RETURNS slm.availability_state
    AS 'MODULE_PATHNAME', 'slm_availability_agg_trans' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE OR REPLACE FUNCTION slm.availability_agg_combine(slm.availability_state, slm.availability_state)
    RETURNS slm.availability_state
    AS 'MODULE_PATHNAME', 'slm_availability_agg_combine' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE OR REPLACE FUNCTION slm.availability_agg_final(slm.availability_state) RETURNS float8
    AS 'MODULE_PATHNAME', 'slm_availability_agg_final' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION slm.availability_agg_trans(slm.availability_state, tstzrange, slm.calendar, tstzrange) IS
    'Transition function of slm.availability_agg: adds one row';
COMMENT ON FUNCTION slm.availability_agg_combine(slm.availability_state, slm.availability_state) IS
    'Combine function of slm.availability_agg: the union of two partial states of one group';
COMMENT ON FUNCTION slm.availability_agg_final(slm.availability_state) IS
    'Final function of slm.availability_agg: the availability of the state';

-- ---------------------------------------------------------------------
-- slm.compliance
-- ---------------------------------------------------------------------

-- Rows that cannot be judged are counted as invalid instead of raising an
-- error. Summaries stored by 0.1.0 (format version 1) are read as having
-- no invalid rows.
COMMENT ON TYPE slm.compliance IS
    'A compliance summary: met, breached, open and invalid counts, the targets'' goal, and the business time the stopped clocks took';
COMMENT ON AGGREGATE slm.compliance_agg(slm.target, timestamptz, timestamptz) IS
    'Summary of clocks: met or breached when stopped, open when stop is NULL, invalid when stop is before start; rows with a NULL target or start are skipped';
COMMENT ON FUNCTION slm.total(slm.compliance) IS 'Rows judged: met + breached + open (invalid rows are not counted)';
CREATE FUNCTION slm.invalid(slm.compliance) RETURNS bigint
    AS 'MODULE_PATHNAME', 'slm_compliance_invalid' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION slm.invalid(slm.compliance) IS
    'Rows that could not be judged (a stop before the start, an infinite instant), outside met, breached and open';

-- Arguments named as the documentation names them (adding names to
-- unnamed arguments keeps every existing call valid).
CREATE OR REPLACE FUNCTION slm.total(c slm.compliance) RETURNS bigint
    AS 'MODULE_PATHNAME', 'slm_compliance_total' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE OR REPLACE FUNCTION slm.met(c slm.compliance) RETURNS bigint
    AS 'MODULE_PATHNAME', 'slm_compliance_met' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE OR REPLACE FUNCTION slm.breached(c slm.compliance) RETURNS bigint
    AS 'MODULE_PATHNAME', 'slm_compliance_breached' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE OR REPLACE FUNCTION slm.open(c slm.compliance) RETURNS bigint
    AS 'MODULE_PATHNAME', 'slm_compliance_open' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE OR REPLACE FUNCTION slm.invalid(c slm.compliance) RETURNS bigint
    AS 'MODULE_PATHNAME', 'slm_compliance_invalid' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE OR REPLACE FUNCTION slm.compliance(c slm.compliance) RETURNS float8
    AS 'MODULE_PATHNAME', 'slm_compliance_ratio' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE OR REPLACE FUNCTION slm.goal(c slm.compliance) RETURNS float8
    AS 'MODULE_PATHNAME', 'slm_compliance_goal' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE OR REPLACE FUNCTION slm.goal_met(c slm.compliance) RETURNS boolean
    AS 'MODULE_PATHNAME', 'slm_compliance_goal_met' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE OR REPLACE FUNCTION slm.error_budget(c slm.compliance) RETURNS float8
    AS 'MODULE_PATHNAME', 'slm_compliance_error_budget' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE OR REPLACE FUNCTION slm.error_budget(c slm.compliance, goal float8) RETURNS float8
    AS 'MODULE_PATHNAME', 'slm_compliance_error_budget' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE OR REPLACE FUNCTION slm.burn_rate(c slm.compliance) RETURNS float8
    AS 'MODULE_PATHNAME', 'slm_compliance_burn_rate' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE OR REPLACE FUNCTION slm.burn_rate(c slm.compliance, goal float8) RETURNS float8
    AS 'MODULE_PATHNAME', 'slm_compliance_burn_rate' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE OR REPLACE FUNCTION slm.mean_elapsed(c slm.compliance) RETURNS interval
    AS 'MODULE_PATHNAME', 'slm_compliance_mean_elapsed' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE OR REPLACE FUNCTION slm.max_elapsed(c slm.compliance) RETURNS interval
    AS 'MODULE_PATHNAME', 'slm_compliance_max_elapsed' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

-- Support functions of the aggregates follow one naming scheme,
-- <aggregate>_trans, <aggregate>_combine and <aggregate>_final, and so do
-- their C functions (prefixed slm_). The aggregates refer to their support
-- functions by OID and keep working when these are renamed; CREATE OR
-- REPLACE then points each at its new C name. The old C names stay in the
-- library for installations not yet upgraded.
ALTER FUNCTION slm.compliance_trans(slm.compliance, slm.target, timestamptz, timestamptz)
    RENAME TO compliance_agg_trans;
ALTER FUNCTION slm.compliance_trans(slm.compliance, slm.target, timestamptz, timestamptz, tstzmultirange)
    RENAME TO compliance_agg_trans;
ALTER FUNCTION slm.compliance_trans(slm.compliance, slm.target, timestamptz, timestamptz, timestamptz)
    RENAME TO compliance_agg_trans;
ALTER FUNCTION slm.compliance_trans(slm.compliance, slm.target, timestamptz, timestamptz, timestamptz,
                                    tstzmultirange)
    RENAME TO compliance_agg_trans;
ALTER FUNCTION slm.compliance_trans(slm.compliance, boolean) RENAME TO compliance_agg_trans;
ALTER FUNCTION slm.compliance_combine(slm.compliance, slm.compliance) RENAME TO compliance_agg_combine;
CREATE OR REPLACE FUNCTION slm.compliance_agg_trans(slm.compliance, slm.target, timestamptz, timestamptz)
    RETURNS slm.compliance
    AS 'MODULE_PATHNAME', 'slm_compliance_agg_trans' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE OR REPLACE FUNCTION slm.compliance_agg_trans(slm.compliance, slm.target, timestamptz, timestamptz,
                                                    tstzmultirange)
    RETURNS slm.compliance
    AS 'MODULE_PATHNAME', 'slm_compliance_agg_trans' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE OR REPLACE FUNCTION slm.compliance_agg_trans(slm.compliance, slm.target, timestamptz, timestamptz,
                                                    timestamptz)
    RETURNS slm.compliance
    AS 'MODULE_PATHNAME', 'slm_compliance_agg_trans_at' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE OR REPLACE FUNCTION slm.compliance_agg_trans(slm.compliance, slm.target, timestamptz, timestamptz,
                                                    timestamptz, tstzmultirange)
    RETURNS slm.compliance
    AS 'MODULE_PATHNAME', 'slm_compliance_agg_trans_at' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE OR REPLACE FUNCTION slm.compliance_agg_trans(slm.compliance, boolean) RETURNS slm.compliance
    AS 'MODULE_PATHNAME', 'slm_compliance_agg_trans_met' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE OR REPLACE FUNCTION slm.compliance_agg_combine(slm.compliance, slm.compliance) RETURNS slm.compliance
    AS 'MODULE_PATHNAME', 'slm_compliance_agg_combine' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION slm.compliance_agg_trans(slm.compliance, slm.target, timestamptz, timestamptz) IS
    'Transition function of slm.compliance_agg(target, start, stop)';
COMMENT ON FUNCTION slm.compliance_agg_trans(slm.compliance, slm.target, timestamptz, timestamptz, tstzmultirange) IS
    'Transition function of slm.compliance_agg(target, start, stop, paused)';
COMMENT ON FUNCTION slm.compliance_agg_trans(slm.compliance, slm.target, timestamptz, timestamptz, timestamptz) IS
    'Transition function of slm.compliance_agg(target, start, stop, at)';
COMMENT ON FUNCTION slm.compliance_agg_trans(slm.compliance, slm.target, timestamptz, timestamptz, timestamptz,
                                             tstzmultirange) IS
    'Transition function of slm.compliance_agg(target, start, stop, at, paused)';
COMMENT ON FUNCTION slm.compliance_agg_trans(slm.compliance, boolean) IS
    'Transition function of slm.compliance_agg(met)';
COMMENT ON FUNCTION slm.compliance_agg_combine(slm.compliance, slm.compliance) IS
    'Merges two summaries (NULL is the summary of no rows); combine function of the summary aggregates';
-- ---------------------------------------------------------------------
-- Clocks over held time: the time one support group held a ticket, over
-- any number of stints, as a tstzmultirange. Each is the start/stop/paused
-- form with start = lower(held), stop = upper(held) when stopped, and the
-- gaps between the ranges paused.
-- ---------------------------------------------------------------------

CREATE FUNCTION slm.held_deadline(target slm.target, held tstzmultirange) RETURNS timestamptz
    AS 'MODULE_PATHNAME', 'slm_held_deadline' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION slm.held_deadline(slm.target, tstzmultirange) IS
    'Deadline of a clock that runs only inside held: slm.deadline(target, lower(held), gaps between its ranges); NULL for an empty held';
CREATE FUNCTION slm.held_elapsed(target slm.target, held tstzmultirange) RETURNS interval
    AS 'MODULE_PATHNAME', 'slm_held_elapsed' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION slm.held_elapsed(slm.target, tstzmultirange) IS
    'Business time inside held on the target''s calendar: slm.elapsed(target, lower(held), upper(held), gaps between its ranges); NULL for an empty held';
CREATE FUNCTION slm.held_status(target slm.target, held tstzmultirange, stopped boolean, at timestamptz)
    RETURNS text
    AS 'MODULE_PATHNAME', 'slm_held_status' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION slm.held_status(slm.target, tstzmultirange, boolean, timestamptz) IS
    'Status of a clock that runs only inside held: slm.status(target, lower(held), upper(held) when stopped else NULL, at, gaps between its ranges)';

CREATE FUNCTION slm.held_compliance_agg_trans(slm.compliance, slm.target, tstzmultirange, boolean)
    RETURNS slm.compliance
    AS 'MODULE_PATHNAME', 'slm_held_compliance_agg_trans' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION slm.held_compliance_agg_trans(slm.compliance, slm.target, tstzmultirange, boolean,
                                              timestamptz)
    RETURNS slm.compliance
    AS 'MODULE_PATHNAME', 'slm_held_compliance_agg_trans' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION slm.held_compliance_agg_trans(slm.compliance, slm.target, tstzmultirange, boolean) IS
    'Transition function of slm.held_compliance_agg(target, held, stopped)';
COMMENT ON FUNCTION slm.held_compliance_agg_trans(slm.compliance, slm.target, tstzmultirange, boolean,
                                                  timestamptz) IS
    'Transition function of slm.held_compliance_agg(target, held, stopped, at)';

CREATE AGGREGATE slm.held_compliance_agg(target slm.target, held tstzmultirange, stopped boolean) (
    SFUNC = slm.held_compliance_agg_trans,
    STYPE = slm.compliance,
    COMBINEFUNC = slm.compliance_agg_combine,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE slm.held_compliance_agg(slm.target, tstzmultirange, boolean) IS
    'Summary of clocks that run only inside held, as slm.compliance_agg(target, lower(held), upper(held) when stopped else NULL, gaps); NULL or empty held skipped; no lower bound, or no upper bound when stopped, invalid';
CREATE AGGREGATE slm.held_compliance_agg(target slm.target, held tstzmultirange, stopped boolean,
                                         at timestamptz) (
    SFUNC = slm.held_compliance_agg_trans,
    STYPE = slm.compliance,
    COMBINEFUNC = slm.compliance_agg_combine,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE slm.held_compliance_agg(slm.target, tstzmultirange, boolean, timestamptz) IS
    'Summary of clocks over held time judged at instant at: an open clock past its deadline counts as breached';
-- ---------------------------------------------------------------------
-- slm.durations: the distribution of the business time stopped clocks
-- took, built by slm.durations_agg, read by accessors, merged by
-- slm.rollup
-- ---------------------------------------------------------------------

CREATE TYPE slm.durations;

CREATE FUNCTION slm.durations_in(literal cstring) RETURNS slm.durations
    AS 'MODULE_PATHNAME', 'slm_durations_in' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION slm.durations_out(summary slm.durations) RETURNS cstring
    AS 'MODULE_PATHNAME', 'slm_durations_out' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION slm.durations_recv(buffer internal) RETURNS slm.durations
    AS 'MODULE_PATHNAME', 'slm_durations_recv' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION slm.durations_send(summary slm.durations) RETURNS bytea
    AS 'MODULE_PATHNAME', 'slm_durations_send' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION slm.durations_in(cstring) IS 'Text input of slm.durations (checked: sorted buckets, counts, min and max)';
COMMENT ON FUNCTION slm.durations_out(slm.durations) IS 'Canonical text output of slm.durations';
COMMENT ON FUNCTION slm.durations_recv(internal) IS 'Binary input of slm.durations (checked like text input)';
COMMENT ON FUNCTION slm.durations_send(slm.durations) IS 'Binary output of slm.durations (a version byte first)';

CREATE TYPE slm.durations (
    INPUT = slm.durations_in,
    OUTPUT = slm.durations_out,
    RECEIVE = slm.durations_recv,
    SEND = slm.durations_send,
    INTERNALLENGTH = VARIABLE,
    ALIGNMENT = double,
    STORAGE = extended
);
COMMENT ON TYPE slm.durations IS
    'A durations summary: the distribution of the business time stopped clocks took (within 1%), and counts of running clocks and invalid rows';

-- transition, combine and final functions of the aggregates
CREATE FUNCTION slm.durations_agg_trans(state slm.durations, target slm.target, start timestamptz, stop timestamptz)
    RETURNS slm.durations
    AS 'MODULE_PATHNAME', 'slm_durations_agg_trans' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION slm.durations_agg_trans(state slm.durations, target slm.target, start timestamptz, stop timestamptz,
                                        paused tstzmultirange)
    RETURNS slm.durations
    AS 'MODULE_PATHNAME', 'slm_durations_agg_trans' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION slm.durations_agg_combine(a slm.durations, b slm.durations) RETURNS slm.durations
    AS 'MODULE_PATHNAME', 'slm_durations_agg_combine' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION slm.durations_agg_final(state slm.durations) RETURNS slm.durations
    AS 'MODULE_PATHNAME', 'slm_durations_agg_final' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION slm.durations_agg_trans(slm.durations, slm.target, timestamptz, timestamptz) IS
    'Transition function of slm.durations_agg(target, start, stop)';
COMMENT ON FUNCTION slm.durations_agg_trans(slm.durations, slm.target, timestamptz, timestamptz, tstzmultirange) IS
    'Transition function of slm.durations_agg(target, start, stop, paused)';
COMMENT ON FUNCTION slm.durations_agg_combine(slm.durations, slm.durations) IS
    'Merges two summaries (NULL is the summary of no rows); combine function of the durations aggregates';
COMMENT ON FUNCTION slm.durations_agg_final(slm.durations) IS
    'Final function of the durations aggregates: the summary in its compact stored form';

-- the aggregates
CREATE AGGREGATE slm.durations_agg(target slm.target, start timestamptz, stop timestamptz) (
    SFUNC = slm.durations_agg_trans,
    STYPE = slm.durations,
    FINALFUNC = slm.durations_agg_final,
    COMBINEFUNC = slm.durations_agg_combine,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE slm.durations_agg(slm.target, timestamptz, timestamptz) IS
    'Distribution of the business time stopped clocks took; running (stop NULL) and invalid (stop before start) rows counted apart; rows with a NULL target or start skipped';
CREATE AGGREGATE slm.durations_agg(target slm.target, start timestamptz, stop timestamptz,
                                   paused tstzmultirange) (
    SFUNC = slm.durations_agg_trans,
    STYPE = slm.durations,
    FINALFUNC = slm.durations_agg_final,
    COMBINEFUNC = slm.durations_agg_combine,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE slm.durations_agg(slm.target, timestamptz, timestamptz, tstzmultirange) IS
    'Distribution of the business time stopped clocks took, paused time not counting (NULL paused: no pause)';
CREATE AGGREGATE slm.rollup(slm.durations) (
    SFUNC = slm.durations_agg_combine,
    STYPE = slm.durations,
    FINALFUNC = slm.durations_agg_final,
    COMBINEFUNC = slm.durations_agg_combine,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE slm.rollup(slm.durations) IS
    'Merges durations summaries into one, exactly as one pass over all their rows';

-- accessors
CREATE FUNCTION slm.quantile(summary slm.durations, p float8) RETURNS interval
    AS 'MODULE_PATHNAME', 'slm_durations_quantile' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION slm.quantile(slm.durations, float8) IS
    'Business time of the stopped clock at rank max(1, ceil(p * n)), as percentile_disc(p), within 1%; NULL without stopped clocks';
CREATE FUNCTION slm.share_within(summary slm.durations, duration interval) RETURNS float8
    AS 'MODULE_PATHNAME', 'slm_durations_share_within' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION slm.share_within(slm.durations, interval) IS
    'Share of the stopped clocks that took at most duration (the compliance a target of that duration would have had); NULL without stopped clocks';
CREATE FUNCTION slm.achievable(summary slm.durations, goal float8) RETURNS interval
    AS 'MODULE_PATHNAME', 'slm_durations_achievable' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION slm.achievable(slm.durations, float8) IS
    'Shortest duration that at least the goal share of the stopped clocks met, within 1%; NULL without stopped clocks';
CREATE FUNCTION slm.total(summary slm.durations) RETURNS bigint
    AS 'MODULE_PATHNAME', 'slm_durations_total' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION slm.total(slm.durations) IS 'Clocks summarized: stopped + running (invalid rows not included)';
CREATE FUNCTION slm.running(summary slm.durations) RETURNS bigint
    AS 'MODULE_PATHNAME', 'slm_durations_running' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION slm.running(slm.durations) IS 'Clocks still running (no stop), not in the distribution';
CREATE FUNCTION slm.invalid(summary slm.durations) RETURNS bigint
    AS 'MODULE_PATHNAME', 'slm_durations_invalid' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION slm.invalid(slm.durations) IS
    'Rows skipped as impossible clocks: a stop before the start, or an infinite start or stop';

-- ----------------------------------------------------------------------
-- Kano questionnaire analysis (src/kano.c)
-- ----------------------------------------------------------------------

-- Rows that cannot be judged are counted as invalid instead of stopping the
-- aggregate; importance sums are exact. The stored form changed (version 2);
-- values of version 1 are converted when read.

CREATE FUNCTION slm.invalid(k slm.kano)
RETURNS bigint
AS 'MODULE_PATHNAME', 'slm_kano_invalid'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION slm.invalid(slm.kano) IS
'Rows left out because a value could not be judged: an answer that is not one, or an importance that is negative, NaN or above 10^12';

COMMENT ON FUNCTION slm.kano_category(text, text, text) IS
'Kano category (A, O, M, I, R or Q) of a functional and a dysfunctional answer given as labels (like, must-be, neutral, live-with, dislike, the wordings of Berger et al. such as I like it that way, or a synonym); table standard or pouliot';

COMMENT ON TYPE slm.kano IS
'Summary of Kano questionnaire answers for one feature: category counts, answer distributions, skipped and invalid rows and exact importance sums';

COMMENT ON AGGREGATE slm.kano_agg(integer, integer) IS
'Summarises Kano answers coded 1 to 5 (rows with a NULL answer are counted as skipped, rows with another code as invalid)';

COMMENT ON AGGREGATE slm.kano_agg(integer, integer, float8) IS
'Summarises Kano answers coded 1 to 5 with each respondent''s self-stated importance (NULL if not given; rounded to the millionth; rows with another code, or an importance that is negative, NaN or above 10^12, are counted as invalid)';

COMMENT ON AGGREGATE slm.kano_agg(text, text) IS
'Summarises Kano answers given as labels (rows with a NULL answer are counted as skipped, rows with an unrecognised answer as invalid)';

COMMENT ON AGGREGATE slm.kano_agg(text, text, float8) IS
'Summarises Kano answers given as labels with each respondent''s self-stated importance (NULL if not given; rounded to the millionth; rows with an unrecognised answer, or an importance that is negative, NaN or above 10^12, are counted as invalid)';

COMMENT ON FUNCTION slm.importance(slm.kano) IS
'Mean self-stated importance over the respondents that gave one (each weight rounded to the millionth)';

-- kano_category's third argument is named scheme (TABLE is a reserved
-- word, so the old name had to be double-quoted in named notation).
-- CREATE OR REPLACE cannot rename an argument, and dropping the function
-- would break views that call it; views store calls by position, so
-- renaming the argument in place leaves them intact.
UPDATE pg_catalog.pg_proc
SET proargnames = ARRAY['functional', 'dysfunctional', 'scheme']::pg_catalog.text[]
WHERE oid OPERATOR(pg_catalog.=) ANY (ARRAY[
    'slm.kano_category(integer, integer, text)'::pg_catalog.regprocedure,
    'slm.kano_category(text, text, text)'::pg_catalog.regprocedure]::pg_catalog.oid[]);
COMMENT ON FUNCTION slm.kano_category(integer, integer, text) IS
    'Kano category (A, O, M, I, R or Q) of a functional and a dysfunctional answer coded 1 like, 2 must-be, 3 neutral, 4 live-with, 5 dislike; scheme standard or pouliot';
COMMENT ON FUNCTION slm.kano_category(text, text, text) IS
    'Kano category (A, O, M, I, R or Q) of a functional and a dysfunctional answer given as labels (like, must-be, neutral, live-with, dislike, the wordings of Berger et al. such as I like it that way, or a synonym); scheme standard or pouliot';

-- Support functions of the aggregates follow one naming scheme,
-- <aggregate>_trans, <aggregate>_combine and <aggregate>_final, and so do
-- their C functions (prefixed slm_). The aggregates refer to their support
-- functions by OID and keep working when these are renamed; CREATE OR
-- REPLACE then points each at its new C name. The old C names stay in the
-- library for installations not yet upgraded.
ALTER FUNCTION slm.kano_combine(slm.kano, slm.kano) RENAME TO kano_agg_combine;
CREATE OR REPLACE FUNCTION slm.kano_agg_combine(slm.kano, slm.kano) RETURNS slm.kano
    AS 'MODULE_PATHNAME', 'slm_kano_agg_combine' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION slm.kano_agg_combine(slm.kano, slm.kano) IS
    'Merges two Kano summaries (NULL is ignored); combine function of slm.kano_agg and transition of slm.rollup';

-- ----------------------------------------------------------------------
-- Customer feedback: CSAT and NPS (src/feedback.c)
-- ----------------------------------------------------------------------

-- Scores out of range are counted as invalid instead of stopping the
-- aggregate. The stored forms changed (version 2); values of version 1 are
-- converted when read.

CREATE FUNCTION slm.invalid(c slm.csat)
RETURNS bigint
AS 'MODULE_PATHNAME', 'slm_csat_invalid'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION slm.invalid(slm.csat) IS
'Rows left out because the score was outside 1..scale or the scale below 3';

CREATE FUNCTION slm.invalid(n slm.nps)
RETURNS bigint
AS 'MODULE_PATHNAME', 'slm_nps_invalid'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION slm.invalid(slm.nps) IS
'Rows left out because the score was outside 0..10';

COMMENT ON TYPE slm.csat IS
'Summary of customer satisfaction scores on one 1..scale rating: answers, satisfied answers (top two boxes), the sum of the scores and invalid rows';

COMMENT ON AGGREGATE slm.csat_agg(integer) IS
'Summarises customer satisfaction scores on a 1..5 scale (NULL scores are ignored, scores outside 1..5 counted as invalid)';

COMMENT ON AGGREGATE slm.csat_agg(integer, integer) IS
'Summarises customer satisfaction scores on a 1..scale scale, the same for every row (NULL scores are ignored; a score outside 1..scale or a scale below 3 is counted as invalid)';

COMMENT ON FUNCTION slm.csat_combine(slm.csat, slm.csat) IS
'Merges two CSAT summaries on the same scale (NULL is ignored, and a summary whose rows all had a scale below 3 merges with any); combine function of slm.csat_agg and transition of slm.rollup';

COMMENT ON TYPE slm.nps IS
'Summary of Net Promoter Score answers (0..10): promoters, passives, detractors and invalid rows';

COMMENT ON AGGREGATE slm.nps_agg(integer) IS
'Summarises Net Promoter Score answers 0 to 10 (NULL scores are ignored, scores outside 0..10 counted as invalid)';

-- Support functions of the aggregates follow one naming scheme,
-- <aggregate>_trans, <aggregate>_combine and <aggregate>_final, and so do
-- their C functions (prefixed slm_). The aggregates refer to their support
-- functions by OID and keep working when these are renamed; CREATE OR
-- REPLACE then points each at its new C name. The old C names stay in the
-- library for installations not yet upgraded.
ALTER FUNCTION slm.csat_combine(slm.csat, slm.csat) RENAME TO csat_agg_combine;
CREATE OR REPLACE FUNCTION slm.csat_agg_combine(slm.csat, slm.csat) RETURNS slm.csat
    AS 'MODULE_PATHNAME', 'slm_csat_agg_combine' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION slm.csat_agg_combine(slm.csat, slm.csat) IS
    'Merges two CSAT summaries on the same scale (NULL is ignored, and a summary whose rows all had a scale below 3 merges with any); combine function of slm.csat_agg and transition of slm.rollup';

ALTER FUNCTION slm.nps_combine(slm.nps, slm.nps) RENAME TO nps_agg_combine;
CREATE OR REPLACE FUNCTION slm.nps_agg_combine(slm.nps, slm.nps) RETURNS slm.nps
    AS 'MODULE_PATHNAME', 'slm_nps_agg_combine' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION slm.nps_agg_combine(slm.nps, slm.nps) IS
    'Merges two NPS summaries (NULL is ignored); combine function of slm.nps_agg and transition of slm.rollup';

-- ---------------------------------------------------------------------
-- Service review figures: breaches allowed by a goal, service credits
-- (slm.credit_tiers), the watermelon check, and the instant a clock's
-- outcome belongs to for period reports
-- ---------------------------------------------------------------------

-- Breaches the goal allows among the closed clocks of a summary, exact:
-- floor((met + breached) * (1 - goal)), with the goal in millionths.
CREATE FUNCTION slm.allowed_breaches(c slm.compliance) RETURNS bigint
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
SELECT div((slm.met(c) + slm.breached(c))::numeric
           * (1000000 - round(slm.goal(c) * 1000000)::bigint), 1000000)::bigint
$$;
COMMENT ON FUNCTION slm.allowed_breaches(slm.compliance) IS
    'Breaches the goal allows among the closed clocks: floor((met + breached) * (1 - goal)), exact; NULL without a single goal';

CREATE FUNCTION slm.allowed_breaches(c slm.compliance, goal float8) RETURNS bigint
LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    IF NOT (goal > 0 AND goal <= 1) THEN
        RAISE EXCEPTION 'goal must be a fraction in (0, 1], not %', goal
            USING ERRCODE = 'invalid_parameter_value',
                  HINT = 'Write 99.5% as 0.995.';
    END IF;
    RETURN div((slm.met(c) + slm.breached(c))::numeric
               * (1000000 - round(goal * 1000000)::bigint), 1000000)::bigint;
END
$$;
COMMENT ON FUNCTION slm.allowed_breaches(slm.compliance, float8) IS
    'Breaches the given goal (a fraction, kept to six decimals) allows among the closed clocks';

CREATE FUNCTION slm.breaches_left(c slm.compliance) RETURNS bigint
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
SELECT slm.allowed_breaches(c) - slm.breached(c)
$$;
COMMENT ON FUNCTION slm.breaches_left(slm.compliance) IS
    'Allowed breaches minus breaches: how many more the goal tolerates; negative when overspent';

CREATE FUNCTION slm.breaches_left(c slm.compliance, goal float8) RETURNS bigint
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
SELECT slm.allowed_breaches(c, goal) - slm.breached(c)
$$;
COMMENT ON FUNCTION slm.breaches_left(slm.compliance, float8) IS
    'Breaches left against the given goal; negative when overspent';

-- slm.credit_tiers: a schedule of service credits

CREATE TYPE slm.credit_tiers;

CREATE FUNCTION slm.credit_tiers_in(cstring) RETURNS slm.credit_tiers
    AS 'MODULE_PATHNAME', 'slm_credit_tiers_in' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION slm.credit_tiers_out(slm.credit_tiers) RETURNS cstring
    AS 'MODULE_PATHNAME', 'slm_credit_tiers_out' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION slm.credit_tiers_recv(internal) RETURNS slm.credit_tiers
    AS 'MODULE_PATHNAME', 'slm_credit_tiers_recv' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION slm.credit_tiers_send(slm.credit_tiers) RETURNS bytea
    AS 'MODULE_PATHNAME', 'slm_credit_tiers_send' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION slm.credit_tiers_in(cstring) IS 'Text input of slm.credit_tiers';
COMMENT ON FUNCTION slm.credit_tiers_out(slm.credit_tiers) IS 'Canonical text output of slm.credit_tiers';
COMMENT ON FUNCTION slm.credit_tiers_recv(internal) IS 'Binary input of slm.credit_tiers (checked like text input)';
COMMENT ON FUNCTION slm.credit_tiers_send(slm.credit_tiers) IS 'Binary output of slm.credit_tiers (a version byte first)';

CREATE TYPE slm.credit_tiers (
    INPUT = slm.credit_tiers_in,
    OUTPUT = slm.credit_tiers_out,
    RECEIVE = slm.credit_tiers_recv,
    SEND = slm.credit_tiers_send,
    INTERNALLENGTH = VARIABLE,
    ALIGNMENT = int4,
    STORAGE = plain
);
COMMENT ON TYPE slm.credit_tiers IS
    'A service credit schedule: tiers of a threshold and the credit owed below it, as in ''< 99.9% 10%, < 99% 25%''';

CREATE FUNCTION slm.credit_tiers_eq(a slm.credit_tiers, b slm.credit_tiers) RETURNS boolean
    AS 'MODULE_PATHNAME', 'slm_credit_tiers_eq' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION slm.credit_tiers_ne(a slm.credit_tiers, b slm.credit_tiers) RETURNS boolean
    AS 'MODULE_PATHNAME', 'slm_credit_tiers_ne' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION slm.credit_tiers_hash(tiers slm.credit_tiers) RETURNS integer
    AS 'MODULE_PATHNAME', 'slm_credit_tiers_hash' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION slm.credit_tiers_eq(slm.credit_tiers, slm.credit_tiers) IS
    'Schedules are equal (the same tiers)';
COMMENT ON FUNCTION slm.credit_tiers_ne(slm.credit_tiers, slm.credit_tiers) IS 'Schedules differ';
COMMENT ON FUNCTION slm.credit_tiers_hash(slm.credit_tiers) IS 'hash support: hash of the tiers';

CREATE OPERATOR slm.= (
    LEFTARG = slm.credit_tiers, RIGHTARG = slm.credit_tiers, PROCEDURE = slm.credit_tiers_eq,
    COMMUTATOR = OPERATOR(slm.=), NEGATOR = OPERATOR(slm.<>),
    RESTRICT = eqsel, JOIN = eqjoinsel, HASHES
);
CREATE OPERATOR slm.<> (
    LEFTARG = slm.credit_tiers, RIGHTARG = slm.credit_tiers, PROCEDURE = slm.credit_tiers_ne,
    COMMUTATOR = OPERATOR(slm.<>), NEGATOR = OPERATOR(slm.=),
    RESTRICT = neqsel, JOIN = neqjoinsel
);
COMMENT ON OPERATOR slm.= (slm.credit_tiers, slm.credit_tiers) IS 'Schedules are equal (the same tiers)';
COMMENT ON OPERATOR slm.<> (slm.credit_tiers, slm.credit_tiers) IS 'Schedules differ';
CREATE OPERATOR CLASS slm.credit_tiers_hash_ops DEFAULT FOR TYPE slm.credit_tiers USING hash AS
    OPERATOR 1 slm.=, FUNCTION 1 slm.credit_tiers_hash(slm.credit_tiers);
COMMENT ON OPERATOR CLASS slm.credit_tiers_hash_ops USING hash IS
    'Grouping, hash joins and hash indexes on credit schedules';

CREATE FUNCTION slm.credit(tiers slm.credit_tiers, achieved float8) RETURNS float8
    AS 'MODULE_PATHNAME', 'slm_credit' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION slm.credit(slm.credit_tiers, float8) IS
    'Credit owed as a fraction of the price: that of the lowest tier whose threshold is above achieved (0 to 1); 0 when none is';
CREATE FUNCTION slm.credit(tiers slm.credit_tiers, achieved float8, price numeric) RETURNS numeric
    AS 'MODULE_PATHNAME', 'slm_credit_amount' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION slm.credit(slm.credit_tiers, float8, numeric) IS
    'Amount owed: price times the credit, exact, with at least the decimals of the price';
CREATE FUNCTION slm.credit(tiers slm.credit_tiers, c slm.compliance) RETURNS float8
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
SELECT slm.credit(tiers, slm.compliance(c))
$$;
COMMENT ON FUNCTION slm.credit(slm.credit_tiers, slm.compliance) IS
    'Credit owed for the compliance of a summary; NULL when no clock is closed';
CREATE FUNCTION slm.credit(tiers slm.credit_tiers, c slm.compliance, price numeric) RETURNS numeric
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
SELECT slm.credit(tiers, slm.compliance(c), price)
$$;
COMMENT ON FUNCTION slm.credit(slm.credit_tiers, slm.compliance, numeric) IS
    'Amount owed for the compliance of a summary; NULL when no clock is closed';

-- The watermelon check: green on the SLA report, red for the customers.
CREATE FUNCTION slm.watermelon(c slm.compliance, csat slm.csat, nps slm.nps DEFAULT NULL,
                               min_csat float8 DEFAULT 0.8, min_nps float8 DEFAULT 0,
                               min_responses bigint DEFAULT 10)
RETURNS boolean
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    judged boolean := false;
BEGIN
    IF NOT (min_csat >= 0 AND min_csat <= 1) THEN
        RAISE EXCEPTION 'min_csat must be a fraction between 0 and 1, not %', min_csat
            USING ERRCODE = 'invalid_parameter_value',
                  HINT = 'Write 80% as 0.8.';
    END IF;
    IF NOT (min_nps >= -100 AND min_nps <= 100) THEN
        RAISE EXCEPTION 'min_nps must be between -100 and 100, not %', min_nps
            USING ERRCODE = 'invalid_parameter_value',
                  DETAIL = 'An NPS is the percentage of promoters minus that of detractors.';
    END IF;
    IF min_responses < 1 THEN
        RAISE EXCEPTION 'min_responses must be at least 1, not %', min_responses
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF c IS NULL OR min_csat IS NULL OR min_nps IS NULL OR min_responses IS NULL
       OR slm.goal_met(c) IS NULL THEN
        RETURN NULL;
    END IF;
    IF NOT slm.goal_met(c) THEN
        RETURN false;
    END IF;
    IF csat IS NOT NULL AND slm.responses(csat) >= min_responses THEN
        IF slm.satisfied(csat) < min_csat::numeric * slm.responses(csat) THEN
            RETURN true;
        END IF;
        judged := true;
    END IF;
    IF nps IS NOT NULL AND slm.responses(nps) >= min_responses THEN
        IF 100 * (slm.promoters(nps) - slm.detractors(nps))::numeric
           < min_nps::numeric * slm.responses(nps) THEN
            RETURN true;
        END IF;
        judged := true;
    END IF;
    IF judged THEN
        RETURN false;
    END IF;
    RETURN NULL;
END
$$;
COMMENT ON FUNCTION slm.watermelon(slm.compliance, slm.csat, slm.nps, float8, float8, bigint) IS
    'Goal met but customers dissatisfied: true when slm.goal_met and CSAT < min_csat or NPS < min_nps (surveys of at least min_responses answers); false when satisfied or the goal is missed; NULL when it cannot be judged';

-- The instant a clock's outcome belongs to, for reports by period: the
-- stop of a met clock, the deadline of a breached one (stopped or running
-- at at), NULL while undecided or when stop is before start.
CREATE FUNCTION slm.attribution_instant(target slm.target, start timestamptz, stop timestamptz,
                                        at timestamptz)
RETURNS timestamptz
LANGUAGE sql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
SELECT CASE WHEN stop < start THEN NULL
            ELSE CASE slm.status(target, start, stop, at)
                 WHEN 'met' THEN stop
                 WHEN 'breached' THEN slm.deadline(target, start)
                 END
       END
$$;
COMMENT ON FUNCTION slm.attribution_instant(slm.target, timestamptz, timestamptz, timestamptz) IS
    'The instant a clock''s outcome belongs to: the stop when met, the deadline when breached (judged at at while running); NULL while undecided';
CREATE FUNCTION slm.attribution_instant(target slm.target, start timestamptz, stop timestamptz,
                                        at timestamptz, paused tstzmultirange)
RETURNS timestamptz
LANGUAGE sql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
SELECT CASE WHEN stop < start THEN NULL
            ELSE CASE slm.status(target, start, stop, at, paused)
                 WHEN 'met' THEN stop
                 WHEN 'breached' THEN slm.deadline(target, start, paused)
                 END
       END
$$;
COMMENT ON FUNCTION slm.attribution_instant(slm.target, timestamptz, timestamptz, timestamptz, tstzmultirange) IS
    'As attribution_instant, with paused time not counting (NULL paused: no pause)';
-- ---------------------------------------------------------------------
-- The service catalogue: services with their hours and prices, the
-- parties that provide and receive them, agreements (SLA, OLA, UC) and
-- their commitments, and the chains of commitments beneath each SLA
-- commitment. Plain tables, dumped with the database
-- (pg_extension_config_dump); every other part of slm works without them.
-- Nothing is granted on them: their owner grants what each role needs.
-- ---------------------------------------------------------------------

CREATE TABLE slm.parties (
    name text PRIMARY KEY,
    internal boolean NOT NULL,
    description text,
    -- the target of the foreign keys that say which side a party is on
    CONSTRAINT parties_name_internal UNIQUE (name, internal)
);
COMMENT ON TABLE slm.parties IS
    'Who provides and receives services: internal groups (service desk, network team) and outside organisations (customers, suppliers)';
COMMENT ON COLUMN slm.parties.internal IS
    'Part of the IT organisation: may provide SLAs and OLAs and receive OLAs and UCs; an outside party may provide UCs';

CREATE TABLE slm.services (
    name text PRIMARY KEY,
    description text,
    hours slm.calendar NOT NULL DEFAULT '24x7',
    price numeric,
    price_unit text,
    CONSTRAINT services_price CHECK (price OPERATOR(pg_catalog.>=) 0),
    CONSTRAINT services_price_unit CHECK ((price IS NULL) OPERATOR(pg_catalog.=) (price_unit IS NULL))
);
COMMENT ON TABLE slm.services IS
    'The services of the catalogue, with their service hours and price';
COMMENT ON COLUMN slm.services.hours IS
    'Agreed service hours, the calendar the service''s commitments usually run on';
COMMENT ON COLUMN slm.services.price IS
    'Price per price_unit (e.g. 12.50 per "user and month"); both or neither';

CREATE TABLE slm.agreements (
    name text PRIMARY KEY,
    kind text NOT NULL,
    service text NOT NULL REFERENCES slm.services ON UPDATE CASCADE,
    provider text NOT NULL,
    customer text NOT NULL REFERENCES slm.parties,
    valid tstzrange NOT NULL DEFAULT '(,)',
    review_interval interval,
    description text,
    -- Which side each party must be on, kept by foreign keys to
    -- slm.parties (name, internal): an UC's provider is outside, the
    -- provider of an SLA or OLA is internal; the customer of an OLA or UC
    -- is internal (NULL for an SLA: any customer).
    provider_internal boolean NOT NULL
        GENERATED ALWAYS AS (kind OPERATOR(pg_catalog.<>) 'UC') STORED,
    customer_internal boolean
        GENERATED ALWAYS AS (CASE WHEN kind OPERATOR(pg_catalog.<>) 'SLA' THEN true END) STORED,
    CONSTRAINT agreements_kind CHECK (kind OPERATOR(pg_catalog.=) ANY (ARRAY['SLA', 'OLA', 'UC'])),
    CONSTRAINT agreements_valid CHECK (NOT pg_catalog.isempty(valid)),
    CONSTRAINT agreements_review_interval CHECK (review_interval OPERATOR(pg_catalog.>) '0'::interval),
    CONSTRAINT agreements_provider FOREIGN KEY (provider, provider_internal)
        REFERENCES slm.parties (name, internal),
    CONSTRAINT agreements_customer_internal FOREIGN KEY (customer, customer_internal)
        REFERENCES slm.parties (name, internal),
    -- the target of the commitments' foreign key, which copies the kind
    CONSTRAINT agreements_name_kind UNIQUE (name, kind)
);
COMMENT ON TABLE slm.agreements IS
    'Agreements: an SLA with a customer, an OLA with an internal group, an underpinning contract (UC) with a supplier, each for one service';
COMMENT ON COLUMN slm.agreements.kind IS
    'SLA, OLA or UC';
COMMENT ON COLUMN slm.agreements.valid IS
    'The period the agreement is in force: a clock that starts outside it takes no target from it';
COMMENT ON COLUMN slm.agreements.review_interval IS
    'How often the agreement is reviewed';
COMMENT ON COLUMN slm.agreements.provider_internal IS
    'Generated: whether the provider must be internal (all but a UC)';
COMMENT ON COLUMN slm.agreements.customer_internal IS
    'Generated: true when the customer must be internal (an OLA or UC), NULL for an SLA';

CREATE TABLE slm.commitments (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    agreement text NOT NULL,
    kind text NOT NULL,
    metric text NOT NULL,
    scope jsonb NOT NULL DEFAULT '{}',
    valid tstzrange NOT NULL DEFAULT '(,)',
    target slm.target,
    availability_goal float8,
    description text,
    CONSTRAINT commitments_agreement FOREIGN KEY (agreement, kind)
        REFERENCES slm.agreements (name, kind) ON UPDATE CASCADE ON DELETE CASCADE,
    CONSTRAINT commitments_metric CHECK (metric OPERATOR(pg_catalog.<>) ''),
    -- scope values are compared with row columns as text: no nesting, no null
    CONSTRAINT commitments_scope CHECK (
        pg_catalog.jsonb_typeof(scope) OPERATOR(pg_catalog.=) 'object'
        AND NOT pg_catalog.jsonb_path_exists(scope,
            'strict $.* ? (@.type() == "object" || @.type() == "array" || @.type() == "null")')),
    CONSTRAINT commitments_valid CHECK (NOT pg_catalog.isempty(valid)),
    -- an availability commitment has a goal, every other a target
    CONSTRAINT commitments_goal CHECK (
        CASE WHEN metric OPERATOR(pg_catalog.=) 'availability'
             THEN target IS NULL AND availability_goal OPERATOR(pg_catalog.>) 0
                  AND availability_goal OPERATOR(pg_catalog.<=) 1
             ELSE target IS NOT NULL AND availability_goal IS NULL END),
    CONSTRAINT commitments_key UNIQUE (agreement, metric, scope, valid),
    -- the target of the links' foreign keys, which copy metric and kind
    CONSTRAINT commitments_id_metric_kind UNIQUE (id, metric, kind)
);
COMMENT ON TABLE slm.commitments IS
    'What an agreement commits to, per metric (response, resolution, availability, ...) and scope (e.g. {"priority": 1}): a target, or an availability goal';
COMMENT ON COLUMN slm.commitments.kind IS
    'The agreement''s kind, copied (and kept in step) by the foreign key to slm.agreements';
COMMENT ON COLUMN slm.commitments.scope IS
    'Which rows the commitment covers: a JSON object of column names and values, matched against a tracked row''s columns as text; {} covers every row';
COMMENT ON COLUMN slm.commitments.valid IS
    'The period the commitment applies to clocks starting in: a renegotiated target is a new commitment whose period starts where the old one''s ends';
COMMENT ON COLUMN slm.commitments.target IS
    'The target of a clock (every metric but availability)';
COMMENT ON COLUMN slm.commitments.availability_goal IS
    'The share of the service hours the service must be available, in (0, 1] (metric availability only)';

CREATE TABLE slm.underpinning_links (
    sla_commitment bigint NOT NULL,
    chain integer NOT NULL DEFAULT 1,
    step integer NOT NULL,
    commitment bigint NOT NULL,
    metric text NOT NULL,
    kind text NOT NULL,
    sla_kind text NOT NULL GENERATED ALWAYS AS ('SLA') STORED,
    PRIMARY KEY (sla_commitment, chain, step),
    CONSTRAINT underpinning_links_chain CHECK (chain OPERATOR(pg_catalog.>) 0),
    CONSTRAINT underpinning_links_step CHECK (step OPERATOR(pg_catalog.>) 0),
    CONSTRAINT underpinning_links_kind CHECK (kind OPERATOR(pg_catalog.=) ANY (ARRAY['OLA', 'UC'])),
    CONSTRAINT underpinning_links_metric CHECK (metric OPERATOR(pg_catalog.<>) 'availability'),
    -- the head is an SLA commitment, each link an OLA or UC commitment, all
    -- of one metric
    CONSTRAINT underpinning_links_sla FOREIGN KEY (sla_commitment, metric, sla_kind)
        REFERENCES slm.commitments (id, metric, kind) ON DELETE CASCADE,
    CONSTRAINT underpinning_links_commitment FOREIGN KEY (commitment, metric, kind)
        REFERENCES slm.commitments (id, metric, kind)
);
COMMENT ON TABLE slm.underpinning_links IS
    'The chains beneath an SLA commitment: step by step, the OLA and UC commitments of the same metric a ticket passes through';
COMMENT ON COLUMN slm.underpinning_links.chain IS
    'Which chain of the SLA commitment (a commitment may rest on several alternative chains)';
COMMENT ON COLUMN slm.underpinning_links.step IS
    'Order within the chain: each step starts when the previous one''s deadline passes';
COMMENT ON COLUMN slm.underpinning_links.metric IS
    'The metric of both commitments, checked by the foreign keys';
COMMENT ON COLUMN slm.underpinning_links.kind IS
    'The kind of the linked commitment''s agreement: OLA or UC, checked by the foreign key';
COMMENT ON COLUMN slm.underpinning_links.sla_kind IS
    'Generated: SLA, so that the foreign key admits only an SLA commitment as the head';

-- Fills in the columns that copy another row when they are left out (a
-- commitment's kind, a link's metric and kind), and says in words which
-- rule a row breaks before the foreign keys refuse it with their names.
-- The foreign keys stay the rule; this only makes writing and reading
-- errors easier.
CREATE FUNCTION slm.catalogue_check() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    party_internal boolean;
    link_metric text;
    link_kind text;
    head_metric text;
    head_kind text;
BEGIN
    IF TG_TABLE_NAME OPERATOR(pg_catalog.=) 'agreements' THEN
        SELECT p.internal INTO party_internal FROM slm.parties p
        WHERE p.name OPERATOR(pg_catalog.=) NEW.provider;
        IF FOUND AND NEW.kind OPERATOR(pg_catalog.=) 'UC' AND party_internal THEN
            RAISE foreign_key_violation USING
                MESSAGE = pg_catalog.format('the provider of UC %L must be an outside party', NEW.name),
                DETAIL = pg_catalog.format('%L is internal in slm.parties. A UC is with a supplier; work an internal group agrees to do is an OLA.', NEW.provider);
        ELSIF FOUND AND NEW.kind OPERATOR(pg_catalog.=) ANY (ARRAY['SLA', 'OLA']) AND NOT party_internal THEN
            RAISE foreign_key_violation USING
                MESSAGE = pg_catalog.format('the provider of %s %L must be an internal party', NEW.kind, NEW.name),
                DETAIL = pg_catalog.format('%L is outside the organisation in slm.parties. An agreement with a supplier is a UC.', NEW.provider);
        END IF;
        IF NEW.kind OPERATOR(pg_catalog.=) ANY (ARRAY['OLA', 'UC']) THEN
            SELECT p.internal INTO party_internal FROM slm.parties p
            WHERE p.name OPERATOR(pg_catalog.=) NEW.customer;
            IF FOUND AND NOT party_internal THEN
                RAISE foreign_key_violation USING
                    MESSAGE = pg_catalog.format('the customer of %s %L must be an internal party', NEW.kind, NEW.name),
                    DETAIL = pg_catalog.format('%L is outside the organisation in slm.parties. An OLA or UC supports the IT organisation; an agreement with a customer is an SLA.', NEW.customer);
            END IF;
        END IF;
    ELSIF TG_TABLE_NAME OPERATOR(pg_catalog.=) 'commitments' THEN
        IF NEW.kind IS NULL OR (TG_OP OPERATOR(pg_catalog.=) 'UPDATE'
                AND NEW.agreement IS DISTINCT FROM OLD.agreement
                AND NEW.kind IS NOT DISTINCT FROM OLD.kind) THEN
            NEW.kind := (SELECT a.kind FROM slm.agreements a
                         WHERE a.name OPERATOR(pg_catalog.=) NEW.agreement);
        END IF;
    ELSE
        SELECT c.metric, c.kind INTO link_metric, link_kind FROM slm.commitments c
        WHERE c.id OPERATOR(pg_catalog.=) NEW.commitment;
        IF FOUND AND (TG_OP OPERATOR(pg_catalog.=) 'INSERT'
                OR NEW.commitment IS DISTINCT FROM OLD.commitment) THEN
            IF NEW.metric IS NULL OR (TG_OP OPERATOR(pg_catalog.=) 'UPDATE'
                    AND NEW.metric IS NOT DISTINCT FROM OLD.metric) THEN
                NEW.metric := link_metric;
            END IF;
            IF NEW.kind IS NULL OR (TG_OP OPERATOR(pg_catalog.=) 'UPDATE'
                    AND NEW.kind IS NOT DISTINCT FROM OLD.kind) THEN
                NEW.kind := link_kind;
            END IF;
        END IF;
        SELECT c.metric, c.kind INTO head_metric, head_kind FROM slm.commitments c
        WHERE c.id OPERATOR(pg_catalog.=) NEW.sla_commitment;
        IF FOUND AND head_kind OPERATOR(pg_catalog.<>) 'SLA' THEN
            RAISE foreign_key_violation USING
                MESSAGE = pg_catalog.format('commitment %s heads a chain but belongs to an agreement of kind %s', NEW.sla_commitment, head_kind),
                DETAIL = 'A chain lies beneath an SLA commitment.';
        END IF;
        IF link_kind OPERATOR(pg_catalog.=) 'SLA' THEN
            RAISE foreign_key_violation USING
                MESSAGE = pg_catalog.format('step %s of chain %s under commitment %s is an SLA commitment (%s)',
                                            NEW.step, NEW.chain, NEW.sla_commitment, NEW.commitment),
                DETAIL = 'The steps of a chain are OLA and UC commitments.';
        END IF;
        IF head_metric OPERATOR(pg_catalog.<>) link_metric THEN
            RAISE foreign_key_violation USING
                MESSAGE = pg_catalog.format('step %s of chain %s under commitment %s is for metric %L, the SLA commitment for %L',
                                            NEW.step, NEW.chain, NEW.sla_commitment, link_metric, head_metric),
                DETAIL = 'A chain joins commitments of one metric.';
        END IF;
    END IF;
    RETURN NEW;
END
$$;
COMMENT ON FUNCTION slm.catalogue_check() IS
    'Trigger of the catalogue tables: fills in a commitment''s kind and a link''s metric and kind when left out, and names the rule a row breaks';
CREATE TRIGGER agreements_check BEFORE INSERT OR UPDATE ON slm.agreements
    FOR EACH ROW EXECUTE FUNCTION slm.catalogue_check();
CREATE TRIGGER commitments_check BEFORE INSERT OR UPDATE ON slm.commitments
    FOR EACH ROW EXECUTE FUNCTION slm.catalogue_check();
CREATE TRIGGER underpinning_links_check BEFORE INSERT OR UPDATE ON slm.underpinning_links
    FOR EACH ROW EXECUTE FUNCTION slm.catalogue_check();

SELECT pg_catalog.pg_extension_config_dump('slm.parties', '');
SELECT pg_catalog.pg_extension_config_dump('slm.services', '');
SELECT pg_catalog.pg_extension_config_dump('slm.agreements', '');
SELECT pg_catalog.pg_extension_config_dump('slm.commitments', '');
SELECT pg_catalog.pg_extension_config_dump('slm.commitments_id_seq', '');
SELECT pg_catalog.pg_extension_config_dump('slm.underpinning_links', '');

-- Every SLA commitment with a target, against each of its chains: one row
-- per commitment and chain, and one with NULL figures for a commitment
-- without a chain, so that it shows as unchecked. Starts are those of the
-- range that the agreement and the commitment are valid for.
CREATE FUNCTION slm.underpinning_report(starts tstzrange)
    RETURNS TABLE (agreement text, service text, commitment bigint, metric text, scope jsonb,
                   chain integer, period tstzrange, sla slm.target, chain_targets slm.target[],
                   holds boolean, worst_slack interval, worst_start timestamptz, fit float8)
LANGUAGE sql STABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
SELECT c.agreement, a.service, c.id, c.metric, c.scope, l.chain,
       starts OPERATOR(pg_catalog.*) a.valid OPERATOR(pg_catalog.*) c.valid,
       c.target, l.targets, u.holds, u.worst_slack, u.worst_start, u.fit
FROM slm.commitments c
JOIN slm.agreements a ON a.name OPERATOR(pg_catalog.=) c.agreement
LEFT JOIN LATERAL (
    SELECT k.chain, pg_catalog.array_agg(s.target ORDER BY k.step) AS targets
    FROM slm.underpinning_links k
    JOIN slm.commitments s ON s.id OPERATOR(pg_catalog.=) k.commitment
    WHERE k.sla_commitment OPERATOR(pg_catalog.=) c.id
    GROUP BY k.chain
) l ON true
LEFT JOIN LATERAL slm.underpinning(c.target, l.targets,
                                   starts OPERATOR(pg_catalog.*) a.valid
                                   OPERATOR(pg_catalog.*) c.valid) u ON true
WHERE c.kind OPERATOR(pg_catalog.=) 'SLA' AND c.target IS NOT NULL
  AND starts OPERATOR(pg_catalog.&&) a.valid AND starts OPERATOR(pg_catalog.&&) c.valid
  AND a.valid OPERATOR(pg_catalog.&&) c.valid
ORDER BY c.agreement, c.metric, c.id, l.chain
$$;
COMMENT ON FUNCTION slm.underpinning_report(tstzrange) IS
    'Every SLA commitment with a target against each of its chains in slm.underpinning_links, as slm.underpinning over the starts in range that the agreement and commitment are valid for; a commitment without a chain gives one row with NULL chain and figures';
