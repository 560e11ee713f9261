-- ---------------------------------------------------------------------
-- slm.track_sla(): stamps due times, breach flags and status on rows
-- ---------------------------------------------------------------------

CREATE FUNCTION slm.track_sla() RETURNS trigger
    AS 'MODULE_PATHNAME', 'slm_track_sla' LANGUAGE C;
COMMENT ON FUNCTION slm.track_sla() IS
    'BEFORE INSERT OR UPDATE row trigger: start=, stop=, paused=, target= or policy= with match=, missing=, policy_target= and valid= or agreement= with metric= and missing=, on_change= with clock_start=, due=, breached=, status=, notify=, events=';

-- Re-applies the track_sla triggers of a table to its open rows whose
-- stored outputs time (or a changed policy) has made stale, so that
-- breaches caused only by time passing are recorded (and reported). Needs
-- UPDATE on the table; runs as the table's owner. Meant to be scheduled,
-- e.g. with pg_cron.
CREATE FUNCTION slm.sweep(tbl regclass) RETURNS bigint
    AS 'MODULE_PATHNAME', 'slm_sweep' LANGUAGE C VOLATILE STRICT;
COMMENT ON FUNCTION slm.sweep(regclass) IS
    'Re-applies the track_sla triggers of a table to the open rows whose due time, flag or status is stale; returns the rows updated';
