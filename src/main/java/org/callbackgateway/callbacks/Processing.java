package org.callbackgateway.callbacks;

import java.util.Locale;

/**
 * What became of a delivery once it was stored.
 */
public enum Processing {
    /** Stored, not yet acted on. */
    RECEIVED,
    /** It changed what the gateway knows (a job moved). */
    APPLIED,
    /** Understood and kept, but nothing to act on. */
    IGNORED,
    /** A repeat of a delivery already accepted. */
    DUPLICATE,
    /** It named something the gateway does not know. */
    NOT_FOUND,
    /** Unreadable or incomplete. */
    INVALID,
    /** Over the body cap; the body was not kept. */
    TOO_LARGE,
    /** Acting on it failed; see the detail. */
    FAILED;

    public String dbValue() {
        return name().toLowerCase(Locale.ROOT);
    }
}
