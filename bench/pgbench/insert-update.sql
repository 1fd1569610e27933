-- Ceiling: one INSERT of a 2 KB jsonb row plus one UPDATE of a job row, in one transaction.
\set job random(1, 1000)
BEGIN;
INSERT INTO bench_ceiling_rows (body) VALUES (CAST(:body AS jsonb));
UPDATE bench_ceiling_jobs SET status = 'Running', updated_at = now() WHERE id = :job;
END;
