package org.callbackgateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SignedCallbackConfigTest {
    private static final String KEY = "GATEWAY_JWT_SIGNING_KEY";
    private static final String VALUE = "0123456789abcdef0123456789abcdef";

    @Test
    void loadUsesDefaultsWhenNothingIsSet() {
        SignedCallbackConfig settings = GatewayConfig.load(ConfigSource.of(Map.of(KEY, VALUE))).signedCallbacks();

        assertThat(settings.toleranceSeconds()).isEqualTo(300);
        assertThat(settings.keysRefetchSeconds()).isEqualTo(60);
        assertThat(settings.sourceCacheSeconds()).isEqualTo(30);
    }

    @Test
    void loadReadsEverySetting() {
        SignedCallbackConfig settings = GatewayConfig.load(ConfigSource.of(Map.of(KEY, VALUE,
                "GATEWAY_WEBHOOK_TOLERANCE_SECONDS", "60",
                "GATEWAY_KEYS_REFETCH_SECONDS", "0",
                "GATEWAY_SOURCE_CACHE_SECONDS", "5"))).signedCallbacks();

        assertThat(settings).isEqualTo(new SignedCallbackConfig(60, 0, 5, Optional.empty()));
    }

    @Test
    void forgeSecretsDirMustBeAnExistingDirectory(@TempDir Path directory) {
        assertThat(GatewayConfig.load(ConfigSource.of(Map.of(KEY, VALUE, "GATEWAY_FORGE_SECRETS_DIR",
                directory.toString()))).signedCallbacks().forgeSecretsDir()).contains(directory);
        assertThatThrownBy(() -> GatewayConfig.load(ConfigSource.of(Map.of(KEY, VALUE, "GATEWAY_FORGE_SECRETS_DIR",
                directory.resolve("missing").toString()))))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("GATEWAY_FORGE_SECRETS_DIR: must be an existing directory");
    }

    @Test
    void loadFailsNamingTheSettingWhenAToleranceIsZero() {
        assertThatThrownBy(() -> GatewayConfig.load(ConfigSource.of(Map.of(KEY, VALUE, "GATEWAY_WEBHOOK_TOLERANCE_SECONDS", "0"))))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("GATEWAY_WEBHOOK_TOLERANCE_SECONDS: must be between 1 and 86400");
    }
}
