package org.callbackgateway.callbacks.forge.whck.web;

/**
 * Why the web validator does not start, with its exit code: 2 for a missing or malformed port, 3 when no
 * secrets can be reached, 4 when the port cannot be listened on.
 */
final class ServerStartException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    static final int USAGE = 2;
    static final int NO_SECRETS = 3;
    static final int CANNOT_LISTEN = 4;

    private final int exitCode;

    ServerStartException(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    int exitCode() {
        return exitCode;
    }
}
