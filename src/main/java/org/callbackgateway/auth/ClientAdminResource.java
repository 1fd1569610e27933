package org.callbackgateway.auth;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import org.callbackgateway.web.ApiException;
import org.callbackgateway.web.InboundText;

/**
 * {@code /admin/clients}: create, list, rotate, disable and delete API clients. Keys are shown once.
 */
@Path("/admin/clients")
@Produces(MediaType.APPLICATION_JSON)
public final class ClientAdminResource {
    private final ClientService clients;

    public ClientAdminResource(ClientService clients) {
        this.clients = clients;
    }

    /** What {@code POST /admin/clients} takes. */
    public record NewClient(
            @JsonProperty("client_id") String clientId,
            @JsonProperty("role") String role,
            @JsonProperty("permissions") Map<String, Object> permissions) {
    }

    /** A client and its freshly generated key. */
    public record ClientWithKey(
            @JsonProperty("client") ClientView client,
            @JsonProperty("client_key") String clientKey) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(NewClient request) {
        if (request == null) {
            throw ApiException.badRequest("a JSON object with client_id and role is required");
        }
        Role role = Role.parse(request.role())
                .orElseThrow(() -> ApiException.badRequest("role must be admin, service or user"));
        // Nested keys of an untyped object bypass the JSON binding's own check; jsonb cannot hold NUL either.
        if (InboundText.hasNulAnywhere(request.permissions())) {
            throw InboundText.nulRefused("permissions");
        }
        ClientService.IssuedKey issued = clients.create(request.clientId(), role, request.permissions());
        return Response.status(201).entity(new ClientWithKey(issued.client(), issued.clientKey()))
                .header("Cache-Control", "no-store").build();
    }

    @GET
    public Map<String, List<ClientView>> list() {
        return Map.of("clients", clients.list());
    }

    @GET
    @Path("{clientId}")
    public ClientView get(@PathParam("clientId") String clientId) {
        return clients.get(clientId);
    }

    @POST
    @Path("{clientId}/rotate-key")
    public Response rotateKey(@PathParam("clientId") String clientId) {
        ClientService.IssuedKey issued = clients.rotateKey(clientId);
        return Response.ok(new ClientWithKey(issued.client(), issued.clientKey()))
                .header("Cache-Control", "no-store").build();
    }

    @POST
    @Path("{clientId}/disable")
    public ClientView disable(@PathParam("clientId") String clientId) {
        return clients.disable(clientId);
    }

    @DELETE
    @Path("{clientId}")
    public Response delete(@PathParam("clientId") String clientId) {
        clients.delete(clientId);
        return Response.noContent().build();
    }
}
