package org.callbackgateway.testing;

import java.util.HashMap;
import java.util.Map;

/**
 * The settings every test gateway needs, as servlet context parameters.
 */
public final class TestSettings {
    /** The HS256 key test gateways sign their tokens with. */
    public static final String SIGNING_KEY = LeakWatch.remember("test-signing-key-0123456789-abcdefghijklmnopqrstuvwxyz");

    /** The key test gateways encrypt secrets at rest with. */
    public static final String ENCRYPTION_KEY = LeakWatch.remember(java.util.Base64.getEncoder().encodeToString(
            "test-encryption-key-32-bytes-ok!".getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
    public static final String ENCRYPTION_KEYS = "test-1:" + ENCRYPTION_KEY;

    private TestSettings() {
    }

    /** As {@link #gateway}, with the bootstrap admin of {@link Admins}. */
    public static Map<String, String> gatewayWithAdmin(String databaseUrl, String... extra) {
        Map<String, String> settings = gateway(databaseUrl, extra);
        settings.putAll(gateway(databaseUrl, Admins.settings()));
        return settings;
    }

    /** Database and signing key, plus {@code extra} (pairs of name and value). */
    public static Map<String, String> gateway(String databaseUrl, String... extra) {
        Map<String, String> settings = new HashMap<>();
        settings.put("GATEWAY_DB_URL", databaseUrl);
        settings.put("GATEWAY_JWT_SIGNING_KEY", SIGNING_KEY);
        settings.put("GATEWAY_BCRYPT_COST", "4");
        settings.put("GATEWAY_ENCRYPTION_KEYS", ENCRYPTION_KEYS);
        for (int i = 0; i + 1 < extra.length; i += 2) {
            settings.put(extra[i], extra[i + 1]);
        }
        settings.putIfAbsent("GATEWAY_DB_URL", databaseUrl);
        return settings;
    }
}
