-- Signed callback sources, their secrets and public keys (rotation: several active at once), and what the
-- deliveries of signed sources need besides V1's columns.

CREATE TABLE sources (
    name              text        PRIMARY KEY CHECK (name ~ '^[a-z0-9][a-z0-9_-]{0,62}$'),
    type              text        NOT NULL CHECK (type IN ('github', 'gitea', 'gitlab', 'tuxsuite', 'standard')),
    -- Per-source overrides; NULL means the gateway-wide setting.
    max_body_bytes    integer     CHECK (max_body_bytes BETWEEN 1024 AND 67108864),
    tolerance_seconds integer     CHECK (tolerance_seconds BETWEEN 1 AND 86400),
    allow_sha1        boolean     NOT NULL DEFAULT false,
    keys_url          text        CHECK (length(keys_url) <= 2048),
    created_by        text        CHECK (length(created_by) <= 256),
    created_at        timestamptz NOT NULL,
    updated_at        timestamptz NOT NULL
);

CREATE TABLE source_secrets (
    id                uuid        PRIMARY KEY,
    source            text        NOT NULL REFERENCES sources (name) ON DELETE CASCADE,
    -- A forge repository URL or a TuxSuite group; '' is the source-wide fallback.
    scope             text        NOT NULL DEFAULT '' CHECK (length(scope) <= 1024),
    kind              text        NOT NULL CHECK (kind IN ('secret', 'public_key')),
    -- A secret is kept only encrypted (AES-256-GCM, nonce || ciphertext || tag) under a named key.
    ciphertext        bytea,
    encryption_key_id text        CHECK (length(encryption_key_id) <= 64),
    -- A public key is not secret and is kept as text.
    public_key        text        CHECK (length(public_key) <= 8192),
    label             text        CHECK (length(label) <= 256),
    not_after         timestamptz,
    created_by        text        CHECK (length(created_by) <= 256),
    created_at        timestamptz NOT NULL,
    CONSTRAINT source_secrets_material_check CHECK (
        (kind = 'secret' AND ciphertext IS NOT NULL AND encryption_key_id IS NOT NULL AND public_key IS NULL)
        OR (kind = 'public_key' AND public_key IS NOT NULL AND ciphertext IS NULL AND encryption_key_id IS NULL))
);

CREATE INDEX source_secrets_source_idx ON source_secrets (source, scope);

-- The headers that identify a delivery (ids, event, timestamp; never a token or a signature).
ALTER TABLE deliveries ADD COLUMN headers jsonb;
-- A repeat of an accepted delivery is kept as its own row without a key (the key belongs to the original,
-- see deliveries_source_key_idx) and points at the original.
ALTER TABLE deliveries ADD COLUMN duplicate_of bigint REFERENCES deliveries (id) ON DELETE SET NULL;
CREATE INDEX deliveries_duplicate_of_idx ON deliveries (duplicate_of) WHERE duplicate_of IS NOT NULL;
