package org.callbackgateway.jobs;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;

/**
 * A job's own HTTP Basic credential for its callbacks ({@code nextflow:<secret>}, as Nextflow's
 * {@code weblog.basicToken} takes it). The gateway generates it, shows it once and keeps only its SHA-256
 * digest: the secret is 256 random bits, so a fast digest is as good as a slow one and costs nothing per event.
 */
public final class CallbackCredentials {
    static final String USER = "nextflow";
    private static final SecureRandom RANDOM = new SecureRandom();

    /** What checking a request's credentials found. */
    public enum Check {
        /** The job has no credential: its unguessable id is the only capability. */
        NOT_REQUIRED,
        /** The request carried the job's credential. */
        MATCHED,
        /** The job has a credential and the request did not carry it. */
        REFUSED
    }

    private CallbackCredentials() {
    }

    /** A new {@code user:secret} token. */
    static String generate() {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        return USER + ":" + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    }

    static byte[] digest(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }

    /** Checks an {@code Authorization} header against the stored digest, in constant time. */
    static Check check(Optional<byte[]> storedDigest, Optional<String> authorization) {
        if (storedDigest.isEmpty()) {
            return Check.NOT_REQUIRED;
        }
        Optional<String> token = authorization.map(String::trim)
                .filter(value -> value.length() > 6 && value.substring(0, 6).toLowerCase(Locale.ROOT).equals("basic "))
                .flatMap(value -> decode(value.substring(6).trim()));
        if (token.isEmpty()) {
            return Check.REFUSED;
        }
        return MessageDigest.isEqual(digest(token.get()), storedDigest.get()) ? Check.MATCHED : Check.REFUSED;
    }

    private static Optional<String> decode(String base64) {
        try {
            return Optional.of(new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException notBase64) {
            return Optional.empty();
        }
    }
}
