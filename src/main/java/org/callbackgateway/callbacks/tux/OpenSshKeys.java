package org.callbackgateway.callbacks.tux;

import java.math.BigInteger;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECFieldFp;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.util.Arrays;
import java.util.Base64;

/**
 * Reads an OpenSSH {@code ecdsa-sha2-nistp256} public key line with the JDK alone; any other key type, and
 * any point that is not on the P-256 curve, is refused.
 */
public final class OpenSshKeys {
    public static final String KEY_TYPE = "ecdsa-sha2-nistp256";
    private static final String CURVE = "nistp256";
    private static final ECParameterSpec P256 = p256();

    private OpenSshKeys() {
    }

    /**
     * Parses {@code ecdsa-sha2-nistp256 <base64> [comment]}.
     *
     * @throws IllegalArgumentException saying what is wrong with the key
     */
    public static ECPublicKey parse(String line) {
        String[] parts = line.trim().split("\\s+");
        if (parts.length < 2 || !parts[0].equals(KEY_TYPE)) {
            throw new IllegalArgumentException("only OpenSSH " + KEY_TYPE + " public keys are accepted");
        }
        try {
            ByteBuffer blob = ByteBuffer.wrap(Base64.getDecoder().decode(parts[1]));
            if (!KEY_TYPE.equals(string(blob)) || !CURVE.equals(string(blob))) {
                throw new IllegalArgumentException("the key's blob is not an " + KEY_TYPE + " key");
            }
            byte[] point = bytes(blob);
            if (blob.hasRemaining() || point.length != 65 || point[0] != 0x04) {
                throw new IllegalArgumentException("the key's point is not an uncompressed P-256 point");
            }
            BigInteger x = new BigInteger(1, Arrays.copyOfRange(point, 1, 33));
            BigInteger y = new BigInteger(1, Arrays.copyOfRange(point, 33, 65));
            if (!onCurve(x, y)) {
                throw new IllegalArgumentException("the key's point is not on the P-256 curve");
            }
            return (ECPublicKey) KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(new ECPoint(x, y), P256));
        } catch (BufferUnderflowException | NegativeArraySizeException e) {
            throw new IllegalArgumentException("the key's blob is truncated");
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not a valid P-256 public key");
        }
    }

    /** The OpenSSH form of a P-256 public key, as TuxSuite publishes it. */
    public static String format(ECPublicKey key, String comment) {
        byte[] x = unsigned(key.getW().getAffineX());
        byte[] y = unsigned(key.getW().getAffineY());
        byte[] point = new byte[65];
        point[0] = 0x04;
        System.arraycopy(x, 0, point, 1, 32);
        System.arraycopy(y, 0, point, 33, 32);
        byte[] type = KEY_TYPE.getBytes(StandardCharsets.US_ASCII);
        byte[] curve = CURVE.getBytes(StandardCharsets.US_ASCII);
        ByteBuffer blob = ByteBuffer.allocate(12 + type.length + curve.length + point.length);
        blob.putInt(type.length).put(type).putInt(curve.length).put(curve).putInt(point.length).put(point);
        return KEY_TYPE + " " + Base64.getEncoder().encodeToString(blob.array()) + (comment.isEmpty() ? "" : " " + comment);
    }

    private static boolean onCurve(BigInteger x, BigInteger y) {
        BigInteger p = ((ECFieldFp) P256.getCurve().getField()).getP();
        if (x.compareTo(p) >= 0 || y.compareTo(p) >= 0) {
            return false;
        }
        BigInteger left = y.multiply(y).mod(p);
        BigInteger right = x.pow(3).add(P256.getCurve().getA().multiply(x)).add(P256.getCurve().getB()).mod(p);
        return left.equals(right);
    }

    private static String string(ByteBuffer blob) {
        return new String(bytes(blob), StandardCharsets.US_ASCII);
    }

    private static byte[] bytes(ByteBuffer blob) {
        int length = blob.getInt();
        if (length > blob.remaining()) {
            throw new BufferUnderflowException();
        }
        byte[] value = new byte[length];
        blob.get(value);
        return value;
    }

    private static byte[] unsigned(BigInteger value) {
        byte[] bytes = value.toByteArray();
        byte[] fixed = new byte[32];
        int copy = Math.min(bytes.length, 32);
        System.arraycopy(bytes, bytes.length - copy, fixed, 32 - copy, copy);
        return fixed;
    }

    private static ECParameterSpec p256() {
        try {
            AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
            parameters.init(new ECGenParameterSpec("secp256r1"));
            return parameters.getParameterSpec(ECParameterSpec.class);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("P-256 unavailable", e);
        }
    }
}
