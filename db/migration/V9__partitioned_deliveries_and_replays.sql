-- Deliveries partitioned by day of receipt (UTC), so that retention drops whole days instead of deleting rows;
-- de-duplication keys in a table of their own (a unique index of a partitioned table must include the
-- partition key, which would make a key unique per day only); the payload as jsonb for search; replays.
--
-- The existing table is not copied: it becomes the first partition, covering everything up to the end of the
-- day of its newest row, and is dropped whole once that day is older than the retention window.

-- Nothing can reference deliveries (id) alone any more. A history row keeps its delivery id, and says when
-- that delivery has expired; a repeat keeps the id of its original.
ALTER TABLE job_status_updates DROP CONSTRAINT IF EXISTS job_status_updates_delivery_id_fkey;
ALTER TABLE deliveries DROP CONSTRAINT IF EXISTS deliveries_duplicate_of_fkey;

-- The key of every accepted delivery, held as long as the delivery is retained: a repeat is recognised across
-- partitions, and a forged request cannot occupy a genuine key (rejected deliveries hold none).
CREATE TABLE delivery_keys (
    source       text        NOT NULL,
    delivery_key text        NOT NULL,
    delivery_id  bigint      NOT NULL,
    received_at  timestamptz NOT NULL,
    PRIMARY KEY (source, delivery_key)
);
CREATE INDEX delivery_keys_received_idx ON delivery_keys (received_at);

INSERT INTO delivery_keys (source, delivery_key, delivery_id, received_at)
SELECT source, delivery_key, id, received_at FROM deliveries
 WHERE delivery_key IS NOT NULL AND verification <> 'rejected';

ALTER TABLE deliveries RENAME TO deliveries_legacy;
-- Replaced by the partitioned table's (id, received_at), built when the table is attached.
ALTER TABLE deliveries_legacy DROP CONSTRAINT deliveries_pkey;
DROP INDEX deliveries_source_key_idx;
ALTER INDEX deliveries_received_idx RENAME TO deliveries_legacy_received_idx;
ALTER INDEX deliveries_source_received_idx RENAME TO deliveries_legacy_source_received_idx;
ALTER INDEX deliveries_job_idx RENAME TO deliveries_legacy_job_idx;
ALTER INDEX deliveries_duplicate_of_idx RENAME TO deliveries_legacy_duplicate_of_idx;
ALTER TABLE deliveries_legacy
    ADD COLUMN payload jsonb,
    ADD COLUMN signature_headers jsonb,
    ADD COLUMN replay_of bigint,
    ADD COLUMN replay_mode text,
    ADD COLUMN replay_run uuid;
-- The sequence outlives the first partition.
ALTER SEQUENCE deliveries_id_seq OWNED BY NONE;

