-- The event log (what happened, in an order consumers can rely on), subscriptions to it, and the signed
-- forwarding of events to them.

-- One row per event, appended in the transaction that caused it. An append inserts with position NULL; the
-- sequencer (one at a time across the cluster, under an advisory lock) gives every committed unpositioned row
-- the next position, so positions follow commit order and a reader of "position > N" never misses an event.
-- No foreign keys: the log outlives the rows it refers to, and the ingest path pays only for the insert.
CREATE TABLE events (
    id          bigserial   PRIMARY KEY,
    event_id    text        NOT NULL DEFAULT ('evt_' || replace(gen_random_uuid()::text, '-', '')),
    position    bigint,
    type        text        NOT NULL CHECK (type ~ '^[a-z][a-z0-9_.]{0,63}$'),
    source      text        CHECK (length(source) <= 64),
    delivery_id bigint,
    job_id      uuid,
    job_owner   text        CHECK (length(job_owner) <= 256),
    occurred_at timestamptz NOT NULL,
    data        jsonb       NOT NULL CHECK (jsonb_typeof(data) = 'object'),
    CONSTRAINT events_event_id_key UNIQUE (event_id),
    CONSTRAINT events_position_key UNIQUE (position)
);

-- What the sequencer has still to position, in id order.
CREATE INDEX events_unpositioned_idx ON events (id) WHERE position IS NULL;
-- Replays of a time range.
CREATE INDEX events_occurred_idx ON events (occurred_at, position);

-- Every insert into events wakes the sequencers (delivered at commit; identical payloads of one transaction are
-- sent once, so a group commit of many appends sends one notification).
CREATE FUNCTION events_appended_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('gateway_events_appended', '');
    RETURN NULL;
END
$$;

CREATE TRIGGER events_appended AFTER INSERT ON events
    FOR EACH STATEMENT EXECUTE FUNCTION events_appended_notify();

-- Subscribers of the log: webhooks (signed, Standard Webhooks) and the DE notification agent.
CREATE TABLE subscriptions (
    id                   uuid        PRIMARY KEY,
    kind                 text        NOT NULL CHECK (kind IN ('webhook', 'notification_agent')),
    description          text        CHECK (length(description) <= 256),
    url                  text        CHECK (length(url) <= 2048),
    enabled              boolean     NOT NULL,
    -- Filters: empty arrays and NULLs match everything.
    sources              text[]      NOT NULL DEFAULT '{}',
    event_types          text[]      NOT NULL DEFAULT '{}',
    job_owner            text        CHECK (length(job_owner) <= 256),
    job_id               uuid,
    -- Extra static headers (a receiver's bearer token): encrypted JSON object, the names kept apart for display.
    headers_ciphertext   bytea,
    headers_key_id       text        CHECK (length(headers_key_id) <= 64),
    header_names         text[]      NOT NULL DEFAULT '{}',
    timeout_ms           integer     NOT NULL CHECK (timeout_ms BETWEEN 100 AND 60000),
    -- Why it was switched off by the gateway (410 Gone), if it was.
    disabled_reason      text,
    -- The circuit breaker: failures in a row, and while open, when the next probe is due.
    consecutive_failures integer     NOT NULL DEFAULT 0,
    circuit_open_until   timestamptz,
    created_by           text        CHECK (length(created_by) <= 256),
    created_at           timestamptz NOT NULL,
    updated_at           timestamptz NOT NULL
);

-- Signing secrets (whsec_), encrypted at rest; several active at once for rotation.
CREATE TABLE subscription_secrets (
    id                uuid        PRIMARY KEY,
    subscription_id   uuid        NOT NULL REFERENCES subscriptions (id) ON DELETE CASCADE,
    ciphertext        bytea       NOT NULL,
    encryption_key_id text        NOT NULL CHECK (length(encryption_key_id) <= 64),
    not_after         timestamptz,
    created_at        timestamptz NOT NULL
);

CREATE INDEX subscription_secrets_subscription_idx ON subscription_secrets (subscription_id);

-- How far the fan-out has turned events into messages; one row, locked by the instance doing it.
CREATE TABLE forwarding_cursor (
    id       integer PRIMARY KEY CHECK (id = 1),
    position bigint  NOT NULL
);

INSERT INTO forwarding_cursor (id, position) VALUES (1, 0);

-- One event to send to one subscription (a redelivery or replay is another message of the same event).
CREATE TABLE outbound_messages (
    id              bigserial   PRIMARY KEY,
    subscription_id uuid        NOT NULL REFERENCES subscriptions (id) ON DELETE CASCADE,
    -- events.id; NULL for a message carried over from the V5 outbox, which has its body instead.
    event_id        bigint,
    body            jsonb,
    state           text        NOT NULL CHECK (state IN ('pending', 'delivered', 'failed')),
    attempts        integer     NOT NULL DEFAULT 0,
    created_at      timestamptz NOT NULL,
    -- When pending: when it is due; while an instance sends it, the end of that instance's lease.
    next_attempt_at timestamptz NOT NULL,
    finished_at     timestamptz,
    last_error      text,
    CONSTRAINT outbound_messages_content_check CHECK (event_id IS NOT NULL OR body IS NOT NULL)
);

CREATE INDEX outbound_messages_due_idx ON outbound_messages (subscription_id, next_attempt_at) WHERE state = 'pending';
CREATE INDEX outbound_messages_subscription_idx ON outbound_messages (subscription_id, id);
CREATE INDEX outbound_messages_event_idx ON outbound_messages (event_id) WHERE event_id IS NOT NULL;

-- Every attempt, whatever its outcome.
CREATE TABLE outbound_attempts (
    id              bigserial   PRIMARY KEY,
    message_id      bigint      NOT NULL REFERENCES outbound_messages (id) ON DELETE CASCADE,
    subscription_id uuid        NOT NULL,
    attempted_at    timestamptz NOT NULL,
    outcome         text        NOT NULL CHECK (outcome IN ('delivered', 'failed', 'timeout', 'unreachable', 'gone', 'refused_address')),
    status_code     integer,
    latency_ms      integer     NOT NULL,
    response_head   text        CHECK (length(response_head) <= 1024)
);

CREATE INDEX outbound_attempts_message_idx ON outbound_attempts (message_id, id);
CREATE INDEX outbound_attempts_subscription_idx ON outbound_attempts (subscription_id, id);
