package org.callbackgateway.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyFactory;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * Single-thread ECDSA P-256 (SHA-256) verifications per second of the verifiers a Java 17 WAR can use: the JDK's
 * own provider, BouncyCastle's and Amazon Corretto Crypto Provider's (AWS-LC, native), each as a provider instance,
 * both the naive way (a {@link Signature} looked up per verification, the key as the JDK parsed it) and the way the
 * gateway verifies (one {@link Signature} per thread, the key translated once into the provider's own type).
 * Compare with {@code openssl speed -seconds 5 ecdsap256} on the same machine (verify/s, one core). Run with
 * {@code java -cp <test classpath> org.callbackgateway.bench.EcdsaVerifyBench [seconds]}.
 */
public final class EcdsaVerifyBench {
    /**
     * Rates are per CPU second of the measuring thread, as {@code openssl speed} counts its own CPU time: on a
     * shared machine wall-clock rates would measure the other work as much as the verifier.
     */
    private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

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
        AmazonCorrettoCryptoProvider accp = AmazonCorrettoCryptoProvider.INSTANCE;
        if (accp.getLoadingError() != null) {
            System.out.println("amazon-corretto-crypto-provider: not loaded: " + accp.getLoadingError());
        } else {
            report("amazon-corretto-crypto-provider " + accp.getVersionStr() + " (AWS-LC "
                    + accp.getAwsLcVersionStr() + ")", accp, pair, body, signature, seconds);
        }
    }

    private static void report(String name, Provider provider, KeyPair pair, byte[] body, byte[] signature,
                               double seconds) throws Exception {
        measure(provider, pair, body, signature, seconds / 2);
        double rate = measure(provider, pair, body, signature, seconds);
        System.out.printf("%s: %.0f verifications per CPU second (Signature per call, JDK key)%n", name, rate);
        if (provider != null) {
            Signature reused = Signature.getInstance("SHA256withECDSA", provider);
            PublicKey own = KeyFactory.getInstance("EC", provider)
                    .generatePublic(new X509EncodedKeySpec(pair.getPublic().getEncoded()));
            measureReused(reused, own, body, signature, seconds / 2);
            double lean = measureReused(reused, own, body, signature, seconds);
            System.out.printf("%s: %.0f verifications per CPU second (reused Signature, provider's key)%n",
                    name, lean);
        }
    }

    private static double measureReused(Signature verifier, PublicKey key, byte[] body, byte[] signature,
                                        double seconds) throws Exception {
        long end = System.nanoTime() + (long) (seconds * 1e9);
        long started = CPU.getCurrentThreadCpuTime();
        long count = 0;
        while (System.nanoTime() < end) {
            verifier.initVerify(key);
            verifier.update(body);
            if (!verifier.verify(signature)) {
                throw new IllegalStateException("verification failed");
            }
            count++;
        }
        return count / ((CPU.getCurrentThreadCpuTime() - started) / 1e9);
    }

    private static double measure(Provider provider, KeyPair pair, byte[] body, byte[] signature, double seconds)
            throws Exception {
        long end = System.nanoTime() + (long) (seconds * 1e9);
        long started = CPU.getCurrentThreadCpuTime();
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
        return count / ((CPU.getCurrentThreadCpuTime() - started) / 1e9);
    }
}
