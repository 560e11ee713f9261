-- The extension's catalog contract: every function, type and aggregate is
-- documented, and volatility/parallel markings are what the README says.

-- the checks below look at something
SELECT count(*) > 15 AS many_functions
FROM pg_depend d JOIN pg_extension e ON e.oid = d.refobjid AND e.extname = 'slm'
WHERE d.classid = 'pg_proc'::regclass AND d.deptype = 'e';

-- functions without a COMMENT (expect none)
SELECT p.oid::regprocedure AS undocumented
FROM pg_proc p JOIN pg_depend d ON d.objid = p.oid AND d.classid = 'pg_proc'::regclass
JOIN pg_extension e ON e.oid = d.refobjid AND e.extname = 'slm'
WHERE d.deptype = 'e' AND obj_description(p.oid, 'pg_proc') IS NULL
  AND p.proname NOT LIKE '%\_in' AND p.proname NOT LIKE '%\_out'
  AND p.proname NOT LIKE '%\_recv' AND p.proname NOT LIKE '%\_send'
ORDER BY p.oid::regprocedure::text;

-- types without a COMMENT (expect none); the array types PostgreSQL makes
-- for each type, and the row types of tables, whose comment is the
-- table's, are left out (17 records them as members too)
SELECT t.oid::regtype AS undocumented_type
FROM pg_type t JOIN pg_depend d ON d.objid = t.oid AND d.classid = 'pg_type'::regclass
JOIN pg_extension e ON e.oid = d.refobjid AND e.extname = 'slm'
WHERE d.deptype = 'e' AND obj_description(t.oid, 'pg_type') IS NULL
  AND NOT EXISTS (SELECT FROM pg_type el WHERE el.typarray = t.oid)
  AND t.typrelid = 0
ORDER BY t.oid::regtype::text;

-- tables without a COMMENT (expect none)
SELECT c.oid::regclass AS undocumented_table
FROM pg_class c JOIN pg_depend d ON d.objid = c.oid AND d.classid = 'pg_class'::regclass
JOIN pg_extension e ON e.oid = d.refobjid AND e.extname = 'slm'
WHERE d.deptype = 'e' AND c.relkind = 'r' AND obj_description(c.oid, 'pg_class') IS NULL
ORDER BY c.oid::regclass::text;

-- functions that are not PARALLEL SAFE, or VOLATILE (expect only triggers
-- and functions that read tables or the clock)
SELECT p.oid::regprocedure AS fn, p.provolatile, p.proparallel
FROM pg_proc p JOIN pg_depend d ON d.objid = p.oid AND d.classid = 'pg_proc'::regclass
JOIN pg_extension e ON e.oid = d.refobjid AND e.extname = 'slm'
WHERE d.deptype = 'e' AND (p.proparallel <> 's' OR p.provolatile = 'v')
ORDER BY p.oid::regprocedure::text;

-- operators without a COMMENT (expect none)
SELECT o.oid::regoperator AS undocumented_operator
FROM pg_operator o JOIN pg_depend d ON d.objid = o.oid AND d.classid = 'pg_operator'::regclass
JOIN pg_extension e ON e.oid = d.refobjid AND e.extname = 'slm'
WHERE d.deptype = 'e' AND obj_description(o.oid, 'pg_operator') IS NULL
ORDER BY o.oid::regoperator::text;

-- operator classes without a COMMENT (expect none)
SELECT c.opcname AS undocumented_opclass, am.amname
FROM pg_opclass c JOIN pg_am am ON am.oid = c.opcmethod
JOIN pg_depend d ON d.objid = c.oid AND d.classid = 'pg_opclass'::regclass
JOIN pg_extension e ON e.oid = d.refobjid AND e.extname = 'slm'
WHERE d.deptype = 'e' AND obj_description(c.oid, 'pg_opclass') IS NULL
ORDER BY 1, 2;

-- the checks above look at something: operators, operator classes and
-- tables exist
SELECT count(*) FILTER (WHERE d.classid = 'pg_operator'::regclass) > 10 AS many_operators,
       count(*) FILTER (WHERE d.classid = 'pg_opclass'::regclass) >= 4 AS opclasses,
       count(*) FILTER (WHERE d.classid = 'pg_class'::regclass
                        AND (SELECT relkind FROM pg_class WHERE oid = d.objid) = 'r') >= 5 AS tables
FROM pg_depend d JOIN pg_extension e ON e.oid = d.refobjid AND e.extname = 'slm'
WHERE d.deptype = 'e';
