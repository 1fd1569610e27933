package org.callbackgateway.callbacks.tux;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fetches TuxSuite group keys from the keys endpoint ({@code {"ssh": {"pub": "ecdsa-sha2-nistp256 ..."}}}),
 * caches them, and fetches again after a verification failure at most once per refetch interval.
 */
public final class TuxKeyFetcher {
    private static final Logger LOG = LoggerFactory.getLogger(TuxKeyFetcher.class);
    private static final int MAX_RESPONSE_BYTES = 64 * 1024;
    private static final int MAX_CACHED_URLS = 1000;

    private final HttpClient client;
    private final ObjectMapper mapper;
    private final Clock clock;
    private final Duration refetchInterval;
    private final Map<URI, Fetched> cache = new ConcurrentHashMap<>();

    private record Fetched(List<PublicKey> keys, Instant fetchedAt) {
    }

    public TuxKeyFetcher(ObjectMapper mapper, Clock clock, Duration refetchInterval) {
        this.client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
                .followRedirects(HttpClient.Redirect.NORMAL).build();
        this.mapper = mapper;
        this.clock = clock;
        this.refetchInterval = refetchInterval;
    }

    /** The cached keys of {@code url}, fetched first if it was never fetched. */
    public List<PublicKey> keys(URI url) {
        Fetched fetched = cache.get(url);
        return fetched != null ? fetched.keys() : fetch(url);
    }

    /**
     * Fetches again when the last fetch is older than the refetch interval; empty when it is too soon,
     * so that a stream of bad signatures cannot turn into a stream of requests to TuxSuite.
     */
    public synchronized Optional<List<PublicKey>> refetch(URI url) {
        Fetched fetched = cache.get(url);
        if (fetched != null && clock.instant().isBefore(fetched.fetchedAt().plus(refetchInterval))) {
            return Optional.empty();
        }
        return Optional.of(fetch(url));
    }

    private List<PublicKey> fetch(URI url) {
        List<PublicKey> keys = List.of();
        try {
            HttpResponse<InputStream> response = client.send(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(5))
                    .header("Accept", "application/json").GET().build(), HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream body = response.body()) {
                byte[] bytes = body.readNBytes(MAX_RESPONSE_BYTES + 1);
                if (response.statusCode() != 200 || bytes.length > MAX_RESPONSE_BYTES) {
                    LOG.warn("TuxSuite keys from {}: HTTP {}, {} bytes; no keys taken", url, response.statusCode(),
                            bytes.length);
                } else {
                    JsonNode pub = mapper.readTree(bytes).path("ssh").path("pub");
                    keys = pub.isTextual() ? List.of(OpenSshKeys.parse(pub.textValue())) : List.of();
                    LOG.info("TuxSuite keys from {}: {} key(s)", url, keys.size());
                }
            }
        } catch (IOException | IllegalArgumentException e) {
            LOG.warn("TuxSuite keys from {} could not be read: {}", url, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (cache.size() >= MAX_CACHED_URLS) {
            cache.clear();
        }
        // A failed fetch is remembered too, so that it is retried only after the refetch interval.
        cache.put(url, new Fetched(keys, clock.instant()));
        return keys;
    }
}
