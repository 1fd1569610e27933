package org.callbackgateway.callbacks.sources;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.callbackgateway.web.ApiException;

/**
 * {@code /admin/sources}: register signed-callback sources and their secrets or public keys.
 *
 * <p>The authentication filter guards {@code /admin/*} (admin role); this class only reads who acts.
 */
@Path("/admin/sources")
@Produces(MediaType.APPLICATION_JSON)
public final class SourceResource {
    private final SourceService service;

    public SourceResource(SourceService service) {
        this.service = service;
    }

    /** The body of {@code PATCH .../secrets/{id}}: {@code not_after} set, or null to clear it. */
    public record SecretChange(@JsonProperty("not_after") Instant notAfter) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(NewSource request, @Context SecurityContext security) {
        return Response.status(201).entity(service.create(request, actor(security))).build();
    }

    @GET
    public Map<String, List<SourceView>> list() {
        return Map.of("sources", service.list());
    }

    @GET
    @Path("{name}")
    public SourceView find(@PathParam("name") String name) {
        return service.find(name).orElseThrow(() -> SourceRules.notFound(name));
    }

    @DELETE
    @Path("{name}")
    public Response delete(@PathParam("name") String name) {
        if (!service.delete(name)) {
            throw SourceRules.notFound(name);
        }
        return Response.noContent().build();
    }

    @POST
    @Path("{name}/secrets")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response addSecret(@PathParam("name") String name, NewSecret request, @Context SecurityContext security) {
        return Response.status(201).header("Cache-Control", "no-store")
                .entity(service.addSecret(name, request, actor(security))).build();
    }

    @GET
    @Path("{name}/secrets")
    public Map<String, List<SecretView>> secrets(@PathParam("name") String name) {
        return Map.of("secrets", service.secrets(name));
    }

    @PATCH
    @Path("{name}/secrets/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    public SecretView retire(@PathParam("name") String name, @PathParam("id") String id, SecretChange change) {
        if (change == null) {
            throw ApiException.badRequest("a JSON object with not_after is required");
        }
        return service.setNotAfter(name, secretId(name, id), Optional.ofNullable(change.notAfter()));
    }

    @DELETE
    @Path("{name}/secrets/{id}")
    public Response deleteSecret(@PathParam("name") String name, @PathParam("id") String id) {
        if (!service.deleteSecret(name, secretId(name, id))) {
            throw ApiException.notFound("secret " + id + " of source " + name + " not found");
        }
        return Response.noContent().build();
    }

    private static UUID secretId(String name, String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ApiException.notFound("secret " + id + " of source " + name + " not found");
        }
    }

    private static String actor(SecurityContext security) {
        return security == null || security.getUserPrincipal() == null ? null : security.getUserPrincipal().getName();
    }
}
