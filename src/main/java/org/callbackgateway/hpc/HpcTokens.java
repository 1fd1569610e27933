package org.callbackgateway.hpc;

/**
 * Where the HPC lookups get the job owner's access token: the OAuth token store.
 */
public interface HpcTokens {

    /** A token for (api, user) that is valid now, refreshed first when it is about to expire. */
    String validAccessToken(String api, String username);

    /** A new token after the API refused {@code rejectedToken} (unless another thread already refreshed it). */
    String refreshAfterRejection(String api, String username, String rejectedToken);
}
