package org.callbackgateway.oauth;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.callbackgateway.config.OAuthApiConfig;
import org.callbackgateway.oauth.StateRefusedException.Reason;
import org.callbackgateway.web.ApiException;
import org.jdbi.v3.core.Jdbi;

/**
 * Authorization requests (steps 2-3 and 7): stores a {@code state} with its PKCE verifier, builds the provider's
 * authorization URL, and consumes the state exactly once, for its own user and API, before it expires.
 */
public final class AuthorizationRequestService {
    /** The largest {@code state_info}, in UTF-8 bytes; the DE's were short routing hints. */
    public static final int MAX_STATE_INFO_BYTES = 4096;

    private final Jdbi jdbi;
    private final Duration ttl;
    private final Clock clock;

    public AuthorizationRequestService(Jdbi jdbi, Duration ttl, Clock clock) {
        this.jdbi = jdbi;
        this.ttl = ttl;
        this.clock = clock;
    }

    /** Stores a new state for {@code username} and returns the URL that sends the user to the provider. */
    public AuthorizationStart start(OAuthApiConfig api, String username, String stateInfo) {
        String info = stateInfo == null ? "" : stateInfo;
        if (info.getBytes(StandardCharsets.UTF_8).length > MAX_STATE_INFO_BYTES) {
            throw ApiException.badRequest("state_info must be at most " + MAX_STATE_INFO_BYTES + " bytes");
        }
        if (username == null || username.isEmpty() || username.length() > 256) {
            // Checked here so that the table's constraint, whose message would list the row, never fires.
            throw ApiException.badRequest("the username must be 1 to 256 characters");
        }
        UUID state = UUID.randomUUID();
        String verifier = Pkce.newVerifier();
        Instant now = clock.instant();
        Instant expiresAt = now.plus(ttl);
        jdbi.useExtension(AuthorizationRequestDao.class,
                dao -> dao.insert(state, username, api.name(), info, verifier, now, expiresAt));
        return new AuthorizationStart(api.name(), authorizationUrl(api, state, Pkce.challenge(verifier)), expiresAt);
    }

    /**
     * Consumes the state for {@code apiName} and returns its row; with a {@code username}, only that user's.
     *
     * @throws StateRefusedException when it is malformed, unknown, someone else's, for another API, used or expired
     */
    public AuthorizationRequest consume(String apiName, String state, Optional<String> username) {
        UUID id = parse(state);
        Instant now = clock.instant();
        return jdbi.withExtension(AuthorizationRequestDao.class, dao -> {
            Optional<AuthorizationRequest> consumed = dao.consume(id, apiName, username.orElse(null), now);
            if (consumed.isPresent()) {
                return consumed.get();
            }
            // Only to explain the refusal: the row may change meanwhile, which changes nothing about the refusal.
            AuthorizationRequest row = dao.find(id).orElseThrow(() -> new StateRefusedException(Reason.NOT_FOUND, id));
            if (username.isPresent() && !row.username().equals(username.get())) {
                throw new StateRefusedException(Reason.WRONG_USER, id);
            }
            if (!row.apiName().equals(apiName)) {
                throw new StateRefusedException(Reason.WRONG_API, id);
            }
            if (row.usedAt() != null) {
                throw new StateRefusedException(Reason.USED, id);
            }
            throw new StateRefusedException(Reason.EXPIRED, id);
        });
    }

    /** Deletes every expired request, used or not; returns how many. */
    public int deleteExpired() {
        Instant now = clock.instant();
        return jdbi.withExtension(AuthorizationRequestDao.class, dao -> dao.deleteExpired(now));
    }

    private static UUID parse(String state) {
        String text = state == null ? "" : state.trim();
        try {
            UUID id = UUID.fromString(text);
            // UUID.fromString accepts short forms such as "1-2-3-4-5"; a state we issued is always canonical.
            if (id.toString().equalsIgnoreCase(text)) {
                return id;
            }
        } catch (IllegalArgumentException e) {
            // Falls through to the refusal below.
        }
        throw new StateRefusedException(Reason.MALFORMED, null);
    }

    static URI authorizationUrl(OAuthApiConfig api, UUID state, String codeChallenge) {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("response_type", "code");
        parameters.put("client_id", api.clientId());
        parameters.put("redirect_uri", api.redirectUri().toString());
        parameters.put("state", state.toString());
        if (!api.scopes().isEmpty()) {
            parameters.put("scope", String.join(" ", api.scopes()));
        }
        parameters.put("code_challenge", codeChallenge);
        parameters.put("code_challenge_method", "S256");
        String query = parameters.entrySet().stream()
                .map(entry -> encode(entry.getKey()) + "=" + encode(entry.getValue()))
                .collect(Collectors.joining("&"));
        String base = api.authorizeUrl().toString();
        return URI.create(base + (api.authorizeUrl().getRawQuery() == null ? "?" : "&") + query);
    }

    /** Form encoding, but with {@code %20} for spaces, which every server reads as a space in a query. */
    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
