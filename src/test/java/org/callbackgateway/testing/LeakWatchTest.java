package org.callbackgateway.testing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class LeakWatchTest {

    @Test
    void aRememberedSecretInALogLineIsCaught() {
        String secret = LeakWatch.remember("canary-" + java.util.UUID.randomUUID());

        LoggerFactory.getLogger(LeakWatchTest.class).info("oops: {}", secret);

        assertThat(LeakWatch.drainLeaks()).singleElement().asString().contains("starting cana").doesNotContain(secret);
    }

    @Test
    void aSecretInAnExceptionMessageIsCaught() {
        String secret = LeakWatch.remember("canary-" + java.util.UUID.randomUUID());

        LoggerFactory.getLogger(LeakWatchTest.class).warn("failed", new IllegalStateException("bad " + secret));

        assertThat(LeakWatch.drainLeaks()).hasSize(1);
    }
}
