package org.callbackgateway.web.operations;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import org.callbackgateway.db.Migrations;
import org.callbackgateway.web.ApiException;
import org.callbackgateway.web.ErrorResponses;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Liveness and readiness probes.
 */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
public final class HealthResource {
    private static final Logger LOG = LoggerFactory.getLogger(HealthResource.class);

    private final Jdbi jdbi;
    private final Migrations migrations;
    private final int retryAfterSeconds;
    /** Once every migration was seen applied it stays so; probes then only ask whether the database answers. */
    private volatile boolean migrated;

    public HealthResource(Jdbi jdbi, Migrations migrations, int retryAfterSeconds) {
        this.jdbi = jdbi;
        this.migrations = migrations;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** The process is alive; says nothing of the database. */
    @GET
    @Path("healthz")
    public Map<String, Object> healthz() {
        return Map.of("status", "ok");
    }

    /** Ready for traffic: the database answers and every migration of this build is applied. */
    @GET
    @Path("readyz")
    public Response readyz() {
        try {
            jdbi.useHandle(handle -> handle.createQuery("SELECT 1").mapTo(Integer.class).one());
        } catch (RuntimeException e) {
            LOG.warn("readiness: database unreachable: {}", e.toString());
            return notReady("the database is unreachable");
        }
        try {
            if (!migrated) {
                migrated = migrations.upToDate();
                if (!migrated) {
                    return notReady("database migrations are pending");
                }
            }
        } catch (RuntimeException e) {
            LOG.warn("readiness: migration state unknown: {}", e.toString());
            return notReady("the database migration state cannot be read");
        }
        return Response.ok(Map.of("status", "ready")).build();
    }

    private Response notReady(String message) {
        return ErrorResponses.of(ApiException.unavailable(message, retryAfterSeconds, null));
    }
}
