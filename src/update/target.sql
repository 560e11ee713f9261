
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
