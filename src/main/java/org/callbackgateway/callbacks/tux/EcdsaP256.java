package org.callbackgateway.callbacks.tux;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * ECDSA P-256 with SHA-256 verification by the fastest implementation that loads: Amazon Corretto Crypto Provider
 * (AWS-LC, native) when its library loads and passes its self-tests, else BouncyCastle, the fastest in pure Java
 * (the JDK 17 provider verifies at about a quarter of its rate; bench/RESULTS.md has the figures).
 *
 * <p>The provider is used as an instance and never installed JVM-wide, so the container and the other webapps
 * keep their own providers. What used to cost CPU on every request is done once: each thread keeps its
 * {@link Signature}, and each key is translated into the provider's own key type once (a foreign key would be
 * re-encoded and parsed on every {@code initVerify}).
 */
final class EcdsaP256 {
    private static final Logger LOG = LoggerFactory.getLogger(EcdsaP256.class);
    private static final String ALGORITHM = "SHA256withECDSA";
    /** Keys of every group and fetched key set; cleared when over the bound, a new source's keys being few. */
    private static final int MAX_TRANSLATED_KEYS = 1024;

    private static final EcdsaP256 FASTEST = fastest();

    private final Provider provider;
    private final KeyFactory keys;
    private final ThreadLocal<Signature> signatures;
    private final Map<PublicKey, PublicKey> translated = new ConcurrentHashMap<>();

    EcdsaP256(Provider provider) {
        this.provider = provider;
        try {
            this.keys = KeyFactory.getInstance("EC", provider);
            Signature.getInstance(ALGORITHM, provider);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(provider.getName() + " has no " + ALGORITHM, e);
        }
        this.signatures = ThreadLocal.withInitial(() -> {
            try {
                return Signature.getInstance(ALGORITHM, provider);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    /** The native provider if it loads here, else BouncyCastle, with one log line saying which and why. */
    static EcdsaP256 fastest() {
        try {
            Provider accp = NativeProvider.healthy();
            EcdsaP256 verifier = new EcdsaP256(accp);
            LOG.info("TuxSuite ECDSA P-256 verified by {} {}", accp.getName(), accp.getVersionStr());
            return verifier;
        } catch (RuntimeException | LinkageError unavailable) {
            LOG.warn("native ECDSA (Amazon Corretto Crypto Provider) not available here, verifying with BouncyCastle: {}",
                    unavailable.toString());
            return new EcdsaP256(new BouncyCastleProvider());
        }
    }

    /** The first payload that one of the keys signed, or empty; verified by the fastest provider here. */
    static Optional<byte[]> match(byte[] signature, List<byte[]> payloads, List<PublicKey> keys) {
        for (PublicKey key : keys) {
            for (byte[] payload : payloads) {
                if (FASTEST.verify(key, payload, signature)) {
                    return Optional.of(payload);
                }
            }
        }
        return Optional.empty();
    }

    String providerName() {
        return provider.getName();
    }

    /** Whether {@code signature} (DER) is {@code key}'s over {@code payload}; malformed input is simply no match. */
    boolean verify(PublicKey key, byte[] payload, byte[] signature) {
        try {
            Signature verifier = signatures.get();
            verifier.initVerify(own(key));
            verifier.update(payload);
            return verifier.verify(signature);
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    private PublicKey own(PublicKey key) {
        PublicKey known = translated.get(key);
        if (known != null) {
            return known;
        }
        if (translated.size() >= MAX_TRANSLATED_KEYS) {
            translated.clear();
        }
        try {
            PublicKey own = keys.generatePublic(new X509EncodedKeySpec(key.getEncoded()));
            translated.put(key, own);
            return own;
        } catch (GeneralSecurityException e) {
            return key;
        }
    }

    /** Kept apart so that a missing or unloadable class surfaces here, as a LinkageError the caller handles. */
    private static final class NativeProvider {
        static Provider healthy() {
            com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider accp =
                    com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider.INSTANCE;
            if (accp.getLoadingError() != null) {
                throw new IllegalStateException("native library did not load: " + accp.getLoadingError());
            }
            accp.assertHealthy();
            return accp;
        }
    }
}
