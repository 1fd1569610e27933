package org.callbackgateway.oauth;

/**
 * A token request that did not yield tokens. The message names the API and what went wrong, never the request's
 * code, verifier, refresh token or client secret.
 */
public final class TokenEndpointException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final boolean refused;

    TokenEndpointException(String message, boolean refused, Throwable cause) {
        super(message, cause);
        this.refused = refused;
    }

    /** The provider answered that the grant is not acceptable (4xx), as opposed to failing or being unreachable. */
    public boolean refused() {
        return refused;
    }
}
