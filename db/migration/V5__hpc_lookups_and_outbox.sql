-- Lookups of HPC job status that failed and are retried until the job converges, and status-change
-- notifications waiting to be posted to the notification agent.

ALTER TABLE jobs ADD COLUMN email_on_finish boolean NOT NULL DEFAULT false;
-- When the HPC API last answered for this job, so that long-running jobs are re-checked at a steady pace.
ALTER TABLE jobs ADD COLUMN checked_at timestamptz;

CREATE TABLE hpc_lookup_retries (
    job_id          uuid        PRIMARY KEY REFERENCES jobs (id) ON DELETE CASCADE,
    attempts        integer     NOT NULL,
    first_failed_at timestamptz NOT NULL,
    next_attempt_at timestamptz NOT NULL,
    last_error      text
);

CREATE INDEX hpc_lookup_retries_due_idx ON hpc_lookup_retries (next_attempt_at);

CREATE TABLE outbound_notifications (
    id              bigserial   PRIMARY KEY,
    job_id          uuid        REFERENCES jobs (id) ON DELETE CASCADE,
    payload         jsonb       NOT NULL,
    attempts        integer     NOT NULL DEFAULT 0,
    created_at      timestamptz NOT NULL,
    next_attempt_at timestamptz NOT NULL,
    last_error      text
);

CREATE INDEX outbound_notifications_due_idx ON outbound_notifications (next_attempt_at);
