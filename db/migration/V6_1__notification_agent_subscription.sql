-- The DE notification agent becomes a subscription of the event log: it is switched on and given its URL at
-- start-up from GATEWAY_NOTIFICATION_AGENT_URL, and what the V5 outbox still held is carried over as its messages
-- (their bodies as they were queued), so that there is one outbound mechanism.

INSERT INTO subscriptions (id, kind, description, url, enabled, event_types, timeout_ms, created_by, created_at, updated_at)
VALUES ('00000000-0000-0000-0000-00000000a6e7', 'notification_agent', 'DE notification agent', NULL, false,
        '{job.status_changed}', 10000, 'migration', now(), now());

INSERT INTO outbound_messages (subscription_id, event_id, body, state, attempts, created_at, next_attempt_at, last_error)
SELECT '00000000-0000-0000-0000-00000000a6e7', NULL, payload, 'pending', attempts, created_at, next_attempt_at, last_error
  FROM outbound_notifications;

DROP TABLE outbound_notifications;
