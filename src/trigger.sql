-- ---------------------------------------------------------------------
-- slm.track_sla(): stamps due times, breach flags and status on rows
-- ---------------------------------------------------------------------

CREATE FUNCTION slm.track_sla() RETURNS trigger
    AS 'MODULE_PATHNAME', 'slm_track_sla' LANGUAGE C;
COMMENT ON FUNCTION slm.track_sla() IS
    'BEFORE INSERT OR UPDATE row trigger: start=, stop=, paused=, target= or policy= with match=, due=, breached=, status=, notify=';

-- Re-evaluates the open, not yet breached rows of a table that carries a
-- track_sla trigger, so that breaches caused only by time passing are
-- recorded (and notified). Meant to be scheduled, e.g. with pg_cron.
CREATE FUNCTION slm.sweep(tbl regclass) RETURNS bigint
LANGUAGE plpgsql VOLATILE AS $$
DECLARE
    trig record;
    args text[];
    kv text;
    cfg jsonb;
    conds text[];
    n bigint;
    total bigint := 0;
BEGIN
    FOR trig IN
        SELECT t.tgname, t.tgnargs, t.tgargs
        FROM pg_trigger t
        WHERE t.tgrelid = tbl AND NOT t.tgisinternal AND t.tgenabled <> 'D'
          AND t.tgfoid = 'slm.track_sla()'::regprocedure
    LOOP
        args := (string_to_array(encode(trig.tgargs, 'escape'), '\000'))[1:trig.tgnargs];
        cfg := '{}';
        FOREACH kv IN ARRAY args LOOP
            cfg := cfg || jsonb_build_object(split_part(kv, '=', 1), substr(kv, strpos(kv, '=') + 1));
        END LOOP;
        conds := ARRAY[format('%I IS NOT NULL', cfg->>'start')];
        IF cfg ? 'stop' THEN
            conds := conds || format('%I IS NULL', cfg->>'stop');
        END IF;
        IF cfg ? 'breached' THEN
            conds := conds || format('%I IS NOT TRUE', cfg->>'breached');
        END IF;
        IF cfg ? 'status' THEN
            conds := conds || format('%I IS DISTINCT FROM %L', cfg->>'status', 'breached');
        END IF;
        IF NOT (cfg ? 'breached' OR cfg ? 'status') THEN
            -- only the due time is kept: rows not yet due cannot have changed
            conds := conds || format('%I <= now()', cfg->>'due');
        END IF;
        EXECUTE format('UPDATE %s SET %I = %I WHERE %s', tbl, cfg->>'start', cfg->>'start',
                       array_to_string(conds, ' AND '));
        GET DIAGNOSTICS n = ROW_COUNT;
        total := total + n;
    END LOOP;
    IF NOT FOUND AND total = 0 AND NOT EXISTS (
        SELECT 1 FROM pg_trigger t WHERE t.tgrelid = tbl
          AND t.tgfoid = 'slm.track_sla()'::regprocedure) THEN
        RAISE EXCEPTION 'table % has no slm.track_sla trigger', tbl
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    RETURN total;
END
$$;
COMMENT ON FUNCTION slm.sweep(regclass) IS
    'Re-evaluates open rows of a table with a track_sla trigger (for breaches caused by time passing); returns the rows touched';

