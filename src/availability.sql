
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
CREATE FUNCTION slm.outage_agg_trans(slm.outages, tstzrange) RETURNS slm.outages
    AS 'MODULE_PATHNAME', 'slm_outage_agg_trans' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION slm.outage_agg_trans(slm.outages, tstzrange) IS
    'Transition function of slm.outage_agg: adds one outage range';
CREATE FUNCTION slm.outage_agg_combine(slm.outages, slm.outages) RETURNS slm.outages
    AS 'MODULE_PATHNAME', 'slm_outage_agg_combine' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION slm.outage_agg_combine(slm.outages, slm.outages) IS
    'Merges two outage summaries (NULL is no outages): the union; combine function of slm.outage_agg and slm.rollup, and transition function of slm.rollup';
CREATE FUNCTION slm.outage_agg_final(slm.outages) RETURNS slm.outages
    AS 'MODULE_PATHNAME', 'slm_outage_agg_final' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION slm.outage_agg_final(slm.outages) IS
    'Final function of slm.outage_agg and slm.rollup: the sorted, merged outages';

CREATE AGGREGATE slm.outage_agg(tstzrange) (
    SFUNC = slm.outage_agg_trans,
    STYPE = slm.outages,
    FINALFUNC = slm.outage_agg_final,
    COMBINEFUNC = slm.outage_agg_combine,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE slm.outage_agg(tstzrange) IS
    'Union of outage ranges (overlapping and touching ones merged; NULL and empty ranges skipped)';

CREATE AGGREGATE slm.rollup(slm.outages) (
    SFUNC = slm.outage_agg_combine,
    STYPE = slm.outages,
    FINALFUNC = slm.outage_agg_final,
    COMBINEFUNC = slm.outage_agg_combine,
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

CREATE FUNCTION slm.availability_agg_trans(slm.availability_state, tstzrange, slm.calendar, tstzrange)
    RETURNS slm.availability_state
    AS 'MODULE_PATHNAME', 'slm_availability_agg_trans' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION slm.availability_agg_trans(slm.availability_state, tstzrange, slm.calendar, tstzrange) IS
    'Transition function of slm.availability_agg: adds one row';
CREATE FUNCTION slm.availability_agg_combine(slm.availability_state, slm.availability_state)
    RETURNS slm.availability_state
    AS 'MODULE_PATHNAME', 'slm_availability_agg_combine' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION slm.availability_agg_combine(slm.availability_state, slm.availability_state) IS
    'Combine function of slm.availability_agg: the union of two partial states of one group';
CREATE FUNCTION slm.availability_agg_final(slm.availability_state) RETURNS float8
    AS 'MODULE_PATHNAME', 'slm_availability_agg_final' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION slm.availability_agg_final(slm.availability_state) IS
    'Final function of slm.availability_agg: the availability of the state';

CREATE AGGREGATE slm.availability_agg(outage tstzrange, slm.calendar, period tstzrange) (
    SFUNC = slm.availability_agg_trans,
    STYPE = slm.availability_state,
    FINALFUNC = slm.availability_agg_final,
    COMBINEFUNC = slm.availability_agg_combine,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE slm.availability_agg(tstzrange, slm.calendar, tstzrange) IS
    'Availability of a group''s outages over its calendar and period (the same on every row); NULL outages count as none';
