-- title: Availability within agreed service hours
-- panel: timeseries
-- columns: time timestamp with time zone, metric text, value double precision
-- Monthly availability of each service inside its own service hours,
-- agreed maintenance left out of both sides; months of Europe/Berlin.
SELECT lower(m.period) AS time, s.name AS metric,
       slm.availability(coalesce(o.outages, '{}'), s.hours, m.period, w.windows) AS value
FROM service s
CROSS JOIN LATERAL (SELECT tstzrange(d AT TIME ZONE 'Europe/Berlin',
                                     (d + interval '1 month') AT TIME ZONE 'Europe/Berlin') AS period
                    FROM generate_series(date_trunc('month', $__timeFrom()::timestamptz AT TIME ZONE 'Europe/Berlin'),
                                         $__timeTo()::timestamptz AT TIME ZONE 'Europe/Berlin' - interval '1 microsecond',
                                         interval '1 month') d) m
LEFT JOIN LATERAL (SELECT slm.outage_agg(during) AS outages
                   FROM outage WHERE outage.service = s.name AND during && m.period) o ON true
LEFT JOIN LATERAL (SELECT range_agg(during) AS windows
                   FROM maintenance WHERE maintenance.service = s.name AND during && m.period) w ON true
ORDER BY 1, 2
