package org.callbackgateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CryptoConfigTest {
    private static final String KEY_A = Base64.getEncoder().encodeToString(new byte[32]);
    private static final String KEY_B = Base64.getEncoder().encodeToString("0123456789abcdef0123456789abcdef".getBytes());

    private static GatewayConfig load(Map<String, String> settings) {
        return GatewayConfig.load(ConfigSource.of(settings));
    }

    @Test
    void loadHasNoCryptoWhenNoKeyIsSet() {
        assertThat(load(Map.of()).crypto()).isEmpty();
    }

    @Test
    void loadTakesTheFirstKeyAsActiveByDefault() {
        CryptoConfig crypto = load(Map.of("GATEWAY_ENCRYPTION_KEYS", "a:" + KEY_A + ", b:" + KEY_B)).crypto().orElseThrow();

        assertThat(crypto.activeKeyId()).isEqualTo("a");
        assertThat(crypto.keys()).containsOnlyKeys("a", "b");
        assertThat(crypto.keyBytes("b")).hasSize(32);
    }

    @Test
    void loadTakesTheNamedActiveKey() {
        CryptoConfig crypto = load(Map.of("GATEWAY_ENCRYPTION_KEYS", "a:" + KEY_A + ",b:" + KEY_B,
                "GATEWAY_ENCRYPTION_KEY_ID", "b")).crypto().orElseThrow();

        assertThat(crypto.activeKeyId()).isEqualTo("b");
    }

    @Test
    void loadFailsNamingTheSettingForBadBase64() {
        assertThatThrownBy(() -> load(Map.of("GATEWAY_ENCRYPTION_KEYS", "a:not*base64")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("GATEWAY_ENCRYPTION_KEYS: key 'a' is not valid base64");
    }

    @Test
    void loadFailsForAKeyOfTheWrongLength() {
        assertThatThrownBy(() -> load(Map.of("GATEWAY_ENCRYPTION_KEYS",
                "a:" + Base64.getEncoder().encodeToString(new byte[16]))))
                .isInstanceOf(ConfigException.class)
                .hasMessage("GATEWAY_ENCRYPTION_KEYS: key 'a' must be 32 bytes, got 16");
    }

    @Test
    void loadFailsForAnEntryWithoutId() {
        assertThatThrownBy(() -> load(Map.of("GATEWAY_ENCRYPTION_KEYS", KEY_A)))
                .hasMessageStartingWith("GATEWAY_ENCRYPTION_KEYS: each entry must be keyId:base64");
    }

    @Test
    void loadFailsWhenTheActiveKeyIsNotDefined() {
        assertThatThrownBy(() -> load(Map.of("GATEWAY_ENCRYPTION_KEYS", "a:" + KEY_A, "GATEWAY_ENCRYPTION_KEY_ID", "z")))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("GATEWAY_ENCRYPTION_KEY_ID: names key 'z'");
    }

    @Test
    void toStringNeverShowsAKey() {
        GatewayConfig config = load(Map.of("GATEWAY_ENCRYPTION_KEYS", "a:" + KEY_A + ",b:" + KEY_B));

        assertThat(config.toString()).doesNotContain(KEY_A).doesNotContain(KEY_B).contains("activeKeyId=a");
    }

    @Test
    void signedCallbackSettingsHaveDefaults() {
        SignedCallbackConfig settings = load(Map.of()).signedCallbacks();

        assertThat(settings.toleranceSeconds()).isEqualTo(300);
        assertThat(settings.keysRefetchSeconds()).isEqualTo(60);
        assertThat(settings.sourceCacheSeconds()).isEqualTo(30);
    }
}
