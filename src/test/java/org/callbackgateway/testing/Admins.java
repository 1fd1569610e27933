package org.callbackgateway.testing;

import org.callbackgateway.auth.ClientKeys;

/**
 * A bootstrap admin client for test gateways: settings to create it, and its key.
 */
public final class Admins {
    public static final String ID = "test-admin";
    public static final String KEY = LeakWatch.remember(ClientKeys.generate());
    public static final String KEY_HASH = new ClientKeys(4).hash(KEY);

    private Admins() {
    }

    /** The settings that make a test gateway create this admin at start-up. */
    public static String[] settings() {
        return new String[] {"GATEWAY_BOOTSTRAP_ADMIN_ID", ID, "GATEWAY_BOOTSTRAP_ADMIN_KEY_HASH", KEY_HASH};
    }
}
