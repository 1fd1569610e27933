package org.callbackgateway.forwarding;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.callbackgateway.callbacks.DeliveryContent;
import org.callbackgateway.events.Event;
import org.callbackgateway.events.EventTypes;
import org.junit.jupiter.api.Test;

/**
 * The stored delivery is read for the envelopes that carry it, and only for those: a status change names its
 * notification too, and a read per status change was a database round trip on every event streamed or forwarded.
 */
class EventEnvelopesTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Instant RECEIVED = Instant.parse("2026-12-02T02:10:52.123456Z");

    private final List<String> reads = new ArrayList<>();
    private final EventEnvelopes envelopes = new EventEnvelopes(new Envelopes(MAPPER), (id, receivedAt) -> {
        reads.add(id + "@" + receivedAt);
        return Optional.of(new DeliveryContent("application/json",
                "{\"ref\":\"refs/heads/main\"}".getBytes(StandardCharsets.UTF_8), null));
    });

    @Test
    void aStatusChangeIsWrittenWithoutReadingItsDelivery() throws Exception {
        JsonNode envelope = MAPPER.readTree(envelopes.of(event(EventTypes.JOB_STATUS_CHANGED,
                "{\"status\":\"Running\",\"delivery_id\":41}")));

        assertThat(reads).isEmpty();
        assertThat(envelope.get("data").get("status").asText()).isEqualTo("Running");
        assertThat(envelope.get("data").has("payload")).isFalse();
    }

    @Test
    void aReceivedDeliveryIsReadByIdAndReceivedTimeAndCarriesItsPayload() throws Exception {
        JsonNode envelope = MAPPER.readTree(envelopes.of(event(EventTypes.DELIVERY_RECEIVED,
                "{\"delivery_id\":41,\"source\":\"github\"}")));

        assertThat(reads).containsExactly("41@" + RECEIVED);
        assertThat(envelope.get("data").get("payload").get("ref").asText()).isEqualTo("refs/heads/main");
    }

    private static Event event(String type, String data) {
        return new Event(7, "evt_7", type, "github", 41L, UUID.randomUUID(), "snow-dog", RECEIVED, data, 7);
    }
}
