package org.callbackgateway.auth;

import java.util.Map;

/**
 * Who sent an authenticated request.
 *
 * @param subject the token's subject (a client id, or the identity provider's subject)
 * @param username the user the caller is: {@code preferred_username} when present, else the subject
 * @param role what the caller may do
 * @param permissions the client's permissions (empty for identity-provider users)
 */
public record Caller(String subject, String username, Role role, Map<String, Object> permissions) {

    public boolean is(Role wanted) {
        return role == wanted;
    }
}
