package org.callbackgateway.oauth;

import java.time.Instant;
import java.util.UUID;

/**
 * A row of {@code authorization_requests}: one redirect to a provider, whose id is the {@code state}.
 *
 * @param id the {@code state} sent to the provider
 * @param username the user who started the request; only this user may complete it
 * @param apiName the API it was made for
 * @param stateInfo opaque text from the caller, handed back when the flow completes
 * @param codeVerifier the PKCE verifier whose S256 challenge went to the provider
 * @param createdAt when it was made
 * @param expiresAt after this it cannot be completed
 * @param usedAt when it was consumed; null while pending
 */
public record AuthorizationRequest(
        UUID id,
        String username,
        String apiName,
        String stateInfo,
        String codeVerifier,
        Instant createdAt,
        Instant expiresAt,
        Instant usedAt) {

    @Override
    public String toString() {
        // The verifier and the state are credentials for the code exchange: never printed.
        return "AuthorizationRequest[username=" + username + ", apiName=" + apiName + ", expiresAt=" + expiresAt
                + ", usedAt=" + usedAt + "]";
    }
}
