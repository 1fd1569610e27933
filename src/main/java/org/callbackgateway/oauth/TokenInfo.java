package org.callbackgateway.oauth;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.Instant;

/**
 * What may be shown about a stored token: never the token itself.
 */
@JsonPropertyOrder({"api_name", "username", "token_type", "scope", "expires_at", "refreshable", "updated_at"})
public record TokenInfo(
        @JsonProperty("api_name") String apiName,
        @JsonProperty("username") String username,
        @JsonProperty("token_type") String tokenType,
        @JsonProperty("scope") String scope,
        @JsonProperty("expires_at") Instant expiresAt,
        @JsonProperty("refreshable") boolean refreshable,
        @JsonProperty("updated_at") Instant updatedAt) {

    static TokenInfo of(TokenRow row) {
        return new TokenInfo(row.apiName(), row.username(), row.tokenType(), row.scope(), row.expiresAt(),
                row.refreshToken() != null, row.updatedAt());
    }
}
