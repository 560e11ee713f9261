-- slm: ITIL service level management in PostgreSQL
\echo Use "CREATE EXTENSION slm" to load this file. \quit

-- Refuse to install into a schema "slm" that another role created: its
-- owner could plant objects (an overloaded function or operator) that calls
-- by a more privileged role would resolve to.
DO LANGUAGE plpgsql $$
DECLARE
    owner_name name;
BEGIN
    SELECT r.rolname INTO owner_name
    FROM pg_catalog.pg_namespace n
    JOIN pg_catalog.pg_roles r ON r.oid OPERATOR(pg_catalog.=) n.nspowner
    WHERE n.nspname OPERATOR(pg_catalog.=) 'slm';
    IF owner_name OPERATOR(pg_catalog.<>) CURRENT_USER THEN
        RAISE EXCEPTION 'schema "slm" is owned by role "%", not by the installing role "%"',
            owner_name, CURRENT_USER
            USING ERRCODE = 'insufficient_privilege',
                  DETAIL = 'The owner of the schema could create objects in it that calls by other roles would resolve to.',
                  HINT = 'Drop the schema, or make the installing role its owner, before CREATE EXTENSION slm.';
    END IF;
END
$$;

-- Every function of slm is harmless to call; the schema is usable by all.
GRANT USAGE ON SCHEMA slm TO PUBLIC;
