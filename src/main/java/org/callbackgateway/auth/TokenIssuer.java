package org.callbackgateway.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;
import org.callbackgateway.auth.ClientAuthenticator.AuthenticatedClient;

/**
 * Issues the gateway's own access tokens (JWT, HS256 or ES256).
 */
public final class TokenIssuer {
    private final SigningKeys keys;
    private final String issuer;
    private final String audience;
    private final int ttlSeconds;
    private final Clock clock;

    public TokenIssuer(SigningKeys keys, String issuer, String audience, int ttlSeconds, Clock clock) {
        this.keys = keys;
        this.issuer = issuer;
        this.audience = audience;
        this.ttlSeconds = ttlSeconds;
        this.clock = clock;
    }

    /** A signed token and how long it lives. */
    public record IssuedToken(String token, int expiresIn) {
    }

    public IssuedToken issue(AuthenticatedClient client) {
        Instant now = clock.instant();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(issuer)
                .audience(audience)
                .subject(client.clientId())
                .issueTime(Date.from(now))
                .notBeforeTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(ttlSeconds)))
                .jwtID(UUID.randomUUID().toString())
                .claim("role", client.role().value())
                .claim("permissions", client.permissions())
                .build();
        JWSAlgorithm algorithm = keys.algorithm();
        JWSHeader header = new JWSHeader.Builder(algorithm).type(JOSEObjectType.JWT).keyID(keys.keyId()).build();
        SignedJWT jwt = new SignedJWT(header, claims);
        try {
            JWSSigner signer = keys.signer();
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("signing a token failed", e);
        }
        return new IssuedToken(jwt.serialize(), ttlSeconds);
    }
}
