package org.callbackgateway.config;

import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Keys for encrypting secrets at rest (OAuth tokens, source secrets): several may be configured so that keys
 * can rotate; new data is encrypted with the active one, old data stays readable with the others.
 *
 * @param keys key id to 32-byte AES key
 * @param activeKeyId the key new data is encrypted with
 */
public record EncryptionConfig(Map<String, Secret> keys, String activeKeyId) {

    public static final String KEYS = "GATEWAY_ENCRYPTION_KEYS";
    public static final String ACTIVE_KEY_ID = "GATEWAY_ENCRYPTION_KEY_ID";
    private static final String KEY_ID_PATTERN = "^[A-Za-z0-9._-]{1,64}$";

    public EncryptionConfig {
        keys = Map.copyOf(keys);
    }

    /** Reads {@code GATEWAY_ENCRYPTION_KEYS} ({@code id:base64,id:base64}); empty when not set. */
    static Optional<EncryptionConfig> load(Settings settings) {
        Optional<Secret> raw = settings.secret(KEYS);
        if (raw.isEmpty()) {
            return Optional.empty();
        }
        Map<String, Secret> keys = new LinkedHashMap<>();
        for (String entry : raw.get().reveal().split(",")) {
            String trimmed = entry.trim();
            int colon = trimmed.indexOf(':');
            if (colon <= 0) {
                throw new ConfigException(KEYS, "each entry must be <key id>:<base64 of 32 bytes>");
            }
            String keyId = trimmed.substring(0, colon);
            if (!keyId.matches(KEY_ID_PATTERN)) {
                throw new ConfigException(KEYS, "key ids are 1 to 64 letters, digits, '.', '_' or '-'");
            }
            byte[] key;
            try {
                key = Base64.getDecoder().decode(trimmed.substring(colon + 1).trim());
            } catch (IllegalArgumentException e) {
                throw new ConfigException(KEYS, "key " + keyId + " is not valid base64");
            }
            if (key.length != 32) {
                throw new ConfigException(KEYS, "key " + keyId + " must be 32 bytes, not " + key.length);
            }
            if (keys.put(keyId, Secret.of(trimmed.substring(colon + 1).trim())) != null) {
                throw new ConfigException(KEYS, "key id " + keyId + " appears twice");
            }
        }
        String active = settings.string(ACTIVE_KEY_ID).orElse(keys.keySet().iterator().next());
        if (!keys.containsKey(active)) {
            throw new ConfigException(ACTIVE_KEY_ID, "names no key of " + KEYS);
        }
        return Optional.of(new EncryptionConfig(keys, active));
    }

    @Override
    public String toString() {
        return "EncryptionConfig[keyIds=" + keys.keySet() + ", activeKeyId=" + activeKeyId + "]";
    }
}
