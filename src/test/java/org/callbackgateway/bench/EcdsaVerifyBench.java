package org.callbackgateway.bench;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Provider;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * Single-thread ECDSA P-256 (SHA-256) verifications per second of the verifiers a Java 17 WAR can use: the JDK's
 * own provider and BouncyCastle's. {@code bench/run} records the figures; run alone with
 * {@code java -cp <test classpath> org.callbackgateway.bench.EcdsaVerifyBench [seconds]}.
 */
public final class EcdsaVerifyBench {
    private EcdsaVerifyBench() {
    }

    public static void main(String[] args) throws Exception {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 3;
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair pair = generator.generateKeyPair();
        byte[] body = "{\"kind\":\"test\",\"status\":{\"uid\":\"2MBYa8FhoBHkRCX2BMMPusjuClf\"}}".repeat(30)
                .getBytes(StandardCharsets.UTF_8);
        Signature signer = Signature.getInstance("SHA256withECDSA");
        signer.initSign(pair.getPrivate());
        signer.update(body);
        byte[] signature = signer.sign();

        report("jdk " + Signature.getInstance("SHA256withECDSA").getProvider().getName(),
                null, pair, body, signature, seconds);
        report("bouncycastle", new BouncyCastleProvider(), pair, body, signature, seconds);
    }

    private static void report(String name, Provider provider, KeyPair pair, byte[] body, byte[] signature,
                               double seconds) throws Exception {
        measure(provider, pair, body, signature, seconds / 2);
        double rate = measure(provider, pair, body, signature, seconds);
        System.out.printf("%s: %.0f verifications/s on one thread%n", name, rate);
    }

    private static double measure(Provider provider, KeyPair pair, byte[] body, byte[] signature, double seconds)
            throws Exception {
        long end = System.nanoTime() + (long) (seconds * 1e9);
        long started = System.nanoTime();
        long count = 0;
        while (System.nanoTime() < end) {
            Signature verifier = provider == null ? Signature.getInstance("SHA256withECDSA")
                    : Signature.getInstance("SHA256withECDSA", provider);
            verifier.initVerify(pair.getPublic());
            verifier.update(body);
            if (!verifier.verify(signature)) {
                throw new IllegalStateException("verification failed");
            }
            count++;
        }
        return count / ((System.nanoTime() - started) / 1e9);
    }
}
