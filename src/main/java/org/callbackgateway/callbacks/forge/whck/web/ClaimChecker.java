package org.callbackgateway.callbacks.forge.whck.web;

import org.callbackgateway.callbacks.forge.whck.ClaimKind;

/**
 * Checks one claim as {@code whck KIND IDENTIFIER CLAIM < BODY} does: in this process against the secrets
 * directory, or by running a {@code whck} program.
 */
interface ClaimChecker {

    /** The outcome of a check; {@code detail} is for the validator's log, never for the sender. */
    record Result(Status status, String detail) {
    }

    enum Status {
        VALID, REFUSED, UNAVAILABLE
    }

    Result check(ClaimKind kind, String identifier, String claim, byte[] body);

    /** Where the secrets are, for the start-up line. */
    String describe();
}
