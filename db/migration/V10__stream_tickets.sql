-- Single-use tickets that open one event stream (GET /secured/events?ticket=...), so that browsers, whose
-- EventSource cannot send an Authorization header, keep long-lived tokens out of URLs. Only a hash is stored;
-- a ticket is redeemed by deleting its row, so it opens one stream on any instance, once.
CREATE TABLE stream_tickets (
    ticket_hash      bytea       PRIMARY KEY,
    subject          text        NOT NULL,
    username         text        NOT NULL,
    role             text        NOT NULL,
    acting_user      text        NOT NULL,
    token_expires_at timestamptz NOT NULL,
    expires_at       timestamptz NOT NULL
);
CREATE INDEX stream_tickets_expires_at ON stream_tickets (expires_at);
