package org.callbackgateway.callbacks.forge.whck;

/**
 * Why a claim could not be checked, with the exit code {@code whck} ends with; the message names no secret.
 */
public final class WhckException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final WhckExit exit;

    public WhckException(WhckExit exit, String message) {
        super(message);
        this.exit = exit;
    }

    public WhckException(WhckExit exit, String message, Throwable cause) {
        super(message, cause);
        this.exit = exit;
    }

    public WhckExit exit() {
        return exit;
    }
}
