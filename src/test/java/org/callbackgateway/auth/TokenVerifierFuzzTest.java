package org.callbackgateway.auth;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.Map;
import org.callbackgateway.config.ConfigSource;
import org.callbackgateway.config.GatewayConfig;

/**
 * Any bearer token is accepted only when genuine, and otherwise refused as invalid: never another exception.
 */
class TokenVerifierFuzzTest {
    private static final GatewayConfig CONFIG = GatewayConfig.load(ConfigSource.of(Map.of(
            "GATEWAY_JWT_SIGNING_KEY", "fuzz-signing-key-0123456789-abcdefghijklmnop")));
    private static final TokenVerifier VERIFIER = new TokenVerifier(SigningKeys.from(CONFIG.auth()), CONFIG.auth(),
            (clientId, keySetAt, issuedAt) -> java.util.Optional.empty(), java.util.Optional.empty());

    @FuzzTest(maxDuration = "30s")
    void verifyRefusesForgeriesCleanly(FuzzedDataProvider data) {
        String token = data.consumeRemainingAsString();
        try {
            Caller caller = VERIFIER.verify(token);
            throw new AssertionError("a fuzzed token was accepted for " + caller.subject());
        } catch (TokenVerifier.InvalidTokenException refused) {
            // expected
        }
    }
}
