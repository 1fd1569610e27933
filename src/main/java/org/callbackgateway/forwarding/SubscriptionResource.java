package org.callbackgateway.forwarding;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.callbackgateway.web.ApiException;

/**
 * {@code /admin/subscriptions}: where events are forwarded, their secrets, their attempts, redeliveries and
 * replays. The authentication filter guards {@code /admin/*} (admin role).
 */
@Path("/admin/subscriptions")
@Produces(MediaType.APPLICATION_JSON)
public final class SubscriptionResource {
    private final SubscriptionService subscriptions;
    private final ForwardingService forwarding;

    public SubscriptionResource(SubscriptionService subscriptions, ForwardingService forwarding) {
        this.subscriptions = subscriptions;
        this.forwarding = forwarding;
    }

    /** The body of the secrets' POST and PATCH: when the secret stops being used, or null. */
    public record SecretChange(@JsonProperty("not_after") Instant notAfter) {
    }

    /** The body of {@code POST .../redeliver}. */
    public record Redelivery(@JsonProperty("event_id") String eventId) {
    }

    /** The body of {@code POST .../replay}: events that occurred in {@code [since, until)}. */
    public record Replay(@JsonProperty("since") Instant since, @JsonProperty("until") Instant until) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(SubscriptionRequest request, @Context SecurityContext security) {
        if (request == null) {
            throw ApiException.badRequest("a JSON object with url is required");
        }
        return Response.status(201).header("Cache-Control", "no-store")
                .entity(subscriptions.create(request, actor(security))).build();
    }

    @GET
    public Map<String, List<SubscriptionView>> list() {
        return Map.of("subscriptions", subscriptions.list());
    }

    @GET
    @Path("{id}")
    public SubscriptionView find(@PathParam("id") String id) {
        UUID subscription = SubscriptionParams.id(id);
        return subscriptions.find(subscription).orElseThrow(() -> SubscriptionParams.notFound(id));
    }

    @PATCH
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    public SubscriptionView update(@PathParam("id") String id, SubscriptionRequest change) {
        if (change == null) {
            throw ApiException.badRequest("a JSON object is required");
        }
        return subscriptions.update(SubscriptionParams.id(id), change);
    }

    @DELETE
    @Path("{id}")
    public Response delete(@PathParam("id") String id) {
        if (!subscriptions.delete(SubscriptionParams.id(id))) {
            throw SubscriptionParams.notFound(id);
        }
        return Response.noContent().build();
    }

    @POST
    @Path("{id}/secrets")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response addSecret(@PathParam("id") String id, SecretChange request) {
        return Response.status(201).header("Cache-Control", "no-store")
                .entity(subscriptions.addSecret(SubscriptionParams.id(id), request == null ? null : request.notAfter()))
                .build();
    }

    @PATCH
    @Path("{id}/secrets/{secret}")
    @Consumes(MediaType.APPLICATION_JSON)
    public SubscriptionView retireSecret(@PathParam("id") String id, @PathParam("secret") String secret,
                                         SecretChange change) {
        if (change == null) {
            throw ApiException.badRequest("a JSON object with not_after is required");
        }
        return subscriptions.setNotAfter(SubscriptionParams.id(id), SubscriptionParams.secretId(secret),
                change.notAfter());
    }

    @DELETE
    @Path("{id}/secrets/{secret}")
    public Response deleteSecret(@PathParam("id") String id, @PathParam("secret") String secret) {
        subscriptions.deleteSecret(SubscriptionParams.id(id), SubscriptionParams.secretId(secret));
        return Response.noContent().build();
    }

    @GET
    @Path("{id}/attempts")
    public Map<String, List<AttemptView>> attempts(@PathParam("id") String id, @QueryParam("event_id") String eventId,
                                                   @QueryParam("before") String before,
                                                   @QueryParam("limit") @DefaultValue("50") String limit) {
        return Map.of("attempts", forwarding.attempts(SubscriptionParams.id(id), eventId,
                SubscriptionParams.before(before), SubscriptionParams.limit(limit)));
    }

    @GET
    @Path("{id}/messages")
    public Map<String, List<MessageView>> messages(@PathParam("id") String id, @QueryParam("state") String state,
                                                   @QueryParam("before") String before,
                                                   @QueryParam("limit") @DefaultValue("50") String limit) {
        return Map.of("messages", forwarding.messages(SubscriptionParams.id(id), SubscriptionParams.state(state),
                SubscriptionParams.before(before), SubscriptionParams.limit(limit)));
    }

    @POST
    @Path("{id}/redeliver")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response redeliver(@PathParam("id") String id, Redelivery request) {
        if (request == null || request.eventId() == null || request.eventId().length() > 64) {
            throw ApiException.badRequest("a JSON object with event_id is required");
        }
        forwarding.redeliver(SubscriptionParams.id(id), request.eventId());
        return Response.accepted(Map.of("success", true)).build();
    }

    @POST
    @Path("{id}/replay")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response replay(@PathParam("id") String id, Replay request) {
        if (request == null || request.since() == null || request.until() == null) {
            throw ApiException.badRequest("a JSON object with since and until is required");
        }
        int queued = forwarding.replay(SubscriptionParams.id(id), request.since(), request.until());
        return Response.accepted(Map.of("queued", queued)).build();
    }

    private static String actor(SecurityContext security) {
        return security == null || security.getUserPrincipal() == null ? null : security.getUserPrincipal().getName();
    }
}
