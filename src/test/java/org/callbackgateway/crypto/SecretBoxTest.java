package org.callbackgateway.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SecretBoxTest {
    private static final byte[] OLD_KEY = filled(1);
    private static final byte[] NEW_KEY = filled(2);
    private static final byte[] PLAINTEXT = "It's a Secret to Everybody".getBytes(StandardCharsets.UTF_8);
    private static final byte[] ROW = "source_secrets/github/1".getBytes(StandardCharsets.UTF_8);

    private static byte[] filled(int value) {
        byte[] key = new byte[32];
        Arrays.fill(key, (byte) value);
        return key;
    }

    @Test
    void openReturnsWhatWasSealed() {
        SecretBox box = new SecretBox(Map.of("k1", OLD_KEY), "k1");

        SecretBox.Sealed sealed = box.seal(PLAINTEXT, ROW);

        assertThat(sealed.keyId()).isEqualTo("k1");
        assertThat(new String(sealed.ciphertext(), StandardCharsets.ISO_8859_1))
                .doesNotContain(new String(PLAINTEXT, StandardCharsets.ISO_8859_1));
        assertThat(box.open(sealed, ROW)).isEqualTo(PLAINTEXT);
    }

    @Test
    void sealUsesAFreshNonceEachTime() {
        SecretBox box = new SecretBox(Map.of("k1", OLD_KEY), "k1");

        assertThat(box.seal(PLAINTEXT, ROW).ciphertext()).isNotEqualTo(box.seal(PLAINTEXT, ROW).ciphertext());
    }

    @Test
    void openRefusesOtherAssociatedData() {
        SecretBox box = new SecretBox(Map.of("k1", OLD_KEY), "k1");
        SecretBox.Sealed sealed = box.seal(PLAINTEXT, ROW);

        assertThatThrownBy(() -> box.open(sealed, "source_secrets/github/2".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(CryptoException.class);
    }

    @Test
    void openRefusesAnAlteredCiphertext() {
        SecretBox box = new SecretBox(Map.of("k1", OLD_KEY), "k1");
        SecretBox.Sealed sealed = box.seal(PLAINTEXT, ROW);
        byte[] altered = sealed.ciphertext().clone();
        altered[altered.length - 1] ^= 1;

        assertThatThrownBy(() -> box.open(new SecretBox.Sealed("k1", altered), ROW))
                .isInstanceOf(CryptoException.class);
    }

    @Test
    void afterRotationOldCiphertextsStillOpenAndNewOnesUseTheNewKey() {
        SecretBox.Sealed old = new SecretBox(Map.of("k1", OLD_KEY), "k1").seal(PLAINTEXT, ROW);
        SecretBox rotated = new SecretBox(Map.of("k1", OLD_KEY, "k2", NEW_KEY), "k2");

        assertThat(rotated.open(old, ROW)).isEqualTo(PLAINTEXT);
        assertThat(rotated.seal(PLAINTEXT, ROW).keyId()).isEqualTo("k2");
    }

    @Test
    void openRefusesAKeyIdThatIsNotConfigured() {
        SecretBox.Sealed sealed = new SecretBox(Map.of("k1", OLD_KEY), "k1").seal(PLAINTEXT, ROW);
        SecretBox other = new SecretBox(Map.of("k2", NEW_KEY), "k2");

        assertThatThrownBy(() -> other.open(sealed, ROW))
                .isInstanceOf(CryptoException.class)
                .hasMessageContaining("no encryption key 'k1'");
    }
}
