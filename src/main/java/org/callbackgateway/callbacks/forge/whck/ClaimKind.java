package org.callbackgateway.callbacks.forge.whck;

import java.util.Optional;

/**
 * The verification mechanisms of {@code whck KIND IDENTIFIER CLAIM}.
 */
public enum ClaimKind {
    /** GitHub's and Gitea's: CLAIM is the hex HMAC-SHA256 of the body, with or without {@code sha256=}. */
    HMAC_SHA256("hmac-sha256"),
    /** GitLab's: CLAIM is the secret token itself; the body is not read. */
    TOKEN("token");

    private final String argument;

    ClaimKind(String argument) {
        this.argument = argument;
    }

    /** As written on the command line. */
    public String argument() {
        return argument;
    }

    public static Optional<ClaimKind> parse(String argument) {
        for (ClaimKind kind : values()) {
            if (kind.argument.equals(argument)) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }
}
