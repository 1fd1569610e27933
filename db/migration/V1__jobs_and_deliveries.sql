-- Jobs whose status the gateway keeps, their status history, and every inbound callback.

CREATE TABLE jobs (
    id          uuid        PRIMARY KEY,
    source      text        NOT NULL CHECK (source ~ '^[a-z0-9][a-z0-9_-]{0,62}$'),
    external_id text        CHECK (length(external_id) BETWEEN 1 AND 512),
    owner       text        NOT NULL CHECK (length(owner) BETWEEN 1 AND 256),
    name        text        NOT NULL CHECK (length(name) <= 1024),
    app_id      text        CHECK (length(app_id) <= 512),
    status      text        NOT NULL CHECK (status IN ('Submitted', 'Running', 'Completed', 'Failed', 'Canceled')),
    start_date  timestamptz,
    end_date    timestamptz,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT jobs_source_external_id_key UNIQUE (source, external_id)
);

-- The notification callback names a job by its internal or its external id, whatever the source.
CREATE INDEX jobs_external_id_idx ON jobs (external_id);
CREATE INDEX jobs_owner_created_idx ON jobs (owner, created_at, id);
CREATE INDEX jobs_status_idx ON jobs (status) WHERE status IN ('Submitted', 'Running');

CREATE TABLE deliveries (
    id                  bigserial   PRIMARY KEY,
    source              text        NOT NULL,
    delivery_key        text        CHECK (length(delivery_key) <= 512),
    event_type          text        CHECK (length(event_type) <= 256),
    content_type        text        CHECK (length(content_type) <= 256),
    body                bytea,
    body_size           integer     NOT NULL,
    verification        text        NOT NULL CHECK (verification IN ('unsigned', 'verified', 'rejected')),
    verification_detail text,
    processing          text        NOT NULL CHECK (processing IN
                            ('received', 'applied', 'ignored', 'duplicate', 'not_found', 'invalid', 'too_large', 'failed')),
    processing_detail   text,
    job_id              uuid        REFERENCES jobs (id) ON DELETE SET NULL,
    received_at         timestamptz NOT NULL
);

-- De-duplication: only accepted deliveries hold a delivery key, so a forged request
-- cannot occupy the key of a genuine one.
CREATE UNIQUE INDEX deliveries_source_key_idx ON deliveries (source, delivery_key)
    WHERE delivery_key IS NOT NULL AND verification <> 'rejected';
CREATE INDEX deliveries_received_idx ON deliveries (received_at, id);
CREATE INDEX deliveries_source_received_idx ON deliveries (source, received_at, id);
CREATE INDEX deliveries_job_idx ON deliveries (job_id) WHERE job_id IS NOT NULL;

CREATE TABLE job_status_updates (
    id            bigserial   PRIMARY KEY,
    job_id        uuid        NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
    delivery_id   bigint      REFERENCES deliveries (id) ON DELETE SET NULL,
    origin        text        NOT NULL,
    remote_status text        CHECK (length(remote_status) <= 256),
    old_status    text        NOT NULL,
    new_status    text,
    outcome       text        NOT NULL CHECK (outcome IN ('applied', 'ignored')),
    reason        text,
    created_at    timestamptz NOT NULL
);

CREATE INDEX job_status_updates_job_idx ON job_status_updates (job_id, id);
