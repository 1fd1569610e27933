package org.callbackgateway.callbacks.sources;

import java.util.Optional;

/**
 * Where the verifiers' registry reads a source and its plain keys from: the database ({@link SourceService}),
 * or a decorator that takes some sources' keys from elsewhere.
 */
@FunctionalInterface
public interface SourceMaterials {

    /** The source with its usable keys, or empty when no source of that name is registered. */
    Optional<SourceMaterial> load(String name);
}
