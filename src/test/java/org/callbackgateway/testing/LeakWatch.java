package org.callbackgateway.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Secrets the tests handle (client keys, tokens, signing keys, codes, signatures), and any log line that
 * contained one. Every log event of the test JVM, the gateway's included, passes through {@link LeakWatchAppender};
 * {@link LeakCheckExtension} fails the test class during which a secret reached the log.
 */
public final class LeakWatch {
    private static final int SHORTEST_SECRET = 12;
    private static final Set<String> SECRETS = ConcurrentHashMap.newKeySet();
    private static final List<String> LEAKS = new ArrayList<>();

    private LeakWatch() {
    }

    /** Remembers a secret; returns it, for use inline. */
    public static String remember(String secret) {
        if (secret != null && secret.length() >= SHORTEST_SECRET) {
            SECRETS.add(secret);
        }
        return secret;
    }

    static void inspect(String text, String where) {
        if (text == null) {
            return;
        }
        for (String secret : SECRETS) {
            if (text.contains(secret)) {
                synchronized (LEAKS) {
                    LEAKS.add(where + " logged a secret starting " + secret.substring(0, 4) + "...");
                }
            }
        }
    }

    /** The leaks seen since the last call, and forgets them. */
    public static List<String> drainLeaks() {
        synchronized (LEAKS) {
            List<String> found = List.copyOf(LEAKS);
            LEAKS.clear();
            return found;
        }
    }
}
