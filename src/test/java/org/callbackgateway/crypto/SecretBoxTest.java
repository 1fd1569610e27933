package org.callbackgateway.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.callbackgateway.config.ConfigException;
import org.callbackgateway.config.ConfigSource;
import org.callbackgateway.config.GatewayConfig;
import org.callbackgateway.config.EncryptionConfig;
import org.junit.jupiter.api.Test;

class SecretBoxTest {
    private static final String KEY_A = Base64.getEncoder().encodeToString(new byte[32]);
    private static final String KEY_B = Base64.getEncoder().encodeToString("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII));

    private static EncryptionConfig config(String keys, String active) {
        Map<String, String> values = active == null
                ? Map.of("GATEWAY_JWT_SIGNING_KEY", "0123456789abcdef0123456789abcdef", "GATEWAY_ENCRYPTION_KEYS", keys)
                : Map.of("GATEWAY_JWT_SIGNING_KEY", "0123456789abcdef0123456789abcdef", "GATEWAY_ENCRYPTION_KEYS", keys,
                        "GATEWAY_ENCRYPTION_KEY_ID", active);
        return GatewayConfig.load(ConfigSource.of(values)).encryption().orElseThrow();
    }

    @Test
    void sealThenOpenGivesThePlaintextBackAndHidesIt() {
        SecretBox box = new SecretBox(config("k1:" + KEY_A, null));
        byte[] context = SecretBox.context("access_token", "agave", "snow-dog");

        SecretBox.Sealed sealed = box.seal("token-value", context);

        assertThat(sealed.keyId()).isEqualTo("k1");
        assertThat(new String(sealed.ciphertext(), StandardCharsets.ISO_8859_1)).doesNotContain("token-value");
        assertThat(box.open(sealed, context)).isEqualTo("token-value");
    }

    @Test
    void sealUsesAFreshNonceEachTime() {
        SecretBox box = new SecretBox(config("k1:" + KEY_A, null));
        byte[] context = SecretBox.context("x");

        assertThat(box.seal("same", context).ciphertext()).isNotEqualTo(box.seal("same", context).ciphertext());
    }

    @Test
    void openRefusesAnotherContext() {
        SecretBox box = new SecretBox(config("k1:" + KEY_A, null));
        SecretBox.Sealed sealed = box.seal("token-value", SecretBox.context("access_token", "agave", "alice"));

        assertThatThrownBy(() -> box.open(sealed, SecretBox.context("access_token", "agave", "mallory")))
                .isInstanceOf(SecretBox.UnreadableSecretException.class);
    }

    @Test
    void openRefusesATamperedCiphertext() {
        SecretBox box = new SecretBox(config("k1:" + KEY_A, null));
        byte[] context = SecretBox.context("x");
        SecretBox.Sealed sealed = box.seal("token-value", context);
        sealed.ciphertext()[14] ^= 1;

        assertThatThrownBy(() -> box.open(sealed, context)).isInstanceOf(SecretBox.UnreadableSecretException.class);
    }

    @Test
    void rotatedKeysStillOpenOldDataAndSealWithTheActiveKey() {
        byte[] context = SecretBox.context("x");
        SecretBox.Sealed old = new SecretBox(config("old:" + KEY_A, null)).seal("kept", context);
        SecretBox rotated = new SecretBox(config("new:" + KEY_B + ",old:" + KEY_A, "new"));

        assertThat(rotated.open(old, context)).isEqualTo("kept");
        assertThat(rotated.isStale(old)).isTrue();
        assertThat(rotated.seal("fresh", context).keyId()).isEqualTo("new");
    }

    @Test
    void configRefusesKeysOfTheWrongLength() {
        assertThatThrownBy(() -> config("k1:" + Base64.getEncoder().encodeToString(new byte[16]), null))
                .isInstanceOf(ConfigException.class)
                .hasMessage("GATEWAY_ENCRYPTION_KEYS: key k1 must be 32 bytes, not 16");
    }

    @Test
    void configRefusesAnUnknownActiveKey() {
        assertThatThrownBy(() -> config("k1:" + KEY_A, "k2"))
                .hasMessage("GATEWAY_ENCRYPTION_KEY_ID: names no key of GATEWAY_ENCRYPTION_KEYS");
    }

    @Test
    void configToStringShowsOnlyKeyIds() {
        assertThat(config("k1:" + KEY_B, null).toString()).doesNotContain(KEY_B).contains("k1");
    }
}
