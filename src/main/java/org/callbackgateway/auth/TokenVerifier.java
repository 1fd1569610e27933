package org.callbackgateway.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.text.ParseException;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.callbackgateway.auth.oidc.IdentityProviderKeys;
import org.callbackgateway.config.AuthConfig;
import org.callbackgateway.config.IdentityProviderConfig;

/**
 * Checks bearer tokens: the gateway's own (algorithm pinned, its key, its issuer and audience) and, when
 * configured, the site identity provider's access tokens (RS256 or ES256, keys from its JWKS: see
 * {@link IdentityProviderKeys}). Tokens the gateway issued to users who signed in through the identity provider
 * carry its issuer in an {@code idp} claim and name their user. Expiry and not-before are checked with 60 seconds of leeway; the gateway's own tokens also stop
 * counting when their client is deleted, disabled or given a new key ({@link ClientStates}).
 */
public final class TokenVerifier {
    private static final Set<String> REQUIRED_OWN_CLAIMS = Set.of("sub", "exp", "iat", "jti");

    private final SigningKeys keys;
    private final String issuer;
    private final DefaultJWTClaimsVerifier<SecurityContext> ownClaims;
    private final Optional<IdentityProviderTokens> identityProvider;
    private final TokenRevocations revocations;

    TokenVerifier(SigningKeys keys, AuthConfig config, TokenRevocations revocations,
                  Optional<IdentityProviderKeys> providerKeys) {
        this.keys = keys;
        this.revocations = revocations;
        this.issuer = config.issuer();
        this.ownClaims = new DefaultJWTClaimsVerifier<>(config.audience(),
                new JWTClaimsSet.Builder().issuer(config.issuer()).build(), REQUIRED_OWN_CLAIMS);
        this.identityProvider = config.identityProvider()
                .filter(provider -> provider.accessTokenAudience().isPresent() && providerKeys.isPresent())
                .map(provider -> new IdentityProviderTokens(provider, providerKeys.get()));
    }

    /** Why a token was refused; for the log, never for the caller. */
    public static final class InvalidTokenException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        InvalidTokenException(String reason, Throwable cause) {
            super(reason, cause);
        }
    }

    public Caller verify(String token) {
        SignedJWT jwt;
        String tokenIssuer;
        try {
            jwt = SignedJWT.parse(token);
            tokenIssuer = jwt.getJWTClaimsSet().getIssuer();
        } catch (ParseException e) {
            throw new InvalidTokenException("not a signed JWT", e);
        }
        if (issuer.equals(tokenIssuer)) {
            return verifyOwn(jwt);
        }
        if (identityProvider.isPresent() && identityProvider.get().issuer.equals(tokenIssuer)) {
            return identityProvider.get().verify(jwt);
        }
        throw new InvalidTokenException("unknown issuer", null);
    }

    /**
     * As {@link #verify}, with the moment the token expires (what a long-lived stream must end by) and how to ask
     * later whether it has been revoked meanwhile.
     */
    public Verified verifyUntil(String token) {
        Caller caller = verify(token);
        try {
            JWTClaimsSet claims = SignedJWT.parse(token).getJWTClaimsSet();
            java.util.Date expiry = claims.getExpirationTime();
            return new Verified(caller, expiry == null ? java.time.Instant.MAX : expiry.toInstant(), standing(claims));
        } catch (ParseException e) {
            throw new InvalidTokenException("not a signed JWT", e);
        }
    }

    /** A verified caller, when its token expires, and whether it still counts. */
    public record Verified(Caller caller, java.time.Instant expiresAt, TokenStanding standing) {
    }

    private TokenStanding standing(JWTClaimsSet claims) throws ParseException {
        if (!issuer.equals(claims.getIssuer())) {
            return TokenStanding.UNTIL_EXPIRY;
        }
        String clientId = claims.getSubject();
        Optional<Instant> keySetAt = Optional.ofNullable(claims.getLongClaim(TokenIssuer.KEY_SET_AT_CLAIM))
                .map(Instant::ofEpochMilli);
        Instant issuedAt = claims.getIssueTime().toInstant();
        return () -> revocations.revocation(clientId, keySetAt, issuedAt);
    }

    private Caller verifyOwn(SignedJWT jwt) {
        if (!keys.algorithm().equals(jwt.getHeader().getAlgorithm())) {
            throw new InvalidTokenException("algorithm " + jwt.getHeader().getAlgorithm() + " is not accepted", null);
        }
        try {
            if (!jwt.verify(keys.verifier())) {
                throw new InvalidTokenException("bad signature", null);
            }
            JWTClaimsSet claims = jwt.getJWTClaimsSet();
            ownClaims.verify(claims, null);
            Role role = Role.parse(claims.getStringClaim("role"))
                    .orElseThrow(() -> new InvalidTokenException("no valid role claim", null));
            if (claims.getClaim(TokenIssuer.IDENTITY_PROVIDER_CLAIM) != null) {
                // A user who signed in through the identity provider: no client to check, the token just expires.
                String username = claims.getStringClaim(TokenIssuer.USERNAME_CLAIM);
                if (username == null || !username.matches(Caller.USERNAME_PATTERN)) {
                    throw new InvalidTokenException("no valid user name", null);
                }
                return new Caller(claims.getSubject(), username, role, Map.of());
            }
            Long keySetAt = claims.getLongClaim(TokenIssuer.KEY_SET_AT_CLAIM);
            Optional<String> revoked = revocations.revocation(claims.getSubject(),
                    Optional.ofNullable(keySetAt).map(Instant::ofEpochMilli), claims.getIssueTime().toInstant());
            if (revoked.isPresent()) {
                throw new InvalidTokenException(revoked.get(), null);
            }
            Map<String, Object> permissions = claims.getJSONObjectClaim("permissions");
            return new Caller(claims.getSubject(), claims.getSubject(), role,
                    permissions == null ? Map.of() : permissions);
        } catch (JOSEException | ParseException | BadJWTException e) {
            throw new InvalidTokenException(e.getMessage(), e);
        }
    }

    /** The identity provider's access tokens: its users act as themselves with the {@code user} role. */
    private static final class IdentityProviderTokens {
        private final String issuer;
        private final String usernameClaim;
        private final DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();

        IdentityProviderTokens(IdentityProviderConfig config, IdentityProviderKeys keys) {
            this.issuer = config.issuer();
            this.usernameClaim = config.usernameClaim();
            processor.setJWSKeySelector(new JWSVerificationKeySelector<>(Set.of(JWSAlgorithm.RS256, JWSAlgorithm.ES256), keys));
            processor.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(config.accessTokenAudience().orElseThrow(),
                    new JWTClaimsSet.Builder().issuer(config.issuer()).build(), Set.of("sub", "exp")));
        }

        Caller verify(SignedJWT jwt) {
            try {
                JWTClaimsSet claims = processor.process(jwt, null);
                Object named = claims.getClaim(usernameClaim);
                String username = named instanceof String name && !name.isBlank() ? name : claims.getSubject();
                return new Caller(claims.getSubject(), username, Role.USER, Map.of());
            } catch (BadJOSEException | JOSEException e) {
                throw new InvalidTokenException(e.getMessage(), e);
            }
        }
    }
}
