package org.callbackgateway.callbacks;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;
import org.callbackgateway.web.ApiException;
import org.callbackgateway.web.ErrorCode;

/**
 * {@code GET /secured/deliveries}: search what arrived, for administrators (raw bodies on request).
 *
 * <p>The authentication filter authenticates {@code /secured/*}; deliveries carry every source's payloads,
 * so this resource also requires the admin role.
 */
@Path("/secured/deliveries")
@Produces(MediaType.APPLICATION_JSON)
public final class DeliveriesResource {
    private final DeliveryQueryService service;
    private final DeliveryFilters filters;

    public DeliveriesResource(DeliveryQueryService service, ObjectMapper mapper) {
        this.service = service;
        this.filters = new DeliveryFilters(mapper);
    }

    @GET
    public DeliveryQueryService.Page list(@Context UriInfo uri, @Context SecurityContext security) {
        requireAdmin(security);
        MultivaluedMap<String, String> parameters = uri.getQueryParameters();
        return service.list(new DeliveryQuery(filters.fromQuery(parameters),
                DeliveryFilters.number(parameters.getFirst("limit"), 50, "limit"),
                DeliveryFilters.present(parameters.getFirst("cursor")),
                Boolean.parseBoolean(parameters.getFirst("body"))));
    }

    @GET
    @Path("{id}")
    public DeliveryView find(@PathParam("id") String id, @Context UriInfo uri, @Context SecurityContext security) {
        requireAdmin(security);
        long deliveryId;
        try {
            deliveryId = Long.parseLong(id);
        } catch (NumberFormatException e) {
            throw ApiException.notFound("delivery " + id + " not found");
        }
        return service.find(deliveryId, Boolean.parseBoolean(uri.getQueryParameters().getFirst("body")))
                .orElseThrow(() -> ApiException.notFound("delivery " + id + " not found"));
    }

    static void requireAdmin(SecurityContext security) {
        if (security == null || !security.isUserInRole("admin")) {
            throw new ApiException(403, ErrorCode.ERR_FORBIDDEN, "deliveries are visible to administrators only");
        }
    }
}
