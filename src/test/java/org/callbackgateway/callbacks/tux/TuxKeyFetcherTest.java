package org.callbackgateway.callbacks.tux;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.KeyPair;
import java.security.interfaces.ECPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.callbackgateway.web.Json;
import org.junit.jupiter.api.Test;

class TuxKeyFetcherTest {

    /** A clock the test moves by hand. */
    private static final class ManualClock extends Clock {
        private Instant now = Instant.parse("2026-11-22T12:00:00Z");

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void refetchHappensAtMostOncePerIntervalAndPicksUpARotatedKey() throws Exception {
        KeyPair first = OpenSshKeysTest.p256();
        KeyPair second = OpenSshKeysTest.p256();
        ManualClock clock = new ManualClock();
        try (KeysServer keys = new KeysServer()) {
            keys.serve(OpenSshKeys.format((ECPublicKey) first.getPublic(), ""));
            TuxKeyFetcher fetcher = new TuxKeyFetcher(Json.newMapper(), clock, Duration.ofMinutes(1));

            assertThat(fetcher.keys(keys.uri("tuxsuite", "demo"))).containsExactly(first.getPublic());
            assertThat(fetcher.keys(keys.uri("tuxsuite", "demo"))).containsExactly(first.getPublic());
            keys.serve(OpenSshKeys.format((ECPublicKey) second.getPublic(), ""));
            clock.advance(Duration.ofSeconds(30));

            assertThat(fetcher.refetch(keys.uri("tuxsuite", "demo"))).isEmpty();
            clock.advance(Duration.ofSeconds(31));
            assertThat(fetcher.refetch(keys.uri("tuxsuite", "demo"))).hasValueSatisfying(
                    fresh -> assertThat(fresh).containsExactly(second.getPublic()));
            assertThat(fetcher.keys(keys.uri("tuxsuite", "demo"))).containsExactly(second.getPublic());
            assertThat(keys.requests()).containsExactly(
                    "/v1/groups/tuxsuite/projects/demo/keys", "/v1/groups/tuxsuite/projects/demo/keys");
        }
    }

    @Test
    void aKeyOfAnotherTypeFromTheEndpointIsNotTaken() throws Exception {
        try (KeysServer keys = new KeysServer()) {
            keys.serve("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl");
            TuxKeyFetcher fetcher = new TuxKeyFetcher(Json.newMapper(), new ManualClock(), Duration.ofMinutes(1));

            assertThat(fetcher.keys(keys.uri("tuxsuite", "demo"))).isEmpty();
        }
    }
}