CREATE TABLE deliveries (
    id                  bigint      NOT NULL DEFAULT nextval('deliveries_id_seq'),
    source              text        NOT NULL,
    -- The CHECK constraints are named as the first partition's are (ATTACH matches them by name).
    delivery_key        text        CONSTRAINT deliveries_delivery_key_check CHECK (length(delivery_key) <= 512),
    event_type          text        CONSTRAINT deliveries_event_type_check CHECK (length(event_type) <= 256),
    content_type        text        CONSTRAINT deliveries_content_type_check CHECK (length(content_type) <= 256),
    body                bytea,
    body_size           integer     NOT NULL,
    verification        text        NOT NULL CONSTRAINT deliveries_verification_check CHECK (verification IN ('unsigned', 'verified', 'rejected')),
    verification_detail text,
    processing          text        NOT NULL CONSTRAINT deliveries_processing_check CHECK (processing IN
                            ('received', 'applied', 'ignored', 'duplicate', 'not_found', 'invalid', 'too_large', 'failed')),
    processing_detail   text,
    job_id              uuid        REFERENCES jobs (id) ON DELETE SET NULL,
    received_at         timestamptz NOT NULL,
    headers             jsonb,
    duplicate_of        bigint,
    -- The body when it is a JSON document PostgreSQL accepts; NULL otherwise (and for rows from before V9).
    payload             jsonb,
    -- The headers that carry a signature (never a secret token), so that a replay can verify again.
    -- Not shown by the inspection API.
    signature_headers   jsonb,
    -- A replay: the delivery it re-ran, 'verify' (verified again with the source's current keys) or 'trust'
    -- (the original verification trusted), and the bulk replay run it belongs to.
    replay_of           bigint,
    replay_mode         text,
    replay_run          uuid,
    PRIMARY KEY (id, received_at)
) PARTITION BY RANGE (received_at);
ALTER SEQUENCE deliveries_id_seq OWNED BY deliveries.id;

CREATE INDEX deliveries_received_idx ON deliveries (received_at, id);
CREATE INDEX deliveries_source_received_idx ON deliveries (source, received_at, id);
CREATE INDEX deliveries_job_idx ON deliveries (job_id) WHERE job_id IS NOT NULL;
CREATE INDEX deliveries_duplicate_of_idx ON deliveries (duplicate_of) WHERE duplicate_of IS NOT NULL;
CREATE INDEX deliveries_key_idx ON deliveries (delivery_key) WHERE delivery_key IS NOT NULL;
CREATE INDEX deliveries_replay_of_idx ON deliveries (replay_of) WHERE replay_of IS NOT NULL;
-- Serves payload @> '{...}' (the search's JSON path conditions).
CREATE INDEX deliveries_payload_idx ON deliveries USING gin (payload jsonb_path_ops);

DO $$
DECLARE
    upper_bound timestamptz;
BEGIN
    SELECT date_trunc('day', max(received_at) AT TIME ZONE 'UTC') AT TIME ZONE 'UTC' + interval '1 day'
      INTO upper_bound FROM deliveries_legacy;
    IF upper_bound IS NULL THEN
        DROP TABLE deliveries_legacy;
    ELSE
        -- Proves the bound once, so that ATTACH need not scan again.
        EXECUTE format('ALTER TABLE deliveries_legacy ADD CONSTRAINT deliveries_legacy_bound CHECK (received_at < %L)',
                       upper_bound);
        EXECUTE format('ALTER TABLE deliveries ATTACH PARTITION deliveries_legacy FOR VALUES FROM (MINVALUE) TO (%L)',
                       upper_bound);
        ALTER TABLE deliveries_legacy DROP CONSTRAINT deliveries_legacy_bound;
    END IF;
END $$;

-- Every partition with its bounds (NULL lower bound: MINVALUE), for retention and metrics.
CREATE VIEW delivery_partitions AS
SELECT c.relname::text AS name,
       (regexp_match(pg_get_expr(c.relpartbound, c.oid), 'FROM \(''([^'']*)''\)'))[1]::timestamptz AS lower_bound,
       (regexp_match(pg_get_expr(c.relpartbound, c.oid), 'TO \(''([^'']*)''\)'))[1]::timestamptz AS upper_bound,
       i.inhdetachpending AS detach_pending
  FROM pg_inherits i
  JOIN pg_class c ON c.oid = i.inhrelid
 WHERE i.inhparent = 'deliveries'::regclass;

-- Creates the daily partitions deliveries_YYYYMMDD of [first_day, last_day] that are missing; a day already
-- covered (by the first partition) is skipped. Returns how many were created. Callers serialise (advisory lock).
CREATE FUNCTION delivery_partitions_ensure(first_day date, last_day date) RETURNS integer
LANGUAGE plpgsql AS $$
DECLARE
    day date := first_day;
    created integer := 0;
    name text;
BEGIN
    WHILE day <= last_day LOOP
        name := 'deliveries_' || to_char(day, 'YYYYMMDD');
        IF to_regclass(name) IS NULL THEN
            BEGIN
                EXECUTE format('CREATE TABLE %I PARTITION OF deliveries FOR VALUES FROM (%L) TO (%L)', name,
                               day::timestamp AT TIME ZONE 'UTC', (day + 1)::timestamp AT TIME ZONE 'UTC');
                created := created + 1;
            EXCEPTION WHEN invalid_object_definition THEN
                NULL; -- would overlap the first partition, which holds that day
            END;
        END IF;
        day := day + 1;
    END LOOP;
    RETURN created;
END $$;

SELECT delivery_partitions_ensure((now() AT TIME ZONE 'UTC')::date, (now() AT TIME ZONE 'UTC')::date + 7);

-- Bulk replays: the filter's deliveries are fixed when the run is created; instances claim items with
-- FOR UPDATE SKIP LOCKED and hold the row locks while they replay them.
CREATE TABLE replay_runs (
    id           uuid        PRIMARY KEY,
    filter       jsonb       NOT NULL,
    trust        boolean     NOT NULL,
    state        text        NOT NULL CHECK (state IN ('running', 'finished', 'cancelled')),
    total        integer     NOT NULL,
    created_by   text        CHECK (length(created_by) <= 256),
    created_at   timestamptz NOT NULL,
    finished_at  timestamptz
);
CREATE INDEX replay_runs_running_idx ON replay_runs (created_at) WHERE state = 'running';

CREATE TABLE replay_items (
    run_id       uuid        NOT NULL REFERENCES replay_runs (id) ON DELETE CASCADE,
    delivery_id  bigint      NOT NULL,
    -- NULL until replayed; then the new delivery's processing outcome (or 'rejected', 'gone', 'failed').
    outcome      text,
    replay_id    bigint,
    done_at      timestamptz,
    PRIMARY KEY (run_id, delivery_id)
);
CREATE INDEX replay_items_pending_idx ON replay_items (run_id, delivery_id) WHERE outcome IS NULL;
