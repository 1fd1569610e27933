package org.callbackgateway.auth;

import jakarta.ws.rs.core.SecurityContext;
import java.security.Principal;

/**
 * The JAX-RS security context of an authenticated request: the principal is an {@link ActingPrincipal}, the
 * roles are the caller's.
 */
final class CallerSecurityContext implements SecurityContext {
    private final ActingPrincipal principal;
    private final boolean secure;

    CallerSecurityContext(ActingPrincipal principal, boolean secure) {
        this.principal = principal;
        this.secure = secure;
    }

    @Override
    public Principal getUserPrincipal() {
        return principal;
    }

    @Override
    public boolean isUserInRole(String role) {
        return principal.caller().role().value().equals(role);
    }

    @Override
    public boolean isSecure() {
        return secure;
    }

    @Override
    public String getAuthenticationScheme() {
        return "Bearer";
    }
}
