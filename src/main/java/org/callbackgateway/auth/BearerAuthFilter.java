package org.callbackgateway.auth;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.PathSegment;
import java.util.List;
import java.util.Map;
import org.callbackgateway.web.ApiException;
import org.callbackgateway.web.ErrorCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Guards {@code /secured/*} (any valid bearer token) and {@code /admin/*} (role {@code admin}), before routing so
 * that nothing about those paths is revealed to an unauthenticated caller.
 */
@PreMatching
@Priority(Priorities.AUTHENTICATION)
public final class BearerAuthFilter implements ContainerRequestFilter {
    private static final Logger LOG = LoggerFactory.getLogger(BearerAuthFilter.class);

    private final TokenVerifier verifier;

    public BearerAuthFilter(TokenVerifier verifier) {
        this.verifier = verifier;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        // Decide on the first path segment without matrix parameters, exactly as routing will see it.
        String top = firstSegment(request.getUriInfo().getPathSegments());
        boolean admin = top.equals("admin");
        if (!admin && !top.equals("secured")) {
            return;
        }
        Caller caller = authenticate(request.getHeaders().get("Authorization"));
        if (admin && !caller.is(Role.ADMIN)) {
            throw ApiException.forbidden("the admin role is required");
        }
        String actingUser = actingUser(caller, request.getUriInfo().getQueryParameters().get("user"));
        request.setSecurityContext(new CallerSecurityContext(new ActingPrincipal(caller, actingUser),
                "https".equals(request.getUriInfo().getRequestUri().getScheme())));
    }

    private Caller authenticate(List<String> authorization) {
        if (authorization == null || authorization.isEmpty()) {
            throw unauthorized("a bearer token is required", null);
        }
        if (authorization.size() > 1) {
            throw unauthorized("send one Authorization header", "invalid_request");
        }
        String header = authorization.get(0);
        if (header.length() < 8 || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw unauthorized("a bearer token is required", "invalid_request");
        }
        try {
            return verifier.verify(header.substring(7).trim());
        } catch (TokenVerifier.InvalidTokenException e) {
            LOG.info("bearer token refused: {}", e.getMessage());
            throw unauthorized("the bearer token is invalid or expired", "invalid_token");
        }
    }

    /** Only a service or an admin may act for another user, by {@code ?user=NAME}. */
    static String actingUser(Caller caller, List<String> userParameter) {
        if (userParameter == null || userParameter.isEmpty()) {
            return caller.username();
        }
        if (!caller.is(Role.SERVICE) && !caller.is(Role.ADMIN)) {
            throw ApiException.forbidden("only service and admin clients may act for another user");
        }
        if (userParameter.size() > 1) {
            throw ApiException.badRequest("give the user parameter once");
        }
        String user = userParameter.get(0);
        if (!user.matches(Caller.USERNAME_PATTERN)) {
            throw ApiException.badRequest("user must be 1 to 256 letters, digits or @._+-");
        }
        return user;
    }

    private static String firstSegment(List<PathSegment> segments) {
        return segments.stream().map(PathSegment::getPath).filter(segment -> !segment.isEmpty()).findFirst().orElse("");
    }

    static ApiException unauthorized(String message, String error) {
        String challenge = error == null ? "Bearer realm=\"callback-gateway\""
                : "Bearer realm=\"callback-gateway\", error=\"" + error + "\"";
        return new ApiException(401, ErrorCode.ERR_UNAUTHORIZED, message, Map.of("WWW-Authenticate", challenge), null);
    }
}
