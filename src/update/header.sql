-- slm 0.1.0 -> 0.2.0
\echo Use "ALTER EXTENSION slm UPDATE TO '0.2.0'" to load this file. \quit

-- Each section below is the upgrade part of one module (src/update/<module>.sql),
-- in the order of the install script.
