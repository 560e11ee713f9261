
-- ---------------------------------------------------------------------
-- The schema
-- ---------------------------------------------------------------------

-- Every function of slm is harmless to call; the schema is usable by all.
GRANT USAGE ON SCHEMA slm TO PUBLIC;
