package org.callbackgateway.auth;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.callbackgateway.config.AuthConfig.BootstrapAdmin;
import org.callbackgateway.web.ApiException;
import org.callbackgateway.web.ErrorCode;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates, rotates, disables and authenticates API clients.
 */
public final class ClientService {
    private static final Logger LOG = LoggerFactory.getLogger(ClientService.class);
    private static final String CLIENT_ID_PATTERN = "^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$";

    private final Jdbi jdbi;
    private final ClientKeys keys;
    private final LoginThrottle throttle;
    private final ObjectMapper mapper;
    private final Clock clock;
    /** Told of every change, so that this instance stops honouring revoked tokens at once. */
    private final ClientStates states;

    ClientService(Jdbi jdbi, ClientKeys keys, LoginThrottle throttle, ClientStates states, ObjectMapper mapper,
                  Clock clock) {
        this.states = states;
        this.jdbi = jdbi;
        this.keys = keys;
        this.throttle = throttle;
        this.mapper = mapper;
        this.clock = clock;
    }

    /** A client with its key, shown this once. */
    public record IssuedKey(ClientView client, String clientKey) {
    }

    public IssuedKey create(String clientId, Role role, Map<String, Object> permissions) {
        if (clientId == null || !clientId.matches(CLIENT_ID_PATTERN)) {
            throw ApiException.badRequest("client_id must be 1 to 128 letters, digits, '.', '_' or '-'");
        }
        String key = ClientKeys.generate();
        String permissionsJson = toJson(permissions);
        boolean created = jdbi.withExtension(ClientDao.class, dao ->
                dao.insertIfAbsent(clientId, keys.hash(key), role.value(), permissionsJson, clock.instant()));
        if (!created) {
            throw ApiException.conflict("client " + clientId + " already exists");
        }
        LOG.info("client {} created with role {}", clientId, role.value());
        return new IssuedKey(view(find(clientId)), key);
    }

    public List<ClientView> list() {
        return jdbi.withExtension(ClientDao.class, ClientDao::list).stream().map(this::view).toList();
    }

    public ClientView get(String clientId) {
        return view(find(clientId));
    }

    public IssuedKey rotateKey(String clientId) {
        String key = ClientKeys.generate();
        boolean updated = jdbi.withExtension(ClientDao.class, dao -> dao.setKey(clientId, keys.hash(key), clock.instant()));
        if (!updated) {
            throw notFound(clientId);
        }
        states.invalidate(clientId);
        LOG.info("client {} key rotated", clientId);
        return new IssuedKey(view(find(clientId)), key);
    }

    public ClientView disable(String clientId) {
        if (!jdbi.withExtension(ClientDao.class, dao -> dao.disable(clientId, clock.instant()))) {
            throw notFound(clientId);
        }
        states.invalidate(clientId);
        LOG.info("client {} disabled", clientId);
        return view(find(clientId));
    }

    public void delete(String clientId) {
        if (!jdbi.withExtension(ClientDao.class, dao -> dao.delete(clientId))) {
            throw notFound(clientId);
        }
        states.invalidate(clientId);
        LOG.info("client {} deleted", clientId);
    }

    /**
     * Checks a client's credentials; the same refusal, in about the same time, whether the client is unknown,
     * disabled or the key is wrong.
     */
    public AuthenticatedClient authenticate(String clientId, String key) {
        Optional<Duration> wait = throttle.waitFor(clientId);
        if (wait.isPresent()) {
            // Rounded up: a client that waits exactly this long may try again.
            long seconds = Math.max(1, (wait.get().toMillis() + 999) / 1000);
            throw new ApiException(429, ErrorCode.ERR_TOO_MANY_REQUESTS,
                    "too many failed attempts, try again later", Map.of("Retry-After", Long.toString(seconds)), null);
        }
        Optional<Client> client = clientId.matches(CLIENT_ID_PATTERN)
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
                    clientId.matches(CLIENT_ID_PATTERN) ? clientId : "a malformed client id");
            throw invalidCredentials();
        }
        throttle.succeeded(clientId);
        Client found = client.get();
        return new AuthenticatedClient(found.clientId(), Role.parse(found.role()).orElseThrow(),
                parsePermissions(found.permissions()), found.keySetAt());
    }

    /** Creates the operator's first admin client from its prepared hash, unless a client of that id exists. */
    public void ensureBootstrapAdmin(BootstrapAdmin admin) {
        if (!admin.clientId().matches(CLIENT_ID_PATTERN)) {
            throw ApiException.badRequest("bootstrap admin client id is malformed");
        }
        boolean created = jdbi.withExtension(ClientDao.class, dao -> dao.insertIfAbsent(admin.clientId(),
                admin.keyHash().reveal(), Role.ADMIN.value(), "{}", clock.instant()));
        if (created) {
            LOG.info("bootstrap admin client {} created", admin.clientId());
        }
    }

    /** A client whose credentials checked out. */
    public record AuthenticatedClient(String clientId, Role role, Map<String, Object> permissions, Instant keySetAt) {
    }

    static ApiException invalidCredentials() {
        return new ApiException(401, ErrorCode.ERR_UNAUTHORIZED, "invalid client credentials");
    }

    private Client find(String clientId) {
        return jdbi.withExtension(ClientDao.class, dao -> dao.find(clientId)).orElseThrow(() -> notFound(clientId));
    }

    private ClientView view(Client client) {
        return client.view(parsePermissions(client.permissions()));
    }

    private Map<String, Object> parsePermissions(String json) {
        try {
            return mapper.readValue(json, new TypeReference<Map<String, Object>>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored permissions are not a JSON object", e);
        }
    }

    private String toJson(Map<String, Object> permissions) {
        try {
            return mapper.writeValueAsString(permissions == null ? Map.of() : permissions);
        } catch (JsonProcessingException e) {
            throw ApiException.badRequest("permissions must be a JSON object");
        }
    }

    private static ApiException notFound(String clientId) {
        return ApiException.notFound("client " + clientId + " not found");
    }
}
