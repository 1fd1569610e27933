package org.callbackgateway.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import org.callbackgateway.config.AuthConfig;
import org.callbackgateway.config.ConfigException;

/**
 * The one key the gateway signs its tokens with, and the algorithm pinned to it.
 */
public final class SigningKeys {
    private final JWSAlgorithm algorithm;
    private final byte[] hmacKey;
    private final ECKey ecKey;

    private SigningKeys(JWSAlgorithm algorithm, byte[] hmacKey, ECKey ecKey) {
        this.algorithm = algorithm;
        this.hmacKey = hmacKey;
        this.ecKey = ecKey;
    }

    public static SigningKeys from(AuthConfig config) {
        if (config.ecKey().isPresent()) {
            try {
                ECKey key = ECKey.parse(config.ecKey().get().reveal());
                if (!Curve.P_256.equals(key.getCurve()) || !key.isPrivate()) {
                    throw new ConfigException(AuthConfig.EC_KEY, "must be a private P-256 key in JWK form");
                }
                return new SigningKeys(JWSAlgorithm.ES256, null, key);
            } catch (ParseException e) {
                throw new ConfigException(AuthConfig.EC_KEY, "is not a JWK: " + e.getMessage());
            }
        }
        byte[] secret = config.hmacKey().orElseThrow().reveal().getBytes(StandardCharsets.UTF_8);
        return new SigningKeys(JWSAlgorithm.HS256, secret, null);
    }

    public JWSAlgorithm algorithm() {
        return algorithm;
    }

    /** The key id put in token headers (ES256 keys only). */
    public String keyId() {
        return ecKey == null ? null : ecKey.getKeyID();
    }

    JWSSigner signer() throws JOSEException {
        return ecKey != null ? new ECDSASigner(ecKey) : new MACSigner(hmacKey);
    }

    JWSVerifier verifier() throws JOSEException {
        return ecKey != null ? new ECDSAVerifier(ecKey.toPublicJWK()) : new MACVerifier(hmacKey);
    }
}
