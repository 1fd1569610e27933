package org.callbackgateway.forwarding;

/**
 * What one request to a subscriber came to.
 *
 * @param outcome as {@link AttemptView#outcome()}
 * @param statusCode the answer's status, if there was an answer
 * @param latencyMs from sending to the end of the answer (or the failure)
 * @param responseHead the first bytes of the answer's body, or what went wrong
 */
record AttemptResult(String outcome, Integer statusCode, int latencyMs, String responseHead) {
    static final String DELIVERED = "delivered";
    static final String FAILED = "failed";
    static final String TIMEOUT = "timeout";
    static final String UNREACHABLE = "unreachable";
    static final String GONE = "gone";
    static final String REFUSED_ADDRESS = "refused_address";

    boolean delivered() {
        return DELIVERED.equals(outcome);
    }

    /** A short description for {@code last_error}. */
    String describe() {
        return statusCode == null ? outcome + (responseHead == null ? "" : ": " + responseHead)
                : outcome + " (" + statusCode + ")";
    }
}
