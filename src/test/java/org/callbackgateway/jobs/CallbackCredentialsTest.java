package org.callbackgateway.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CallbackCredentialsTest {
    private static Optional<String> basic(String token) {
        return Optional.of("Basic " + Base64.getEncoder().encodeToString(token.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aGeneratedTokenMatchesOnlyItself() {
        String token = CallbackCredentials.generate();
        Optional<byte[]> digest = Optional.of(CallbackCredentials.digest(token));

        assertThat(token).startsWith("nextflow:").hasSize("nextflow:".length() + 43);
        assertThat(CallbackCredentials.check(digest, basic(token))).isEqualTo(CallbackCredentials.Check.MATCHED);
        assertThat(CallbackCredentials.check(digest, basic(CallbackCredentials.generate())))
                .isEqualTo(CallbackCredentials.Check.REFUSED);
        assertThat(CallbackCredentials.generate()).isNotEqualTo(token);
    }

    @Test
    void aMissingOrMalformedHeaderIsRefusedWhenTheJobHasACredential() {
        Optional<byte[]> digest = Optional.of(CallbackCredentials.digest(CallbackCredentials.generate()));

        assertThat(CallbackCredentials.check(digest, Optional.empty())).isEqualTo(CallbackCredentials.Check.REFUSED);
        assertThat(CallbackCredentials.check(digest, Optional.of("Bearer abc"))).isEqualTo(CallbackCredentials.Check.REFUSED);
        assertThat(CallbackCredentials.check(digest, Optional.of("Basic %%%"))).isEqualTo(CallbackCredentials.Check.REFUSED);
    }

    @Test
    void aJobWithoutACredentialNeedsNone() {
        assertThat(CallbackCredentials.check(Optional.empty(), Optional.empty()))
                .isEqualTo(CallbackCredentials.Check.NOT_REQUIRED);
    }
}
