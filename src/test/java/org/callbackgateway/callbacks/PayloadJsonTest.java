package org.callbackgateway.callbacks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.callbackgateway.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every payload {@link PayloadJson} lets through is one PostgreSQL's jsonb accepts: a delivery insert never fails on it. */
class PayloadJsonTest {
    private static TestDatabase database;

    @BeforeAll
    static void start() {
        database = TestDatabase.empty("payload_json");
    }

    @AfterAll
    static void stop() {
        database.close();
    }

    private static boolean postgresAccepts(String text) {
        return database.jdbi().withHandle(handle -> {
            try {
                handle.createQuery("SELECT CAST(:text AS jsonb) IS NOT NULL").bind("text", text).mapTo(Boolean.class).one();
                return true;
            } catch (RuntimeException e) {
                return false;
            }
        });
    }

    @Test
    void keepsWhatJsonbAcceptsAndOnlyThat() {
        List<String> bodies = List.of("{\"a\":1}", "[1,2]", " {\"nested\":{\"x\":[true,null,\"\\u00e9\"]}} ",
                "{\"emoji\":\"\\ud83d\\ude00\"}", "{\"n\":1e308}", "{\"n\":-0.000001}", "{\"big\":1e999}",
                "{\"nul\":\"a\\u0000b\"}", "{\"lone\":\"\\ud800\"}", "{\"low\":\"\\udc00x\"}", "{\"\\u0000\":1}",
                "{\"n\":1e100000}", "\"just a string\"", "42", "{\"a\":1} trailing", "{\"a\":", "{'a':1}",
                "\uFEFF{\"a\":1}", "{\"a\":NaN}", "{\"a\":01}", "", "[" + "[".repeat(300) + "]".repeat(301));
        for (String body : bodies) {
            String kept = PayloadJson.of(body.getBytes(StandardCharsets.UTF_8));
            if (kept != null) {
                assertThat(postgresAccepts(kept)).as(body).isTrue();
            }
        }
        assertThat(PayloadJson.of("{\"a\":1}".getBytes(StandardCharsets.UTF_8))).isEqualTo("{\"a\":1}");
        assertThat(PayloadJson.of("{\"nul\":\"a\\u0000b\"}".getBytes(StandardCharsets.UTF_8))).isNull();
        assertThat(PayloadJson.of("\"just a string\"".getBytes(StandardCharsets.UTF_8))).isNull();
        assertThat(PayloadJson.of(new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xff, '"', '}'})).isNull();
        assertThat(PayloadJson.of(new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xed, (byte) 0xa0, (byte) 0x80, '"', '}'}))
                .isNull();
    }
}
