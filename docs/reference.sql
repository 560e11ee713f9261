-- Generates docs/reference.md from the catalog of an installed slm: every
-- type, function, aggregate, operator, operator class and cast, with its
-- signature, its COMMENT and its properties. The version that added each
-- object comes from the table slm_reference_added (object identity ->
-- version), which docs/reference.sh fills by installing each released
-- version's script. Run by docs/reference.sh; do not edit reference.md.
\pset format unaligned
\pset tuples_only on
\pset footer off
WITH members AS (
    SELECT d.classid, d.objid
    FROM pg_catalog.pg_depend d
    JOIN pg_catalog.pg_extension e ON e.oid = d.refobjid
    WHERE e.extname = 'slm' AND d.deptype = 'e'
      AND d.refclassid = 'pg_catalog.pg_extension'::pg_catalog.regclass
),
objs AS (
    SELECT m.*, i.type AS kind, i.identity,
           coalesce(pg_catalog.obj_description(m.objid,
               (SELECT c.relname FROM pg_catalog.pg_class c WHERE c.oid = m.classid)), '') AS comment,
           coalesce(a.version, '?') AS added
    FROM members m
    CROSS JOIN LATERAL pg_catalog.pg_identify_object(m.classid, m.objid, 0) i
    LEFT JOIN slm_reference_added a ON a.identity = i.type || ' ' || i.identity
    -- array types, and the row types of tables (members from PostgreSQL 17
    -- on), are not types to document
    WHERE NOT (m.classid = 'pg_catalog.pg_type'::pg_catalog.regclass
               AND EXISTS (SELECT 1 FROM pg_catalog.pg_type t
                           WHERE t.oid = m.objid
                             AND (t.typcategory = 'A' OR t.typrelid <> 0)))
),
fns AS (
    SELECT o.*, p.proname, p.prokind,
           'slm.' || p.proname || '(' || pg_catalog.pg_get_function_arguments(p.oid) || ')' AS sig,
           pg_catalog.pg_get_function_result(p.oid) AS result,
           CASE p.provolatile WHEN 'i' THEN 'immutable' WHEN 's' THEN 'stable' ELSE 'volatile' END
           || CASE WHEN p.proisstrict THEN ', strict' ELSE '' END
           || CASE p.proparallel WHEN 's' THEN ', parallel safe' WHEN 'r' THEN ', parallel restricted'
                                 ELSE ', parallel unsafe' END AS props
    FROM objs o JOIN pg_catalog.pg_proc p ON p.oid = o.objid
    WHERE o.classid = 'pg_catalog.pg_proc'::pg_catalog.regclass
),
sections(ord, line) AS (
    SELECT 0, E'# slm reference\n\n'
        || E'Every object of the extension, generated from the catalog by\n'
        || E'`docs/reference.sh` (signatures, `COMMENT`s, volatility, strictness and\n'
        || E'parallel safety as installed; "added" is the first version whose install\n'
        || E'script defines the object). Do not edit by hand: `bash docs/reference.sh`\n'
        || E'rewrites it, and `test/reference.test.sh` fails when it is out of date.\n'
        || E'The pages beside this one explain the concepts.\n'
    UNION ALL
    SELECT 1, E'\n## Types\n\n| Type | Description | Added |\n|---|---|---|\n'
        || coalesce(string_agg('| `' || identity || '` | ' || replace(comment, '|', '\|')
                               || ' | ' || added || ' |', E'\n' ORDER BY identity), '') || E'\n'
    FROM objs WHERE kind = 'type'
    UNION ALL
    SELECT 2, E'\n## Functions\n\n| Function | Returns | Description | Properties | Added |\n|---|---|---|---|---|\n'
        || string_agg('| `' || replace(sig, '|', '\|') || '` | `' || result || '` | '
                      || replace(comment, '|', '\|') || ' | ' || props || ' | ' || added || ' |',
                      E'\n' ORDER BY proname, sig) || E'\n'
    FROM fns WHERE prokind = 'f' AND result <> 'trigger'
      AND NOT (comment LIKE 'Text input of %' OR comment LIKE 'Text output of %'
               OR comment LIKE 'Binary input of %' OR comment LIKE 'Binary output of %')
    UNION ALL
    SELECT 3, E'\n## Aggregates\n\n| Aggregate | Returns | Description | Properties | Added |\n|---|---|---|---|---|\n'
        || string_agg('| `' || replace(sig, '|', '\|') || '` | `' || result || '` | '
                      || replace(comment, '|', '\|') || ' | ' || props || ' | ' || added || ' |',
                      E'\n' ORDER BY proname, sig) || E'\n'
    FROM fns WHERE prokind = 'a'
    UNION ALL
    SELECT 4, E'\n## Triggers\n\n| Function | Description | Added |\n|---|---|---|\n'
        || string_agg('| `' || sig || '` | ' || replace(comment, '|', '\|') || ' | ' || added || ' |',
                      E'\n' ORDER BY sig) || E'\n'
    FROM fns WHERE prokind = 'f' AND result = 'trigger'
    UNION ALL
    SELECT 5, E'\n## Input and output functions\n\n'
        || E'Called by PostgreSQL to read and write values; not meant to be called directly.\n\n'
        || E'| Function | Description | Added |\n|---|---|---|\n'
        || string_agg('| `' || sig || '` | ' || replace(comment, '|', '\|') || ' | ' || added || ' |',
                      E'\n' ORDER BY sig) || E'\n'
    FROM fns WHERE prokind = 'f'
      AND (comment LIKE 'Text input of %' OR comment LIKE 'Text output of %'
           OR comment LIKE 'Binary input of %' OR comment LIKE 'Binary output of %')
    UNION ALL
    SELECT 6, E'\n## Operators\n\n| Operator | Description | Added |\n|---|---|---|\n'
        || string_agg('| `' || replace(identity, '|', '\|') || '` | ' || replace(comment, '|', '\|')
                      || ' | ' || added || ' |', E'\n' ORDER BY identity) || E'\n'
    FROM objs WHERE kind = 'operator'
    UNION ALL
    SELECT 7, E'\n## Operator classes\n\n| Operator class | Description | Added |\n|---|---|---|\n'
        || string_agg('| `' || identity || '` | ' || replace(comment, '|', '\|') || ' | ' || added || ' |',
                      E'\n' ORDER BY identity) || E'\n'
    FROM objs WHERE kind = 'operator class'
    UNION ALL
    SELECT 8, E'\n## Casts\n\n| Cast | Description | Added |\n|---|---|---|\n'
        || string_agg('| `' || identity || '` | ' || replace(comment, '|', '\|') || ' | ' || added || ' |',
                      E'\n' ORDER BY identity) || E'\n'
    FROM objs WHERE kind = 'cast'
    UNION ALL
    SELECT 9, E'\n## Tables\n\n| Table | Description | Added |\n|---|---|---|\n'
        || string_agg('| `' || identity || '` | ' || replace(comment, '|', '\|') || ' | ' || added || ' |',
                      E'\n' ORDER BY identity) || E'\n'
    FROM objs WHERE kind IN ('table', 'view') HAVING count(*) > 0
)
SELECT string_agg(line, '' ORDER BY ord) FROM sections;
