-- Ceiling: one 2 KB jsonb row per transaction (the body comes in as -D body=..., a bound parameter).
INSERT INTO bench_ceiling_rows (body) VALUES (CAST(:body AS jsonb));
