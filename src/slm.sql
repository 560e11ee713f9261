-- slm: ITIL service level management in PostgreSQL
\echo Use "CREATE EXTENSION slm" to load this file. \quit

