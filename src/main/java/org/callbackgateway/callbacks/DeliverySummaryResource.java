package org.callbackgateway.callbacks;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;

/**
 * {@code GET /secured/deliveries/summary}: the last 24 hours of deliveries by source, outcome and hour (admin role).
 */
@Path("/secured/deliveries/summary")
@Produces(MediaType.APPLICATION_JSON)
public final class DeliverySummaryResource {
    private final DeliverySummaryService service;

    public DeliverySummaryResource(DeliverySummaryService service) {
        this.service = service;
    }

    @GET
    public DeliverySummary summary(@Context SecurityContext security) {
        DeliveriesResource.requireAdmin(security);
        return service.summary();
    }
}
