-- A description of every object of extension slm, one line each, sorted:
-- what a fresh install and an upgraded install must agree on. Used by
-- test/upgrade.test.sh; run with psql -At.
WITH members AS (
    SELECT d.classid, d.objid, d.objsubid
    FROM pg_catalog.pg_depend d
    JOIN pg_catalog.pg_extension e ON e.oid = d.refobjid
    WHERE e.extname = 'slm' AND d.deptype = 'e'
      AND d.refclassid = 'pg_catalog.pg_extension'::pg_catalog.regclass
)
SELECT line FROM (
    -- every member, by its description, with its comment
    SELECT 'member ' || pg_catalog.pg_describe_object(m.classid, m.objid, m.objsubid)
           || ' comment=' || coalesce(pg_catalog.obj_description(m.objid,
                  (SELECT c.relname FROM pg_catalog.pg_class c WHERE c.oid = m.classid)), '-') AS line
    FROM members m
    -- automatic array types are members on PostgreSQL 17 only
    WHERE NOT (m.classid = 'pg_catalog.pg_type'::pg_catalog.regclass
               AND EXISTS (SELECT 1 FROM pg_catalog.pg_type t
                           WHERE t.oid = m.objid AND t.typcategory = 'A'))
    UNION ALL
    -- functions: everything a caller or the planner sees
    SELECT 'function ' || p.oid::pg_catalog.regprocedure::text
           || ' kind=' || p.prokind::text || ' returns=' || pg_catalog.format_type(p.prorettype, NULL)
           || ' set=' || p.proretset || ' names=' || coalesce(p.proargnames::text, '-')
           || ' modes=' || coalesce(p.proargmodes::text, '-')
           || ' defaults=' || coalesce(pg_catalog.pg_get_expr(p.proargdefaults, 0), '-')
           || ' volatile=' || p.provolatile::text || ' parallel=' || p.proparallel::text
           || ' strict=' || p.proisstrict || ' secdef=' || p.prosecdef
           || ' leakproof=' || p.proleakproof || ' cost=' || p.procost || ' rows=' || p.prorows
           || ' lang=' || l.lanname || ' config=' || coalesce(p.proconfig::text, '-')
           || ' src=' || CASE WHEN l.lanname = 'c' THEN p.prosrc ELSE pg_catalog.md5(p.prosrc) END
           || ' bin=' || coalesce(p.probin, '-')
           || ' acl=' || coalesce(p.proacl::text, '-')
    FROM members m JOIN pg_catalog.pg_proc p ON p.oid = m.objid
    JOIN pg_catalog.pg_language l ON l.oid = p.prolang
    WHERE m.classid = 'pg_catalog.pg_proc'::pg_catalog.regclass
    UNION ALL
    SELECT 'aggregate ' || a.aggfnoid::pg_catalog.regprocedure::text
           || ' kind=' || a.aggkind::text || ' trans=' || a.aggtransfn::text
           || ' final=' || a.aggfinalfn::text || ' combine=' || a.aggcombinefn::text
           || ' serial=' || a.aggserialfn::text || ' deserial=' || a.aggdeserialfn::text
           || ' finalextra=' || a.aggfinalextra || ' finalmodify=' || a.aggfinalmodify::text
           || ' sortop=' || a.aggsortop::text
           || ' stype=' || pg_catalog.format_type(a.aggtranstype, NULL)
           || ' space=' || a.aggtransspace || ' init=' || coalesce(a.agginitval, '-')
           || ' mtrans=' || a.aggmtransfn::text
    FROM members m JOIN pg_catalog.pg_aggregate a ON a.aggfnoid = m.objid
    WHERE m.classid = 'pg_catalog.pg_proc'::pg_catalog.regclass
    UNION ALL
    SELECT 'type ' || pg_catalog.format_type(t.oid, NULL)
           || ' type=' || t.typtype::text || ' len=' || t.typlen || ' byval=' || t.typbyval
           || ' category=' || t.typcategory::text || ' align=' || t.typalign::text
           || ' storage=' || t.typstorage::text || ' in=' || t.typinput::text
           || ' out=' || t.typoutput::text || ' recv=' || t.typreceive::text
           || ' send=' || t.typsend::text || ' analyze=' || t.typanalyze::text
           || ' subscript=' || t.typsubscript::text
           || ' array=' || coalesce(pg_catalog.format_type(nullif(t.typarray, 0), NULL), '-')
           || ' acl=' || coalesce(t.typacl::text, '-')
    FROM members m JOIN pg_catalog.pg_type t ON t.oid = m.objid
    WHERE m.classid = 'pg_catalog.pg_type'::pg_catalog.regclass AND t.typcategory <> 'A'
    UNION ALL
    SELECT 'operator ' || o.oid::pg_catalog.regoperator::text
           || ' code=' || o.oprcode::text
           || ' com=' || coalesce(nullif(o.oprcom, 0)::pg_catalog.regoperator::text, '-')
           || ' neg=' || coalesce(nullif(o.oprnegate, 0)::pg_catalog.regoperator::text, '-')
           || ' rest=' || o.oprrest::text || ' join=' || o.oprjoin::text
           || ' merges=' || o.oprcanmerge || ' hashes=' || o.oprcanhash
    FROM members m JOIN pg_catalog.pg_operator o ON o.oid = m.objid
    WHERE m.classid = 'pg_catalog.pg_operator'::pg_catalog.regclass
    UNION ALL
    SELECT 'opfamily ' || am.amname || ' ' || f.opfname
           || ' op ' || ao.amopstrategy || ' ' || ao.amopopr::pg_catalog.regoperator::text
    FROM members m JOIN pg_catalog.pg_opfamily f ON f.oid = m.objid
    JOIN pg_catalog.pg_am am ON am.oid = f.opfmethod
    JOIN pg_catalog.pg_amop ao ON ao.amopfamily = f.oid
    WHERE m.classid = 'pg_catalog.pg_opfamily'::pg_catalog.regclass
    UNION ALL
    SELECT 'opfamily ' || am.amname || ' ' || f.opfname
           || ' proc ' || ap.amprocnum || ' ' || ap.amproc::pg_catalog.regprocedure::text
    FROM members m JOIN pg_catalog.pg_opfamily f ON f.oid = m.objid
    JOIN pg_catalog.pg_am am ON am.oid = f.opfmethod
    JOIN pg_catalog.pg_amproc ap ON ap.amprocfamily = f.oid
    WHERE m.classid = 'pg_catalog.pg_opfamily'::pg_catalog.regclass
    UNION ALL
    SELECT 'opclass ' || am.amname || ' ' || c.opcname || ' type='
           || pg_catalog.format_type(c.opcintype, NULL) || ' default=' || c.opcdefault
    FROM members m JOIN pg_catalog.pg_opclass c ON c.oid = m.objid
    JOIN pg_catalog.pg_am am ON am.oid = c.opcmethod
    WHERE m.classid = 'pg_catalog.pg_opclass'::pg_catalog.regclass
    UNION ALL
    SELECT 'cast ' || pg_catalog.format_type(c.castsource, NULL) || ' -> '
           || pg_catalog.format_type(c.casttarget, NULL) || ' func='
           || c.castfunc::pg_catalog.regprocedure::text || ' context=' || c.castcontext::text
           || ' method=' || c.castmethod::text
    FROM members m JOIN pg_catalog.pg_cast c ON c.oid = m.objid
    WHERE m.classid = 'pg_catalog.pg_cast'::pg_catalog.regclass
    UNION ALL
    -- tables and views of the extension: columns, constraints, grants
    SELECT 'relation ' || c.oid::pg_catalog.regclass::text || ' kind=' || c.relkind::text
           || ' acl=' || coalesce(c.relacl::text, '-')
    FROM members m JOIN pg_catalog.pg_class c ON c.oid = m.objid
    WHERE m.classid = 'pg_catalog.pg_class'::pg_catalog.regclass
    UNION ALL
    SELECT 'column ' || c.oid::pg_catalog.regclass::text || '.' || a.attname
           || ' type=' || pg_catalog.format_type(a.atttypid, a.atttypmod)
           || ' notnull=' || a.attnotnull
           || ' default=' || coalesce(pg_catalog.pg_get_expr(ad.adbin, ad.adrelid), '-')
           || ' comment=' || coalesce(pg_catalog.col_description(c.oid, a.attnum), '-')
    FROM members m JOIN pg_catalog.pg_class c ON c.oid = m.objid
    JOIN pg_catalog.pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
    LEFT JOIN pg_catalog.pg_attrdef ad ON ad.adrelid = c.oid AND ad.adnum = a.attnum
    WHERE m.classid = 'pg_catalog.pg_class'::pg_catalog.regclass
    UNION ALL
    SELECT 'constraint ' || r.conrelid::pg_catalog.regclass::text || ' ' || r.conname || ' '
           || pg_catalog.pg_get_constraintdef(r.oid)
    FROM members m JOIN pg_catalog.pg_constraint r ON r.conrelid = m.objid
    WHERE m.classid = 'pg_catalog.pg_class'::pg_catalog.regclass
    UNION ALL
    SELECT 'index ' || pg_catalog.pg_get_indexdef(i.indexrelid)
    FROM members m JOIN pg_catalog.pg_index i ON i.indrelid = m.objid
    WHERE m.classid = 'pg_catalog.pg_class'::pg_catalog.regclass
    UNION ALL
    SELECT 'view ' || c.oid::pg_catalog.regclass::text || ' ' || pg_catalog.md5(pg_catalog.pg_get_viewdef(c.oid))
    FROM members m JOIN pg_catalog.pg_class c ON c.oid = m.objid AND c.relkind = 'v'
    WHERE m.classid = 'pg_catalog.pg_class'::pg_catalog.regclass
    UNION ALL
    SELECT 'config_dump ' || unnest(e.extconfig)::pg_catalog.regclass::text
    FROM pg_catalog.pg_extension e WHERE e.extname = 'slm'
    UNION ALL
    SELECT 'extension version=' || e.extversion || ' schema=' || n.nspname
           || ' relocatable=' || e.extrelocatable
    FROM pg_catalog.pg_extension e JOIN pg_catalog.pg_namespace n ON n.oid = e.extnamespace
    WHERE e.extname = 'slm'
    UNION ALL
    SELECT 'schema ' || n.nspname || ' acl=' || coalesce(n.nspacl::text, '-')
           || ' comment=' || coalesce(pg_catalog.obj_description(n.oid, 'pg_namespace'), '-')
    FROM pg_catalog.pg_namespace n WHERE n.nspname = 'slm'
) lines
ORDER BY line COLLATE "C";
