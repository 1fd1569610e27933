package org.callbackgateway.callbacks.tux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Security;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.util.Arrays;
import com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.junit.jupiter.api.Test;

/** Known answers for the verifier TuxSuite signatures go through: RFC 6979 appendix A.2.5 (P-256, SHA-256). */
class EcdsaP256Test {
    private static final PublicKey RFC6979_KEY = key(
            "60FED4BA255A9D31C961EB74C6356D68C049B8923B61FA6CE669622E60F29FB6",
            "7903FE1008B8BC99A41AE9E95628BC64F2F1B20C2D7E9F5177A3C294D4462299");
    private static final byte[] SAMPLE = der("EFD48B2AACB6A8FD1140DD9CD45E81D69D2C877B56AAF991C34D0EA84EAF3716",
            "F7CB1C942D657C41D436C7A1B6E29F65F3E900DBB9AFF4064DC4AB2F843ACDA8");
    private static final byte[] TEST = der("F1ABB023518351CD71D881567B1EA663ED3EFCF6C5132B354F28D3B0B7D38367",
            "019F4113742A2B14BD25926B49C649155F267E60D3814B4C0CC84250E46F0083");

    @Test
    void theNativeProviderIsChosenOnLinuxX8664AndNotInstalledJvmWide() {
        EcdsaP256 fastest = EcdsaP256.fastest();
        if (System.getProperty("os.arch").equals("amd64") && System.getProperty("os.name").equals("Linux")) {
            assertEquals(AmazonCorrettoCryptoProvider.PROVIDER_NAME, fastest.providerName());
        }
        assertEquals(null, Security.getProvider(AmazonCorrettoCryptoProvider.PROVIDER_NAME));
        assertKnownAnswers(fastest);
    }

    @Test
    void bouncyCastleGivesTheSameAnswers() {
        assertKnownAnswers(new EcdsaP256(new BouncyCastleProvider()));
    }

    @Test
    void theJdkProviderGivesTheSameAnswers() {
        assertKnownAnswers(new EcdsaP256(Security.getProvider("SunEC")));
    }

    private static void assertKnownAnswers(EcdsaP256 verifier) {
        byte[] sample = "sample".getBytes(StandardCharsets.UTF_8);
        byte[] test = "test".getBytes(StandardCharsets.UTF_8);
        // Twice each: the second call reuses the thread's Signature and the translated key.
        for (int round = 0; round < 2; round++) {
            assertTrue(verifier.verify(RFC6979_KEY, sample, SAMPLE), verifier.providerName() + " sample");
            assertTrue(verifier.verify(RFC6979_KEY, test, TEST), verifier.providerName() + " test");
            assertFalse(verifier.verify(RFC6979_KEY, test, SAMPLE), "signature of another message");
            assertFalse(verifier.verify(RFC6979_KEY, "samplf".getBytes(StandardCharsets.UTF_8), SAMPLE),
                    "one changed byte of the message");
            byte[] flipped = Arrays.copyOf(SAMPLE, SAMPLE.length);
            flipped[flipped.length - 1] ^= 1;
            assertFalse(verifier.verify(RFC6979_KEY, sample, flipped), "one flipped bit of s");
            assertFalse(verifier.verify(RFC6979_KEY, sample, new byte[] {0x30, 0x02, 0x02, 0x00}), "malformed DER");
            assertFalse(verifier.verify(RFC6979_KEY, sample, new byte[0]), "empty signature");
        }
    }

    private static PublicKey key(String x, String y) {
        try {
            ECPublicKey any = OpenSshKeys.parse(OpenSshKeys.format(generated(), "any"));
            ECPublicKeySpec spec = new ECPublicKeySpec(new ECPoint(new BigInteger(x, 16), new BigInteger(y, 16)),
                    any.getParams());
            return KeyFactory.getInstance("EC").generatePublic(spec);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static ECPublicKey generated() throws Exception {
        java.security.KeyPairGenerator generator = java.security.KeyPairGenerator.getInstance("EC");
        generator.initialize(new java.security.spec.ECGenParameterSpec("secp256r1"));
        return (ECPublicKey) generator.generateKeyPair().getPublic();
    }

    /** DER SEQUENCE of the two INTEGERs r and s. */
    private static byte[] der(String r, String s) {
        byte[] first = new BigInteger(r, 16).toByteArray();
        byte[] second = new BigInteger(s, 16).toByteArray();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0x30);
        out.write(4 + first.length + second.length);
        out.write(0x02);
        out.write(first.length);
        out.writeBytes(first);
        out.write(0x02);
        out.write(second.length);
        out.writeBytes(second);
        return out.toByteArray();
    }
}
