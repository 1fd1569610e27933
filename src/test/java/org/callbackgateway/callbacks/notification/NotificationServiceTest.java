package org.callbackgateway.callbacks.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.callbackgateway.callbacks.DeliveryBatch;
import org.callbackgateway.callbacks.DeliveryInbox;
import org.callbackgateway.callbacks.InboundDelivery;
import org.callbackgateway.callbacks.Processing;
import org.callbackgateway.db.GroupCommitter;
import org.callbackgateway.events.EventLog;
import org.callbackgateway.jobs.JobStatusService;
import org.callbackgateway.testing.TestDatabase;
import org.callbackgateway.web.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A notification that changes no status is stored with the group commit, as one that does. */
class NotificationServiceTest {
    private static TestDatabase database;
    private static GroupCommitter committer;
    private static NotificationService notifications;

    @BeforeAll
    static void start() {
        database = TestDatabase.migrated("notification_service");
        EventLog log = new EventLog(database.jdbi());
        DeliveryBatch batch = new DeliveryBatch(new JobStatusService(database.jdbi(), Clock.systemUTC()),
                log::appendDeliveriesReceived);
        committer = new GroupCommitter(database.jdbi(), 64, 1);
        notifications = new NotificationService(committer, new DeliveryInbox(database.jdbi(),
                log::appendDeliveriesReceived), batch, Json.newMapper());
    }

    @AfterAll
    static void stop() {
        committer.close();
        database.close();
    }

    @Test
    void aNotificationThatChangesNoStatusIsStoredIgnoredThroughTheGroupCommit() {
        byte[] body = "{\"type\":\"data\",\"user\":\"snow-dog\",\"payload\":{\"action\":\"share\"}}"
                .getBytes(StandardCharsets.UTF_8);
        long unitsBefore = committer.units();

        NotificationService.Result result = notifications.receive(new InboundDelivery(NotificationService.SOURCE,
                Optional.empty(), Optional.empty(), Optional.of("application/json"), Optional.of(body), body.length,
                Instant.now()));

        assertThat(result.processing()).isEqualTo(Processing.IGNORED);
        assertThat(result.detail()).isEqualTo("not a status change");
        assertThat(committer.units() - unitsBefore).isEqualTo(1);
        String stored = database.jdbi().withHandle(handle -> handle.createQuery(
                "SELECT processing || ' ' || processing_detail || ' ' || (payload->>'type') FROM deliveries WHERE id = ?")
                .bind(0, result.deliveryId()).mapTo(String.class).one());
        assertThat(stored).isEqualTo("ignored not a status change data");
        assertThat(database.count("SELECT count(*) FROM events WHERE type = 'delivery.received' AND delivery_id = ?"
                + " AND data->>'processing' = 'ignored'", result.deliveryId())).isEqualTo(1);
    }
}
