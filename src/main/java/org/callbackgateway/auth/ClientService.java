package org.callbackgateway.auth;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
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
 * Creates, rotates, disables and deletes API clients; {@link ClientAuthenticator} checks their credentials.
 */
public final class ClientService {
    private static final Logger LOG = LoggerFactory.getLogger(ClientService.class);
    static final String CLIENT_ID_PATTERN = "^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$";

    private final Jdbi jdbi;
    private final ClientKeys keys;
    private final ObjectMapper mapper;
    private final Clock clock;

    public ClientService(Jdbi jdbi, ClientKeys keys, ObjectMapper mapper, Clock clock) {
        this.jdbi = jdbi;
        this.keys = keys;
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
        LOG.info("client {} key rotated", clientId);
        return new IssuedKey(view(find(clientId)), key);
    }

    public ClientView disable(String clientId) {
        if (!jdbi.withExtension(ClientDao.class, dao -> dao.disable(clientId, clock.instant()))) {
            throw notFound(clientId);
        }
        LOG.info("client {} disabled", clientId);
        return view(find(clientId));
    }

    public void delete(String clientId) {
        if (!jdbi.withExtension(ClientDao.class, dao -> dao.delete(clientId))) {
            throw notFound(clientId);
        }
        LOG.info("client {} deleted", clientId);
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

    private Client find(String clientId) {
        return jdbi.withExtension(ClientDao.class, dao -> dao.find(clientId)).orElseThrow(() -> notFound(clientId));
    }

    private ClientView view(Client client) {
        return client.view(parsePermissions(mapper, client.permissions()));
    }

    static Map<String, Object> parsePermissions(ObjectMapper mapper, String json) {
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
