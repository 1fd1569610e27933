package org.callbackgateway.callbacks.forge;

import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.io.InputStream;
import java.util.Map;
import org.callbackgateway.callbacks.SignedEndpoint;

/**
 * {@code POST /callbacks/github}, {@code /callbacks/gitea} and {@code /callbacks/gitlab}: forge webhooks.
 */
@Path("/callbacks/{forge: github|gitea|gitlab}")
@Produces(MediaType.APPLICATION_JSON)
public final class ForgeResource {
    private final SignedEndpoint endpoint;

    public ForgeResource(SignedEndpoint endpoint) {
        this.endpoint = endpoint;
    }

    @POST
    public Map<String, Object> receive(@PathParam("forge") String forge, InputStream body,
                                       @Context HttpHeaders headers) {
        // The source is named by the endpoint and verified by the verifier of the same name.
        return endpoint.receive(forge, forge, body, headers);
    }
}
