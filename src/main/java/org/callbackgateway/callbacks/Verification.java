package org.callbackgateway.callbacks;

import java.util.Locale;

/**
 * Whether a delivery's origin was checked: unsigned endpoints, a good signature, or a refused one.
 */
public enum Verification {
    UNSIGNED, VERIFIED, REJECTED;

    public String dbValue() {
        return name().toLowerCase(Locale.ROOT);
    }
}
