package org.callbackgateway.auth;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.Map;

/**
 * A client as the admin API answers it.
 */
public record ClientView(
        @JsonProperty("client_id") String clientId,
        @JsonProperty("role") String role,
        @JsonProperty("permissions") Map<String, Object> permissions,
        @JsonProperty("created_at") Instant createdAt,
        @JsonProperty("key_set_at") Instant keySetAt,
        @JsonProperty("disabled") boolean disabled) {
}
