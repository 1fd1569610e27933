package org.callbackgateway.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Settings of the signed source callbacks (TuxSuite, forges, Standard Webhooks).
 *
 * @param toleranceSeconds how far a Standard Webhooks timestamp may be from now, either way
 * @param keysRefetchSeconds the least time between two fetches of a keys URL after a verification failure
 * @param sourceCacheSeconds how long a source's decrypted secrets and parsed keys are reused
 * @param forgeSecretsDir a whck secrets directory the forge sources' secrets are read from instead of the database
 */
public record SignedCallbackConfig(int toleranceSeconds, int keysRefetchSeconds, int sourceCacheSeconds,
                                   Optional<Path> forgeSecretsDir) {

    public static final String TOLERANCE_SECONDS = "GATEWAY_WEBHOOK_TOLERANCE_SECONDS";
    public static final String KEYS_REFETCH_SECONDS = "GATEWAY_KEYS_REFETCH_SECONDS";
    public static final String SOURCE_CACHE_SECONDS = "GATEWAY_SOURCE_CACHE_SECONDS";
    public static final String FORGE_SECRETS_DIR = "GATEWAY_FORGE_SECRETS_DIR";

    static SignedCallbackConfig load(Settings settings) {
        return new SignedCallbackConfig(
                settings.integer(TOLERANCE_SECONDS, 300, 1, 86_400),
                settings.integer(KEYS_REFETCH_SECONDS, 60, 0, 86_400),
                settings.integer(SOURCE_CACHE_SECONDS, 30, 0, 3600),
                directory(settings, FORGE_SECRETS_DIR));
    }

    private static Optional<Path> directory(Settings settings, String name) {
        Optional<String> value = settings.string(name);
        if (value.isPresent() && !Files.isDirectory(Path.of(value.get()))) {
            throw new ConfigException(name, "must be an existing directory, got '" + value.get() + "'");
        }
        return value.map(path -> Path.of(path).toAbsolutePath());
    }
}
