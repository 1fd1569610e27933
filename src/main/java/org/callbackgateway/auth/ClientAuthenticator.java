package org.callbackgateway.auth;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.callbackgateway.web.ApiException;
import org.callbackgateway.web.ErrorCode;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks API clients' credentials, throttling repeated failures per client id.
 */
public final class ClientAuthenticator {
    private static final Logger LOG = LoggerFactory.getLogger(ClientAuthenticator.class);

    private final Jdbi jdbi;
    private final ClientKeys keys;
    private final LoginThrottle throttle;
    private final ObjectMapper mapper;

    public ClientAuthenticator(Jdbi jdbi, ClientKeys keys, LoginThrottle throttle, ObjectMapper mapper) {
        this.jdbi = jdbi;
        this.keys = keys;
        this.throttle = throttle;
        this.mapper = mapper;
    }

    /**
     * Checks a client's credentials; the same refusal, in about the same time, whether the client is unknown,
     * disabled or the key is wrong.
     */
    public AuthenticatedClient authenticate(String clientId, String key) {
        Optional<Duration> wait = throttle.waitFor(clientId);
        if (wait.isPresent()) {
            long seconds = Math.max(1, wait.get().toSeconds());
            throw new ApiException(429, ErrorCode.ERR_TOO_MANY_REQUESTS,
                    "too many failed attempts, try again later", Map.of("Retry-After", Long.toString(seconds)), null);
        }
        Optional<Client> client = clientId.matches(ClientService.CLIENT_ID_PATTERN)
                ? jdbi.withExtension(ClientDao.class, dao -> dao.find(clientId))
                : Optional.empty();
        boolean valid;
        if (client.isPresent()) {
            valid = keys.matches(key, client.get().keyHash()) && !client.get().disabled();
        } else {
            keys.burnOneCheck(key);
            valid = false;
        }
        if (!valid) {
            throttle.failed(clientId);
            LOG.info("client authentication refused for {}",
                    clientId.matches(ClientService.CLIENT_ID_PATTERN) ? clientId : "a malformed client id");
            throw invalidCredentials();
        }
        throttle.succeeded(clientId);
        Client found = client.get();
        return new AuthenticatedClient(found.clientId(), Role.parse(found.role()).orElseThrow(),
                ClientService.parsePermissions(mapper, found.permissions()));
    }

    /** A client whose credentials checked out. */
    public record AuthenticatedClient(String clientId, Role role, Map<String, Object> permissions) {
    }

    static ApiException invalidCredentials() {
        return new ApiException(401, ErrorCode.ERR_UNAUTHORIZED, "invalid client credentials");
    }
}
