package org.callbackgateway.config;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The OAuth APIs users authorize the gateway for, and how long states and tokens are trusted.
 *
 * @param apis the configured APIs by name, in the order of {@code GATEWAY_OAUTH_APIS}
 * @param stateTtl how long an authorization request (a {@code state}) may be completed
 * @param refreshMargin a token that expires within this time is refreshed before it is handed out
 * @param tokenConnectTimeout connect timeout of a request to a token endpoint
 * @param tokenRequestTimeout the longest a token endpoint may take to answer
 */
public record OAuthConfig(Map<String, OAuthApiConfig> apis, Duration stateTtl, Duration refreshMargin,
                          Duration tokenConnectTimeout, Duration tokenRequestTimeout) {

    public static final String APIS = "GATEWAY_OAUTH_APIS";
    public static final String STATE_TTL_SECONDS = "GATEWAY_OAUTH_STATE_TTL_SECONDS";
    public static final String REFRESH_MARGIN_SECONDS = "GATEWAY_OAUTH_REFRESH_MARGIN_SECONDS";
    public static final String TOKEN_CONNECT_TIMEOUT_MS = "GATEWAY_OAUTH_TOKEN_CONNECT_TIMEOUT_MS";
    public static final String TOKEN_REQUEST_TIMEOUT_MS = "GATEWAY_OAUTH_TOKEN_REQUEST_TIMEOUT_MS";

    public OAuthConfig {
        apis = Collections.unmodifiableMap(new LinkedHashMap<>(apis));
    }

    public Optional<OAuthApiConfig> api(String name) {
        return Optional.ofNullable(name).map(apis::get);
    }

    /** Reads the APIs named by {@code GATEWAY_OAUTH_APIS}; tokens are stored encrypted, so keys are required. */
    static OAuthConfig load(Settings settings, Optional<EncryptionConfig> encryption) {
        Map<String, OAuthApiConfig> apis = new LinkedHashMap<>();
        for (String entry : settings.string(APIS, "").split(",")) {
            String name = entry.trim().toLowerCase(Locale.ROOT);
            if (name.isEmpty()) {
                continue;
            }
            if (!name.matches(OAuthApiConfig.NAME_PATTERN)) {
                throw new ConfigException(APIS, "API names are a letter then up to 31 letters, digits or '_', got '"
                        + entry.trim() + "'");
            }
            if (apis.put(name, OAuthApiConfig.load(settings, name)) != null) {
                throw new ConfigException(APIS, "API " + name + " is named twice");
            }
        }
        if (!apis.isEmpty() && encryption.isEmpty()) {
            throw new ConfigException(EncryptionConfig.KEYS, "not set, but OAuth tokens are stored for " + APIS
                    + " and must be encrypted");
        }
        return new OAuthConfig(apis,
                Duration.ofSeconds(settings.integer(STATE_TTL_SECONDS, 600, 1, 86_400)),
                Duration.ofSeconds(settings.integer(REFRESH_MARGIN_SECONDS, 300, 0, 86_400)),
                Duration.ofMillis(settings.integer(TOKEN_CONNECT_TIMEOUT_MS, 5_000, 100, 60_000)),
                Duration.ofMillis(settings.integer(TOKEN_REQUEST_TIMEOUT_MS, 15_000, 100, 120_000)));
    }
}
