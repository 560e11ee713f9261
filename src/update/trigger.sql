
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
