package org.callbackgateway.auth.oidc;

import com.nimbusds.jwt.JWTClaimsSet;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import org.callbackgateway.auth.TokenIssuer;
import org.callbackgateway.config.IdentityProviderConfig;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trades an ID token the console obtained from the identity provider (authorization code with PKCE, in the
 * browser) for the gateway's own short-lived token. Each ID token is accepted once, on any instance: its nonce is
 * recorded until the token is too old to be accepted anyway.
 */
public final class ConsoleSignIn {
    private static final Logger LOG = LoggerFactory.getLogger(ConsoleSignIn.class);

    private final IdentityProviderConfig config;
    private final IdTokenVerifier verifier;
    private final TokenIssuer issuer;
    private final Jdbi jdbi;
    private final Clock clock;

    ConsoleSignIn(IdentityProviderConfig config, IdTokenVerifier verifier, TokenIssuer issuer, Jdbi jdbi, Clock clock) {
        this.config = config;
        this.verifier = verifier;
        this.issuer = issuer;
        this.jdbi = jdbi;
        this.clock = clock;
    }

    /** A gateway token for the user, and who the gateway takes them for. */
    public record SignedIn(TokenIssuer.IssuedToken token, String username, String role) {
    }

    /** Why a sign-in was refused (for the log; the caller learns only that it was). */
    public static final class RefusedException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        RefusedException(String reason) {
            super(reason);
        }
    }

    public SignedIn exchange(String idToken, String nonceKey) {
        SignInIdentity identity;
        JWTClaimsSet claims;
        try {
            claims = verifier.verify(idToken, nonceKey);
            identity = SignInIdentity.of(claims, config);
        } catch (IdTokenVerifier.InvalidIdTokenException e) {
            LOG.info("identity provider sign-in refused: {}", e.getMessage());
            throw new RefusedException(e.getMessage());
        }
        Instant now = clock.instant();
        // Past this moment the age check refuses the token, so its record is no longer needed.
        Instant forgetAt = claims.getIssueTime().toInstant().plus(IdTokenVerifier.MAX_AGE).plusSeconds(60);
        boolean first = jdbi.inTransaction(handle -> {
            SignInDao dao = handle.attach(SignInDao.class);
            dao.deleteExpired(now);
            return dao.record(sha256(IdTokenVerifier.nonceOf(nonceKey)), forgetAt) == 1;
        });
        if (!first) {
            LOG.info("identity provider sign-in refused: the ID token of {} was exchanged before", identity.username());
            throw new RefusedException("the ID token was exchanged before");
        }
        LOG.info("{} signed in through the identity provider as {}", identity.username(), identity.role().value());
        return new SignedIn(issuer.issueForProviderUser(config.issuer(), identity.subject(), identity.username(),
                identity.role()), identity.username(), identity.role().value());
    }

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing", e);
        }
    }
}
