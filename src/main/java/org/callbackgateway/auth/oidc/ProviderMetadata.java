package org.callbackgateway.auth.oidc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.callbackgateway.config.IdentityProviderConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The identity provider's discovery document ({@code <issuer>/.well-known/openid-configuration}), fetched when
 * first needed and again once it is older than the key cache time, so an endpoint the provider moved is followed
 * within that bound. A document whose {@code issuer} is not exactly the configured one is refused (OpenID Connect
 * Discovery 1.0, section 4.3). After a failed fetch the last good document is kept, and a new attempt is made at
 * most every 10 seconds.
 */
public final class ProviderMetadata {
    private static final Logger LOG = LoggerFactory.getLogger(ProviderMetadata.class);
    private static final Duration RETRY_AFTER_FAILURE = Duration.ofSeconds(10);

    /** The endpoints the console and the gateway use. */
    public record Endpoints(URI authorizationEndpoint, URI tokenEndpoint, URI jwksUri) {
    }

    private final IdentityProviderConfig config;
    private final ObjectMapper mapper;
    private final Clock clock;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .version(HttpClient.Version.HTTP_1_1).followRedirects(HttpClient.Redirect.NEVER).build();
    private volatile Endpoints current;
    private Instant fetchedAt = Instant.MIN;
    private Instant lastAttempt = Instant.MIN;
    private boolean fetching;
    private final Object firstFetch = new Object();

    public ProviderMetadata(IdentityProviderConfig config, ObjectMapper mapper, Clock clock) {
        this.config = config;
        this.mapper = mapper;
        this.clock = clock;
    }

    /**
     * The endpoints, fetched first when the document is stale: while there is none yet, callers wait for the one
     * fetching it; later, one caller refreshes it and the others meanwhile use the last good document. Empty while
     * the provider has never answered with a valid document.
     */
    public Optional<Endpoints> endpoints() {
        if (current == null) {
            synchronized (firstFetch) {
                if (current == null && claimFetch()) {
                    fetchNow();
                }
            }
        } else if (claimFetch()) {
            fetchNow();
        }
        return cached();
    }

    private void fetchNow() {
        Endpoints fetched = null;
        try {
            fetched = fetch();
        } catch (IOException | RuntimeException e) {
            LOG.warn("identity provider discovery at {} failed: {}", config.discoveryUrl(), e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            finishFetch(fetched);
        }
    }

    /** The last good endpoints, without fetching (for work that must not wait on the provider). */
    public Optional<Endpoints> cached() {
        return Optional.ofNullable(current);
    }

    private synchronized boolean claimFetch() {
        Instant now = clock.instant();
        boolean stale = fetchedAt.plusSeconds(config.keyCacheSeconds()).isBefore(now);
        if (!stale || fetching || lastAttempt.plus(RETRY_AFTER_FAILURE).isAfter(now)) {
            return false;
        }
        fetching = true;
        lastAttempt = now;
        return true;
    }

    private synchronized void finishFetch(Endpoints fetched) {
        fetching = false;
        if (fetched != null) {
            current = fetched;
            fetchedAt = clock.instant();
        }
    }

    private Endpoints fetch() throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(config.discoveryUrl()).timeout(Duration.ofSeconds(10))
                .header("Accept", "application/json").GET().build();
        HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            throw new IOException("answered " + response.statusCode());
        }
        JsonNode document = mapper.readTree(response.body());
        if (!config.issuer().equals(document.path("issuer").asText())) {
            throw new IOException("the document names issuer '" + document.path("issuer").asText()
                    + "', not the configured one");
        }
        return new Endpoints(url(document, "authorization_endpoint"), url(document, "token_endpoint"),
                url(document, "jwks_uri"));
    }

    private static URI url(JsonNode document, String name) throws IOException {
        String value = document.path(name).asText("");
        try {
            URI uri = new URI(value);
            if (!("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) || uri.getHost() == null) {
                throw new IOException(name + " is not an http(s) URL");
            }
            return uri;
        } catch (java.net.URISyntaxException e) {
            throw new IOException(name + " is not a URL", e);
        }
    }
}
