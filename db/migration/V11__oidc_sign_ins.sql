-- The identity-provider sign-ins the console has exchanged for a gateway token, by the SHA-256 of their ID
-- token's nonce: an ID token is exchanged once, on any instance. Rows are needed only until the ID token could
-- no longer be accepted anyway (its age limit), then deleted.
CREATE TABLE oidc_sign_ins (
    nonce_hash bytea       PRIMARY KEY,
    expires_at timestamptz NOT NULL
);
CREATE INDEX oidc_sign_ins_expires_at ON oidc_sign_ins (expires_at);
