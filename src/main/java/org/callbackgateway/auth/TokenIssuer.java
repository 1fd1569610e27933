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
    /** The time, in epoch milliseconds, the client's key was set when the token was issued. */
    static final String KEY_SET_AT_CLAIM = "key_set_at";
    /** The identity provider a user signed in through (tokens for its users, not for a client). */
    static final String IDENTITY_PROVIDER_CLAIM = "idp";
    /** The user name of a user who signed in through the identity provider. */
    static final String USERNAME_CLAIM = "preferred_username";

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
        JWTClaimsSet claims = common(client.clientId(), client.role())
                .claim("permissions", client.permissions())
                // Which key the client authenticated with: a token made with a rotated-away key stops counting.
                .claim(KEY_SET_AT_CLAIM, client.keySetAt().toEpochMilli())
                .build();
        return sign(claims);
    }

    /**
     * A token for a user the identity provider vouched for. No client stands behind it, so it cannot be revoked
     * before it expires: its lifetime is the configured token lifetime, like every gateway token.
     */
    public IssuedToken issueForProviderUser(String providerIssuer, String subject, String username, Role role) {
        return sign(common(subject, role)
                .claim(USERNAME_CLAIM, username)
                .claim(IDENTITY_PROVIDER_CLAIM, providerIssuer)
                .build());
    }

    private JWTClaimsSet.Builder common(String subject, Role role) {
        Instant now = clock.instant();
        return new JWTClaimsSet.Builder()
                .issuer(issuer)
                .audience(audience)
                .subject(subject)
                .issueTime(Date.from(now))
                .notBeforeTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(ttlSeconds)))
                .jwtID(UUID.randomUUID().toString())
                .claim("role", role.value());
    }

    private IssuedToken sign(JWTClaimsSet claims) {
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
