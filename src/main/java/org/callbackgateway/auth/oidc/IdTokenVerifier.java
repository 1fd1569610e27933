package org.callbackgateway.auth.oidc;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Set;

/**
 * Checks an ID token the console obtained from the identity provider: signed by one of the provider's keys
 * (RS256, PS256 or ES256), {@code iss} the provider, {@code aud} the console's client id, not expired (60 seconds
 * of leeway), issued within the last ten minutes, and its {@code nonce} the SHA-256 of the nonce key the console
 * kept, so a token lifted from elsewhere cannot be exchanged without the key that never left the tab.
 */
final class IdTokenVerifier {
    static final Duration MAX_AGE = Duration.ofMinutes(10);
    private static final Set<String> REQUIRED = Set.of("sub", "exp", "iat", "nonce");

    private final DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
    private final Clock clock;

    IdTokenVerifier(String issuer, String clientId, IdentityProviderKeys keys, Clock clock) {
        this.clock = clock;
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(
                Set.of(JWSAlgorithm.RS256, JWSAlgorithm.PS256, JWSAlgorithm.ES256), keys));
        // OpenID Connect Core 3.1.3.7: iss exact, aud contains the client id; the JWT "typ" of ID tokens varies.
        processor.setJWSTypeVerifier((type, context) -> { });
        processor.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(clientId,
                new JWTClaimsSet.Builder().issuer(issuer).build(), REQUIRED) {
            @Override
            protected java.util.Date currentTime() {
                return java.util.Date.from(clock.instant());
            }
        });
    }

    /** The token's claims, or {@link InvalidIdTokenException} saying why not (for the log only). */
    JWTClaimsSet verify(String idToken, String nonceKey) {
        JWTClaimsSet claims;
        try {
            claims = processor.process(idToken, null);
        } catch (ParseException | BadJOSEException | JOSEException e) {
            throw new InvalidIdTokenException(e.getMessage(), e);
        }
        Instant issuedAt = claims.getIssueTime().toInstant();
        if (issuedAt.isBefore(clock.instant().minus(MAX_AGE))) {
            throw new InvalidIdTokenException("issued more than " + MAX_AGE.toMinutes() + " minutes ago", null);
        }
        Object nonce = claims.getClaim("nonce");
        byte[] expected = nonceOf(nonceKey).getBytes(StandardCharsets.UTF_8);
        if (!(nonce instanceof String given) || !MessageDigest.isEqual(expected, given.getBytes(StandardCharsets.UTF_8))) {
            throw new InvalidIdTokenException("nonce does not match the nonce key", null);
        }
        return claims;
    }

    /** The nonce the console sends for a nonce key: base64url(SHA-256(key)), no padding. */
    static String nonceOf(String nonceKey) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(nonceKey.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing", e);
        }
    }

    /** Why an ID token was refused. */
    static final class InvalidIdTokenException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        InvalidIdTokenException(String reason, Throwable cause) {
            super(reason, cause);
        }
    }
}
