package org.callbackgateway.fuzz;

import org.callbackgateway.web.ApiException;

/**
 * What fuzz targets may end with besides success: a refusal answered 4xx.
 */
public final class FuzzChecks {
    private FuzzChecks() {
    }

    public static void isClientError(ApiException refused) {
        if (refused.status() < 400 || refused.status() >= 500) {
            throw new AssertionError("answered " + refused.status() + ": " + refused.getMessage(), refused);
        }
    }
}
