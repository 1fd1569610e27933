package org.callbackgateway.replay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.util.Map;
import java.util.UUID;
import org.callbackgateway.callbacks.DeliveryFilters;
import org.callbackgateway.callbacks.ReplayMark;
import org.callbackgateway.callbacks.ReplayOutcome;
import org.callbackgateway.web.ApiException;

/**
 * {@code /admin/deliveries/{id}/replay}, {@code /admin/deliveries/replay} and {@code /admin/replays/{id}}:
 * replay one stored delivery, start a bulk replay, follow and cancel it. The body's {@code "verification"} is
 * {@code "verify"} (the default: verify again with the source's current keys) or {@code "trust"} (trust the
 * original verification).
 */
@Path("/admin")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public final class ReplayResource {
    private final ReplayService replays;
    private final DeliveryFilters filters;

    public ReplayResource(ReplayService replays, DeliveryFilters filters) {
        this.replays = replays;
        this.filters = filters;
    }

    @POST
    @Path("deliveries/{id}/replay")
    public Map<String, ReplayOutcome> replayOne(@PathParam("id") String id, JsonNode body) {
        long deliveryId;
        try {
            deliveryId = Long.parseLong(id);
        } catch (NumberFormatException e) {
            throw ApiException.notFound("delivery " + id + " not found");
        }
        return Map.of("replay", replays.replay(deliveryId, mode(object(body))));
    }

    @POST
    @Path("deliveries/replay")
    public Response replayMany(JsonNode body, @Context SecurityContext security) {
        JsonNode request = object(body);
        JsonNode filter = request.get("filter");
        if (filter == null || !filter.isObject() || filter.isEmpty()) {
            throw ApiException.illegalArgument("filter is required: a JSON object such as "
                    + "{\"source\":\"notification\",\"outcome\":\"not_found\",\"since\":\"2026-01-31T12:00:00Z\"}");
        }
        String by = security == null || security.getUserPrincipal() == null ? null : security.getUserPrincipal().getName();
        ReplayProgress started = replays.start(filters.fromJson(filter), filter,
                mode(request) == ReplayMark.Mode.TRUST, by);
        return Response.status(202).entity(started).build();
    }

    @GET
    @Path("replays/{id}")
    public ReplayProgress progress(@PathParam("id") String id) {
        UUID run = run(id);
        return replays.progress(run).orElseThrow(() -> ApiException.notFound("replay " + id + " not found"));
    }

    @POST
    @Path("replays/{id}/cancel")
    public ReplayProgress cancel(@PathParam("id") String id) {
        return replays.cancel(run(id));
    }

    private static UUID run(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ApiException.notFound("replay " + id + " not found");
        }
    }

    private static JsonNode object(JsonNode body) {
        if (body == null || body.isNull()) {
            return JsonNodeFactory.instance.objectNode();
        }
        if (!body.isObject()) {
            throw ApiException.badRequest("the request body must be a JSON object");
        }
        return body;
    }

    private static ReplayMark.Mode mode(JsonNode request) {
        JsonNode verification = request.get("verification");
        if (verification == null || verification.isNull() || "verify".equals(verification.asText())) {
            return ReplayMark.Mode.VERIFY;
        }
        if ("trust".equals(verification.asText()) && verification.isTextual()) {
            return ReplayMark.Mode.TRUST;
        }
        throw ApiException.illegalArgument("verification must be \"verify\" (verify again with the source's current "
                + "keys) or \"trust\" (trust the original verification)");
    }
}
