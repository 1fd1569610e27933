package org.callbackgateway.auth.oidc;

import com.nimbusds.jwt.JWTClaimsSet;
import java.util.Collection;
import org.callbackgateway.auth.Caller;
import org.callbackgateway.auth.Role;
import org.callbackgateway.config.IdentityProviderConfig;

/**
 * Who an ID token names, as the gateway sees them: the provider's subject, the user name from the configured
 * claim (the subject without it), and {@code admin} when the roles claim holds the admin group, else {@code user}.
 */
record SignInIdentity(String subject, String username, Role role) {

    static SignInIdentity of(JWTClaimsSet claims, IdentityProviderConfig config) {
        Object named = claims.getClaim(config.usernameClaim());
        String username = named instanceof String name && !name.isBlank() ? name : claims.getSubject();
        if (!username.matches(Caller.USERNAME_PATTERN)) {
            throw new IdTokenVerifier.InvalidIdTokenException("the user name is not 1 to 256 letters, digits or @._+-",
                    null);
        }
        Object roles = claims.getClaim(config.rolesClaim());
        boolean admin = config.adminGroup().map(group -> holds(roles, group)).orElse(false);
        return new SignInIdentity(claims.getSubject(), username, admin ? Role.ADMIN : Role.USER);
    }

    /** A roles claim is a string (one role, or several separated by spaces) or a list of strings. */
    private static boolean holds(Object roles, String group) {
        if (roles instanceof String one) {
            return (" " + one + " ").contains(" " + group + " ");
        }
        return roles instanceof Collection<?> many && many.contains(group);
    }
}
