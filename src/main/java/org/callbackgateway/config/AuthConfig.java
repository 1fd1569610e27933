package org.callbackgateway.config;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * How the gateway issues and checks bearer tokens.
 *
 * @param hmacKey the HS256 signing key ({@code GATEWAY_JWT_SIGNING_KEY}, at least 32 bytes)
 * @param ecKey an ES256 signing key as a P-256 private JWK ({@code GATEWAY_JWT_EC_KEY}); used instead of HS256
 * @param issuer the {@code iss} of the gateway's tokens
 * @param audience the {@code aud} of the gateway's tokens
 * @param ttlSeconds how long a token lives
 * @param identityProvider the site's identity provider: its access tokens accepted, console sign-in through it
 * @param bootstrapAdmin the first admin client, created at start-up when absent
 * @param bcryptCost the bcrypt cost for new client keys
 * @param clientCacheSeconds how long a client's state (exists, disabled, key set at) is reused to check its tokens
 */
public record AuthConfig(
        Optional<Secret> hmacKey,
        Optional<Secret> ecKey,
        String issuer,
        String audience,
        int ttlSeconds,
        Optional<IdentityProviderConfig> identityProvider,
        Optional<BootstrapAdmin> bootstrapAdmin,
        int bcryptCost,
        int clientCacheSeconds) {

    public static final String SIGNING_KEY = "GATEWAY_JWT_SIGNING_KEY";
    /** The name the reference client-token endpoint uses; accepted as a fallback. */
    public static final String LEGACY_SIGNING_KEY = "JWT_SIGNING_KEY";
    public static final String EC_KEY = "GATEWAY_JWT_EC_KEY";
    public static final String ISSUER = "GATEWAY_JWT_ISSUER";
    public static final String AUDIENCE = "GATEWAY_JWT_AUDIENCE";
    public static final String TTL_SECONDS = "GATEWAY_JWT_TTL_SECONDS";
    public static final String BOOTSTRAP_ADMIN_ID = "GATEWAY_BOOTSTRAP_ADMIN_ID";
    public static final String BOOTSTRAP_ADMIN_KEY_HASH = "GATEWAY_BOOTSTRAP_ADMIN_KEY_HASH";
    public static final String BCRYPT_COST = "GATEWAY_BCRYPT_COST";
    public static final String CLIENT_CACHE_SECONDS = "GATEWAY_CLIENT_CACHE_SECONDS";

    /** An admin client the operator prepared with the key tool: its id and the bcrypt hash of its key. */
    public record BootstrapAdmin(String clientId, Secret keyHash) {
    }

    static AuthConfig load(Settings settings) {
        Optional<Secret> hmacKey = settings.secret(SIGNING_KEY).or(() -> settings.secret(LEGACY_SIGNING_KEY));
        Optional<Secret> ecKey = settings.secret(EC_KEY);
        if (hmacKey.isPresent() && ecKey.isPresent()) {
            throw new ConfigException(EC_KEY, "set either it or " + SIGNING_KEY + ", not both");
        }
        if (hmacKey.isEmpty() && ecKey.isEmpty()) {
            throw new ConfigException(SIGNING_KEY, "not set: give a random key of at least 32 bytes (or an ES256 key in "
                    + EC_KEY + ")");
        }
        hmacKey.filter(key -> key.reveal().getBytes(StandardCharsets.UTF_8).length < 32).ifPresent(key -> {
            throw new ConfigException(SIGNING_KEY, "must be at least 32 bytes long");
        });
        return new AuthConfig(
                hmacKey,
                ecKey,
                settings.string(ISSUER, "callback-gateway"),
                settings.string(AUDIENCE, "callback-gateway"),
                settings.integer(TTL_SECONDS, 900, 60, 86_400),
                IdentityProviderConfig.load(settings),
                bootstrapAdmin(settings),
                settings.integer(BCRYPT_COST, 10, 4, 14),
                settings.integer(CLIENT_CACHE_SECONDS, 5, 0, 300));
    }

    private static Optional<BootstrapAdmin> bootstrapAdmin(Settings settings) {
        Optional<String> id = settings.string(BOOTSTRAP_ADMIN_ID);
        Optional<Secret> hash = settings.secret(BOOTSTRAP_ADMIN_KEY_HASH);
        if (id.isEmpty() && hash.isEmpty()) {
            return Optional.empty();
        }
        if (id.isEmpty()) {
            throw new ConfigException(BOOTSTRAP_ADMIN_ID, "not set, but " + BOOTSTRAP_ADMIN_KEY_HASH + " is");
        }
        if (hash.isEmpty() || !hash.get().reveal().matches("^\\$2[aby]\\$\\d\\d\\$[./A-Za-z0-9]{53}$")) {
            throw new ConfigException(BOOTSTRAP_ADMIN_KEY_HASH, "must be a bcrypt hash made by the key tool (see README)");
        }
        return Optional.of(new BootstrapAdmin(id.get(), hash.get()));
    }
}
