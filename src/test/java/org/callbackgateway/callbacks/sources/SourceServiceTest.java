package org.callbackgateway.callbacks.sources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.callbackgateway.callbacks.SignedCallbackModule;
import org.callbackgateway.callbacks.SourceRegistry;
import org.callbackgateway.callbacks.tux.TuxKeyFetcher;
import org.callbackgateway.config.EncryptionConfig;
import org.callbackgateway.config.Secret;
import org.callbackgateway.crypto.SecretBox;
import org.callbackgateway.testing.TestDatabase;
import org.callbackgateway.web.ApiException;
import org.callbackgateway.web.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SourceServiceTest {
    private static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final String SECRET = "It's a Secret to Everybody";

    private static TestDatabase database;
    private static SecretBox box;
    private static SourceService sources;

    @BeforeAll
    static void startDatabase() {
        database = TestDatabase.migrated("sources");
        byte[] key = new byte[32];
        Arrays.fill(key, (byte) 7);
        box = box("k1", key);
        sources = SignedCallbackModule.sourceService(database.jdbi(), Optional.of(box), Json.newMapper(), CLOCK);
    }

    @AfterAll
    static void stopDatabase() {
        database.close();
    }

    @BeforeEach
    void clean() {
        database.jdbi().useHandle(handle -> handle.execute("DELETE FROM sources"));
    }

    private static SecretBox box(String keyId, byte[] key) {
        return new SecretBox(new EncryptionConfig(Map.of(keyId, Secret.of(Base64.getEncoder().encodeToString(key))), keyId));
    }

    private static int status(Runnable action) {
        try {
            action.run();
        } catch (ApiException e) {
            return e.status();
        }
        return 200;
    }

    @Nested
    class Sources {
        @Test
        void createListsAndDeletes() {
            SourceView created = sources.create(new NewSource("github", null, 4096, null, true, null), "alice");

            assertThat(created.type()).isEqualTo("github");
            assertThat(created.endpoint()).isEqualTo("/callbacks/github");
            assertThat(created.createdBy()).isEqualTo("alice");
            assertThat(sources.create(new NewSource("billing", null, null, null, null, null), null).endpoint())
                    .isEqualTo("/callbacks/webhooks/billing");
            assertThat(sources.list()).extracting(SourceView::name).containsExactly("billing", "github");
            assertThat(sources.delete("github")).isTrue();
            assertThat(sources.delete("github")).isFalse();
            assertThat(sources.find("github")).isEmpty();
        }

        @Test
        void createRefusesADuplicateName() {
            sources.create(new NewSource("gitea", null, null, null, null, null), null);

            assertThat(status(() -> sources.create(new NewSource("gitea", null, null, null, null, null), null)))
                    .isEqualTo(409);
        }

        @ParameterizedTest
        @CsvSource({
                "GitHub,,", "github,standard,", "acme,github,", "acme,nosuch,", "acme,standard,x",
                "gitlab,,keys"})
        void createRefusesWhatCannotWork(String name, String type, String extra) {
            NewSource request = new NewSource(name, type, null, null, "x".equals(extra) ? true : null,
                    "keys".equals(extra) ? "https://tux.example/keys" : null);

            assertThat(status(() -> sources.create(request, null))).isEqualTo(400);
        }
    }

    @Nested
    class Secrets {
        @BeforeEach
        void github() {
            sources.create(new NewSource("github", null, null, null, null, null), null);
        }

        @Test
        void secretIsStoredEncryptedAndDecryptsForVerification() {
            SecretView added = sources.addSecret("github", new NewSecret(null, null, SECRET, null, "ci"), "alice");

            assertThat(added.secret()).isNull();
            assertThat(added.kind()).isEqualTo("secret");
            byte[] stored = database.jdbi().withHandle(handle -> handle.createQuery(
                    "SELECT ciphertext FROM source_secrets WHERE id = ?").bind(0, added.id()).mapTo(byte[].class).one());
            assertThat(new String(stored, StandardCharsets.ISO_8859_1)).doesNotContain(SECRET);
            assertThat(sources.load("github").orElseThrow().keys()).singleElement()
                    .satisfies(key -> assertThat(new String(key.value(), StandardCharsets.UTF_8)).isEqualTo(SECRET));
        }

        @Test
        void generatedSecretIsShownOnceOnly() {
            SecretView added = sources.addSecret("github", new NewSecret(null, null, null, null, null), null);

            assertThat(added.secret()).hasSize(64);
            assertThat(sources.secrets("github")).singleElement().satisfies(view -> assertThat(view.secret()).isNull());
        }

        @Test
        void standardWebhooksSecretIsGeneratedAsWhsec() {
            sources.create(new NewSource("billing", null, null, null, null, null), null);

            assertThat(sources.addSecret("billing", new NewSecret(null, null, null, null, null), null).secret())
                    .startsWith("whsec_");
        }

        @Test
        void withoutAnEncryptionKeyASecretIsRefusedRatherThanStoredInPlaintext() {
            SourceService plain = SignedCallbackModule.sourceService(database.jdbi(), Optional.empty(),
                    Json.newMapper(), CLOCK);

            assertThatThrownBy(() -> plain.addSecret("github", new NewSecret(null, null, SECRET, null, null), null))
                    .isInstanceOfSatisfying(ApiException.class, refused -> {
                        assertThat(refused.status()).isEqualTo(409);
                        assertThat(refused.getMessage()).contains("GATEWAY_ENCRYPTION_KEYS");
                    });
            assertThat(database.count("SELECT count(*) FROM source_secrets")).isZero();
        }

        @Test
        void secretUnderAKeyNoLongerConfiguredIsLeftOut() {
            sources.addSecret("github", new NewSecret(null, null, SECRET, null, null), null);
            byte[] other = new byte[32];
            SourceService rotatedAway = SignedCallbackModule.sourceService(database.jdbi(),
                    Optional.of(box("k2", other)), Json.newMapper(), CLOCK);

            assertThat(rotatedAway.load("github").orElseThrow().keys()).isEmpty();
        }

        @Test
        void shortSecretsAndPastExpiriesAndUnknownSourcesAreRefused() {
            assertThat(status(() -> sources.addSecret("github", new NewSecret(null, null, "short", null, null), null)))
                    .isEqualTo(400);
            assertThat(status(() -> sources.addSecret("github",
                    new NewSecret(null, null, SECRET, NOW.minusSeconds(1), null), null))).isEqualTo(400);
            assertThat(status(() -> sources.addSecret("github", new NewSecret(null, "public_key", SECRET, null, null),
                    null))).isEqualTo(400);
            assertThat(status(() -> sources.addSecret("nosuch", new NewSecret(null, null, SECRET, null, null), null)))
                    .isEqualTo(404);
        }

        @Test
        void retiringASecretMakesItInactive() {
            SecretView added = sources.addSecret("github", new NewSecret(null, null, SECRET, null, null), null);

            SecretView retired = sources.setNotAfter("github", added.id(), Optional.of(NOW));

            assertThat(retired.active()).isFalse();
            assertThat(sources.find("github").orElseThrow().activeKeys()).isZero();
            assertThat(sources.deleteSecret("github", added.id())).isTrue();
            assertThat(sources.secrets("github")).isEmpty();
        }
    }

    @Nested
    class Registry {
        @Test
        void cachedSourceIsDroppedWhenItsKeysChange() {
            sources.create(new NewSource("github", null, null, null, null, null), null);
            SourceRegistry registry = new SourceRegistry(sources, SignedCallbackModule.verifiers(Json.newMapper(),
                    new TuxKeyFetcher(Json.newMapper(), CLOCK, Duration.ofMinutes(1))), CLOCK, Duration.ofMinutes(5), 300);
            assertThat(registry.find("github").orElseThrow().keys()).isEmpty();

            sources.addSecret("github", new NewSecret(null, null, SECRET, null, null), null);

            assertThat(registry.find("github").orElseThrow().keys()).hasSize(1);
            assertThat(registry.find("github").orElseThrow().candidates(List.of(), NOW)).hasSize(1);
        }

        @Test
        void unknownSourceIsCachedAsAbsentUntilItIsCreated() {
            SourceRegistry registry = new SourceRegistry(sources, SignedCallbackModule.verifiers(Json.newMapper(),
                    new TuxKeyFetcher(Json.newMapper(), CLOCK, Duration.ofMinutes(1))), CLOCK, Duration.ofMinutes(5), 300);
            assertThat(registry.find("acme")).isEmpty();

            sources.create(new NewSource("acme", null, null, 2048, null, null), null);

            assertThat(registry.find("acme")).hasValueSatisfying(source -> {
                assertThat(source.type()).isEqualTo("standard");
                assertThat(source.toleranceSeconds()).isEqualTo(2048);
            });
        }
    }
}
