-- API clients: services and people that call /secured and /admin with a token the gateway issues.

CREATE TABLE clients (
    client_id   text        PRIMARY KEY CHECK (client_id ~ '^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$'),
    key_hash    text        NOT NULL,
    role        text        NOT NULL CHECK (role IN ('admin', 'service', 'user')),
    permissions jsonb       NOT NULL DEFAULT '{}'::jsonb CHECK (jsonb_typeof(permissions) = 'object'),
    created_at  timestamptz NOT NULL,
    key_set_at  timestamptz NOT NULL,
    disabled_at timestamptz
);
