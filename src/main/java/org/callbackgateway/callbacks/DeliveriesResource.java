package org.callbackgateway.callbacks;

import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import org.callbackgateway.db.Timestamps;
import org.callbackgateway.web.ApiException;
import org.callbackgateway.web.ErrorCode;

/**
 * {@code GET /secured/deliveries}: what arrived, for administrators (raw bodies on request).
 *
 * <p>The authentication filter authenticates {@code /secured/*}; deliveries carry every source's payloads,
 * so this resource also requires the admin role.
 */
@Path("/secured/deliveries")
@Produces(MediaType.APPLICATION_JSON)
public final class DeliveriesResource {
    private final DeliveryQueryService service;

    public DeliveriesResource(DeliveryQueryService service) {
        this.service = service;
    }

    @GET
    public DeliveryQueryService.Page list(@QueryParam("source") String source, @QueryParam("outcome") String outcome,
                                          @QueryParam("since") String since,
                                          @QueryParam("limit") @DefaultValue("50") String limit,
                                          @QueryParam("cursor") String cursor,
                                          @QueryParam("body") @DefaultValue("false") String body,
                                          @Context SecurityContext security) {
        requireAdmin(security);
        return service.list(new DeliveryQuery(present(source), present(outcome), present(since).map(DeliveriesResource::instant),
                number(limit), present(cursor), Boolean.parseBoolean(body)));
    }

    @GET
    @Path("{id}")
    public DeliveryView find(@PathParam("id") String id, @QueryParam("body") @DefaultValue("false") String body,
                             @Context SecurityContext security) {
        requireAdmin(security);
        long deliveryId;
        try {
            deliveryId = Long.parseLong(id);
        } catch (NumberFormatException e) {
            throw ApiException.notFound("delivery " + id + " not found");
        }
        return service.find(deliveryId, Boolean.parseBoolean(body))
                .orElseThrow(() -> ApiException.notFound("delivery " + id + " not found"));
    }

    private static void requireAdmin(SecurityContext security) {
        if (security == null || !security.isUserInRole("admin")) {
            throw new ApiException(403, ErrorCode.ERR_FORBIDDEN, "deliveries are visible to administrators only");
        }
    }

    private static Optional<String> present(String value) {
        return Optional.ofNullable(value).map(String::trim).filter(text -> !text.isEmpty());
    }

    private static Instant instant(String value) {
        Instant since;
        try {
            since = Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw ApiException.illegalArgument("since must be an ISO-8601 instant such as 2026-01-31T12:00:00Z");
        }
        if (!Timestamps.storable(since)) {
            throw ApiException.illegalArgument("since is out of range (" + Timestamps.RANGE + ")");
        }
        return since;
    }

    private static int number(String value) {
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw ApiException.illegalArgument("limit must be a whole number");
        }
    }
}
