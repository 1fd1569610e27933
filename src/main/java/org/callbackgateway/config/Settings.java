package org.callbackgateway.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;

/**
 * Typed, validated reads of single settings; every failure names the setting.
 */
public final class Settings {
    private final ConfigSource source;

    public Settings(ConfigSource source) {
        this.source = source;
    }

    public Optional<String> string(String name) {
        return source.get(name).map(String::trim).filter(value -> !value.isEmpty());
    }

    public String string(String name, String defaultValue) {
        return string(name).orElse(defaultValue);
    }

    public Optional<Secret> secret(String name) {
        return source.get(name).filter(value -> !value.isEmpty()).map(Secret::of);
    }

    public int integer(String name, int defaultValue, int min, int max) {
        Optional<String> raw = string(name);
        if (raw.isEmpty()) {
            return defaultValue;
        }
        int value;
        try {
            value = Integer.parseInt(raw.get());
        } catch (NumberFormatException e) {
            throw new ConfigException(name, "must be a whole number, got '" + raw.get() + "'");
        }
        if (value < min || value > max) {
            throw new ConfigException(name, "must be between " + min + " and " + max + ", got " + value);
        }
        return value;
    }

    public boolean bool(String name, boolean defaultValue) {
        Optional<String> raw = string(name);
        if (raw.isEmpty()) {
            return defaultValue;
        }
        switch (raw.get().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on", "1":
                return true;
            case "false", "no", "off", "0":
                return false;
            default:
                throw new ConfigException(name, "must be true or false, got '" + raw.get() + "'");
        }
    }

    /** An absolute http or https URL. */
    public Optional<URI> httpUrl(String name) {
        Optional<String> raw = string(name);
        if (raw.isEmpty()) {
            return Optional.empty();
        }
        try {
            URI uri = new URI(raw.get());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
                throw new ConfigException(name, "must be an absolute http(s) URL, got '" + raw.get() + "'");
            }
            return Optional.of(uri);
        } catch (URISyntaxException e) {
            throw new ConfigException(name, "is not a valid URL: " + e.getReason());
        }
    }
}
