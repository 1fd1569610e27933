package org.callbackgateway.config;

import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The keys that encrypt secrets at rest: every configured key can decrypt, the active one encrypts.
 *
 * @param keys key id to its 32 key bytes, base64-encoded (kept as a {@link Secret} so it never prints)
 * @param activeKeyId the key new ciphertexts are sealed with
 */
public record CryptoConfig(Map<String, Secret> keys, String activeKeyId) {

    public static final String KEYS = "GATEWAY_ENCRYPTION_KEYS";
    public static final String KEY_ID = "GATEWAY_ENCRYPTION_KEY_ID";
    private static final int KEY_BYTES = 32;

    public CryptoConfig {
        keys = Map.copyOf(keys);
    }

    /** Empty when no key is configured; a malformed key stops start-up naming the setting. */
    static Optional<CryptoConfig> load(Settings settings) {
        Optional<Secret> raw = settings.secret(KEYS);
        Optional<String> activeId = settings.string(KEY_ID);
        if (raw.isEmpty() || raw.get().reveal().isBlank()) {
            activeId.ifPresent(id -> {
                throw new ConfigException(KEY_ID, "is set but " + KEYS + " is not");
            });
            return Optional.empty();
        }
        Map<String, Secret> keys = new LinkedHashMap<>();
        for (String entry : raw.get().reveal().split(",")) {
            String trimmed = entry.trim();
            int colon = trimmed.indexOf(':');
            if (colon <= 0) {
                throw new ConfigException(KEYS, "each entry must be keyId:base64-of-32-bytes");
            }
            String id = trimmed.substring(0, colon).trim();
            if (!id.matches("[A-Za-z0-9_.-]{1,64}")) {
                throw new ConfigException(KEYS, "a key id must be 1 to 64 letters, digits, '.', '_' or '-'");
            }
            byte[] key;
            try {
                key = Base64.getDecoder().decode(trimmed.substring(colon + 1).trim());
            } catch (IllegalArgumentException e) {
                throw new ConfigException(KEYS, "key '" + id + "' is not valid base64");
            }
            if (key.length != KEY_BYTES) {
                throw new ConfigException(KEYS, "key '" + id + "' must be " + KEY_BYTES + " bytes, got " + key.length);
            }
            if (keys.put(id, Secret.of(trimmed.substring(colon + 1).trim())) != null) {
                throw new ConfigException(KEYS, "key id '" + id + "' appears twice");
            }
        }
        String active = activeId.orElse(keys.keySet().iterator().next());
        if (!keys.containsKey(active)) {
            throw new ConfigException(KEY_ID, "names key '" + active + "', which " + KEYS + " does not define");
        }
        return Optional.of(new CryptoConfig(keys, active));
    }

    /** The raw bytes of one key. */
    public byte[] keyBytes(String keyId) {
        return Base64.getDecoder().decode(keys.get(keyId).reveal());
    }

    @Override
    public String toString() {
        return "CryptoConfig[keys=" + keys.keySet() + " (values redacted), activeKeyId=" + activeKeyId + "]";
    }
}
