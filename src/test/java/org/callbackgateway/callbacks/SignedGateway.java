package org.callbackgateway.callbacks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpResponse;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.callbackgateway.callbacks.SignedDelivery.Sender;
import org.callbackgateway.callbacks.sources.NewSecret;
import org.callbackgateway.callbacks.sources.NewSource;
import org.callbackgateway.callbacks.sources.SourceService;
import org.callbackgateway.callbacks.tux.OpenSshKeys;
import org.callbackgateway.config.EncryptionConfig;
import org.callbackgateway.config.Secret;
import org.callbackgateway.crypto.SecretBox;
import org.callbackgateway.testing.GatewayServer;
import org.callbackgateway.testing.Http;
import org.callbackgateway.testing.TestDatabase;
import org.callbackgateway.testing.TestSettings;
import org.callbackgateway.web.Json;

/**
 * The real webapp with an encryption key and no source cache, and a sources service on the same database,
 * so that a test registers sources and keys directly (not through the admin API) and the gateway sees them.
 */
public final class SignedGateway implements AutoCloseable {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final byte[] ENCRYPTION_KEY = new byte[32];

    static {
        RANDOM.nextBytes(ENCRYPTION_KEY);
    }

    private final TestDatabase database;
    private final GatewayServer server;
    private final SourceService sources;

    private SignedGateway(TestDatabase database, GatewayServer server) {
        this.database = database;
        this.server = server;
        this.sources = SignedCallbackModule.sourceService(database.jdbi(),
                Optional.of(new SecretBox(new EncryptionConfig(
                        Map.of("test", Secret.of(Base64.getEncoder().encodeToString(ENCRYPTION_KEY))), "test"))),
                Json.newMapper(), Clock.systemUTC());
    }

    public static SignedGateway start(String prefix, Map<String, String> extraSettings) throws Exception {
        TestDatabase database = TestDatabase.empty(prefix);
        Map<String, String> settings = new HashMap<>(TestSettings.gatewayWithAdmin(database.url()));
        settings.put("GATEWAY_ENCRYPTION_KEYS", "test:" + Base64.getEncoder().encodeToString(ENCRYPTION_KEY));
        // The test changes keys behind the gateway's back: no caching, so every request sees the database.
        settings.put("GATEWAY_SOURCE_CACHE_SECONDS", "0");
        settings.putAll(extraSettings);
        return new SignedGateway(database, GatewayServer.start(settings));
    }

    /** A key as a test holds it: what is registered with the gateway, and what the sender signs with. */
    public record TestKey(String registered, Object signing) {
    }

    public static TestKey newKey(Sender sender) {
        try {
            switch (sender) {
                case TUXSUITE -> {
                    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
                    generator.initialize(new ECGenParameterSpec("secp256r1"));
                    KeyPair pair = generator.generateKeyPair();
                    return new TestKey(OpenSshKeys.format((ECPublicKey) pair.getPublic(), "test"), pair.getPrivate());
                }
                case STANDARD -> {
                    byte[] bytes = new byte[24];
                    RANDOM.nextBytes(bytes);
                    String secret = "whsec_" + Base64.getEncoder().encodeToString(bytes);
                    return new TestKey(secret, secret);
                }
                default -> {
                    byte[] bytes = new byte[20];
                    RANDOM.nextBytes(bytes);
                    String secret = HexFormat.of().formatHex(bytes);
                    return new TestKey(secret, secret);
                }
            }
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Deletes the source if it exists and registers it anew, without keys. */
    public void reset(NewSource source) {
        sources.delete(source.name());
        sources.create(source, "test");
    }

    public UUID addKey(String source, String scope, TestKey key) {
        return sources.addSecret(source, new NewSecret(scope, null, key.registered(), null, null), "test").id();
    }

    public SourceService sources() {
        return sources;
    }

    public TestDatabase database() {
        return database;
    }

    public URI base() {
        return server.baseUri();
    }

    /** The newest stored delivery of a source. */
    public DeliveryRow latest(String source) {
        return new DeliveryQueryService(database.jdbi()).list(new DeliveryQuery(DeliveryFilter.none().withSource(source),
                1, Optional.empty(), true)).deliveries().stream().findFirst()
                .map(view -> new DeliveryRow(view.id(), view.source(), view.deliveryKey(), view.eventType(),
                        view.contentType(), view.bodySize(), view.headers(), view.verification(),
                        view.verificationDetail(), view.processing(), view.processingDetail(), view.jobId(),
                        view.duplicateOf(), view.replayOf(), view.replayMode(), view.receivedAt(), null))
                .orElseThrow(() -> new AssertionError("no delivery for " + source));
    }

    public static void assertAccepted(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode body = Http.json(response);
        assertThat(body.get("success").asBoolean()).isTrue();
        assertThat(body.has("duplicate")).isFalse();
    }

    public static void assertRefused(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(401);
        JsonNode body = Http.json(response);
        assertThat(body.get("success").asBoolean(true)).isFalse();
        assertThat(body.get("error_code").asText()).isEqualTo("ERR_UNAUTHORIZED");
        assertThat(body.get("message").asText()).isEqualTo("signature verification failed");
    }

    @Override
    public void close() throws Exception {
        server.close();
        database.close();
    }
}
