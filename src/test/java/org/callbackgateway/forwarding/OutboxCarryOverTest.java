package org.callbackgateway.forwarding;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.callbackgateway.db.Migrations;
import org.callbackgateway.testing.TestDatabase;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/**
 * Notifications still queued in the former outbox when the gateway is upgraded become messages of the
 * notification agent's subscription, body and retry state kept.
 */
class OutboxCarryOverTest {

    @Test
    void queuedNotificationsBecomeTheAgentSubscriptionsMessages() {
        try (TestDatabase database = TestDatabase.empty("outbox_carry_over")) {
            Flyway.configure().dataSource(database.dataSource()).locations("classpath:db/migration").target("5")
                    .load().migrate();
            database.jdbi().useHandle(handle -> handle.execute("""
                    INSERT INTO outbound_notifications (job_id, payload, attempts, created_at, next_attempt_at, last_error)
                    VALUES (NULL, '{"type":"analysis","user":"snow-dog","payload":{"action":"job_status_change"}}',
                            3, now() - interval '1 hour', now() + interval '5 minutes', 'answered 503')
                    """));

            new Migrations(database.dataSource()).migrate();

            Map<String, Object> message = database.jdbi().withHandle(handle -> handle.createQuery("""
                    SELECT subscription_id::text AS subscription, event_id, body->>'user' AS user_name, state, attempts,
                           last_error
                      FROM outbound_messages
                    """).mapToMap().one());
            assertThat(message).containsEntry("subscription", SubscriptionRow.AGENT_ID.toString())
                    .containsEntry("user_name", "snow-dog").containsEntry("state", "pending")
                    .containsEntry("attempts", 3).containsEntry("last_error", "answered 503");
            assertThat(message.get("event_id")).isNull();
            assertThat(database.count("SELECT count(*) FROM subscriptions WHERE kind = 'notification_agent'")).isOne();
        }
    }
}
