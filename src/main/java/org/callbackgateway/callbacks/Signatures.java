package org.callbackgateway.callbacks;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Constant-time comparison and the decoders that signature headers need.
 */
public final class Signatures {
    private static final HexFormat HEX = HexFormat.of();

    private Signatures() {
    }

    /** Compares in time that depends only on the lengths, never on where the first difference is. */
    public static boolean equal(byte[] expected, byte[] actual) {
        return MessageDigest.isEqual(expected, actual);
    }

    /** HMAC of the concatenated parts, without copying them into one array. */
    public static byte[] hmac(String algorithm, SecretKeySpec key, byte[]... parts) {
        try {
            Mac mac = Mac.getInstance(algorithm);
            mac.init(key.getAlgorithm().equals(algorithm) ? key : new SecretKeySpec(key.getEncoded(), algorithm));
            for (byte[] part : parts) {
                mac.update(part);
            }
            return mac.doFinal();
        } catch (GeneralSecurityException e) {
            // HmacSHA256 and HmacSHA1 are mandatory in every JDK: this is a broken runtime, not bad input.
            throw new IllegalStateException(algorithm + " unavailable", e);
        }
    }

    public static SecretKeySpec hmacKey(byte[] secret) {
        return new SecretKeySpec(secret, "HmacSHA256");
    }

    /** Hex in either case; empty when malformed. */
    public static Optional<byte[]> hex(String value) {
        try {
            return Optional.of(HEX.parseHex(value.trim().toLowerCase(java.util.Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Standard base64 with padding optional; empty when malformed. */
    public static Optional<byte[]> base64(String value) {
        try {
            return Optional.of(Base64.getDecoder().decode(stripPadding(value.trim()).replace('-', '+').replace('_', '/')));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** URL-safe base64 (also accepting the standard alphabet), padding optional; empty when malformed. */
    public static Optional<byte[]> urlBase64(String value) {
        try {
            return Optional.of(Base64.getUrlDecoder().decode(stripPadding(value.trim()).replace('+', '-').replace('/', '_')));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static String stripPadding(String value) {
        int end = value.length();
        while (end > 0 && value.charAt(end - 1) == '=') {
            end--;
        }
        return value.substring(0, end);
    }
}
