-- What the real senders send: the DE's whole status set, the status a callback body claimed beside the one the
-- gateway read from the upstream API, per-job callback credentials, and Nextflow runs' task progress.

-- The DE's apps service knows these statuses (job-status-order); its messaging library adds Queued.
ALTER TABLE jobs DROP CONSTRAINT jobs_status_check;
ALTER TABLE jobs ADD CONSTRAINT jobs_status_check CHECK (status IN
    ('Pending', 'Submitted', 'Queued', 'Idle', 'Running', 'ImpendingCancellation', 'Completed', 'Failed', 'Canceled'));
DROP INDEX jobs_status_idx;
CREATE INDEX jobs_status_idx ON jobs (status) WHERE status NOT IN ('Completed', 'Failed', 'Canceled');

-- How a change's status was established: 'reported' (taken from the callback as sent) or 'pulled' (read from
-- the upstream API); and, for a pulled change, what the callback that caused it claimed.
ALTER TABLE job_status_updates ADD COLUMN basis text CHECK (basis IN ('reported', 'pulled'));
ALTER TABLE job_status_updates ADD COLUMN claimed_status text CHECK (length(claimed_status) <= 256);

-- A SHA-256 digest of the job's generated callback credential ("user:password" for HTTP Basic); the
-- credential itself is shown once, at registration, and never stored.
ALTER TABLE jobs ADD COLUMN callback_token_hash bytea CHECK (octet_length(callback_token_hash) = 32);
-- What a source reports about the job's progress besides its status (Nextflow: task counts).
ALTER TABLE jobs ADD COLUMN progress jsonb CHECK (jsonb_typeof(progress) = 'object');

-- The tasks of a Nextflow run, one row per task, at the furthest state its process events reported.
CREATE TABLE nextflow_tasks (
    job_id     uuid        NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
    run_id     text        NOT NULL CHECK (length(run_id) BETWEEN 1 AND 128),
    task_id    bigint      NOT NULL,
    process    text        CHECK (length(process) <= 1024),
    state      text        NOT NULL CHECK (state IN ('submitted', 'running', 'completed', 'failed')),
    updated_at timestamptz NOT NULL,
    PRIMARY KEY (job_id, run_id, task_id)
);
