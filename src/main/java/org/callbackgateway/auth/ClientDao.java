package org.callbackgateway.auth;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * The clients table.
 */
@RegisterConstructorMapper(Client.class)
public interface ClientDao {
    String COLUMNS = "client_id, key_hash, role, permissions::text AS permissions, created_at, key_set_at, disabled_at";

    @SqlUpdate("""
            INSERT INTO clients (client_id, key_hash, role, permissions, created_at, key_set_at)
            VALUES (:clientId, :keyHash, :role, CAST(:permissions AS jsonb), :now, :now)
            ON CONFLICT (client_id) DO NOTHING
            """)
    boolean insertIfAbsent(@Bind("clientId") String clientId, @Bind("keyHash") String keyHash,
                           @Bind("role") String role, @Bind("permissions") String permissions,
                           @Bind("now") Instant now);

    @SqlQuery("SELECT " + COLUMNS + " FROM clients WHERE client_id = :clientId")
    Optional<Client> find(@Bind("clientId") String clientId);

    @SqlQuery("SELECT " + COLUMNS + " FROM clients ORDER BY client_id")
    List<Client> list();

    @SqlUpdate("UPDATE clients SET key_hash = :keyHash, key_set_at = :now WHERE client_id = :clientId")
    boolean setKey(@Bind("clientId") String clientId, @Bind("keyHash") String keyHash, @Bind("now") Instant now);

    @SqlUpdate("UPDATE clients SET disabled_at = COALESCE(disabled_at, :now) WHERE client_id = :clientId")
    boolean disable(@Bind("clientId") String clientId, @Bind("now") Instant now);

    @SqlUpdate("DELETE FROM clients WHERE client_id = :clientId")
    boolean delete(@Bind("clientId") String clientId);
}
