package org.callbackgateway.config;

/**
 * Settings of the signed source callbacks (TuxSuite, forges, Standard Webhooks).
 *
 * @param toleranceSeconds how far a Standard Webhooks timestamp may be from now, either way
 * @param keysRefetchSeconds the least time between two fetches of a keys URL after a verification failure
 * @param sourceCacheSeconds how long a source's decrypted secrets and parsed keys are reused
 */
public record SignedCallbackConfig(int toleranceSeconds, int keysRefetchSeconds, int sourceCacheSeconds) {

    public static final String TOLERANCE_SECONDS = "GATEWAY_WEBHOOK_TOLERANCE_SECONDS";
    public static final String KEYS_REFETCH_SECONDS = "GATEWAY_KEYS_REFETCH_SECONDS";
    public static final String SOURCE_CACHE_SECONDS = "GATEWAY_SOURCE_CACHE_SECONDS";

    static SignedCallbackConfig load(Settings settings) {
        return new SignedCallbackConfig(
                settings.integer(TOLERANCE_SECONDS, 300, 1, 86_400),
                settings.integer(KEYS_REFETCH_SECONDS, 60, 0, 86_400),
                settings.integer(SOURCE_CACHE_SECONDS, 30, 0, 3600));
    }
}
