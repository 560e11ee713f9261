
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
