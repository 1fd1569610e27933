package org.callbackgateway.callbacks.tux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class OpenSshKeysTest {

    static KeyPair p256() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }

    @Test
    void parseReadsAKeyWrittenInOpenSshForm() throws Exception {
        ECPublicKey key = (ECPublicKey) p256().getPublic();

        ECPublicKey parsed = OpenSshKeys.parse(OpenSshKeys.format(key, "tuxsuite@example"));

        assertThat(parsed.getW()).isEqualTo(key.getW());
    }

    @Test
    void parseRefusesAnotherKeyType() {
        assertThatThrownBy(() -> OpenSshKeys.parse(
                "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl user@host"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("only OpenSSH ecdsa-sha2-nistp256");
    }

    @Test
    void parseRefusesABlobWhoseTypeDisagreesWithTheLine() {
        byte[] type = "ssh-rsa".getBytes(StandardCharsets.US_ASCII);
        String blob = Base64.getEncoder().encodeToString(ByteBuffer.allocate(4 + type.length).putInt(type.length)
                .put(type).array());

        assertThatThrownBy(() -> OpenSshKeys.parse("ecdsa-sha2-nistp256 " + blob))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void parseRefusesAPointNotOnTheCurve() throws Exception {
        String line = OpenSshKeys.format((ECPublicKey) p256().getPublic(), "");
        byte[] blob = Base64.getDecoder().decode(line.split(" ")[1]);
        blob[blob.length - 1] ^= 1;

        assertThatThrownBy(() -> OpenSshKeys.parse("ecdsa-sha2-nistp256 " + Base64.getEncoder().encodeToString(blob)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the key's point is not on the P-256 curve");
    }

    @Test
    void parseRefusesATruncatedBlob() throws Exception {
        String line = OpenSshKeys.format((ECPublicKey) p256().getPublic(), "");
        byte[] blob = Base64.getDecoder().decode(line.split(" ")[1]);
        byte[] truncated = java.util.Arrays.copyOf(blob, blob.length - 10);

        assertThatThrownBy(() -> OpenSshKeys.parse("ecdsa-sha2-nistp256 " + Base64.getEncoder().encodeToString(truncated)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
