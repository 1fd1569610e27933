package org.callbackgateway.callbacks.forge.whck;

/**
 * The exit codes of {@code whck}, one per way it can end; the forge endpoints spec asks only for 0 on success.
 */
public enum WhckExit {
    /** The claim is valid for the identifier's secret. */
    VALID(0),
    /** The claim does not match the secret, or is malformed. */
    INVALID_CLAIM(1),
    /** Wrong arguments: their number, an unknown KIND, an IDENTIFIER that cannot be a file name. */
    USAGE(2),
    /** No secrets directory was found: the validator does not start. */
    NO_SECRETS_DIRECTORY(3),
    /** The secrets directory has no secret for the identifier. */
    UNKNOWN_IDENTIFIER(4),
    /** The identifier's secret file is refused: readable or writable by others, not a regular file, empty, unreadable. */
    UNUSABLE_SECRET(5);

    private final int code;

    WhckExit(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }
}
