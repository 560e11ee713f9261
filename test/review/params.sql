-- The review's parameters, as psql variables, unless given on the command
-- line (psql -v month=2026-10-01 -v at='2026-11-02 18:00+01' ...):
--   month  the first day of the month under review
--   at     when the review is published: running clocks are judged at this
--          instant (after the month's end and the first open hour after it)
-- Months and days are those of Europe/Berlin, where the review is held.
\if :{?month}
\else
\set month 2026-11-01
\endif
\if :{?at}
\else
\set at '2026-12-01 18:00+01'
\endif
SET timezone = 'Europe/Berlin';
