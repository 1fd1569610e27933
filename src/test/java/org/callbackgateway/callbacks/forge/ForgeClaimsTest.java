package org.callbackgateway.callbacks.forge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.callbackgateway.callbacks.Verdict;
import org.junit.jupiter.api.Test;

/**
 * GitHub's published test vector (docs.github.com, "Validating webhook deliveries"), checked as whck checks it.
 */
class ForgeClaimsTest {
    private static final byte[] SECRET = "It's a Secret to Everybody".getBytes(StandardCharsets.UTF_8);
    private static final byte[] BODY = "Hello, World!".getBytes(StandardCharsets.UTF_8);
    private static final String HEX = "757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17";

    @Test
    void hmacSha256AcceptsGitHubsTestVectorWithAndWithoutPrefix() {
        assertThat(ForgeClaims.hmacSha256(SECRET, "sha256=" + HEX, BODY)).isInstanceOf(Verdict.Verified.class);
        assertThat(ForgeClaims.hmacSha256(SECRET, HEX, BODY)).isInstanceOf(Verdict.Verified.class);
        assertThat(ForgeClaims.hmacSha256(SECRET, HEX.toUpperCase(java.util.Locale.ROOT), BODY))
                .isInstanceOf(Verdict.Verified.class);
    }

    @Test
    void hmacSha256RejectsTheVectorWithOneByteChanged() {
        byte[] body = BODY.clone();
        body[body.length - 1] = '?';
        String signature = "857107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17";
        byte[] secret = SECRET.clone();
        secret[0] = 'i';

        assertThat(ForgeClaims.hmacSha256(SECRET, "sha256=" + HEX, body)).isInstanceOf(Verdict.Rejected.class);
        assertThat(ForgeClaims.hmacSha256(SECRET, signature, BODY)).isInstanceOf(Verdict.Rejected.class);
        assertThat(ForgeClaims.hmacSha256(secret, HEX, BODY)).isInstanceOf(Verdict.Rejected.class);
    }

    @Test
    void hmacSha256RejectsMalformedAndSha1Claims() {
        assertThat(ForgeClaims.hmacSha256(SECRET, "sha1=" + HEX.substring(0, 40), BODY))
                .isInstanceOf(Verdict.Rejected.class);
        assertThat(ForgeClaims.hmacSha256(SECRET, "not hex", BODY)).isInstanceOf(Verdict.Rejected.class);
        assertThat(ForgeClaims.hmacSha256(SECRET, "", BODY)).isInstanceOf(Verdict.Rejected.class);
    }

    @Test
    void tokenAcceptsOnlyTheSecretItself() {
        assertThat(ForgeClaims.token(SECRET, "It's a Secret to Everybody")).isInstanceOf(Verdict.Verified.class);
        assertThat(ForgeClaims.token(SECRET, "It's a Secret to Everybody ")).isInstanceOf(Verdict.Verified.class);
        assertThat(ForgeClaims.token(SECRET, "It's a secret to Everybody")).isInstanceOf(Verdict.Rejected.class);
        assertThat(ForgeClaims.token(SECRET, "")).isInstanceOf(Verdict.Rejected.class);
    }

    @Test
    void tokenRefusesASecretGitLabCouldNotHave() {
        assertThatThrownBy(() -> ForgeClaims.token("whsec_!".getBytes(StandardCharsets.UTF_8), "whsec_!"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
