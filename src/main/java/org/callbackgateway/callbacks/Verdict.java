package org.callbackgateway.callbacks;

/**
 * The outcome of a signature check. The reason or detail is for the log and the stored delivery, never
 * for the sender.
 */
public sealed interface Verdict {

    /**
     * The signature matched.
     *
     * @param detail which scheme and which key matched
     * @param payload the bytes the signature covers and that are to be parsed (the raw body, or for a
     *                double-encoded TuxSuite payload the decoded content)
     */
    record Verified(String detail, byte[] payload) implements Verdict {
    }

    /** The request is refused; the reason says which check failed. */
    record Rejected(String reason) implements Verdict {
    }

    static Verdict rejected(String reason) {
        return new Rejected(reason);
    }
}
