package org.callbackgateway.oauth;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.net.URI;
import java.time.Instant;

/**
 * Where to send the user to authorize an API, and until when that redirect can be completed.
 */
@JsonPropertyOrder({"api_name", "authorization_url", "expires_at"})
public record AuthorizationStart(
        @JsonProperty("api_name") String apiName,
        @JsonProperty("authorization_url") URI authorizationUrl,
        @JsonProperty("expires_at") Instant expiresAt) {
}
