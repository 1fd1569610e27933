package org.callbackgateway.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Properties;

/**
 * The secrets one benchmark run signs its deliveries with, made at set-up and kept in its work folder: the
 * GitHub HMAC secret, the Standard Webhooks {@code whsec_} secret and the TuxSuite P-256 key pair (the public half
 * also as an OpenSSH {@code ecdsa-sha2-nistp256} line, the form the gateway is configured with).
 */
record BenchSecrets(String githubSecret, String standardSecret, PrivateKey tuxPrivateKey, String tuxPublicKeySsh) {

    static BenchSecrets create() throws GeneralSecurityException {
        SecureRandom random = new SecureRandom();
        byte[] standard = new byte[24];
        random.nextBytes(standard);
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"), random);
        KeyPair tux = generator.generateKeyPair();
        return new BenchSecrets("bench-github-" + Long.toHexString(random.nextLong()),
                "whsec_" + Base64.getEncoder().encodeToString(standard),
                tux.getPrivate(), openSsh((ECPublicKey) tux.getPublic()));
    }

    void store(Path file) throws IOException {
        Properties properties = new Properties();
        properties.setProperty("github_secret", githubSecret);
        properties.setProperty("standard_secret", standardSecret);
        properties.setProperty("tux_private_key_pkcs8", Base64.getEncoder().encodeToString(tuxPrivateKey.getEncoded()));
        properties.setProperty("tux_public_key", tuxPublicKeySsh);
        try (OutputStream out = Files.newOutputStream(file)) {
            properties.store(out, "benchmark signing secrets, made for this run only");
        }
    }

    static BenchSecrets load(Path file) throws IOException, GeneralSecurityException {
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            properties.load(in);
        }
        PrivateKey tux = KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(
                Base64.getDecoder().decode(properties.getProperty("tux_private_key_pkcs8"))));
        return new BenchSecrets(properties.getProperty("github_secret"), properties.getProperty("standard_secret"),
                tux, properties.getProperty("tux_public_key"));
    }

    /** {@code ecdsa-sha2-nistp256 <base64 of the SSH wire form>}. */
    private static String openSsh(ECPublicKey key) {
        ByteArrayOutputStream point = new ByteArrayOutputStream();
        point.write(4);
        point.writeBytes(fixed(key.getW().getAffineX()));
        point.writeBytes(fixed(key.getW().getAffineY()));
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        sshString(wire, "ecdsa-sha2-nistp256".getBytes(StandardCharsets.US_ASCII));
        sshString(wire, "nistp256".getBytes(StandardCharsets.US_ASCII));
        sshString(wire, point.toByteArray());
        return "ecdsa-sha2-nistp256 " + Base64.getEncoder().encodeToString(wire.toByteArray()) + " bench";
    }

    private static byte[] fixed(BigInteger coordinate) {
        byte[] raw = coordinate.toByteArray();
        byte[] out = new byte[32];
        int copy = Math.min(raw.length, 32);
        System.arraycopy(raw, raw.length - copy, out, 32 - copy, copy);
        return out;
    }

    private static void sshString(ByteArrayOutputStream out, byte[] value) {
        out.write(value.length >>> 24);
        out.write(value.length >>> 16);
        out.write(value.length >>> 8);
        out.write(value.length);
        out.writeBytes(value);
    }
}
