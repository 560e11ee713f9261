\echo Use "CREATE EXTENSION slm_planted" to load this file. \quit

CREATE FUNCTION planted_overrun() RETURNS int
    AS 'MODULE_PATHNAME', 'slm_planted_overrun' LANGUAGE C VOLATILE STRICT;
COMMENT ON FUNCTION planted_overrun() IS 'writes one byte past the end of a palloc chunk';

CREATE FUNCTION planted_use_after_free() RETURNS int
    AS 'MODULE_PATHNAME', 'slm_planted_use_after_free' LANGUAGE C VOLATILE STRICT;
COMMENT ON FUNCTION planted_use_after_free() IS 'reads a palloc chunk after pfree';
