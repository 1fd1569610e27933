package org.callbackgateway.auth;

import java.time.Instant;

/**
 * A stored API client; the key itself is never stored, only its bcrypt hash.
 */
public record Client(
        String clientId,
        String keyHash,
        String role,
        String permissions,
        Instant createdAt,
        Instant keySetAt,
        Instant disabledAt) {

    public boolean disabled() {
        return disabledAt != null;
    }

    /** The client as the admin API shows it: no hash. */
    public ClientView view(java.util.Map<String, Object> parsedPermissions) {
        return new ClientView(clientId, role, parsedPermissions, createdAt, keySetAt, disabled());
    }
}
