package org.callbackgateway.config;

/**
 * A setting is missing or malformed; the message names the setting and never its secret value.
 */
public final class ConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ConfigException(String setting, String problem) {
        super(setting + ": " + problem);
    }
}
