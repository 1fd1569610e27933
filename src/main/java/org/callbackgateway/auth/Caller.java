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
    /** What a user name may be: it names job owners and appears in URLs. */
    public static final String USERNAME_PATTERN = "^[A-Za-z0-9][A-Za-z0-9@._+-]{0,255}$";

    public boolean is(Role wanted) {
        return role == wanted;
    }
}
