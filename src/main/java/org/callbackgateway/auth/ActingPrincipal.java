package org.callbackgateway.auth;

import jakarta.ws.rs.core.SecurityContext;
import java.security.Principal;

/**
 * The principal of an authenticated request: the caller, and the user it acts for (itself, or the user a
 * service named with {@code ?user=}).
 */
public record ActingPrincipal(Caller caller, String actingUser) implements Principal {

    @Override
    public String getName() {
        return actingUser;
    }

    /** The principal of a request that passed the bearer filter (the injected context is a proxy, so ask it). */
    public static ActingPrincipal of(SecurityContext context) {
        if (context != null && context.getUserPrincipal() instanceof ActingPrincipal principal) {
            return principal;
        }
        throw new IllegalStateException("request was not authenticated by the bearer filter");
    }
}
