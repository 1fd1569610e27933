package org.callbackgateway.console;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/**
 * {@code GET <context>/}: a browser opening the gateway's address lands on the console instead of a JSON 404.
 */
@Path("")
public final class RootRedirectResource {

    @GET
    public Response root(@Context UriInfo uri) {
        // The base URI holds the context path, so this works at the root and under Tomcat's /callback-gateway/.
        return Response.seeOther(uri.getBaseUriBuilder().path("console/").build()).build();
    }
}
