package org.callbackgateway.auth;

import java.util.Locale;
import java.util.Optional;

/**
 * What a client may do: {@code admin} everything, {@code service} act for any user, {@code user} only for itself.
 */
public enum Role {
    ADMIN, SERVICE, USER;

    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Role> parse(String value) {
        if (value == null) {
            return Optional.empty();
        }
        for (Role role : values()) {
            if (role.value().equals(value)) {
                return Optional.of(role);
            }
        }
        return Optional.empty();
    }
}
