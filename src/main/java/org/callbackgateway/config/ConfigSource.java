package org.callbackgateway.config;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where settings come from: a name gives an optional raw value.
 */
@FunctionalInterface
public interface ConfigSource {

    Optional<String> get(String name);

    /** The process environment. */
    static ConfigSource environment() {
        return name -> Optional.ofNullable(System.getenv(name));
    }

    /** A fixed map, for tests and for embedding. */
    static ConfigSource of(Map<String, String> values) {
        Map<String, String> copy = Map.copyOf(values);
        return name -> Optional.ofNullable(copy.get(name));
    }

    /** The first source that has a non-blank value wins. */
    static ConfigSource firstOf(List<ConfigSource> sources) {
        List<ConfigSource> ordered = List.copyOf(sources);
        return name -> ordered.stream()
                .map(source -> source.get(name))
                .flatMap(Optional::stream)
                .filter(value -> !value.isBlank())
                .findFirst();
    }
}
