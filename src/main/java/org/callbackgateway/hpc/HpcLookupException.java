package org.callbackgateway.hpc;

/**
 * A job lookup at an HPC API failed; {@link #kind()} says how, the message is for the log only.
 */
public final class HpcLookupException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** How a lookup failed. */
    public enum Kind {
        /** The API answered 404 or 400: it does not know the job. */
        NOT_FOUND,
        /** The API refused the token (401). */
        UNAUTHORIZED,
        /** Anything else: timeout, 5xx, an unreadable answer. Worth retrying. */
        FAILED
    }

    private final Kind kind;

    public HpcLookupException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
