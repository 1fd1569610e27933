package org.callbackgateway.web;

import java.io.IOException;

/**
 * The request body could not be read because of the sender (a malformed chunked body, an end of stream before the
 * declared length): a 400, not a failure of the gateway.
 */
public final class UnreadableBodyException extends IOException {
    private static final long serialVersionUID = 1L;

    public UnreadableBodyException(IOException cause) {
        super("the request body could not be read", cause);
    }
}
