package org.callbackgateway.callbacks;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;
import org.callbackgateway.callbacks.sources.Source;
import org.callbackgateway.callbacks.sources.SourceMaterial;
import org.callbackgateway.callbacks.sources.SourceMaterials;
import org.callbackgateway.callbacks.sources.SourceService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sources with their secrets decrypted and keys parsed, kept for a short while so that a busy sender costs
 * no query and no decryption per request. Administrative changes drop the entry at once (in this instance;
 * other instances within the cache time).
 */
public final class SourceRegistry {
    private static final Logger LOG = LoggerFactory.getLogger(SourceRegistry.class);

    private final SourceMaterials materials;
    private final Map<String, SignatureVerifier> verifiers;
    private final Clock clock;
    private final Duration ttl;
    private final int defaultToleranceSeconds;
    private final Map<String, Entry> cache = new ConcurrentHashMap<>();

    private record Entry(Optional<LoadedSource> source, Instant expires) {
    }

    public SourceRegistry(SourceService sources, Map<String, SignatureVerifier> verifiers, Clock clock,
                          Duration ttl, int defaultToleranceSeconds) {
        this(sources, sources, verifiers, clock, ttl, defaultToleranceSeconds);
    }

    /**
     * A registry whose sources are read through {@code materials} (which may take some keys from elsewhere than
     * the database); {@code sources} still says when a source changes.
     */
    public SourceRegistry(SourceService sources, SourceMaterials materials, Map<String, SignatureVerifier> verifiers,
                          Clock clock, Duration ttl, int defaultToleranceSeconds) {
        this.materials = materials;
        this.verifiers = Map.copyOf(verifiers);
        this.clock = clock;
        this.ttl = ttl;
        this.defaultToleranceSeconds = defaultToleranceSeconds;
        sources.onChange(this::invalidate);
    }

    /** The source, or empty when none of that name is registered (absence is cached too). */
    public Optional<LoadedSource> find(String name) {
        Instant now = clock.instant();
        Entry entry = cache.get(name);
        if (entry != null && now.isBefore(entry.expires())) {
            return entry.source();
        }
        Optional<LoadedSource> loaded = materials.load(name).map(this::prepare);
        if (!ttl.isZero()) {
            cache.put(name, new Entry(loaded, now.plus(ttl)));
        }
        return loaded;
    }

    public void invalidate(String name) {
        cache.remove(name);
    }

    public Optional<SignatureVerifier> verifier(String type) {
        return Optional.ofNullable(verifiers.get(type));
    }

    private LoadedSource prepare(SourceMaterial material) {
        Source source = material.source();
        SignatureVerifier verifier = verifiers.get(source.type());
        List<SourceKey> keys = new ArrayList<>();
        if (verifier != null) {
            for (SourceMaterial.PlainKey key : material.keys()) {
                try {
                    keys.add(new SourceKey(key.id(), key.scope(), Optional.ofNullable(key.notAfter()),
                            verifier.prepare(key.kind(), key.value())));
                } catch (IllegalArgumentException e) {
                    LOG.error("source {} key {} is unusable and left out: {}", source.name(), key.id(), e.getMessage());
                }
            }
        }
        return new LoadedSource(source.name(), source.type(),
                source.maxBodyBytes() == null ? OptionalInt.empty() : OptionalInt.of(source.maxBodyBytes()),
                source.toleranceSeconds() == null ? defaultToleranceSeconds : source.toleranceSeconds(),
                source.allowSha1(), Optional.ofNullable(source.keysUrl()), keys);
    }
}
