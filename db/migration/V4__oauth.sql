-- The OAuth authorization-code flow: pending authorization requests (the `state` of each redirect) and the
-- tokens users granted, encrypted at rest.

CREATE TABLE authorization_requests (
    id            uuid        PRIMARY KEY,
    username      text        NOT NULL CHECK (length(username) BETWEEN 1 AND 256),
    api_name      text        NOT NULL CHECK (api_name ~ '^[a-z][a-z0-9_]{0,31}$'),
    state_info    text        NOT NULL CHECK (octet_length(state_info) <= 4096),
    code_verifier text        NOT NULL CHECK (length(code_verifier) BETWEEN 43 AND 128),
    created_at    timestamptz NOT NULL,
    expires_at    timestamptz NOT NULL,
    -- Set when the state is consumed; the row stays until it expires so that a replay is told "already used".
    used_at       timestamptz
);

-- The periodic clean-up deletes by expiry.
CREATE INDEX authorization_requests_expires_idx ON authorization_requests (expires_at);

-- One row per API and user. Both tokens are AES-256-GCM ciphertexts (nonce || data || tag) made with the key
-- named by key_id, with the API and the user as associated data, so a ciphertext cannot be moved to another row.
CREATE TABLE access_tokens (
    api_name      text        NOT NULL CHECK (api_name ~ '^[a-z][a-z0-9_]{0,31}$'),
    username      text        NOT NULL CHECK (length(username) BETWEEN 1 AND 256),
    key_id        text        NOT NULL,
    access_token  bytea       NOT NULL,
    refresh_token bytea,
    token_type    text        NOT NULL CHECK (length(token_type) BETWEEN 1 AND 64),
    scope         text        CHECK (length(scope) <= 4096),
    expires_at    timestamptz,
    created_at    timestamptz NOT NULL,
    updated_at    timestamptz NOT NULL,
    PRIMARY KEY (api_name, username)
);
