package org.callbackgateway.callbacks;

import java.util.Locale;
import java.util.Optional;

/**
 * How a source's key is kept: a secret (encrypted at rest) or a public key (kept as text).
 */
public enum KeyKind {
    SECRET, PUBLIC_KEY;

    public String dbValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<KeyKind> fromDb(String value) {
        for (KeyKind kind : values()) {
            if (kind.dbValue().equals(value)) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }
}
